// Package web puts b2x's surfaces together into one HTTP handler. Each surface is
// its own package (api, shop, admin, portal).
package web

import (
	"log/slog"
	"net/http"

	"b2x/app"
	"b2x/web/admin"
	"b2x/web/api"
	"b2x/web/letters"
	"b2x/web/page"
	"b2x/web/portal"
	"b2x/web/shop"
)

// Handler serves every surface.
func Handler(a *app.App, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	apiSrv := api.New(a, log)
	mux.Handle("/api/", apiSrv)
	mux.Handle("GET /healthz", apiSrv)
	mux.Handle("GET /assets/", page.Assets())
	adm := admin.New(a, log)
	mux.Handle("/admin/", adm)
	mux.Handle("/admin", adm)
	mux.Handle("/letters/", letters.New(a, log))
	mux.Handle("/portal/", portal.New(a, log))
	mux.Handle("GET /portal", http.RedirectHandler("/portal/", http.StatusMovedPermanently))
	mux.Handle("/", shop.New(a, log))
	return mux
}
