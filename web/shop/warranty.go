package shop

import (
	"net/http"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/locale"
	"b2x/warranty"
	"b2x/web/page"
)

// warrantyPage lists the customer's registered items and their claims (S18,
// S19), with forms to register an item and to claim on one.
type warrantyPage struct {
	Registrations []warranty.Registration
	Claims        []warranty.Claim
	Form          app.NewRegistration
	Date          string // the purchase date as typed
	Errors        page.FormErrors
	// ClaimFor and ClaimErrors show a refused claim again under its item.
	ClaimFor    string
	Problem     string
	ClaimErrors page.FormErrors
}

func (warrantyPage) title(p *locale.Printer) string { return p.T("warranty.title") }

func (s *Server) warranty(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.showWarranty(w, r, rq, warrantyPage{}, http.StatusOK)
}

func (s *Server) showWarranty(w http.ResponseWriter, r *http.Request, rq *request, pg warrantyPage, status int) error {
	ctx := r.Context()
	var err error
	if pg.Registrations, err = s.app.WarrantyRegistrations(ctx, rq.actor, app.RegistrationQuery{Limit: 100}); err != nil {
		return err
	}
	if pg.Claims, err = s.app.WarrantyClaims(ctx, rq.actor, app.ClaimQuery{Limit: 100}); err != nil {
		return err
	}
	s.render(w, status, "warranty", rq, pg)
	return nil
}

func (s *Server) registerWarranty(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	in := app.NewRegistration{PersonID: rq.actor.PersonID, SKU: page.Field(r, "sku"), SerialNumber: page.Field(r, "serial"),
		OrderID: page.Field(r, "order_id")}
	date := page.Field(r, "purchased")
	if date != "" {
		t, err := time.Parse(time.DateOnly, date)
		if err != nil {
			fe, _ := page.AsFormErrorsIn(rq.p, errs.FieldKey("purchased_at", "err.date.syntax", "is not a date (YYYY-MM-DD)"))
			return s.showWarranty(w, r, rq, warrantyPage{Form: in, Date: date, Errors: fe}, http.StatusUnprocessableEntity)
		}
		in.PurchasedAt = t
	}
	if _, err := s.app.RegisterWarranty(r.Context(), rq.actor, in); err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		return s.showWarranty(w, r, rq, warrantyPage{Form: in, Date: date, Errors: fe}, page.FormStatus(err))
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/account/warranty", http.StatusSeeOther)
	return nil
}

func (s *Server) claimWarranty(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id, problem := r.PathValue("id"), page.Field(r, "problem")
	if _, err := s.app.SubmitClaim(r.Context(), rq.actor, id, problem); err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil && errs.CodeOf(err) != errs.NotFound {
			return ferr
		}
		if errs.CodeOf(err) == errs.NotFound {
			return err
		}
		return s.showWarranty(w, r, rq, warrantyPage{ClaimFor: id, Problem: problem, ClaimErrors: fe}, page.FormStatus(err))
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/account/warranty", http.StatusSeeOther)
	return nil
}
