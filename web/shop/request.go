package shop

import (
	"b2x/web/page"
	"net/http"
	"strings"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/locale"
)

// request is what every shop handler knows about the visitor.
type request struct {
	loc   locale.Locale
	p     *locale.Printer
	actor app.Actor
	// rest is the path after the language prefix, for the language switcher.
	rest string
	nav  []catalog.Category
	// query is the search box's text on a results page.
	query string
	// categories is every category, to name a slug.
	categories []catalog.Category
	// cartLines is how many lines the visitor's cart holds, for the header.
	cartLines int
	// cacheKey is set when the page may be kept for every anonymous visitor, with
	// the shop's version its data was read under (pagecache.go).
	cacheKey     string
	cacheVersion uint64
	// check is what a product page kept must still show to be served again
	// past pageTTL (productcache.go).
	check *productCheck
	// catalogSeen is the catalog version this process knew of when a kept
	// product page's data was read.
	catalogSeen int64
}

// categoryName names a category by its slug, or returns the slug.
func (rq *request) categoryName(slug string) string {
	for _, c := range rq.categories {
		if c.Slug == slug {
			return c.Name
		}
	}
	return slug
}

// handler is a shop page: it returns an error instead of writing one, so errors
// are rendered once, in fail.
type handler func(w http.ResponseWriter, r *http.Request, rq *request) error

// handle wraps a handler with what every page needs: the language from the URL, a
// printer for it, and the signed-in visitor.
func (s *Server) handle(h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		loc, ok := locale.Get(r.PathValue("lang"))
		if !ok {
			rq := s.newRequest(r, locale.Match("", langCookie(r), r.Header.Get("Accept-Language")))
			s.fail(w, r, rq, errs.E(errs.NotFound, "no such page"))
			return
		}
		// Letters a request queues (the order confirmation) go out in its language.
		r = r.WithContext(app.WithLang(r.Context(), loc.Code))
		rq := s.newRequest(r, loc)
		if langCookie(r) != loc.Code {
			// The language of the pages read last is the one / opens next time.
			page.SetCookie(w, r, page.LangCookie, loc.Code, time.Now().Add(365*24*time.Hour))
		}
		rq.nav, rq.categories = s.categories(r.Context())
		s.identify(w, r, rq)
		if err := h(w, r, rq); err != nil {
			s.fail(w, r, rq, err)
		}
	}
}

func (s *Server) newRequest(r *http.Request, loc locale.Locale) *request {
	rest := strings.TrimPrefix(r.URL.Path, "/"+loc.Code)
	if rest == "" || !strings.HasPrefix(rest, "/") {
		rest = "/"
	}
	if r.URL.RawQuery != "" && r.Method == http.MethodGet {
		rest += "?" + r.URL.RawQuery
	}
	rq := &request{loc: loc, rest: rest, p: page.NewPrinter(loc, s.log)}
	if strings.HasSuffix(r.URL.Path, "/search") {
		rq.query = r.URL.Query().Get("q")
	}
	return rq
}

// identify finds the signed-in customer behind the session cookie, and how many
// lines their cart (or the guest's) holds; a staff or buyer session is not a
// shopper, so the shop shows it what the public sees.
func (s *Server) identify(w http.ResponseWriter, r *http.Request, rq *request) {
	if actor := page.Identify(w, r, s.app, s.log); actor.PersonID != "" {
		rq.actor = actor
	}
	token := page.CookieValue(r, cartCookie)
	if rq.actor.PersonID == "" && token == "" {
		return
	}
	n, err := s.app.CartLines(r.Context(), rq.actor, token)
	if err != nil {
		// The badge is not worth failing the page for.
		s.log.Warn("cart lines", "err", err)
	}
	rq.cartLines = n
}

// langCookie is the language the visitor last chose in the switcher.
func langCookie(r *http.Request) string {
	if c, err := r.Cookie(page.LangCookie); err == nil {
		return c.Value
	}
	return ""
}

// bareLang sends /en to /en/.
func (s *Server) bareLang(w http.ResponseWriter, r *http.Request) {
	if _, ok := locale.Get(r.PathValue("lang")); !ok {
		s.handle(notFound)(w, r)
		return
	}
	http.Redirect(w, r, "/"+r.PathValue("lang")+"/", http.StatusMovedPermanently)
}

// root sends a visitor of / to the home page in the language they most likely
// read: the one they chose before, else their browser's.
func (s *Server) root(w http.ResponseWriter, r *http.Request) {
	loc := locale.Match("", langCookie(r), r.Header.Get("Accept-Language"))
	w.Header().Add("Vary", "Accept-Language, Cookie")
	http.Redirect(w, r, "/"+loc.Code+"/", http.StatusFound)
}

// fail renders an error page with the status the error's code calls for. Internal
// details go to the log, never to the visitor.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, rq *request, err error) {
	status, msg := page.ErrorPage(err, rq.p, s.log, r)
	s.render(w, status, "error", rq, errorPage{Message: msg})
}

type errorPage struct{ Message string }
