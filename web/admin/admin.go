// Package admin is the back office: server-rendered pages under /admin for the
// company's staff, in English, Russian and Persian, that work without
// JavaScript. Every page needs a staff session; what a page offers follows the
// role's permissions, and the use cases check them again. Handlers parse the
// request, call app use cases and render a template; they never touch the store.
package admin

import (
	"log/slog"
	"net/http"

	"b2x/app"
	"b2x/web/page"
)

// Server serves the back office's pages.
type Server struct {
	app   *app.App
	log   *slog.Logger
	pages *page.Set
	mux   *http.ServeMux
}

// New builds the back office with its templates parsed once.
func New(a *app.App, log *slog.Logger) http.Handler {
	s := &Server{app: a, log: log, pages: page.MustParse(templateFiles, "templates", log), mux: http.NewServeMux()}
	s.mount()
	return page.SecureHeaders(s.mux)
}
