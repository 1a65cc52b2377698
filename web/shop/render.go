package shop

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"path"
	"strings"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/locale"
	"b2x/order"
	"b2x/qty"
)

//go:embed templates/*.html
var templateFiles embed.FS

// pages holds one parsed template per page: the layout, the shared partials and
// the page's own file, parsed once at start.
type pages map[string]*template.Template

// funcs are the template helpers that do not depend on the request; the
// request's printer is reached through the view (.P).
var funcs = template.FuncMap{
	"seq": func(n int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = i + 1
		}
		return s
	},
	"assetName": assetName,
	// qtyString is a quantity as a form field holds it: plain digits, "." decimal.
	"qtyString": func(q qty.Quantity) string { return q.String() },
	// stars draws a rating of 1 to 5 as filled and empty stars.
	"stars": func(n int) string {
		n = max(0, min(5, n))
		return strings.Repeat("★", n) + strings.Repeat("☆", 5-n)
	},
	// langName is each language's own name for itself, the same on every page.
	"langName": func(code string) string {
		return map[string]string{"en": "English", "ru": "Русский", "fa": "فارسی"}[code]
	},
}

func mustParsePages() pages {
	names, err := templateFiles.ReadDir("templates")
	if err != nil {
		panic(err)
	}
	ps := pages{}
	for _, f := range names {
		name := strings.TrimSuffix(f.Name(), ".html")
		if name == "layout" || name == "partials" {
			continue
		}
		ps[name] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFiles,
			"templates/layout.html", "templates/partials.html", path.Join("templates", f.Name())))
	}
	return ps
}

// view is what every template gets: the printer and links for the visitor's
// language, the visitor, and the page's own data in .Data.
type view struct {
	P       *locale.Printer
	Lang    locale.Locale
	Locales []locale.Locale
	Rest    string
	Actor   app.Actor
	Title   string
	// Query is the search box's text, kept on the results page.
	Query     string
	Nav       []catalog.Category
	CartCount int64
	Year      int64
	Data      any
}

// Href makes a link inside the shop in the page's language.
func (v view) Href(p string) string { return "/" + v.Lang.Code + p }

// Switch links to the same page in another language.
func (v view) Switch(l locale.Locale) string { return "/" + l.Code + v.Rest }

// N formats an int in the page's digits.
func (v view) N(n int) string { return v.P.Number(int64(n)) }

// Qty formats a quantity for the page's language.
func (v view) Qty(q qty.Quantity) string { return v.P.Decimal(q.String()) }

// Adjustment names a discount or fee of an order in the page's language, with
// what made it: the coupon's code, the promotion's or tier's name.
func (v view) Adjustment(a order.Adjustment) string {
	name := v.P.T("adjustment." + string(a.Kind))
	switch a.Kind {
	case order.CouponDiscount, order.PromotionDiscount, order.TierDiscount:
		if a.Label != "" {
			return name + ": " + a.Label
		}
		return name + ": " + a.Ref
	case order.PointsRedeemed:
		return v.P.Plural("adjustment.points_count", int(a.Points))
	case order.DeliveryFee:
		return v.P.T("delivery." + a.Ref)
	}
	return name
}

// titled is implemented by page data that names its page.
type titled interface {
	title(p *locale.Printer) string
}

// render executes a page into a buffer first, so a template error never sends
// half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, rq *request, data any) {
	t, ok := s.pages[name]
	if !ok {
		panic("shop: no template " + name)
	}
	v := view{P: rq.p, Lang: rq.loc, Locales: locale.Supported(), Rest: rq.rest, Actor: rq.actor, Data: data,
		Nav: rq.nav, Year: int64(time.Now().Year())}
	if d, ok := data.(titled); ok {
		v.Title = d.title(rq.p)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		s.log.Error("shop template failed", "page", name, "err", err)
		http.Error(w, rq.p.T("error.server"), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", rq.loc.Code)
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}
