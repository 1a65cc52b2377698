package shop

import (
	"b2x/web/page"
	"net/http"

	"b2x/account"
	"b2x/locale"
)

type addressesPage struct {
	Addresses []account.Address
	// Form is a new or edited address shown again with its errors.
	Form   account.Address
	Errors page.FormErrors
}

func (addressesPage) title(p *locale.Printer) string { return p.T("account.addresses") }

func (s *Server) addresses(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.showAddresses(w, r, rq, addressesPage{Form: account.Address{Country: defaultCountry(rq)}}, http.StatusOK)
}

func (s *Server) showAddresses(w http.ResponseWriter, r *http.Request, rq *request, pg addressesPage, status int) error {
	var err error
	if pg.Addresses, err = s.app.Addresses(r.Context(), rq.actor); err != nil {
		return err
	}
	s.render(w, status, "addresses", rq, pg)
	return nil
}

// defaultCountry pre-fills the country of a new address from the language.
func defaultCountry(rq *request) string {
	return map[string]string{"ru": "RU", "fa": "IR"}[rq.loc.Code]
}

func readAddress(r *http.Request) account.Address {
	return account.Address{Label: page.Field(r, "label"), Name: page.Field(r, "name"), Line1: page.Field(r, "line1"), Line2: page.Field(r, "line2"),
		City: page.Field(r, "city"), Postcode: page.Field(r, "postcode"), Country: page.Field(r, "country"), Phone: page.Field(r, "phone")}
}

// saveAddress adds an address, or changes the one named by the form's id.
func (s *Server) saveAddress(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	addr := readAddress(r)
	var err error
	if id := page.Field(r, "id"); id != "" {
		_, err = s.app.UpdateAddress(r.Context(), rq.actor, id, addr)
		addr.ID = id
	} else {
		_, err = s.app.AddAddress(r.Context(), rq.actor, addr)
	}
	if err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		return s.showAddresses(w, r, rq, addressesPage{Form: addr, Errors: fe}, page.FormStatus(err))
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/account/addresses", http.StatusSeeOther)
	return nil
}

func (s *Server) deleteAddress(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := s.app.DeleteAddress(r.Context(), rq.actor, r.PathValue("id")); err != nil {
		return err
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/account/addresses", http.StatusSeeOther)
	return nil
}
