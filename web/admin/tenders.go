package admin

import (
	"net/http"
	"strings"

	"b2x/app"
	"b2x/errs"
	"b2x/money"
	"b2x/web/page"
)

type tendersPage struct{ Tenders []app.TenderView }

// tenders lists tenders by deadline.
func (s *Server) tenders(w http.ResponseWriter, r *http.Request, rq *request) error {
	ts, err := s.app.Tenders(r.Context(), rq.actor, app.TenderQuery{Limit: app.MaxPageSize})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "tenders", rq, rq.p.T("admin.tenders"), tendersPage{Tenders: ts})
	return nil
}

type tenderPage struct {
	Tender app.TenderView
	Errors page.FormErrors
	Amount string
	// Currency is the currency a deal made of the tender is in.
	Currency string
}

// dealCurrency is the currency of deals made from a tender when the form does
// not say: tenders carry no price until the bid.
const dealCurrency = "EUR"

func (s *Server) tender(w http.ResponseWriter, r *http.Request, rq *request) error {
	t, err := s.app.Tender(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "tender", rq, t.Title, tenderPage{Tender: t, Currency: dealCurrency})
	return nil
}

// dealFromTender opens the tender's deal and shows it.
func (s *Server) dealFromTender(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	d := tenderPage{Amount: page.Field(r, "amount"), Currency: strings.ToUpper(page.Field(r, "currency"))}
	if d.Currency == "" {
		d.Currency = dealCurrency
	}
	in := app.TenderDeal{Title: page.Field(r, "title")}
	amount, err := money.ParseLocal(d.Amount, d.Currency, rq.loc.Code)
	if err != nil {
		err = errs.Field("amount", "%s", rq.p.T("admin.bad_amount"))
	} else {
		in.Amount = amount
		var deal app.OpportunityView
		if deal, err = s.app.CreateDealFromTender(r.Context(), rq.actor, r.PathValue("id"), in); err == nil {
			http.Redirect(w, r, "/admin/deals/"+deal.ID, http.StatusSeeOther)
			return nil
		}
	}
	fe, other := page.AsFormErrors(err)
	if other != nil {
		return other
	}
	if d.Tender, other = s.app.Tender(r.Context(), rq.actor, r.PathValue("id")); other != nil {
		return other
	}
	d.Errors = fe
	s.render(w, r, page.FormStatus(err), "tender", rq, d.Tender.Title, d)
	return nil
}
