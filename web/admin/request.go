package admin

import (
	"embed"
	"net/http"
	"net/url"
	"strings"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/locale"
	"b2x/staff"
	"b2x/web/page"
)

//go:embed templates/*.html
var templateFiles embed.FS

// request is what every back-office handler knows about the visitor.
type request struct {
	loc   locale.Locale
	p     *locale.Printer
	actor app.Actor
}

// handler is a back-office page: it returns an error instead of writing one, so
// errors are rendered once, in fail.
type handler func(w http.ResponseWriter, r *http.Request, rq *request) error

// view is what every template gets.
type view struct {
	page.View
	Actor app.Actor
	// Path is the page's own path, for the language switcher to come back to.
	Path string
	Data any
}

// Can lets the layout and pages show only what the role may do.
func (v view) Can(p string) bool { return v.Actor.Can(staff.Permission(p)) }

// public wraps pages open to anyone: the sign-in form and the language switch.
func (s *Server) public(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rq := s.newRequest(r)
		if err := h(w, r, rq); err != nil {
			s.fail(w, r, rq, err)
		}
	}
}

// staff wraps pages that need a staff session; without one the visitor is sent
// to sign in and brought back after. A role without perm is refused with 403
// before the handler runs.
func (s *Server) staff(perm staff.Permission, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rq := s.newRequest(r)
		actor, err := s.app.SessionActor(r.Context(), page.CookieValue(r, page.SessionCookie))
		if err == nil && !actor.Staff() {
			err = errs.E(errs.Unauthorized, "sign in as staff")
		}
		if err == nil && perm != anyStaff && !actor.Can(perm) {
			rq.actor = actor
			s.fail(w, r, rq, &errs.Error{Code: errs.Forbidden, Message: "the " + actor.Role + " role may not do this",
				Detail: map[string]any{"permission": string(perm)}})
			return
		}
		if err != nil {
			if errs.CodeOf(err) != errs.Unauthorized {
				s.fail(w, r, rq, err)
				return
			}
			next := ""
			if r.Method == http.MethodGet {
				next = "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			http.Redirect(w, r, "/admin/sign-in"+next, http.StatusSeeOther)
			return
		}
		rq.actor = actor
		w.Header().Set("Cache-Control", "no-store")
		if err := h(w, r, rq); err != nil {
			s.fail(w, r, rq, err)
		}
	}
}

// newRequest picks the language: the back office has none in its URLs, so the
// switcher's cookie decides, else the browser's preference.
func (s *Server) newRequest(r *http.Request) *request {
	loc := locale.Match("", page.CookieValue(r, page.LangCookie), r.Header.Get("Accept-Language"))
	return &request{loc: loc, p: page.NewPrinter(loc, s.log)}
}

// render shows a page with the back office's layout.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, rq *request, title string, data any) {
	v := view{View: page.View{P: rq.p, Lang: rq.loc, Locales: locale.Supported(), Base: "/admin", Title: title},
		Actor: rq.actor, Path: r.URL.RequestURI(), Data: data}
	s.pages.Render(w, status, name, rq.p, v)
}

// fail renders an error page with the status the error's code calls for.
// Internal details go to the log, never to the visitor.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, rq *request, err error) {
	status, msg := page.ErrorPage(err, rq.p, s.log, r)
	s.render(w, r, status, "error", rq, rq.p.T("admin.error"), errorPage{Message: msg})
}

type errorPage struct{ Message string }

func notFound(http.ResponseWriter, *http.Request, *request) error {
	return errs.E(errs.NotFound, "no such page")
}

// bare sends /admin to /admin/.
func (s *Server) bare(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/admin/", http.StatusMovedPermanently)
}

// setLanguage remembers the language chosen in the switcher and goes back.
func (s *Server) setLanguage(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	if l, ok := locale.Get(page.Field(r, "lang")); ok {
		page.SetCookie(w, r, page.LangCookie, l.Code, time.Now().Add(365*24*time.Hour))
	}
	http.Redirect(w, r, localPath(page.Field(r, "back")), http.StatusSeeOther)
	return nil
}

// localPath keeps a redirect inside the back office, so no form can send a
// signed-in user elsewhere.
func localPath(p string) string {
	if !strings.HasPrefix(p, "/admin") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n") {
		return "/admin/"
	}
	return p
}
