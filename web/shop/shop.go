// Package shop is the B2C online store: server-rendered pages under /{lang}/ that
// work without JavaScript, in English, Russian and Persian. Handlers parse the
// request, call app use cases and render a template; they never touch the store.
package shop

import (
	"log/slog"
	"net/http"

	"b2x/app"
	"b2x/web/page"
)

// Server serves the shop's pages.
type Server struct {
	app   *app.App
	log   *slog.Logger
	pages *page.Set
	mux   *http.ServeMux
	nav   navCache
	cache pageCache
	// currency is what price filters are typed in: the catalog's currency, which
	// the loyalty program is kept in too.
	currency string
}

// New builds the shop with its templates parsed once.
func New(a *app.App, log *slog.Logger) http.Handler {
	s := &Server{app: a, log: log, pages: page.MustParse(templateFiles, "templates", log), mux: http.NewServeMux()}
	s.currency = a.LoyaltyProgram().Currency
	s.routes()
	return page.SecureHeaders(s.mux)
}
