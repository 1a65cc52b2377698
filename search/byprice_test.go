package search

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
)

// The price index gives what a pass over every row gives: the same items, in
// the same order, standing for the same SKUs, and the same total.
func TestListByPriceIsListAll(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for round := range 400 {
		var rows []Row
		families := 1 + r.IntN(40)
		for f := range families {
			family := fmt.Sprintf("F%02d", f)
			variants := 1
			if r.IntN(4) == 0 {
				variants = 2 + r.IntN(3)
			}
			for v := range variants {
				sku := family
				if variants > 1 {
					sku = fmt.Sprintf("%s-%d", family, v)
				}
				// Few distinct prices, so that ties are common.
				rows = append(rows, Row{SKU: sku, Family: family, Price: int64(100 * r.IntN(12)), Currency: "EUR"})
			}
		}
		r.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
		rs := Index(rows)
		for range 20 {
			f := Filter{Limit: 1 + r.IntN(8), Offset: r.IntN(3)}
			price := int64(100*r.IntN(13) - 50*r.IntN(2))
			if r.IntN(2) == 0 {
				f.Near = &price
			} else {
				f.Below, f.Sort = &price, PriceDesc
			}
			if r.IntN(3) > 0 {
				f.ExcludeFamily = rows[r.IntN(len(rows))].Family
			}
			if !f.priceOrdered() {
				t.Fatalf("filter %+v not answered by the price index", f)
			}
			gotHits, gotTotal := listByPrice(rs, f)
			wantHits, wantTotal := listAll(rs, f)
			if len(wantHits) == 0 {
				wantHits = []Hit{}
			}
			if gotTotal != wantTotal || !reflect.DeepEqual(gotHits, wantHits) {
				t.Fatalf("round %d, filter near=%v below=%v exclude=%q offset=%d limit=%d:\n got %v (%d)\nwant %v (%d)",
					round, deref(f.Near), deref(f.Below), f.ExcludeFamily, f.Offset, f.Limit, gotHits, gotTotal, wantHits, wantTotal)
			}
		}
	}
}

func TestRowsEntry(t *testing.T) {
	rs := Index([]Row{
		{SKU: "TSH-M", Family: "TSH", Price: 1500},
		{SKU: "TSH-L", Family: "TSH", Price: 1400},
		{SKU: "BRK-1", Family: "BRK-1", Price: 90},
	})
	for _, c := range []struct {
		sku, family string
		price       int64
		ok          bool
	}{
		{"TSH-M", "TSH", 1500, true},
		{"TSH", "TSH", 1400, true}, // a parent without a row: its cheapest variant
		{"BRK-1", "BRK-1", 90, true},
		{"DRL-1", "", 0, false},
	} {
		family, price, ok := rs.Entry(c.sku)
		if family != c.family || price != c.price || ok != c.ok {
			t.Errorf("Entry(%s) = %q, %d, %t; want %q, %d, %t", c.sku, family, price, ok, c.family, c.price, c.ok)
		}
	}
}

func deref(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}
