package admin

import (
	"net/http"

	"b2x/app"
	"b2x/web/page"
)

type signInPage struct {
	Email  string
	Next   string
	Errors page.FormErrors
}

func (s *Server) signInForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	s.render(w, r, http.StatusOK, "signin", rq, rq.p.T("admin.sign_in"), signInPage{Next: localPath(r.URL.Query().Get("next"))})
	return nil
}

// signIn starts a staff session. The session cookie the browser had is ended,
// so a token planted before sign-in is worth nothing after it.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	d := signInPage{Email: page.Field(r, "email"), Next: localPath(page.Field(r, "next"))}
	in, err := s.app.StaffSignIn(r.Context(), app.Credentials{Email: d.Email, Password: r.PostFormValue("password"),
		RemoteAddr: r.RemoteAddr, PreviousToken: page.CookieValue(r, page.SessionCookie)})
	if err != nil {
		fe, other := page.AsFormErrorsIn(rq.p, err)
		if other != nil {
			return other
		}
		d.Errors = fe
		s.render(w, r, page.FormStatus(err), "signin", rq, rq.p.T("admin.sign_in"), d)
		return nil
	}
	page.SetCookie(w, r, page.SessionCookie, in.Token, in.Expires)
	http.Redirect(w, r, d.Next, http.StatusSeeOther)
	return nil
}

func (s *Server) signOut(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := s.app.SignOut(r.Context(), page.CookieValue(r, page.SessionCookie)); err != nil {
		return err
	}
	page.ClearCookie(w, r, page.SessionCookie)
	http.Redirect(w, r, "/admin/sign-in", http.StatusSeeOther)
	return nil
}
