package store

import (
	"context"

	"b2x/catalog"
	"b2x/pricing"
	"b2x/qty"
)

// ProductFacts is what a product page shows besides the product and its
// family: what each SKU of the family has available, the product's base
// prices and the approved ratings of the family's root (which keeps the
// family's reviews).
type ProductFacts struct {
	// Available sums on hand less reserved over the warehouses, as LevelsOf
	// and PageState do; a SKU without stock levels is missing.
	Available map[string]qty.Quantity
	Prices    []pricing.BasePrice
	// Ratings counts approved reviews by rating, 1 to 5.
	Ratings [5]int
}

// ProductFacts reads a product page's facts in one statement, one round trip
// on PostgreSQL instead of three (LevelsOf, BasePrices, ReviewHistograms).
func (tx *Tx) ProductFacts(ctx context.Context, sku, root string, skus []string) (ProductFacts, error) {
	f := ProductFacts{Available: make(map[string]qty.Quantity, len(skus))}
	args := append([]any{sku, root}, anys(skus)...)
	q := `SELECT 'p', channel, currency, CAST(amount AS BIGINT), CAST(0 AS BIGINT) FROM base_prices WHERE sku = $1
		UNION ALL SELECT 'r', '', '', CAST(rating AS BIGINT), CAST(count(*) AS BIGINT) FROM reviews
			WHERE sku = $2 AND status = 'approved' GROUP BY rating`
	if len(skus) > 0 {
		q += ` UNION ALL SELECT 's', l.sku, '', CAST(SUM(l.on_hand - l.reserved) AS BIGINT), CAST(0 AS BIGINT)
		FROM stock_levels l JOIN warehouses w ON w.code = l.warehouse
		WHERE l.sku IN (` + placeholders(3, len(skus)) + `) GROUP BY l.sku`
	}
	rows, err := tx.q.QueryContext(ctx, q, args...)
	if err != nil {
		return f, err
	}
	defer rows.Close()
	for rows.Next() {
		var kind, a, b string
		var m, n int64
		if err := rows.Scan(&kind, &a, &b, &m, &n); err != nil {
			return f, err
		}
		switch kind {
		case "p":
			bp := pricing.BasePrice{SKU: sku, Channel: catalog.Channel(a)}
			bp.Price.Currency, bp.Price.Minor = b, m
			f.Prices = append(f.Prices, bp)
		case "r":
			if m >= 1 && m <= 5 {
				f.Ratings[m-1] = int(n)
			}
		default:
			f.Available[a] = qty.Quantity(m)
		}
	}
	return f, rows.Err()
}
