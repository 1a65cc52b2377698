package shop

import (
	"b2x/web/page"
	"net/http"
	"net/url"
	"strings"

	"b2x/app"
	"b2x/locale"
)

type signInPage struct {
	Email  string
	Next   string
	Errors page.FormErrors
}

func (signInPage) title(p *locale.Printer) string { return p.T("nav.sign_in") }

type signUpPage struct {
	Name, Email, Phone string
	Newsletter         bool
	Next               string
	Errors             page.FormErrors
}

func (signUpPage) title(p *locale.Printer) string { return p.T("account.sign_up") }

// safeNext keeps a post-sign-in redirect inside the shop.
func safeNext(rq *request, next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return "/" + rq.loc.Code + "/account"
	}
	return next
}

func (s *Server) signInForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	s.render(w, http.StatusOK, "signin", rq, signInPage{Next: r.URL.Query().Get("next")})
	return nil
}

func (s *Server) signIn(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	in := app.Credentials{Email: page.Field(r, "email"), Password: r.PostFormValue("password"), RemoteAddr: remoteAddr(r),
		PreviousToken: page.CookieValue(r, page.SessionCookie), CartToken: page.CookieValue(r, cartCookie)}
	signed, err := s.app.SignIn(r.Context(), in)
	if err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		s.render(w, page.FormStatus(err), "signin", rq, signInPage{Email: in.Email, Next: page.Field(r, "next"), Errors: fe})
		return nil
	}
	s.startSession(w, r, signed)
	http.Redirect(w, r, safeNext(rq, page.Field(r, "next")), http.StatusSeeOther)
	return nil
}

func (s *Server) signUpForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	s.render(w, http.StatusOK, "signup", rq, signUpPage{Next: r.URL.Query().Get("next")})
	return nil
}

func (s *Server) signUp(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	in := app.SignUpInput{Name: page.Field(r, "name"), Email: page.Field(r, "email"), Password: r.PostFormValue("password"),
		Phone: page.Field(r, "phone"), Newsletter: r.PostFormValue("newsletter") == "yes", RemoteAddr: remoteAddr(r),
		PreviousToken: page.CookieValue(r, page.SessionCookie), CartToken: page.CookieValue(r, cartCookie)}
	signed, err := s.app.SignUp(r.Context(), in)
	if err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		s.render(w, page.FormStatus(err), "signup", rq, signUpPage{Name: in.Name, Email: in.Email, Phone: in.Phone,
			Newsletter: in.Newsletter, Next: page.Field(r, "next"), Errors: fe})
		return nil
	}
	s.startSession(w, r, signed)
	http.Redirect(w, r, safeNext(rq, page.Field(r, "next")), http.StatusSeeOther)
	return nil
}

// startSession sets the new session's cookie; the guest cart has been merged
// into the account, so its cookie goes.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, signed app.SignedIn) {
	page.SetCookie(w, r, page.SessionCookie, signed.Token, signed.Expires)
	page.ClearCookie(w, r, cartCookie)
}

func (s *Server) signOut(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := s.app.SignOut(r.Context(), page.CookieValue(r, page.SessionCookie)); err != nil {
		return err
	}
	page.ClearCookie(w, r, page.SessionCookie)
	http.Redirect(w, r, "/"+rq.loc.Code+"/", http.StatusSeeOther)
	return nil
}

// signedIn sends a visitor who is not signed in to the sign-in page, and back
// here afterwards.
func signedIn(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		if rq.actor.PersonID == "" {
			back := r.URL.Path
			if r.Method != http.MethodGet {
				back = "/" + rq.loc.Code + "/account"
			}
			http.Redirect(w, r, "/"+rq.loc.Code+"/account/sign-in?next="+url.QueryEscape(back), http.StatusSeeOther)
			return nil
		}
		return h(w, r, rq)
	}
}

type accountPage struct {
	app.AccountView
	Saved  bool
	Errors page.FormErrors
}

func (accountPage) title(p *locale.Printer) string { return p.T("nav.account") }

func (s *Server) account(w http.ResponseWriter, r *http.Request, rq *request) error {
	v, err := s.app.Account(r.Context(), rq.actor)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "account", rq, accountPage{AccountView: v, Saved: r.URL.Query().Has("saved")})
	return nil
}

func (s *Server) saveProfile(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	ctx := r.Context()
	_, err := s.app.UpdateProfile(ctx, rq.actor, page.Field(r, "name"), page.Field(r, "phone"))
	if err == nil {
		_, err = s.app.SetNewsletter(ctx, rq.actor, r.PostFormValue("newsletter") == "yes", "account")
	}
	if err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		v, verr := s.app.Account(ctx, rq.actor)
		if verr != nil {
			return verr
		}
		v.Name, v.Phone = page.Field(r, "name"), page.Field(r, "phone")
		s.render(w, page.FormStatus(err), "account", rq, accountPage{AccountView: v, Errors: fe})
		return nil
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/account?saved", http.StatusSeeOther)
	return nil
}

type passwordPage struct {
	Done   bool
	Errors page.FormErrors
}

func (passwordPage) title(p *locale.Printer) string { return p.T("account.change_password") }

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	err := s.app.ChangePassword(r.Context(), rq.actor, app.PasswordChange{Current: r.PostFormValue("current"), New: r.PostFormValue("new"),
		KeepToken: page.CookieValue(r, page.SessionCookie), RemoteAddr: remoteAddr(r)})
	if err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		s.render(w, page.FormStatus(err), "password", rq, passwordPage{Errors: fe})
		return nil
	}
	s.render(w, http.StatusOK, "password", rq, passwordPage{Done: true})
	return nil
}

func (s *Server) passwordForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	s.render(w, http.StatusOK, "password", rq, passwordPage{})
	return nil
}

// remoteAddr is the client's address for sign-in throttling. b2x is served
// directly or behind a proxy that sets RemoteAddr correctly; it does not trust
// X-Forwarded-For, which any client can write.
func remoteAddr(r *http.Request) string {
	host := r.RemoteAddr
	if i := strings.LastIndexByte(host, ':'); i > 0 {
		host = host[:i]
	}
	return strings.Trim(host, "[]")
}
