package app_test

import (
	"slices"
	"testing"

	"b2x/app"
	"b2x/errs"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

// A variant's page lists its whole family, as its parent's does, and
// ProductPageState reads the same stock the page shows; a SKU without stock
// levels is absent, and a missing product is not found.
func TestProductPageFamilyAndState(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAfterSales(t, newFixture(t, db))
		f.receive("DRL-RED", 5)
		var pages []app.ProductDetail
		for _, sku := range []string{"DRL", "DRL-RED"} {
			d, err := f.app.ProductPage(f.ctx, app.Actor{}, sku)
			f.must(err)
			var family []string
			for _, m := range d.Family {
				family = append(family, m.SKU)
				if m.Current != (m.SKU == sku) {
					t.Errorf("%s: member %s current %v", sku, m.SKU, m.Current)
				}
			}
			if !slices.Equal(family, []string{"DRL", "DRL-BLUE", "DRL-RED"}) {
				t.Fatalf("%s: family %q", sku, family)
			}
			pages = append(pages, d)
		}
		red := pages[1]
		if red.Available != qty.Units(55) || red.Family[2].Available != qty.Units(55) || red.Family[0].Available != qty.Units(50) {
			t.Fatalf("available %v, family %+v", red.Available, red.Family)
		}
		st, err := f.app.ProductPageState(f.ctx, "DRL", []string{"DRL", "DRL-RED", "BRK", "NONE-1"})
		f.must(err)
		want := map[string]qty.Quantity{"DRL": qty.Units(50), "DRL-RED": qty.Units(55), "BRK": qty.Units(100)}
		if st.Reviews != 0 || st.Catalog == 0 || len(st.Available) != len(want) {
			t.Fatalf("state %+v", st)
		}
		for sku, q := range want {
			if st.Available[sku] != q {
				t.Errorf("%s: available %v, want %v", sku, st.Available[sku], q)
			}
		}
		if _, err := f.app.ProductPage(f.ctx, app.Actor{}, "NONE-1"); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("a missing product: %v", err)
		}
	})
}
