package search

import (
	"cmp"
	"slices"
	"strings"
)

// A listing is computed in two steps. The database finds the rows a listing
// starts from, with its indexes: the channel's active, priced SKUs of a
// category, or matching a text (Row). The rules here then filter those rows by
// brand, price and attributes, list a family (a parent and its variants) once,
// order and page the items, and count the facets. Kept apart from the
// database, one set of rows (Rows, indexed once) serves every order, page and
// filter a shopper chooses, and the rules are plain functions with table tests.

// Row is one SKU a listing may show.
type Row struct {
	SKU      string
	Family   string // the parent's SKU for a variant, else SKU
	Brand    string
	NameKey  string // lower-case name
	Price    int64  // in the channel's terms, minor units of Currency
	Currency string
	Created  int64   // microseconds since 1970
	Rank     float64 // full-text rank, lower is better; 0 without text
	Units    int64   // units sold, for bestsellers
	Attrs    []Attr
}

// Attr is one specification or variant attribute of a row.
type Attr struct {
	Key, Value string
	Variant    bool // a variant attribute (size, colour …) rather than a specification
}

// Rows are a listing's rows with their brands and attributes numbered, so
// that filtering and counting facets over thousands of rows is array work.
type Rows struct {
	rows     []Row
	brands   []string // distinct brands; brandOf[i] indexes it
	brandOf  []int32
	pairs    []Attr  // distinct attributes (key and value; Variant unused)
	attrFrom []int32 // row i's attributes are attrIDs[attrFrom[i]:attrFrom[i+1]]
	attrIDs  []int32
	variant  map[string]bool // keys that are a variant attribute of some row
	familyOf []int32         // row i's family, numbered from 0
	families int
	// Partial says more rows matched than these, the first in the listing's
	// order (store.Listing.Limit): a page of them is a page of the best.
	Partial bool
	byPrice priceIndexOnce
}

// Index numbers the rows' brands and attributes. The rows are kept, not copied.
func Index(rows []Row) *Rows {
	rs := &Rows{rows: rows, brandOf: make([]int32, len(rows)), attrFrom: make([]int32, len(rows)+1),
		variant: map[string]bool{}, familyOf: make([]int32, len(rows))}
	brandIDs := map[string]int32{}
	familyIDs := map[string]int32{}
	type pair struct{ key, value string }
	pairIDs := map[pair]int32{}
	for i := range rows {
		r := &rows[i]
		id, ok := brandIDs[r.Brand]
		if !ok {
			id = int32(len(rs.brands))
			brandIDs[r.Brand] = id
			rs.brands = append(rs.brands, r.Brand)
		}
		rs.brandOf[i] = id
		fam, ok := familyIDs[r.Family]
		if !ok {
			fam = int32(len(familyIDs))
			familyIDs[r.Family] = fam
		}
		rs.familyOf[i] = fam
		for _, a := range r.Attrs {
			id, ok := pairIDs[pair{a.Key, a.Value}]
			if !ok {
				id = int32(len(rs.pairs))
				pairIDs[pair{a.Key, a.Value}] = id
				rs.pairs = append(rs.pairs, Attr{Key: a.Key, Value: a.Value})
			}
			rs.attrIDs = append(rs.attrIDs, id)
			if a.Variant {
				rs.variant[a.Key] = true
			}
		}
		rs.attrFrom[i+1] = int32(len(rs.attrIDs))
	}
	rs.families = len(familyIDs)
	return rs
}

// Len is the number of rows.
func (rs *Rows) Len() int { return len(rs.rows) }

// Filter narrows, orders and pages rows.
type Filter struct {
	Brands []string // any of them; none: every brand
	// MinPrice and MaxPrice bound prices in Currency; rows in another currency
	// are left out when either is set.
	MinPrice, MaxPrice *int64
	Currency           string
	// Attrs keeps rows with, for every key, one of its values.
	Attrs map[string][]string
	// Exact is lower-case search text: a SKU equal to it is listed on its own,
	// and first when sorting by relevance.
	Exact string
	Sort  Sort
	// Near orders by distance from this price; ByUnits by units sold, most
	// first. Either overrides Sort.
	Near    *int64
	ByUnits bool
	// ExcludeFamily leaves out a family (the product a shopper is looking at);
	// Below keeps prices strictly below it. Facets never leave these out.
	ExcludeFamily string
	Below         *int64
	Offset        int
	Limit         int // 0: every item
}

