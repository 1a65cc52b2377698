package web

import (
	"html/template"
	"net/http"
)

// home is what a person who opens b2x in a browser sees until the shop surface
// lands: what runs here and where the API is described.
var home = template.Must(template.New("home").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>b2x</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main>
<h1>b2x</h1>
<p>The b2x sales platform is running. The JSON API is described at <a href="/api/openapi.json">/api/openapi.json</a>;
the public catalog is at <a href="/api/v1/products">/api/v1/products</a>; health at <a href="/healthz">/healthz</a>.</p>
</main></body></html>`))

func serveHome(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	home.Execute(w, nil)
}
