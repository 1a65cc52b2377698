package admin

import (
	"net/http"

	"b2x/app"
	"b2x/errs"
	"b2x/ids"
	"b2x/quote"
	"b2x/store"
	"b2x/web/page"
)

// Staff's side of the buyer portal: a sign-in link mailed to a contact, and a
// quote's comment thread with the company.

// sendPortalLink mails a contact a one-time portal sign-in link in the language
// chosen (customers.edit; audited by the use case).
func (s *Server) sendPortalLink(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	c, err := s.app.SendPortalSignInLink(r.Context(), rq.actor, r.PathValue("id"), page.Field(r, "lang"))
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/customers/"+c.OrganizationID+"?link_sent="+c.ID, http.StatusSeeOther)
	return nil
}

type quotePage struct {
	Detail   app.QuoteDetail
	Comments []store.QuoteComment
	Key      string
	Comment  string
	Errors   page.FormErrors
}

// Status is the quote's status, for the template's translation key.
func (p quotePage) Status() quote.Status { return p.Detail.Quote.Status }

func (s *Server) quotePage(r *http.Request, rq *request, id string) (quotePage, error) {
	d, err := s.app.Quote(r.Context(), rq.actor, id)
	if err != nil {
		return quotePage{}, err
	}
	cs, err := s.app.QuoteComments(r.Context(), rq.actor, id)
	if err != nil {
		return quotePage{}, err
	}
	return quotePage{Detail: d, Comments: cs, Key: "admin-" + ids.New()}, nil
}

// quote shows a quote with its comment thread (quotes.read).
func (s *Server) quote(w http.ResponseWriter, r *http.Request, rq *request) error {
	pg, err := s.quotePage(r, rq, r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "quote", rq, rq.p.T("admin.quote_title", "number", pg.Detail.Quote.Number), pg)
	return nil
}

// comment adds staff's message to a quote's thread (quotes.edit).
func (s *Server) comment(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id, body := r.PathValue("id"), r.PostFormValue("body")
	_, err := s.app.AddQuoteComment(r.Context(), rq.actor, id, body, page.Field(r, "key"))
	if err == nil {
		http.Redirect(w, r, "/admin/quotes/"+id+"#comments", http.StatusSeeOther)
		return nil
	}
	fe, ferr := page.AsFormErrorsIn(rq.p, err)
	if ferr != nil {
		return ferr
	}
	pg, perr := s.quotePage(r, rq, id)
	if perr != nil {
		return perr
	}
	pg.Errors, pg.Comment = fe, body
	status := page.FormStatus(err)
	if errs.CodeOf(err) == errs.Forbidden {
		status = http.StatusForbidden
	}
	s.render(w, r, status, "quote", rq, rq.p.T("admin.quote_title", "number", pg.Detail.Quote.Number), pg)
	return nil
}
