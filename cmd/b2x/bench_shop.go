package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"time"
)

// benchShop measures the shop's server-rendered pages through HTTP, each kind on
// its own: a category page (first three pages, one of four orders), a product
// page, and a search (a brand, a word with a filter, or an exact SKU). Each is
// measured twice: as anonymous visitors see it and as a visitor with a cart
// does. Both are served pages kept rendered (web/shop/pagecache.go), the
// visitor with a cart with their own header links; product pages of 10,000
// SKUs asked for uniformly are mostly first views in a run of seconds.
func benchShop(ctx context.Context, e *env, c *http.Client, base string, clients int, d time.Duration, skus int, pages []string) error {
	sorts := []string{"newest", "price_asc", "price_desc", "name"}
	kinds := []struct {
		name string
		url  func(*rand.Rand) string
	}{
		{"category page", func(r *rand.Rand) string {
			return fmt.Sprintf("/en/c/bench-%d?sort=%s&page=%d", r.IntN(12), sorts[r.IntN(4)], 1+r.IntN(3))
		}},
		{"product page", func(r *rand.Rand) string { return fmt.Sprintf("/en/p/BENCH-%05d", r.IntN(skus)) }},
		{"search", func(r *rand.Rand) string {
			switch r.IntN(3) {
			case 0:
				return "/en/search?q=" + url.QueryEscape(fmt.Sprintf("Brand %d", r.IntN(40)))
			case 1:
				return "/en/search?q=product&in_stock=1&sort=price_asc"
			}
			return fmt.Sprintf("/en/search?q=BENCH-%05d", r.IntN(skus))
		}},
	}
	withCart, err := cartClient(c, base)
	if err != nil {
		return err
	}
	for _, k := range kinds {
		if !slices.Contains(pages, strings.Fields(k.name)[0]) {
			continue
		}
		measure := func(c *http.Client, who string) {
			// A warm-up as long as a tenth of the run, unmeasured: the shop serves
			// listings from memory once someone has asked for them.
			runLoad(ctx, clients, d/10, func(r *rand.Rand) error { return get(c, base+k.url(r)) })
			res := runLoad(ctx, clients, d, func(r *rand.Rand) error { return get(c, base+k.url(r)) })
			fmt.Fprintf(e.stdout, "shop %s%s, %d clients: %s\n", k.name, who, clients, res)
		}
		measure(c, "")
		measure(withCart, " (visitor with a cart)")
	}
	return nil
}

// cartClient is a client whose visitor has put a product in the cart, so every
// page shows the cart's badge.
func cartClient(c *http.Client, base string) (*http.Client, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, err
	}
	wc := &http.Client{Transport: c.Transport, Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := wc.PostForm(base+"/en/cart", url.Values{"sku": {"BENCH-00000"}, "quantity": {"1"}})
	if err != nil {
		return nil, err
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("add to cart: %s", res.Status)
	}
	return wc, nil
}
