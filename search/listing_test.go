package search

import (
	"slices"
	"testing"

	"b2x/money"
)

func attrs(variant bool, kv ...string) []Attr {
	var out []Attr
	for i := 0; i < len(kv); i += 2 {
		out = append(out, Attr{Key: kv[i], Value: kv[i+1], Variant: variant})
	}
	return out
}

// listingRows: two stand-alone bricks, a T-shirt family of three variants and
// a drill.
func listingRows() *Rows {
	return Index([]Row{
		{SKU: "BRK-1", Family: "BRK-1", Brand: "Wien", NameKey: "red brick", Price: 120, Currency: "EUR", Created: 1, Rank: -2,
			Attrs: attrs(false, "Colour", "red", "Format", "NF")},
		{SKU: "BRK-2", Family: "BRK-2", Brand: "Kera", NameKey: "clinker brick", Price: 90, Currency: "EUR", Created: 2, Rank: -1,
			Attrs: attrs(false, "Colour", "red", "Format", "1.4NF")},
		{SKU: "TSH-M-RED", Family: "TSH", Brand: "Dick", NameKey: "t-shirt m red", Price: 1500, Currency: "EUR", Created: 3, Units: 3,
			Attrs: append(attrs(true, "Size", "M", "Colour", "red"), attrs(false, "Material", "cotton")...)},
		{SKU: "TSH-L-RED", Family: "TSH", Brand: "Dick", NameKey: "t-shirt l red", Price: 1500, Currency: "EUR", Created: 4, Units: 1,
			Attrs: append(attrs(true, "Size", "L", "Colour", "red"), attrs(false, "Material", "cotton")...)},
		{SKU: "TSH-L-BLU", Family: "TSH", Brand: "Dick", NameKey: "t-shirt l blue", Price: 1700, Currency: "EUR", Created: 5,
			Attrs: append(attrs(true, "Size", "L", "Colour", "blue"), attrs(false, "Material", "cotton")...)},
		{SKU: "DRL-1", Family: "DRL-1", Brand: "Bosch", NameKey: "drill", Price: 5000, Currency: "EUR", Created: 6, Units: 2,
			Attrs: attrs(false, "Power", "500 W")},
	})
}

func keys(hits []Hit) []string {
	out := []string{}
	for _, h := range hits {
		out = append(out, h.Key)
	}
	return out
}

func ptr(v int64) *int64 { return &v }

func TestList(t *testing.T) {
	rs := listingRows()
	tests := []struct {
		name  string
		f     Filter
		want  []string
		total int
	}{
		{"newest, a family once", Filter{}, []string{"DRL-1", "TSH", "BRK-2", "BRK-1"}, 4},
		{"price ascending: a family at its lowest", Filter{Sort: PriceAsc}, []string{"BRK-2", "BRK-1", "TSH", "DRL-1"}, 4},
		{"price descending", Filter{Sort: PriceDesc}, []string{"DRL-1", "TSH", "BRK-1", "BRK-2"}, 4},
		{"name", Filter{Sort: Name}, []string{"BRK-2", "DRL-1", "BRK-1", "TSH"}, 4},
		{"relevance: rank, no rank last", Filter{Sort: Relevance}, []string{"BRK-1", "BRK-2", "DRL-1", "TSH"}, 4},
		{"relevance: an exact SKU first, on its own", Filter{Sort: Relevance, Exact: "tsh-l-blu"}, []string{"TSH-L-BLU", "BRK-1", "BRK-2", "DRL-1", "TSH"}, 5},
		{"page", Filter{Sort: PriceAsc, Offset: 1, Limit: 2}, []string{"BRK-1", "TSH"}, 4},
		{"past the end", Filter{Offset: 9, Limit: 2}, []string{}, 4},
		{"brands", Filter{Brands: []string{"Wien", "Bosch"}}, []string{"DRL-1", "BRK-1"}, 2},
		{"price bounds", Filter{MinPrice: ptr(100), MaxPrice: ptr(1500), Currency: "EUR"}, []string{"TSH", "BRK-1"}, 2},
		{"another currency", Filter{MinPrice: ptr(100), Currency: "USD"}, []string{}, 0},
		{"a specification keeps families whole", Filter{Attrs: map[string][]string{"Material": {"cotton"}}}, []string{"TSH"}, 1},
		{"OR within a key", Filter{Attrs: map[string][]string{"Format": {"NF", "1.4NF"}}, Sort: PriceAsc}, []string{"BRK-2", "BRK-1"}, 2},
		{"AND across keys", Filter{Attrs: map[string][]string{"Format": {"NF"}, "Colour": {"red"}}}, []string{"BRK-1"}, 1},
		{"a variant attribute lists variants", Filter{Attrs: map[string][]string{"Size": {"L"}}, Sort: PriceAsc}, []string{"TSH-L-RED", "TSH-L-BLU"}, 2},
		{"units sold", Filter{ByUnits: true, Limit: 2}, []string{"TSH", "DRL-1"}, 4},
		{"near a price, another family", Filter{Near: ptr(100), ExcludeFamily: "BRK-2"}, []string{"BRK-1", "TSH", "DRL-1"}, 3},
		{"below a price", Filter{Below: ptr(1500), Sort: PriceDesc}, []string{"BRK-1", "BRK-2"}, 2},
	}
	for _, tt := range tests {
		hits, total := List(rs, tt.f)
		if got := keys(hits); !slices.Equal(got, tt.want) || total != tt.total {
			t.Errorf("%s: %q of %d, want %q of %d", tt.name, got, total, tt.want, tt.total)
		}
	}
	hits, _ := List(rs, Filter{Sort: PriceAsc, MaxPrice: ptr(1600), Currency: "EUR"})
	if tsh := hits[2]; tsh.Key != "TSH" || !slices.Equal(tsh.SKUs, []string{"TSH-L-RED", "TSH-M-RED"}) {
		t.Errorf("the family stands for its matching SKUs: %+v", tsh)
	}
}

