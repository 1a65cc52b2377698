// Package letters serves the public links that campaign letters carry, under
// /letters/: the unsubscribe page and its one-click POST (RFC 8058), the
// signed click redirect, the open pixel, and the page where colleagues answer
// a test send. Every link is signed (app/campaign_links.go); a bad signature
// is a 404. No page needs a session or a cookie.
package letters

import (
	"embed"
	"log/slog"
	"net/http"
	"strings"

	"b2x/app"
	"b2x/locale"
	"b2x/web/page"
)

//go:embed templates/*.html
var templateFiles embed.FS

// Server serves /letters/.
type Server struct {
	app   *app.App
	log   *slog.Logger
	pages *page.Set
	mux   *http.ServeMux
}

// New builds the handler with its templates parsed once.
func New(a *app.App, log *slog.Logger) http.Handler {
	s := &Server{app: a, log: log, pages: page.MustParse(templateFiles, "templates", log), mux: http.NewServeMux()}
	s.routes()
	return page.SecureHeaders(s.mux)
}

// routes is the route table.
func (s *Server) routes() {
	s.mux.HandleFunc("GET /letters/u/{token}", s.unsubscribePage)
	s.mux.HandleFunc("POST /letters/u/{token}", s.unsubscribe)
	s.mux.HandleFunc("GET /letters/c/{token}", s.click)
	s.mux.HandleFunc("GET /letters/o/{token}", s.open)
	s.mux.HandleFunc("GET /letters/r/{token}", s.reviewPage)
	s.mux.HandleFunc("POST /letters/r/{token}", s.review)
	s.mux.HandleFunc("/letters/", func(w http.ResponseWriter, r *http.Request) { s.fail(w, r, "", errNotFound) })
}

type view struct {
	page.View
	Unsub   app.UnsubscribeView
	Review  app.ReviewView
	Action  string
	Answer  string
	Saved   bool
	Message string
}

func (s *Server) newView(r *http.Request, lang, titleKey string) *view {
	loc := locale.Match(lang, page.CookieValue(r, page.LangCookie), r.Header.Get("Accept-Language"))
	p := page.NewPrinter(loc, s.log)
	return &view{View: page.View{P: p, Lang: loc, Locales: locale.Supported(), Base: "/letters", Title: p.T(titleKey)}, Action: r.URL.Path}
}

// unsubscribePage shows what the link would do, and a button; it changes nothing.
func (s *Server) unsubscribePage(w http.ResponseWriter, r *http.Request) {
	u, err := s.app.CampaignUnsubscribePage(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, "", err)
		return
	}
	v := s.newView(r, u.Lang, "letters.unsubscribe.title")
	v.Unsub = u
	noStore(w)
	s.pages.Render(w, http.StatusOK, "unsubscribe", v.P, v)
}

// unsubscribe is the one-click POST of RFC 8058 (a mail program sends
// "List-Unsubscribe=One-Click", without cookies) and the page's button alike.
func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	r.ParseForm() // the body is not needed: the signed link says who and which list
	u, err := s.app.UnsubscribeCampaign(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, "", err)
		return
	}
	v := s.newView(r, u.Lang, "letters.unsubscribe.title")
	v.Unsub = u
	noStore(w)
	s.pages.Render(w, http.StatusOK, "unsubscribe", v.P, v)
}

// click records a click and redirects to the link's destination, which the
// signature covers: no other destination is ever redirected to.
func (s *Server) click(w http.ResponseWriter, r *http.Request) {
	dest, err := s.app.CampaignClick(r.Context(), r.PathValue("token"), r.URL.Query().Get("u"))
	if err != nil {
		s.fail(w, r, "", err)
		return
	}
	noStore(w)
	http.Redirect(w, r, dest, http.StatusFound)
}

// pixel is a transparent 1×1 GIF.
var pixel = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")

// open records an open and answers with the pixel.
func (s *Server) open(w http.ResponseWriter, r *http.Request) {
	if err := s.app.CampaignOpen(r.Context(), r.PathValue("token")); err != nil {
		s.fail(w, r, "", err)
		return
	}
	noStore(w)
	w.Header().Set("Content-Type", "image/gif")
	w.Write(pixel)
}

// reviewPage shows a colleague the answer form, with the answer the link
// carried chosen; it records nothing until the form is sent.
func (s *Server) reviewPage(w http.ResponseWriter, r *http.Request) {
	rv, err := s.app.TestSendReview(r.Context(), r.PathValue("token"))
	if err != nil {
		s.fail(w, r, "", err)
		return
	}
	v := s.newView(r, rv.Lang, "letters.review.title")
	v.Review, v.Answer = rv, r.URL.Query().Get("answer")
	if rv.TestSend.Answer != "" && v.Answer == "" {
		v.Answer = rv.TestSend.Answer
	}
	noStore(w)
	s.pages.Render(w, http.StatusOK, "review", v.P, v)
}

func (s *Server) review(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, "", errNotFound)
		return
	}
	rv, err := s.app.AnswerTestSend(r.Context(), r.PathValue("token"), r.PostForm.Get("answer"), r.PostForm.Get("comment"))
	if err != nil {
		s.fail(w, r, "", err)
		return
	}
	v := s.newView(r, rv.Lang, "letters.review.title")
	v.Review, v.Answer, v.Saved = rv, rv.TestSend.Answer, true
	noStore(w)
	s.pages.Render(w, http.StatusOK, "review", v.P, v)
}

func noStore(w http.ResponseWriter) { w.Header().Set("Cache-Control", "no-store") }

type notFoundErr struct{}

func (notFoundErr) Error() string { return "not found" }

var errNotFound = notFoundErr{}

// fail renders an error page: a bad or unknown link is a 404, bad input its
// own message, anything else a logged 500.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, lang string, err error) {
	v := s.newView(r, lang, "letters.error.title")
	status, msg := page.ErrorPage(err, v.P, s.log, r)
	if err == errNotFound || status == http.StatusNotFound {
		status, msg = http.StatusNotFound, ""
	} else if status == http.StatusUnprocessableEntity {
		v.Message = msg
	}
	if strings.HasPrefix(r.URL.Path, "/letters/o/") {
		w.WriteHeader(status)
		return
	}
	s.pages.Render(w, status, "error", v.P, v)
}