// Hit is one listed item: the SKU it is listed under and the matching SKUs it
// stands for, in SKU order. A family is listed under its parent's SKU.
type Hit struct {
	Key  string
	SKUs []string
}

// List filters, groups, orders and pages rows, and says how many items the
// whole listing has.
//
// A family is listed once, under its parent, standing for its matching SKUs,
// unless a filter names a variant attribute: then the shopper asks for
// particular variants (size L) and each matching SKU is listed on its own. A
// SKU equal to the search text is always listed on its own.
func List(rs *Rows, f Filter) ([]Hit, int) {
	if f.priceOrdered() {
		return listByPrice(rs, f)
	}
	return listAll(rs, f)
}

// listAll is List by a pass over every row.
func listAll(rs *Rows, f Filter) ([]Hit, int) {
	m := newMatcher(rs, f)
	type group struct {
		key     string
		price   int64
		created int64
		name    string
		rank    float64
		exact   bool
		units   int64
	}
	// Rows are grouped through arrays rather than maps: groupOfFamily by family
	// number, groupOfRow for rows listed on their own.
	groups := make([]group, 0, 64)
	groupOfRow := make([]int32, len(rs.rows))
	groupOfFamily := stamps(rs.families)
	for i := range rs.rows {
		groupOfRow[i] = -1
		if !m.all(i) {
			continue
		}
		r := &rs.rows[i]
		exact := m.exact(r)
		g := int32(-1)
		if m.collapse && !exact {
			g = groupOfFamily[rs.familyOf[i]]
		}
		if g < 0 {
			g = int32(len(groups))
			groups = append(groups, group{key: r.SKU, price: r.Price, created: r.Created, name: r.NameKey, rank: r.Rank})
			if m.collapse && !exact {
				groupOfFamily[rs.familyOf[i]] = g
				groups[g].key = r.Family
			}
		}
		gr := &groups[g]
		groupOfRow[i] = g
		gr.price = min(gr.price, r.Price)
		gr.created = max(gr.created, r.Created)
		gr.name = min(gr.name, r.NameKey)
		gr.rank = min(gr.rank, r.Rank)
		gr.exact = gr.exact || exact
		gr.units += r.Units
	}
	var by func(a, b *group) int
	switch {
	case f.ByUnits:
		by = func(a, b *group) int { return cmp.Compare(b.units, a.units) }
	case f.Near != nil:
		by = func(a, b *group) int { return cmp.Compare(abs(a.price-*f.Near), abs(b.price-*f.Near)) }
	case f.Sort == Relevance:
		by = func(a, b *group) int {
			if a.exact != b.exact {
				if a.exact {
					return -1
				}
				return 1
			}
			return cmp.Compare(a.rank, b.rank)
		}
	case f.Sort == PriceAsc:
		by = func(a, b *group) int { return cmp.Compare(a.price, b.price) }
	case f.Sort == PriceDesc:
		by = func(a, b *group) int { return cmp.Compare(b.price, a.price) }
	case f.Sort == Name:
		by = func(a, b *group) int { return strings.Compare(a.name, b.name) }
	default:
		by = func(a, b *group) int { return cmp.Compare(b.created, a.created) }
	}
	compare := func(a, b int32) int {
		ga, gb := &groups[a], &groups[b]
		if c := by(ga, gb); c != 0 {
			return c
		}
		return strings.Compare(ga.key, gb.key)
	}
	total := len(groups)
	from, to := min(max(f.Offset, 0), total), total
	if f.Limit > 0 {
		to = min(from+f.Limit, total)
	}
	order := firstInOrder(total, to, compare)
	// The SKUs of the page's items only.
	hits := make([]Hit, to-from)
	pageOf := stamps(len(groups))
	for n, g := range order[from:to] {
		pageOf[g] = int32(n)
		hits[n].Key = groups[g].key
	}
	for i, g := range groupOfRow {
		if g >= 0 && pageOf[g] >= 0 {
			h := &hits[pageOf[g]]
			h.SKUs = append(h.SKUs, rs.rows[i].SKU)
		}
	}
	for i := range hits {
		slices.Sort(hits[i].SKUs)
	}
	return hits, total
}

