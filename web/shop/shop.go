// Package shop is the B2C online store: server-rendered pages under /{lang}/ that
// work without JavaScript, in English, Russian and Persian. Handlers parse the
// request, call app use cases and render a template; they never touch the store.
package shop

import (
	"log/slog"
	"net/http"

	"b2x/app"
)

// Server serves the shop's pages.
type Server struct {
	app   *app.App
	log   *slog.Logger
	pages pages
	mux   *http.ServeMux
	nav   navCache
}

// New builds the shop with its templates parsed once.
func New(a *app.App, log *slog.Logger) http.Handler {
	s := &Server{app: a, log: log, pages: mustParsePages(), mux: http.NewServeMux()}
	s.routes()
	// Every state-changing request must come from our own pages: browsers mark
	// cross-site requests with Sec-Fetch-Site or Origin, and those are refused.
	return secureHeaders(http.NewCrossOriginProtection().Handler(s.mux))
}

// secureHeaders sets the headers every shop answer carries: nothing is loaded
// from elsewhere, the pages cannot be framed, and types are not sniffed.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}
