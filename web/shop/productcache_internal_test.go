package shop

import (
	"fmt"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/qty"
	"b2x/review"
)

// A kept product page holds while every stock sum it shows, its review count
// and the catalog version it was checked against stay; any of them moving
// makes it rendered again.
func TestProductCheckHolds(t *testing.T) {
	pg := productPage{ProductDetail: app.ProductDetail{
		ProductView: app.ProductView{Product: catalog.Product{SKU: "V-RED", VariantOf: "V"}},
		Available:   qty.Units(2),
		Family:      []app.FamilyMember{{SKU: "V-RED", Available: qty.Units(2)}, {SKU: "V-BLUE", Available: 0}},
		Rating:      review.Summary{Count: 3},
		Related:     []app.BrowseItem{{SKUs: []string{"W-1", "W-2"}, Stocked: true, Available: qty.Units(5)}, {SKUs: []string{"SVC"}}},
	}}
	c := newProductCheck(pg)
	if c.root != "V" {
		t.Fatalf("root %q, want the family's", c.root)
	}
	state := func() app.PageState {
		return app.PageState{Catalog: 7, Reviews: 3, Available: map[string]qty.Quantity{"V-RED": qty.Units(2), "W-1": qty.Units(1), "W-2": qty.Units(4)}}
	}
	if !c.holds(state(), 0, false) || !c.holds(state(), 7, true) {
		t.Fatal("an unchanged page does not hold")
	}
	for name, change := range map[string]func(*app.PageState){
		"product sold":      func(s *app.PageState) { s.Available["V-RED"] = qty.Units(1) },
		"variant restocked": func(s *app.PageState) { s.Available["V-BLUE"] = qty.Units(1) },
		"alternative sold":  func(s *app.PageState) { s.Available["W-2"] = qty.Units(3) },
		"review approved":   func(s *app.PageState) { s.Reviews = 4 },
		"catalog written":   func(s *app.PageState) { s.Catalog = 8 },
	} {
		st := state()
		change(&st)
		if c.holds(st, 7, true) {
			t.Errorf("%s: the page still holds", name)
		}
	}
	if !c.holds(app.PageState{Catalog: 8, Reviews: 3, Available: state().Available}, 0, false) {
		t.Error("a page not checked before does not hold at another catalog version")
	}
}

// A page past pageTTL is served only if it has a check; a version move drops
// it; renew makes it fresh again unless it was replaced.
func TestPageCacheKeepsCheckedPages(t *testing.T) {
	var c pageCache
	c.put("/en/c/x", cachedPage{body: []byte("listing"), version: 1})
	c.put("/en/p/X", cachedPage{body: []byte("product"), version: 1, check: &productCheck{root: "X"}})
	if _, ok, fresh := c.get("/en/p/X", 1); !ok || !fresh {
		t.Fatal("a new page is not fresh")
	}
	if _, ok, _ := c.get("/en/p/X", 2); ok {
		t.Fatal("a page is served after the shop's version moved")
	}
	for k, p := range c.pages {
		p.expires = time.Now().Add(-time.Millisecond)
		c.pages[k] = p
	}
	if _, ok, _ := c.get("/en/c/x", 1); ok {
		t.Fatal("an expired listing is served")
	}
	p, ok, fresh := c.get("/en/p/X", 1)
	if !ok || fresh {
		t.Fatalf("an expired product page: ok %v fresh %v, want kept and stale", ok, fresh)
	}
	c.renew("/en/p/X", p, 42)
	if q, ok, fresh := c.get("/en/p/X", 1); !ok || !fresh || q.catalog != 42 || !q.checked {
		t.Fatalf("renewed: %+v ok %v fresh %v", q, ok, fresh)
	}
	c.put("/en/p/X", cachedPage{body: []byte("again"), version: 1, check: &productCheck{}})
	c.renew("/en/p/X", p, 43)
	if q, _, _ := c.get("/en/p/X", 1); q.catalog == 43 {
		t.Fatal("renew changed a page rendered since")
	}
}

// The cache holds at most maxCachedBytes: past it, pages that can no longer be
// served go first, then pages at random, down to three quarters of it.
func TestPageCacheStaysWithinItsBudget(t *testing.T) {
	var c pageCache
	body := make([]byte, 1<<20)
	c.put("dead", cachedPage{body: body, version: 1})
	for i := range 80 {
		c.put(fmt.Sprint("/en/p/", i), cachedPage{body: body, version: 2, check: &productCheck{}})
		if c.size > maxCachedBytes {
			t.Fatalf("after %d pages the cache holds %d bytes", i+1, c.size)
		}
	}
	if _, ok := c.pages["dead"]; ok {
		t.Error("a page of an old version outlived the eviction")
	}
	held := 0
	for _, p := range c.pages {
		held += len(p.body)
	}
	if held != c.size || len(c.pages) < maxCachedBytes/4*3/len(body) {
		t.Errorf("held %d bytes in %d pages, counted %d", held, len(c.pages), c.size)
	}
	if _, ok, _ := c.get("/en/p/79", 2); !ok {
		t.Error("the page just put was evicted")
	}
}
