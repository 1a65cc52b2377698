package admin

import (
	"net/http"
	"strings"

	"b2x/app"
	"b2x/crm"
	"b2x/errs"
	"b2x/money"
	"b2x/store"
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
	Files  []store.TenderFile
	Form   tenderForm
	Errors page.FormErrors
	Amount string
	// Currency is the currency a deal made of the tender is in.
	Currency  string
	Decisions []crm.Decision
	Outcomes  []crm.Outcome
	MaxFileMB int
}

// dealCurrency is the currency of deals made from a tender when the form does
// not say: tenders carry no price until the bid.
const dealCurrency = "EUR"

func (s *Server) tenderPage(r *http.Request, rq *request) (tenderPage, error) {
	t, err := s.app.Tender(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return tenderPage{}, err
	}
	files, err := s.app.TenderFiles(r.Context(), rq.actor, t.ID)
	if err != nil {
		return tenderPage{}, err
	}
	return tenderPage{Tender: t, Files: files, Form: formOfTender(t), Currency: dealCurrency,
		Decisions: []crm.Decision{crm.Bid, crm.NoBid, crm.Undecided},
		Outcomes:  []crm.Outcome{crm.OutcomeWon, crm.OutcomeLost, crm.OutcomeCancelled}, MaxFileMB: app.MaxTenderFile >> 20}, nil
}

func (s *Server) tender(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := s.tenderPage(r, rq)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "tender", rq, d.Tender.Title, d)
	return nil
}

// dealFromTender opens the tender's deal and shows it.
func (s *Server) dealFromTender(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	amount, currency := page.Field(r, "amount"), strings.ToUpper(page.Field(r, "currency"))
	if currency == "" {
		currency = dealCurrency
	}
	in := app.TenderDeal{Title: page.Field(r, "title")}
	parsed, err := money.ParseLocal(amount, currency, rq.loc.Code)
	if err != nil {
		err = errs.Field("amount", "%s", rq.p.T("admin.bad_amount"))
	} else {
		in.Amount = parsed
		var deal app.OpportunityView
		if deal, err = s.app.CreateDealFromTender(r.Context(), rq.actor, r.PathValue("id"), in); err == nil {
			http.Redirect(w, r, "/admin/deals/"+deal.ID, http.StatusSeeOther)
			return nil
		}
	}
	fe, other := page.AsFormErrorsIn(rq.p, err)
	if other != nil {
		return other
	}
	d, other := s.tenderPage(r, rq)
	if other != nil {
		return other
	}
	d.Errors, d.Amount, d.Currency = fe, amount, currency
	s.render(w, r, page.FormStatus(err), "tender", rq, d.Tender.Title, d)
	return nil
}
