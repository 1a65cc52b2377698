package page

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"net/http"
	"path"
	"strings"
)

//go:embed assets
var assetFiles embed.FS

// asset is an embedded file served under a name that carries its content hash,
// so it can be cached for a year and still change the moment it does.
type asset struct {
	name string // shop.3f2a9c1d.css
	body []byte
	typ  string
}

var assets = loadAssets()

func loadAssets() map[string]asset {
	entries, err := assetFiles.ReadDir("assets")
	if err != nil {
		panic(err)
	}
	out := map[string]asset{}
	for _, e := range entries {
		body, err := assetFiles.ReadFile("assets/" + e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(body)
		ext := path.Ext(e.Name())
		a := asset{name: strings.TrimSuffix(e.Name(), ext) + "." + hex.EncodeToString(sum[:4]) + ext, body: body}
		switch ext {
		case ".css":
			a.typ = "text/css; charset=utf-8"
		case ".js":
			a.typ = "text/javascript; charset=utf-8"
		case ".svg":
			a.typ = "image/svg+xml"
		default:
			a.typ = "application/octet-stream"
		}
		out[e.Name()] = a
	}
	return out
}

// AssetName is the hashed name pages link to.
func AssetName(name string) string {
	a, ok := assets[name]
	if !ok {
		panic("page: no asset " + name)
	}
	return a.name
}

// Assets serves the embedded stylesheets and scripts of every surface under
// /assets/.
func Assets() http.Handler {
	byHashed := map[string]asset{}
	for _, a := range assets {
		byHashed[a.name] = a
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a, ok := byHashed[strings.TrimPrefix(r.URL.Path, "/assets/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", a.typ)
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Write(a.body)
	})
}
