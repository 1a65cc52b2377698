// Package portal is the B2B buyer portal: server-rendered pages under /portal
// where a company's contacts, signed in with a one-time link, see their
// organization's catalog and prices, order, request and decide on quotes. It
// shows B2B content only (S15). Handlers parse the request, call app use cases
// and render a template; they never touch the store.
package portal

import (
	"embed"
	"log/slog"
	"net/http"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/locale"
	"b2x/web/page"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Server serves the portal's pages.
type Server struct {
	app   *app.App
	log   *slog.Logger
	pages *page.Set
	mux   *http.ServeMux
}

// New builds the portal with its templates parsed once.
func New(a *app.App, log *slog.Logger) http.Handler {
	s := &Server{app: a, log: log, pages: page.MustParse(templateFiles, "templates", log), mux: http.NewServeMux()}
	s.routes()
	return page.SecureHeaders(s.mux)
}

// routes is the portal's route table: every page and form, in one place.
func (s *Server) routes() {
	s.mux.HandleFunc("GET /portal/sign-in", s.handle(s.signInForm))
	s.mux.HandleFunc("POST /portal/sign-in", s.handle(s.signIn))
	s.mux.HandleFunc("POST /portal/sign-out", s.handle(s.signOut))
	s.mux.HandleFunc("GET /portal/{$}", s.handle(buyer(s.catalog)))
	s.mux.HandleFunc("GET /portal/order", s.handle(buyer(s.orderForm)))
	s.mux.HandleFunc("POST /portal/order", s.handle(buyer(s.submitOrder)))
	s.mux.HandleFunc("GET /portal/quotes", s.handle(buyer(s.quotes)))
	s.mux.HandleFunc("GET /portal/quotes/{id}", s.handle(buyer(s.quote)))
	s.mux.HandleFunc("POST /portal/quotes/{id}/decision", s.handle(buyer(s.decide)))
	s.mux.HandleFunc("POST /portal/quotes/{id}/accept", s.handle(buyer(s.accept)))
	s.mux.HandleFunc("GET /portal/quotes/{id}/pdf", s.handle(buyer(s.quotePDF)))
	s.mux.HandleFunc("GET /portal/orders", s.handle(buyer(s.orders)))
	s.mux.HandleFunc("GET /portal/orders/{id}", s.handle(buyer(s.order)))
	s.mux.HandleFunc("POST /portal/quotes/{id}/comments", s.handle(buyer(s.comment)))
	s.mux.HandleFunc("GET /portal/contracts", s.handle(buyer(s.contracts)))
	s.mux.HandleFunc("GET /portal/contracts/{id}", s.handle(buyer(s.contract)))
	s.mux.HandleFunc("GET /portal/licences", s.handle(buyer(s.licences)))
	s.mux.HandleFunc("GET /portal/licences/{id}", s.handle(buyer(s.licence)))
	s.mux.HandleFunc("POST /portal/licences/{id}/seats", s.handle(buyer(s.addSeats)))
	s.mux.HandleFunc("GET /portal/recurring", s.handle(buyer(s.recurringOrders)))
	s.mux.HandleFunc("GET /portal/recurring/new", s.handle(buyer(s.newRecurring)))
	s.mux.HandleFunc("POST /portal/recurring", s.handle(buyer(s.createRecurring)))
	s.mux.HandleFunc("GET /portal/recurring/{id}", s.handle(buyer(s.recurringOrder)))
	s.mux.HandleFunc("POST /portal/recurring/{id}/pause", s.handle(buyer(s.pauseRecurring)))
	s.mux.HandleFunc("POST /portal/recurring/{id}/resume", s.handle(buyer(s.resumeRecurring)))
	s.mux.HandleFunc("GET /portal/lists", s.handle(buyer(s.lists)))
	s.mux.HandleFunc("POST /portal/lists", s.handle(buyer(s.createList)))
	s.mux.HandleFunc("POST /portal/lists/add", s.handle(buyer(s.addToList)))
	s.mux.HandleFunc("GET /portal/lists/{id}", s.handle(buyer(s.list)))
	s.mux.HandleFunc("POST /portal/lists/{id}/order", s.handle(buyer(s.orderList)))
	s.mux.HandleFunc("POST /portal/lists/{id}/quote", s.handle(buyer(s.quoteList)))
	s.mux.HandleFunc("POST /portal/lists/{id}/delete", s.handle(buyer(s.deleteList)))
	s.mux.HandleFunc("/portal/", s.handle(notFound))
}

// request is what every portal handler knows about the visitor.
type request struct {
	loc   locale.Locale
	p     *locale.Printer
	actor app.Actor
}

// handler is a portal page: it returns an error instead of writing one, so
// errors are rendered once, in fail.
type handler func(w http.ResponseWriter, r *http.Request, rq *request) error

// handle wraps a handler with the visitor's language (no URL prefix: the
// language cookie, else the browser's) and the signed-in buyer.
func (s *Server) handle(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		loc := locale.Match("", page.CookieValue(r, page.LangCookie), r.Header.Get("Accept-Language"))
		w.Header().Add("Vary", "Accept-Language, Cookie")
		rq := &request{loc: loc, p: page.NewPrinter(loc, s.log)}
		s.identify(w, r, rq)
		if err := h(w, r, rq); err != nil {
			s.fail(w, r, rq, err)
		}
	}
}

// identify finds the buyer behind the session cookie; a customer's or staff
// session is not a buyer, so the portal treats it as signed out.
func (s *Server) identify(w http.ResponseWriter, r *http.Request, rq *request) {
	if actor := page.Identify(w, r, s.app, s.log); actor.Buyer() {
		rq.actor = actor
	}
}

// buyer sends a visitor who is not signed in as a buyer to the sign-in page.
func buyer(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		if !rq.actor.Buyer() {
			http.Redirect(w, r, "/portal/sign-in", http.StatusSeeOther)
			return nil
		}
		return h(w, r, rq)
	}
}

// view is what every template gets: the printer, the buyer, and the page's own
// data in .Data.
type view struct {
	page.View
	Actor app.Actor
	Year  int64
	Data  any
}

// titled is implemented by page data that names its page.
type titled interface {
	title(p *locale.Printer) string
}

// render shows a page with the portal's layout.
func (s *Server) render(w http.ResponseWriter, status int, name string, rq *request, data any) {
	v := view{View: page.View{P: rq.p, Lang: rq.loc, Locales: locale.Supported(), Base: "/portal"},
		Actor: rq.actor, Data: data, Year: int64(time.Now().Year())}
	if d, ok := data.(titled); ok {
		v.Title = d.title(rq.p)
	}
	s.pages.Render(w, status, name, rq.p, v)
}

// fail renders an error page with the status the error's code calls for.
// Internal details go to the log, never to the visitor.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, rq *request, err error) {
	status, msg := page.ErrorPage(err, rq.p, s.log, r)
	s.render(w, status, "error", rq, errorPage{Message: msg})
}

type errorPage struct{ Message string }

func notFound(http.ResponseWriter, *http.Request, *request) error {
	return errs.E(errs.NotFound, "no such page")
}
