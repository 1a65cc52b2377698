package shop

import (
	"context"
	"time"

	"b2x/app"
	"b2x/qty"
)

// A product page is kept rendered like a listing (pagecache.go), but past
// pageTTL it is served again — without reading the product, its family,
// reviews, promotions and alternatives or running the template — while the
// little that can move without the shop's version moving has not: the stock
// of every SKU it shows (the product, its variants, the alternatives' cards),
// the number of its family's approved reviews and the catalog version another
// process moves. All of it is read in one round trip (app.ProductPageState)
// and compared with what the page was rendered from, so a page is never kept
// with stock it did not show. A page is rendered again after pageMaxAge at
// the latest: promotions that start or end by their dates and a product
// newly in stock joining another's "cheaper" list show within it, and the
// checkout prices every order at its own time anyway.
const pageMaxAge = 10 * time.Second

// productCheck is what a product page showed that may move without the shop's
// version moving.
type productCheck struct {
	root string
	skus []string
	// groups are the stock sums the page shows: each over skus[from:to].
	groups  []stockGroup
	reviews int64
}

type stockGroup struct {
	from, to  int
	available qty.Quantity
}

func newProductCheck(pg productPage) *productCheck {
	c := &productCheck{root: pg.SKU, reviews: int64(pg.Rating.Count)}
	if pg.VariantOf != "" {
		c.root = pg.VariantOf
	}
	add := func(available qty.Quantity, skus ...string) {
		c.groups = append(c.groups, stockGroup{from: len(c.skus), to: len(c.skus) + len(skus), available: available})
		c.skus = append(c.skus, skus...)
	}
	add(pg.Available, pg.SKU)
	for _, f := range pg.Family {
		add(f.Available, f.SKU)
	}
	for _, it := range append(pg.Cheaper[:len(pg.Cheaper):len(pg.Cheaper)], pg.Related...) {
		if it.Stocked {
			add(it.Available, it.SKUs...)
		}
	}
	return c
}

// holds reports whether a page with check c still shows st: a page checked
// before against catalog (checked) must also have seen no catalog write since.
func (c *productCheck) holds(st app.PageState, catalog int64, checked bool) bool {
	if st.Reviews != c.reviews || checked && st.Catalog != catalog {
		return false
	}
	for _, g := range c.groups {
		var sum qty.Quantity
		for _, sku := range c.skus[g.from:g.to] {
			sum += max(st.Available[sku], 0)
		}
		if sum != g.available {
			return false
		}
	}
	return true
}

// stillShown reports whether a product page kept past pageTTL may be served
// again, and renews it if so.
func (s *Server) stillShown(ctx context.Context, key string, p cachedPage) bool {
	if p.check == nil || time.Since(p.made) > pageMaxAge {
		return false
	}
	st, err := s.app.ProductPageState(ctx, p.check.root, p.check.skus)
	if err != nil {
		s.log.Warn("product page state", "err", err)
		return false
	}
	if !p.check.holds(st, p.catalog, p.checked) {
		return false
	}
	s.cache.renew(key, p, st.Catalog)
	return true
}
