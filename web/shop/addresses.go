package shop

import (
	"net/http"

	"b2x/account"
	"b2x/locale"
)

type addressesPage struct {
	Addresses []account.Address
	// Form is a new or edited address shown again with its errors.
	Form   account.Address
	Errors formErrors
}

func (addressesPage) title(p *locale.Printer) string { return p.T("account.addresses") }

func (s *Server) addresses(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.showAddresses(w, r, rq, addressesPage{Form: account.Address{Country: defaultCountry(rq)}}, http.StatusOK)
}

func (s *Server) showAddresses(w http.ResponseWriter, r *http.Request, rq *request, page addressesPage, status int) error {
	var err error
	if page.Addresses, err = s.app.Addresses(r.Context(), rq.actor); err != nil {
		return err
	}
	s.render(w, status, "addresses", rq, page)
	return nil
}

// defaultCountry pre-fills the country of a new address from the language.
func defaultCountry(rq *request) string {
	return map[string]string{"ru": "RU", "fa": "IR"}[rq.loc.Code]
}

func readAddress(r *http.Request) account.Address {
	return account.Address{Label: field(r, "label"), Name: field(r, "name"), Line1: field(r, "line1"), Line2: field(r, "line2"),
		City: field(r, "city"), Postcode: field(r, "postcode"), Country: field(r, "country"), Phone: field(r, "phone")}
}

// saveAddress adds an address, or changes the one named by the form's id.
func (s *Server) saveAddress(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	addr := readAddress(r)
	var err error
	if id := field(r, "id"); id != "" {
		_, err = s.app.UpdateAddress(r.Context(), rq.actor, id, addr)
		addr.ID = id
	} else {
		_, err = s.app.AddAddress(r.Context(), rq.actor, addr)
	}
	if err != nil {
		fe, ferr := asFormErrors(err)
		if ferr != nil {
			return ferr
		}
		return s.showAddresses(w, r, rq, addressesPage{Form: addr, Errors: fe}, formStatus(err))
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