// firstInOrder returns the first k of the indexes 0…n-1 in the order compare
// gives (a total order). A product page's short lists want 4 of a category's
// hundreds of items: keeping the best k costs O(n·log k) comparisons and a few
// moves instead of sorting all n.
func firstInOrder(n, k int, compare func(a, b int32) int) []int32 {
	if k <= 0 {
		return nil
	}
	if k*8 >= n {
		order := make([]int32, n)
		for i := range order {
			order[i] = int32(i)
		}
		slices.SortFunc(order, compare)
		return order[:k]
	}
	best := make([]int32, 0, k)
	for i := range int32(n) {
		if len(best) == k && compare(i, best[k-1]) >= 0 {
			continue
		}
		at, _ := slices.BinarySearchFunc(best, i, compare)
		if len(best) == k {
			best = best[:k-1]
		}
		best = slices.Insert(best, at, i)
	}
	return best
}

func abs(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

// FacetsOf counts brands and attribute values and bounds the prices of the
// rows that pass the filter, each facet without its own part of the filter
// (see Facets). Counts are of items: a family listed once counts once.
func FacetsOf(rs *Rows, f Filter) Facets {
	m := newMatcher(rs, f)
	// Visit the rows item by item, so that an item's brand or value is counted
	// once however many of its rows have it: stamps hold the last item that
	// counted each brand and attribute.
	itemOf := map[string]int32{}
	byItem := make([][]int32, 0, len(rs.rows))
	for i := range rs.rows {
		if !m.fixed(i) {
			continue
		}
		key := m.key(&rs.rows[i])
		it, ok := itemOf[key]
		if !ok {
			it = int32(len(byItem))
			itemOf[key] = it
			byItem = append(byItem, nil)
		}
		byItem[it] = append(byItem[it], int32(i))
	}
	brandCount, brandStamp := make([]int, len(rs.brands)), stamps(len(rs.brands))
	pairCount, pairStamp := make([]int, len(rs.pairs)), stamps(len(rs.pairs))
	var out Facets
	priced, currency := false, f.Currency
	for it, rows := range byItem {
		item := int32(it)
		for _, i := range rows {
			r := &rs.rows[i]
			brandOK, priceOK := m.brand(int(i)), m.price(r)
			failed := m.failedAttr(int(i)) // -1: every attribute filter passes; -2: more than one fails
			if b := rs.brandOf[i]; priceOK && failed == -1 && r.Brand != "" && brandStamp[b] != item {
				brandStamp[b] = item
				brandCount[b]++
			}
			if brandOK && failed == -1 && (currency == "" || r.Currency == currency) {
				// One currency: the filter's, or the first row's.
				currency = r.Currency
				if !priced || r.Price < out.MinPrice.Minor {
					out.MinPrice.Minor = r.Price
				}
				if !priced || r.Price > out.MaxPrice.Minor {
					out.MaxPrice.Minor = r.Price
				}
				priced = true
			}
			if !brandOK || !priceOK || failed == -2 {
				continue
			}
			for _, p := range rs.attrIDs[rs.attrFrom[i]:rs.attrFrom[i+1]] {
				// A row that fails one attribute filter counts only for that key.
				if failed >= 0 && rs.pairs[p].Key != m.keys[failed] || pairStamp[p] == item {
					continue
				}
				pairStamp[p] = item
				pairCount[p]++
			}
		}
	}
	if priced {
		out.MinPrice.Currency, out.MaxPrice.Currency = currency, currency
	}
	for b, n := range brandCount {
		if n > 0 {
			out.Brands = append(out.Brands, Count{Value: rs.brands[b], Count: n})
		}
	}
	sortCounts(out.Brands)
	byKey := map[string]*AttrFacet{}
	totals := map[string]int{}
	for p, n := range pairCount {
		if n == 0 {
			continue
		}
		a := rs.pairs[p]
		af := byKey[a.Key]
		if af == nil {
			af = &AttrFacet{Key: a.Key}
			byKey[a.Key] = af
		}
		af.Values = append(af.Values, Count{Value: a.Value, Count: n})
		totals[a.Key] += n
	}
	for _, af := range byKey {
		sortCounts(af.Values)
		if len(af.Values) > MaxAttrValues {
			af.Values, af.More = af.Values[:MaxAttrValues], true
		}
		out.Attrs = append(out.Attrs, *af)
	}
	// The keys most items have come first.
	slices.SortFunc(out.Attrs, func(a, b AttrFacet) int {
		if c := cmp.Compare(totals[b.Key], totals[a.Key]); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	if len(out.Attrs) > MaxAttrKeys {
		out.Attrs = out.Attrs[:MaxAttrKeys]
	}
	return out
}

func stamps(n int) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = -1
	}
	return s
}

// sortCounts orders facet values by count, then by value.
func sortCounts(cs []Count) {
	slices.SortFunc(cs, func(a, b Count) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	})
}

