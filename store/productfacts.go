package store

import (
	"context"

	"b2x/catalog"
	"b2x/money"
	"b2x/pricing"
	"b2x/qty"
)

// ProductFacts is what a product page shows besides the product and its
// family: what each SKU of the family has available, the product's base
// prices, the approved ratings of the family's root (which keeps the family's
// reviews), and the items it lists (its cheaper and related products) as
// ListingMembers reads them.
type ProductFacts struct {
	// Available sums on hand less reserved over the warehouses, as LevelsOf
	// and PageState do; a SKU without stock levels is missing.
	Available map[string]qty.Quantity
	Prices    []pricing.BasePrice
	// Ratings counts approved reviews by rating, 1 to 5.
	Ratings [5]int
	Members map[string]ListingMember
}

// FactsQuery names what ProductFacts reads.
type FactsQuery struct {
	SKU, Root string
	Family    []string // the family's SKUs whose stock the page shows
	Channel   catalog.Channel
	Listed    []string // the SKUs of the items the page lists
}

// ProductFacts reads a product page's facts in one statement, one round trip
// on PostgreSQL instead of four (LevelsOf, BasePrices, ReviewHistograms,
// ListingMembers). Each part is a branch of a UNION ALL with a tag in the first
// column and its values in the others.
func (tx *Tx) ProductFacts(ctx context.Context, q FactsQuery) (ProductFacts, error) {
	f := ProductFacts{Available: make(map[string]qty.Quantity, len(q.Family)), Members: make(map[string]ListingMember, len(q.Listed))}
	args := append(append([]any{q.SKU, q.Root}, anys(q.Family)...), anys(q.Listed)...)
	query := `SELECT 'p', channel, currency, '', CAST(amount AS BIGINT), CAST(0 AS BIGINT), CAST(0 AS BIGINT)
			FROM base_prices WHERE sku = $1
		UNION ALL SELECT 'r', '', '', '', CAST(rating AS BIGINT), CAST(count(*) AS BIGINT), CAST(0 AS BIGINT)
			FROM reviews WHERE sku = $2 AND status = 'approved' GROUP BY rating`
	if len(q.Family) > 0 {
		query += ` UNION ALL SELECT 's', l.sku, '', '', ` + availableSum + `, CAST(0 AS BIGINT), CAST(0 AS BIGINT)` +
			availableFrom(3, len(q.Family))
	}
	if len(q.Listed) > 0 {
		query += ` UNION ALL SELECT 'm', ` + memberColumns(q.Channel) +
			` FROM product_search s WHERE s.sku IN (` + placeholders(3+len(q.Family), len(q.Listed)) + `)`
	}
	rows, err := tx.q.QueryContext(ctx, query, args...)
	if err != nil {
		return f, err
	}
	defer rows.Close()
	for rows.Next() {
		var tag, a, b, c string
		var m, n, o int64
		if err := rows.Scan(&tag, &a, &b, &c, &m, &n, &o); err != nil {
			return f, err
		}
		switch tag {
		case "p":
			f.Prices = append(f.Prices, pricing.BasePrice{SKU: q.SKU, Channel: catalog.Channel(a), Price: money.Amount{Minor: m, Currency: b}})
		case "r":
			if m >= 1 && m <= 5 {
				f.Ratings[m-1] = int(n)
			}
		case "s":
			f.Available[a] = qty.Quantity(m)
		case "m":
			f.Members[a] = listingMember(a, b, c, m, n, o)
		}
	}
	return f, rows.Err()
}
