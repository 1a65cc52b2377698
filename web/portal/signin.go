package portal

import (
	"net/http"

	"b2x/app"

	"b2x/locale"
	"b2x/web/page"
)

type signInPage struct {
	Token  string
	Errors page.FormErrors
}

func (signInPage) title(p *locale.Printer) string { return p.T("portal.sign_in") }

// signInForm shows the sign-in form; a link's ?token= fills it in. Only the
// POST uses the token up, so a mail scanner that opens the link spends nothing.
func (s *Server) signInForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	w.Header().Set("Referrer-Policy", "no-referrer")
	s.render(w, http.StatusOK, "signin", rq, signInPage{Token: r.URL.Query().Get("token")})
	return nil
}

func (s *Server) signIn(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	signed, err := s.app.ContactSignIn(app.WithLang(r.Context(), rq.loc.Code), page.Field(r, "token"), page.CookieValue(r, page.SessionCookie))
	if err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		s.render(w, page.FormStatus(err), "signin", rq, signInPage{Errors: fe})
		return nil
	}
	page.SetCookie(w, r, page.SessionCookie, signed.Token, signed.Expires)
	http.Redirect(w, r, "/portal/", http.StatusSeeOther)
	return nil
}

func (s *Server) signOut(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := s.app.SignOut(r.Context(), page.CookieValue(r, page.SessionCookie)); err != nil {
		return err
	}
	page.ClearCookie(w, r, page.SessionCookie)
	http.Redirect(w, r, "/portal/sign-in", http.StatusSeeOther)
	return nil
}
