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
// page, and a search (a brand, a word with a filter, or an exact SKU). Category
// pages and searches are measured twice: as anonymous visitors see them (kept
// rendered for a second, web/shop/pagecache.go) and as a visitor with a cart
// does (rendered for each request).
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
		if k.name != "product page" {
			measure(withCart, " (visitor with a cart)")
		}
	}
	return nil
}

// cartClient is a client whose visitor has put a product in the cart, so the
// shop renders every page for it.
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