func TestFacetsOf(t *testing.T) {
	rs := listingRows()
	eur := func(minor int64) money.Amount { return money.Amount{Minor: minor, Currency: "EUR"} }
	count := func(kv ...any) []Count {
		var out []Count
		for i := 0; i < len(kv); i += 2 {
			out = append(out, Count{Value: kv[i].(string), Count: kv[i+1].(int)})
		}
		return out
	}
	attr := func(f Facets, key string) []Count {
		for _, a := range f.Attrs {
			if a.Key == key {
				return a.Values
			}
		}
		return nil
	}

	// No filter: a family counts once, however many of its SKUs have a value.
	f := FacetsOf(rs, Filter{})
	if !slices.Equal(f.Brands, count("Bosch", 1, "Dick", 1, "Kera", 1, "Wien", 1)) {
		t.Errorf("brands %v", f.Brands)
	}
	if got := attr(f, "Colour"); !slices.Equal(got, count("red", 3, "blue", 1)) {
		t.Errorf("colours %v", got)
	}
	if got := attr(f, "Material"); !slices.Equal(got, count("cotton", 1)) {
		t.Errorf("materials %v", got)
	}
	if f.MinPrice != eur(90) || f.MaxPrice != eur(5000) {
		t.Errorf("prices %v–%v", f.MinPrice, f.MaxPrice)
	}
	if f.Attrs[0].Key != "Colour" {
		t.Errorf("the key most items have is not first: %v", f.Attrs)
	}

	// Each facet without its own filter.
	f = FacetsOf(rs, Filter{Brands: []string{"Wien", "Kera"}, Attrs: map[string][]string{"Format": {"NF"}}, MaxPrice: ptr(130), Currency: "EUR"})
	if !slices.Equal(f.Brands, count("Wien", 1)) { // Kera's brick is 1.4NF
		t.Errorf("brands without the brand filter %v", f.Brands)
	}
	if got := attr(f, "Format"); !slices.Equal(got, count("1.4NF", 1, "NF", 1)) {
		t.Errorf("formats without the format filter %v", got)
	}
	if got := attr(f, "Colour"); !slices.Equal(got, count("red", 1)) {
		t.Errorf("colours with every filter %v", got)
	}
	if f.MinPrice != eur(120) || f.MaxPrice != eur(120) {
		t.Errorf("prices without the price filter %v–%v", f.MinPrice, f.MaxPrice)
	}

	f = FacetsOf(rs, Filter{Attrs: map[string][]string{"Colour": {"red"}}})
	// Colour is a variant attribute: variants are items of their own now.
	if got := attr(f, "Colour"); !slices.Equal(got, count("red", 4, "blue", 1)) {
		t.Errorf("colours without the colour filter %v", got)
	}
	if got := attr(f, "Size"); !slices.Equal(got, count("L", 1, "M", 1)) {
		t.Errorf("sizes of red variants %v", got)
	}
	if !slices.Equal(f.Brands, count("Dick", 2, "Kera", 1, "Wien", 1)) { // variants listed one by one
		t.Errorf("brands of red items %v", f.Brands)
	}
}
