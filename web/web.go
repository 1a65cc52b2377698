// Package web puts b2x's surfaces together into one HTTP handler. Each surface is
// its own package (api now; shop, portal and admin as they are built).
package web

import (
	"log/slog"
	"net/http"

	"b2x/app"
	"b2x/web/api"
)

// Handler serves every surface.
func Handler(a *app.App, log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	apiSrv := api.New(a, log)
	mux.Handle("/api/", apiSrv)
	mux.Handle("GET /healthz", apiSrv)
	mux.HandleFunc("GET /{$}", serveHome)
	return mux
}