// matcher applies a filter's parts to rows.
type matcher struct {
	rs       *Rows
	f        Filter
	brandOK  []bool   // by brand id; nil: every brand
	keys     []string // the attribute filters' keys, sorted
	keyOf    []int8   // by attribute id: the index in keys of the filter it passes, or -1
	collapse bool     // list a family once
}

func newMatcher(rs *Rows, f Filter) *matcher {
	m := &matcher{rs: rs, f: f, collapse: true}
	if len(f.Brands) > 0 {
		m.brandOK = make([]bool, len(rs.brands))
		for i, b := range rs.brands {
			m.brandOK[i] = slices.Contains(f.Brands, b)
		}
	}
	for k := range f.Attrs {
		m.keys = append(m.keys, k)
		if rs.variant[k] {
			m.collapse = false
		}
	}
	slices.Sort(m.keys)
	if len(m.keys) > 0 {
		m.keyOf = make([]int8, len(rs.pairs))
		for p, a := range rs.pairs {
			m.keyOf[p] = -1
			if k, ok := slices.BinarySearch(m.keys, a.Key); ok && slices.Contains(f.Attrs[a.Key], a.Value) {
				m.keyOf[p] = int8(k)
			}
		}
	}
	return m
}

func (m *matcher) key(r *Row) string {
	if !m.collapse || m.exact(r) {
		return r.SKU
	}
	return r.Family
}

func (m *matcher) exact(r *Row) bool {
	return m.f.Exact != "" && len(r.SKU) == len(m.f.Exact) && strings.ToLower(r.SKU) == m.f.Exact
}

func (m *matcher) brand(i int) bool { return m.brandOK == nil || m.brandOK[m.rs.brandOf[i]] }

func (m *matcher) price(r *Row) bool {
	f := &m.f
	if f.MinPrice == nil && f.MaxPrice == nil {
		return true
	}
	return r.Currency == f.Currency && (f.MinPrice == nil || r.Price >= *f.MinPrice) && (f.MaxPrice == nil || r.Price <= *f.MaxPrice)
}

// failedAttr is the index in keys of the one attribute filter row i fails, -1
// when it passes them all and -2 when it fails more than one.
func (m *matcher) failedAttr(i int) int {
	if len(m.keys) == 0 {
		return -1
	}
	var passed uint64
	for _, p := range m.rs.attrIDs[m.rs.attrFrom[i]:m.rs.attrFrom[i+1]] {
		if k := m.keyOf[p]; k >= 0 {
			passed |= 1 << k
		}
	}
	failed := -1
	for k := range m.keys {
		if passed&(1<<k) == 0 {
			if failed >= 0 {
				return -2
			}
			failed = k
		}
	}
	return failed
}

// fixed reports whether row i passes the parts of the filter that facets
// never leave out.
func (m *matcher) fixed(i int) bool {
	r := &m.rs.rows[i]
	return (m.f.ExcludeFamily == "" || r.Family != m.f.ExcludeFamily) && (m.f.Below == nil || r.Price < *m.f.Below)
}

func (m *matcher) all(i int) bool {
	return m.fixed(i) && m.brand(i) && m.price(&m.rs.rows[i]) && m.failedAttr(i) == -1
}
