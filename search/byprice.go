package search

import (
	"cmp"
	"slices"
	"strings"
	"sync"
)

// A product page lists the items of its category nearest in price and the
// dearest of those cheaper than it: four of a category's hundreds, for every
// product viewed. Kept rows carry their items in price order (built once, on
// the first such list), so those lists are a binary search and a few steps
// instead of a pass over every row.

// priceIndex is the items a listing without filters shows (a family once, at
// its lowest price) in price order, then key order.
type priceIndex struct {
	items    []priceItem
	rowsOf   [][]int32        // by family number: its rows, in row order
	position map[string]int32 // item key (the family) → index in items
	bySKU    map[string]int32 // SKU → row
}

type priceItem struct {
	key    string
	price  int64
	family int32
}

type priceIndexOnce struct {
	once sync.Once
	ix   priceIndex
}

func (rs *Rows) priceIndex() *priceIndex {
	rs.byPrice.once.Do(func() {
		ix := &rs.byPrice.ix
		ix.rowsOf = make([][]int32, rs.families)
		ix.bySKU = make(map[string]int32, len(rs.rows))
		for i := range rs.rows {
			f := rs.familyOf[i]
			ix.rowsOf[f] = append(ix.rowsOf[f], int32(i))
			ix.bySKU[rs.rows[i].SKU] = int32(i)
		}
		ix.items = make([]priceItem, rs.families)
		for f, rows := range ix.rowsOf {
			it := priceItem{key: rs.rows[rows[0]].Family, price: rs.rows[rows[0]].Price, family: int32(f)}
			for _, i := range rows[1:] {
				it.price = min(it.price, rs.rows[i].Price)
			}
			ix.items[f] = it
		}
		slices.SortFunc(ix.items, func(a, b priceItem) int {
			if c := cmp.Compare(a.price, b.price); c != 0 {
				return c
			}
			return strings.Compare(a.key, b.key)
		})
		ix.position = make(map[string]int32, len(ix.items))
		for i, it := range ix.items {
			ix.position[it.key] = int32(i)
		}
	})
	return &rs.byPrice.ix
}

// Entry finds a SKU the rows list: its family and the price a listing shows it
// at, its own or, for a family's parent without a row of its own, its
// cheapest variant's.
func (rs *Rows) Entry(sku string) (family string, price int64, ok bool) {
	ix := rs.priceIndex()
	if i, ok := ix.bySKU[sku]; ok {
		return rs.rows[i].Family, rs.rows[i].Price, true
	}
	if p, ok := ix.position[sku]; ok {
		return sku, ix.items[p].price, true
	}
	return "", 0, false
}

// priceOrdered reports whether the price index answers f: items nearest a price,
// or below a price dearest first, with no filter that changes which rows an
// item stands for or how a family is grouped.
func (f Filter) priceOrdered() bool {
	plain := len(f.Brands) == 0 && f.MinPrice == nil && f.MaxPrice == nil && len(f.Attrs) == 0 && f.Exact == "" &&
		!f.ByUnits && f.Limit > 0 && f.Offset >= 0
	return plain && (f.Near != nil || f.Below != nil && f.Sort == PriceDesc)
}

// listByPrice is List for a filter priceOrdered accepts.
func listByPrice(rs *Rows, f Filter) ([]Hit, int) {
	ix := rs.priceIndex()
	items := ix.items
	if f.Below != nil {
		// An item is below when its cheapest row is; it then stands for its rows
		// below.
		n, _ := slices.BinarySearchFunc(items, *f.Below, func(it priceItem, p int64) int { return cmp.Compare(it.price, p) })
		items = items[:n]
	}
	total := len(items)
	if p, ok := ix.position[f.ExcludeFamily]; ok && f.ExcludeFamily != "" && int(p) < len(items) {
		total--
	}
	want := f.Offset + f.Limit
	var by func(a, b priceItem) int
	var candidates []priceItem
	if f.Near != nil {
		near := *f.Near
		by = func(a, b priceItem) int { return cmp.Compare(abs(a.price-near), abs(b.price-near)) }
		at, _ := slices.BinarySearchFunc(items, near, func(it priceItem, p int64) int { return cmp.Compare(it.price, p) })
		candidates = nearest(items, at-1, -1, want, f.ExcludeFamily, candidates)
		candidates = nearest(items, at, 1, want, f.ExcludeFamily, candidates)
	} else {
		by = func(a, b priceItem) int { return cmp.Compare(b.price, a.price) }
		candidates = nearest(items, len(items)-1, -1, want, f.ExcludeFamily, candidates)
	}
	slices.SortFunc(candidates, func(a, b priceItem) int {
		if c := by(a, b); c != 0 {
			return c
		}
		return strings.Compare(a.key, b.key)
	})
	candidates = candidates[min(f.Offset, len(candidates)):min(want, len(candidates))]
	hits := make([]Hit, len(candidates))
	for n, it := range candidates {
		hits[n].Key = it.key
		for _, i := range ix.rowsOf[it.family] {
			if f.Below == nil || rs.rows[i].Price < *f.Below {
				hits[n].SKUs = append(hits[n].SKUs, rs.rows[i].SKU)
			}
		}
		slices.Sort(hits[n].SKUs)
	}
	return hits, total
}

// nearest appends to out the first want items from items[from] on in steps of
// step (1 or -1), leaving out the excluded family, and then every further item
// at the price of the last one taken: those tie with it, and the key decides
// between them.
func nearest(items []priceItem, from, step, want int, exclude string, out []priceItem) []priceItem {
	taken := 0
	for i := from; i >= 0 && i < len(items); i += step {
		it := items[i]
		if it.key == exclude {
			continue
		}
		if taken >= want && it.price != out[len(out)-1].price {
			break
		}
		out = append(out, it)
		taken++
	}
	return out
}
