// Package page is what the server-rendered surfaces (shop, portal, admin) share:
// templates parsed once from embedded files, the base view with the visitor's
// language, hashed assets, cookies, forms and their errors, and the headers
// every page carries. Each surface keeps its own routes, templates and view
// fields.
package page

import (
	"bytes"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"

	"b2x/errs"
	"b2x/locale"
	"b2x/qty"
)

// Set holds one parsed template per page: the surface's layout.html and
// partials.html with the page's own file, parsed once at start.
type Set struct {
	pages map[string]*template.Template
	log   *slog.Logger
}

// Funcs are the template helpers every surface has; the request's printer is
// reached through the view (.P).
var Funcs = template.FuncMap{
	"seq": func(n int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = i + 1
		}
		return s
	},
	"assetName": AssetName,
	// pair hands a partial the page's view and one item: {{template "x" (pair $ .)}}.
	"pair":  func(v, item any) Pair { return Pair{V: v, Item: item} },
	"int64": func(n int) int64 { return int64(n) },
	// qtyString is a quantity as a form field holds it: plain digits, "." decimal.
	"qtyString": func(q qty.Quantity) string { return q.String() },
	"stars":     Stars,
	// langName is each language's own name for itself, the same on every page.
	"langName": LangName,
}

// Pair is what pair gives a partial.
type Pair struct{ V, Item any }

// LangName is a language's own name for itself.
func LangName(code string) string { return langNames[code] }

var langNames = map[string]string{"en": "English", "ru": "Русский", "fa": "فارسی"}

// MustParse parses every page of dir in files with the layout and partials.
func MustParse(files fs.FS, dir string, log *slog.Logger) *Set {
	names, err := fs.ReadDir(files, dir)
	if err != nil {
		panic(err)
	}
	s := &Set{pages: map[string]*template.Template{}, log: log}
	for _, f := range names {
		name := strings.TrimSuffix(f.Name(), ".html")
		if name == "layout" || name == "partials" {
			continue
		}
		s.pages[name] = template.Must(template.New("layout.html").Funcs(Funcs).ParseFS(files,
			path.Join(dir, "layout.html"), path.Join(dir, "partials.html"), path.Join(dir, f.Name())))
	}
	return s
}

// Render executes a page into a buffer first, so a template error never sends
// half a page, and returns what it sent (nil after an error).
func (s *Set) Render(w http.ResponseWriter, status int, name string, p *locale.Printer, data any) []byte {
	body, err := s.Execute(name, data)
	if err != nil {
		http.Error(w, p.T("error.server"), http.StatusInternalServerError)
		return nil
	}
	WriteHTML(w, status, p.Locale().Code, body)
	return body
}

// Execute renders a page without sending it, for a surface that keeps pages
// rendered and sends them with parts of its own (the shop's page cache).
func (s *Set) Execute(name string, data any) ([]byte, error) {
	t, ok := s.pages[name]
	if !ok {
		panic("page: no template " + name)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		s.log.Error("template failed", "page", name, "err", err)
		return nil, err
	}
	return buf.Bytes(), nil
}

// WriteHTML sends a rendered page.
func WriteHTML(w http.ResponseWriter, status int, lang string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", lang)
	w.WriteHeader(status)
	w.Write(body)
}

// View is what every template gets: the printer and links for the visitor's
// language. Surfaces embed it in their own view.
type View struct {
	P       *locale.Printer
	Lang    locale.Locale
	Locales []locale.Locale
	// Base is the surface's path prefix: "/en" for the shop, "/admin", "/portal".
	Base string
	// Rest is the path after the language prefix, for the language switcher.
	Rest  string
	Title string
}

// Href makes a link inside the surface.
func (v View) Href(p string) string { return v.Base + p }

// Switch links to the same page in another language (surfaces with the
// language in the URL).
func (v View) Switch(l locale.Locale) string { return "/" + l.Code + v.Rest }

// Qty formats a quantity for the page's language.
func (v View) Qty(q qty.Quantity) string { return v.P.Decimal(q.String()) }

// N formats an int in the page's digits.
func (v View) N(n int) string { return v.P.Number(int64(n)) }

// NewPrinter makes a printer for loc that logs missing translations.
func NewPrinter(loc locale.Locale, log *slog.Logger) *locale.Printer {
	return locale.NewPrinter(loc, func(code, key string) { log.Error("missing translation", "lang", code, "key", key) })
}

// ErrorStatus is the status and message key of an error page; an empty key
// means the error's own message is for the visitor.
func ErrorStatus(err error) (status int, key string) {
	switch errs.CodeOf(err) {
	case errs.NotFound:
		return http.StatusNotFound, "error.not_found"
	case errs.Forbidden:
		return http.StatusForbidden, "error.forbidden"
	case errs.Unauthorized:
		return http.StatusUnauthorized, "error.sign_in_needed"
	case errs.TooManyRequests:
		return http.StatusTooManyRequests, ""
	case errs.Invalid, errs.Conflict:
		return http.StatusUnprocessableEntity, ""
	}
	return http.StatusInternalServerError, "error.server"
}

// SecureHeaders sets the headers every page carries: nothing is loaded from
// elsewhere, pages cannot be framed, and types are not sniffed. Cross-site
// form posts are refused: browsers mark them with Sec-Fetch-Site or Origin.
func SecureHeaders(next http.Handler) http.Handler {
	protected := http.NewCrossOriginProtection().Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		protected.ServeHTTP(w, r)
	})
}

// ErrorPage is the status and the message of an error page: the error's own
// message where it is for the visitor, a translated one otherwise. Internal
// errors are logged with the request, never shown.
func ErrorPage(err error, p *locale.Printer, log *slog.Logger, r *http.Request) (status int, msg string) {
	status, key := ErrorStatus(err)
	if status == http.StatusInternalServerError {
		log.Error("page failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if key != "" {
		return status, p.T(key)
	}
	if e, ok := errs.As(err); ok {
		if e.Key == "" && len(e.Fields) > 0 && e.Fields[0].Key != "" {
			msgs := make([]string, len(e.Fields))
			for i, f := range e.Fields {
				msgs[i] = translate(p, f.Message, f.Key, f.Params)
			}
			return status, strings.Join(msgs, "; ")
		}
		return status, translate(p, e.Message, e.Key, e.Params)
	}
	return status, ""
}

// Stars draws a rating of 1 to 5 as filled and empty stars.
func Stars(n int) string {
	n = max(0, min(5, n))
	return strings.Repeat("★", n) + strings.Repeat("☆", 5-n)
}
