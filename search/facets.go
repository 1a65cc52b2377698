package search

import "b2x/money"

// Sort orders a listing.
type Sort string

const (
	Relevance Sort = "relevance" // exact SKU first, then the full-text rank; needs search text
	Newest    Sort = "newest"
	PriceAsc  Sort = "price_asc"
	PriceDesc Sort = "price_desc"
	Name      Sort = "name"
)

// Sorts lists the orders a listing may take.
var Sorts = []Sort{Relevance, Newest, PriceAsc, PriceDesc, Name}

// Valid reports whether s is a known order.
func (s Sort) Valid() bool {
	for _, x := range Sorts {
		if s == x {
			return true
		}
	}
	return false
}

// Count is one value of a facet and how many listed items have it.
type Count struct {
	Value string
	Count int
}

// AttrFacet is one specification key (size, colour …) with its most common
// values. More is set when values were left out.
type AttrFacet struct {
	Key    string
	Values []Count
	More   bool
}

// Facets summarise a filtered listing. Each facet is counted with every filter
// but its own (brands without the brand filter, each attribute without its own
// values, the price range without the price bounds), so a shopper sees what
// choosing another value would give. Counts are of listed items (a product with
// its variants counts once).
type Facets struct {
	Brands []Count
	Attrs  []AttrFacet
	// MinPrice and MaxPrice bound the listed prices; zero amounts when nothing
	// is listed.
	MinPrice, MaxPrice money.Amount
}

// Facet bounds: a catalog can have a key on every product with a value each
// (weights, part numbers); a page shows only the common ones.
const (
	MaxAttrKeys   = 20
	MaxAttrValues = 30
)
