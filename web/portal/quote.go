package portal

import (
	"bytes"
	"net/http"

	"b2x/app"
	"b2x/errs"
	"b2x/locale"
	"b2x/party"
	"b2x/quote"
	"b2x/store"
	"b2x/web/page"
)

type quotePage struct {
	Detail    app.QuoteDetail
	Revisions []store.QuoteRevision
	// Me is the signed-in contact in the buying center; nil when they are not in it.
	Me *quote.Participant
	// Mine is the buyer's own latest decision on this revision, if any.
	Mine *quote.Approval
	// Key is the accept form's Idempotency-Key.
	Key    string
	Reason string
	Errors page.FormErrors
	// Comments is the thread between the company and the seller, oldest first.
	Comments []store.QuoteComment
	// Comment is a refused comment's text, shown again; CommentKey makes a
	// double post one comment.
	Comment    string
	CommentKey string
}

func (p quotePage) title(pr *locale.Printer) string {
	return pr.T("portal.quote_title", "number", p.Detail.Quote.Number)
}

// Waiting names who a missing role waits for: the buying center's holders of it.
func (p quotePage) Waiting(role party.Role) []string {
	var out []string
	for _, r := range p.Detail.Verdict.Required {
		if r.Role == role {
			for _, h := range r.Holders {
				out = append(out, h.Name)
			}
		}
	}
	return out
}

// Decidable reports whether the quote is waiting for decisions.
func (p quotePage) Decidable() bool {
	s := p.Detail.Quote.Status
	return s == quote.StatusSent || s == quote.StatusApproved || s == quote.StatusRejected
}

// Acceptable reports whether the accept button is worth showing.
func (p quotePage) Acceptable() bool { return p.Decidable() }

func (s *Server) quotePage(r *http.Request, rq *request, d app.QuoteDetail) (quotePage, error) {
	revs, err := s.app.QuoteRevisions(r.Context(), rq.actor, d.Quote.ID)
	if err != nil {
		return quotePage{}, err
	}
	comments, err := s.app.QuoteComments(r.Context(), rq.actor, d.Quote.ID)
	if err != nil {
		return quotePage{}, err
	}
	pg := quotePage{Detail: d, Revisions: revs, Key: newFormKey(), Comments: comments, CommentKey: newFormKey()}
	for i, p := range d.Participants {
		if p.ContactID == rq.actor.ContactID {
			pg.Me = &d.Participants[i]
		}
	}
	for i, a := range d.Approvals {
		if a.ContactID == rq.actor.ContactID {
			pg.Mine = &d.Approvals[i] // the latest wins: approvals are in order
		}
	}
	return pg, nil
}

func (s *Server) quote(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := s.app.Quote(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	pg, err := s.quotePage(r, rq, d)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "quote", rq, pg)
	return nil
}

// quoteRefused shows the quote again with why the form was refused. A quote the
// buyer may not see stays not found.
func (s *Server) quoteRefused(w http.ResponseWriter, r *http.Request, rq *request, refusal error, reason string) error {
	fe, ferr := page.AsFormErrorsIn(rq.p, refusal)
	if ferr != nil {
		return ferr
	}
	d, err := s.app.Quote(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	pg, err := s.quotePage(r, rq, d)
	if err != nil {
		return err
	}
	pg.Errors, pg.Reason = fe, reason
	status := page.FormStatus(refusal)
	if errs.CodeOf(refusal) == errs.Forbidden {
		status = http.StatusForbidden
	}
	s.render(w, status, "quote", rq, pg)
	return nil
}

// decide records the buyer's approval or rejection, with a reason.
func (s *Server) decide(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id, reason := r.PathValue("id"), page.Field(r, "reason")
	decision := quote.Decision(page.Field(r, "decision"))
	if decision != quote.Approve && decision != quote.Reject {
		return s.quoteRefused(w, r, rq, errs.Field("decision", "is approve or reject"), reason)
	}
	if _, err := s.app.DecideQuote(r.Context(), rq.actor, id, decision, reason, page.Field(r, "key")); err != nil {
		return s.quoteRefused(w, r, rq, err, reason)
	}
	http.Redirect(w, r, "/portal/quotes/"+id, http.StatusSeeOther)
	return nil
}

// accept turns the approved quote into an order; the form's key makes a double
// click one order.
func (s *Server) accept(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	o, _, err := s.app.AcceptQuote(r.Context(), rq.actor, r.PathValue("id"), page.Field(r, "key"))
	if err != nil {
		return s.quoteRefused(w, r, rq, err, "")
	}
	http.Redirect(w, r, "/portal/orders/"+o.ID, http.StatusSeeOther)
	return nil
}

// quotePDF sends the quote as a PDF, rendered whole before the first byte so a
// failure is an error page, not half a file.
func (s *Server) quotePDF(w http.ResponseWriter, r *http.Request, rq *request) error {
	var buf bytes.Buffer
	if err := s.app.QuotePDF(r.Context(), rq.actor, r.PathValue("id"), &buf); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="quote.pdf"`)
	w.Write(buf.Bytes())
	return nil
}

// comment adds the buyer's message to the quote's thread; the form's key makes
// a double post one comment.
func (s *Server) comment(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id, body := r.PathValue("id"), r.PostFormValue("body")
	if _, err := s.app.AddQuoteComment(r.Context(), rq.actor, id, body, page.Field(r, "key")); err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		d, derr := s.app.Quote(r.Context(), rq.actor, id)
		if derr != nil {
			return derr
		}
		pg, perr := s.quotePage(r, rq, d)
		if perr != nil {
			return perr
		}
		pg.Errors, pg.Comment = fe, body
		s.render(w, refusedStatus(err), "quote", rq, pg)
		return nil
	}
	http.Redirect(w, r, "/portal/quotes/"+id+"#comments", http.StatusSeeOther)
	return nil
}
