package app_test

import (
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/store"
	"b2x/store/storetest"
)

// TestPublicCatalogCache checks that a change made through the App is seen at once
// by the public, although their pages are cached.
func TestPublicCatalogCache(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("BRK", 0)
		q := app.ProductQuery{Category: "bricks", Limit: 10}
		page, err := f.app.Products(f.ctx, app.Actor{}, q)
		f.must(err)
		if len(page) != 1 {
			t.Fatalf("page: %d products", len(page))
		}
		if _, err := f.app.Product(f.ctx, app.Actor{}, "BRK"); err != nil {
			t.Fatal(err)
		}
		f.product("TILE", 0)
		if page, _ := f.app.Products(f.ctx, app.Actor{}, q); len(page) != 2 {
			t.Errorf("a new product is missing from the cached page: %d products", len(page))
		}
		name := "Red brick, frost resistant"
		if _, err := f.app.UpdateProduct(f.ctx, staffActor, "BRK", app.ProductPatch{Name: &name}); err != nil {
			t.Fatal(err)
		}
		if v, _ := f.app.Product(f.ctx, app.Actor{}, "BRK"); v.Name != name {
			t.Errorf("the public sees the old name %q", v.Name)
		}
		draft := catalog.Draft
		if _, err := f.app.UpdateProduct(f.ctx, staffActor, "BRK", app.ProductPatch{Status: &draft}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.app.Product(f.ctx, app.Actor{}, "BRK"); err == nil {
			t.Error("the public still sees a product taken back to draft")
		}
	})
}
