package shop

import (
	"net/http"
	"net/url"

	"b2x/locale"
	"b2x/web/page"
)

type resetPage struct {
	Sent   bool
	Token  string
	Done   bool
	Email  string
	Errors page.FormErrors
}

func (resetPage) title(p *locale.Printer) string { return p.T("reset.title") }

func (s *Server) resetForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	s.render(w, http.StatusOK, "reset", rq, resetPage{})
	return nil
}

// requestReset mails a reset link when the address has an account, and answers
// the same either way, so the form tells nobody which addresses have one.
func (s *Server) requestReset(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	email := page.Field(r, "email")
	ctx := r.Context()
	req, err := s.app.RequestPasswordReset(ctx, email)
	if err == nil {
		link := s.app.ShopURL("/"+rq.loc.Code+"/account/reset/new", url.Values{"token": {req.Token}})
		err = s.app.QueuePasswordResetMail(ctx, req, link, rq.loc.Code)
	}
	if err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		s.render(w, page.FormStatus(err), "reset", rq, resetPage{Email: email, Errors: fe})
		return nil
	}
	s.render(w, http.StatusOK, "reset", rq, resetPage{Sent: true})
	return nil
}

func (s *Server) newPasswordForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, http.StatusOK, "reset", rq, resetPage{Token: r.URL.Query().Get("token")})
	return nil
}

func (s *Server) setNewPassword(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	token := page.Field(r, "token")
	if err := s.app.ResetPassword(r.Context(), token, r.PostFormValue("password")); err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		s.render(w, page.FormStatus(err), "reset", rq, resetPage{Token: token, Errors: fe})
		return nil
	}
	s.render(w, http.StatusOK, "reset", rq, resetPage{Done: true})
	return nil
}
