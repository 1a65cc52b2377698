package shop

import (
	"embed"
	"net/http"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/locale"
	"b2x/order"
	"b2x/web/page"
)

//go:embed templates/*.html
var templateFiles embed.FS

// view is what every template gets: the printer and links for the visitor's
// language, the visitor, and the page's own data in .Data.
type view struct {
	page.View
	Actor app.Actor
	// Query is the search box's text, kept on the results page.
	Query     string
	Nav       []catalog.Category
	CartCount int64
	Year      int64
	Data      any
}

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

// render shows a page with the shop's layout.
func (s *Server) render(w http.ResponseWriter, status int, name string, rq *request, data any) {
	v := view{View: page.View{P: rq.p, Lang: rq.loc, Locales: locale.Supported(), Base: "/" + rq.loc.Code, Rest: rq.rest},
		Actor: rq.actor, Data: data, Nav: rq.nav, Query: rq.query, Year: int64(time.Now().Year()), CartCount: int64(rq.cartLines)}
	if d, ok := data.(titled); ok {
		v.Title = d.title(rq.p)
	}
	if rq.cacheKey != "" && status == http.StatusOK && s.keep(w, name, rq, v) {
		return
	}
	s.pages.Render(w, status, name, rq.p, v)
}
