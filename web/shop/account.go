package shop

import (
	"net/http"
	"net/url"
	"strings"

	"b2x/app"
	"b2x/locale"
)

type signInPage struct {
	Email  string
	Next   string
	Errors formErrors
}

func (signInPage) title(p *locale.Printer) string { return p.T("nav.sign_in") }

type signUpPage struct {
	Name, Email, Phone string
	Newsletter         bool
	Next               string
	Errors             formErrors
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
	if err := parseForm(w, r); err != nil {
		return err
	}
	in := app.Credentials{Email: field(r, "email"), Password: r.PostFormValue("password"), RemoteAddr: remoteAddr(r),
		PreviousToken: cookieValue(r, sessionCookie), CartToken: cookieValue(r, cartCookie)}
	signed, err := s.app.SignIn(r.Context(), in)
	if err != nil {
		fe, ferr := asFormErrors(err)
		if ferr != nil {
			return ferr
		}
		s.render(w, formStatus(err), "signin", rq, signInPage{Email: in.Email, Next: field(r, "next"), Errors: fe})
		return nil
	}
	s.startSession(w, r, signed)
	http.Redirect(w, r, safeNext(rq, field(r, "next")), http.StatusSeeOther)
	return nil
}

func (s *Server) signUpForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	s.render(w, http.StatusOK, "signup", rq, signUpPage{Next: r.URL.Query().Get("next")})
	return nil
}

func (s *Server) signUp(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	in := app.SignUpInput{Name: field(r, "name"), Email: field(r, "email"), Password: r.PostFormValue("password"),
		Phone: field(r, "phone"), Newsletter: r.PostFormValue("newsletter") == "yes", RemoteAddr: remoteAddr(r),
		PreviousToken: cookieValue(r, sessionCookie), CartToken: cookieValue(r, cartCookie)}
	signed, err := s.app.SignUp(r.Context(), in)
	if err != nil {
		fe, ferr := asFormErrors(err)
		if ferr != nil {
			return ferr
		}
		s.render(w, formStatus(err), "signup", rq, signUpPage{Name: in.Name, Email: in.Email, Phone: in.Phone,
			Newsletter: in.Newsletter, Next: field(r, "next"), Errors: fe})
		return nil
	}
	s.startSession(w, r, signed)
	http.Redirect(w, r, safeNext(rq, field(r, "next")), http.StatusSeeOther)
	return nil
}

// startSession sets the new session's cookie; the guest cart has been merged
// into the account, so its cookie goes.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, signed app.SignedIn) {
	setCookie(w, r, sessionCookie, signed.Token, signed.Expires)
	clearCookie(w, r, cartCookie)
}

func (s *Server) signOut(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := s.app.SignOut(r.Context(), cookieValue(r, sessionCookie)); err != nil {
		return err
	}
	clearCookie(w, r, sessionCookie)
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
	Errors formErrors
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
	if err := parseForm(w, r); err != nil {
		return err
	}
	ctx := r.Context()
	_, err := s.app.UpdateProfile(ctx, rq.actor, field(r, "name"), field(r, "phone"))
	if err == nil {
		_, err = s.app.SetNewsletter(ctx, rq.actor, r.PostFormValue("newsletter") == "yes", "account")
	}
	if err != nil {
		fe, ferr := asFormErrors(err)
		if ferr != nil {
			return ferr
		}
		v, verr := s.app.Account(ctx, rq.actor)
		if verr != nil {
			return verr
		}
		v.Name, v.Phone = field(r, "name"), field(r, "phone")
		s.render(w, formStatus(err), "account", rq, accountPage{AccountView: v, Errors: fe})
		return nil
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/account?saved", http.StatusSeeOther)
	return nil
}

type passwordPage struct {
	Done   bool
	Errors formErrors
}

func (passwordPage) title(p *locale.Printer) string { return p.T("account.change_password") }

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseForm(w, r); err != nil {
		return err
	}
	err := s.app.ChangePassword(r.Context(), rq.actor, app.PasswordChange{Current: r.PostFormValue("current"), New: r.PostFormValue("new"),
		KeepToken: cookieValue(r, sessionCookie), RemoteAddr: remoteAddr(r)})
	if err != nil {
		fe, ferr := asFormErrors(err)
		if ferr != nil {
			return ferr
		}
		s.render(w, formStatus(err), "password", rq, passwordPage{Errors: fe})
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
