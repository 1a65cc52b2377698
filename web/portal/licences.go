package portal

import (
	"net/http"
	"strconv"

	"b2x/app"
	"b2x/errs"
	"b2x/licence"
	"b2x/locale"
	"b2x/web/page"
)

// The organization's licences (S7): seats, term, maintenance, and seats added
// mid-term at the pro-rata price the app computes (licence.ProRata), shown
// before the buyer confirms.

type licencesPage struct{ Licences []licence.Licence }

func (licencesPage) title(p *locale.Printer) string { return p.T("portal.licences") }

type licencePage struct {
	app.LicenceView
	Seats  string
	Price  *licence.ProRataPrice // the price of Seats, once asked
	Key    string
	Errors page.FormErrors
}

func (l licencePage) title(p *locale.Printer) string { return l.Licence.Name }

func (s *Server) licences(w http.ResponseWriter, r *http.Request, rq *request) error {
	ls, err := s.app.Licences(r.Context(), rq.actor, app.LicenceQuery{Limit: 100})
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "licences", rq, licencesPage{Licences: ls})
	return nil
}

// licence shows one licence; another organization's is not found.
func (s *Server) licence(w http.ResponseWriter, r *http.Request, rq *request) error {
	v, err := s.app.Licence(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "licence", rq, licencePage{LicenceView: v, Seats: "1", Key: newFormKey()})
	return nil
}

// addSeats prices the seats asked for (action "price") or adds them, placing the
// order that charges for them (action "add", with the form's key).
func (s *Server) addSeats(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id := r.PathValue("id")
	v, err := s.app.Licence(r.Context(), rq.actor, id)
	if err != nil {
		return err
	}
	pg := licencePage{LicenceView: v, Seats: page.Field(r, "seats"), Key: page.Field(r, "key")}
	if pg.Key == "" {
		pg.Key = newFormKey()
	}
	seats, err := strconv.Atoi(pg.Seats)
	if err != nil {
		return s.licenceRefused(w, rq, pg, errs.Field("seats", "must be a whole number"))
	}
	if page.Field(r, "action") == "add" {
		_, o, _, err := s.app.AddLicenceSeats(r.Context(), rq.actor, id, seats, pg.Key)
		if err != nil {
			return s.licenceRefused(w, rq, pg, err)
		}
		http.Redirect(w, r, "/portal/orders/"+o.ID, http.StatusSeeOther)
		return nil
	}
	price, err := s.app.LicenceSeatPrice(r.Context(), rq.actor, id, seats)
	if err != nil {
		return s.licenceRefused(w, rq, pg, err)
	}
	pg.Price = &price
	s.render(w, http.StatusOK, "licence", rq, pg)
	return nil
}

func (s *Server) licenceRefused(w http.ResponseWriter, rq *request, pg licencePage, err error) error {
	fe, ferr := page.AsFormErrorsIn(rq.p, err)
	if ferr != nil {
		return ferr
	}
	pg.Errors = fe
	status := page.FormStatus(err)
	if errs.CodeOf(err) == errs.Forbidden {
		status = http.StatusForbidden
	}
	s.render(w, status, "licence", rq, pg)
	return nil
}
