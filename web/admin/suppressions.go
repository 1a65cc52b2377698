package admin

import (
	"net/http"
	"net/url"

	"b2x/app"
	"b2x/errs"
	"b2x/store"
	"b2x/web/page"
)

// The suppression list (issue 6): searched by address and reason, an address
// added with a reason, one taken off after a confirmation; and the look-up of
// one address: its consents per list and whether it is suppressed and why.

type suppressionsPage struct {
	Suppressions []store.Suppression
	// Q and Reason are the search; Reasons the ones a search may pick.
	Q, Reason string
	Reasons   []string
	// AddReasons are the reasons staff may give; Email, AddReason and Detail
	// are the add form as typed.
	AddReasons               []string
	Email, AddReason, Detail string
	Errors, SearchErrors     page.FormErrors
	Done                     string
}

// suppressions shows the newest suppressed addresses, narrowed by the search.
func (s *Server) suppressions(w http.ResponseWriter, r *http.Request, rq *request) error {
	d := suppressionsPage{Done: doneOf(r, "added", "removed", "not_suppressed")}
	return s.renderSuppressions(w, r, rq, http.StatusOK, d)
}

func (s *Server) renderSuppressions(w http.ResponseWriter, r *http.Request, rq *request, status int, d suppressionsPage) error {
	q := r.URL.Query()
	d.Q, d.Reason = q.Get("q"), q.Get("reason")
	d.Reasons = append(app.SuppressReasons(), "soft_bounces")
	d.AddReasons = app.SuppressReasons()
	if d.AddReason == "" {
		d.AddReason = "manual"
	}
	var err error
	d.Suppressions, err = s.app.FindSuppressions(r.Context(), rq.actor, store.SuppressionQuery{Contains: d.Q, Reason: d.Reason, Limit: app.MaxPageSize})
	if err != nil {
		if d.SearchErrors, err = page.AsFormErrorsIn(rq.p, err); err != nil {
			return err
		}
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "suppressions", rq, rq.p.T("camp.suppressions"), d)
	return nil
}

// suppress adds an address to the list with the reason given.
func (s *Server) suppress(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	d := suppressionsPage{Email: page.Field(r, "email"), AddReason: page.Field(r, "reason"), Detail: page.Field(r, "detail")}
	if err := s.app.Suppress(r.Context(), rq.actor, app.SuppressInput{Email: d.Email, Reason: d.AddReason, Detail: d.Detail}); err != nil {
		if d.Errors, err = page.AsFormErrorsIn(rq.p, err); err != nil {
			return err
		}
		return s.renderSuppressions(w, r, rq, http.StatusUnprocessableEntity, d)
	}
	http.Redirect(w, r, "/admin/suppressions?done=added&q="+url.QueryEscape(d.Email), http.StatusSeeOther)
	return nil
}

type unsuppressPage struct {
	Standing app.AddressStanding
	Error    string
}

// unsuppressForm asks to confirm taking an address off the list, showing why
// it is on it.
func (s *Server) unsuppressForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	st, err := s.app.LookUpAddress(r.Context(), rq.actor, r.URL.Query().Get("email"))
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "unsuppress", rq, rq.p.T("aud.unsuppress"), unsuppressPage{Standing: st})
	return nil
}

// unsuppress takes an address off the list once the box is ticked.
func (s *Server) unsuppress(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	email := page.Field(r, "email")
	if page.Field(r, "confirm") != "yes" {
		st, err := s.app.LookUpAddress(r.Context(), rq.actor, email)
		if err != nil {
			return err
		}
		msg := page.ErrorMessage(rq.p, errs.EKey(errs.Conflict, "err.suppress.confirm", "Tick the box to confirm."))
		s.render(w, r, http.StatusUnprocessableEntity, "unsuppress", rq, rq.p.T("aud.unsuppress"), unsuppressPage{Standing: st, Error: msg})
		return nil
	}
	ok, err := s.app.Unsuppress(r.Context(), rq.actor, email)
	if err != nil {
		return err
	}
	done := "removed"
	if !ok {
		done = "not_suppressed"
	}
	http.Redirect(w, r, "/admin/suppressions?done="+done, http.StatusSeeOther)
	return nil
}

type addressPage struct {
	Email    string
	Standing *app.AddressStanding
	Errors   page.FormErrors
	Done     string
}

// lookUpAddress shows where an address stands: its consents per list, each
// in force with a button to withdraw it, and its suppression.
func (s *Server) lookUpAddress(w http.ResponseWriter, r *http.Request, rq *request) error {
	d := addressPage{Email: r.URL.Query().Get("email"), Done: doneOf(r, "withdrawn", "not_in_force")}
	status := http.StatusOK
	if d.Email != "" {
		st, err := s.app.LookUpAddress(r.Context(), rq.actor, d.Email)
		if err != nil {
			if d.Errors, err = page.AsFormErrorsIn(rq.p, err); err != nil {
				return err
			}
			status = http.StatusUnprocessableEntity
		} else {
			d.Standing = &st
		}
	}
	s.render(w, r, status, "address", rq, rq.p.T("aud.lookup"), d)
	return nil
}

// Back is the look-up page's own address, for the withdraw buttons to return to.
func (d addressPage) Back() string { return "/admin/address?email=" + url.QueryEscape(d.Email) }
