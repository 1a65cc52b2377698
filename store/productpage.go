package store

import (
	"context"

	"b2x/qty"
)

// PageState is what a product page kept rendered may have missed since: the
// stock of the SKUs it shows, the number of approved reviews of its family and
// the catalog version (another process's writes).
type PageState struct {
	Catalog   int64
	Reviews   int64
	Available map[string]qty.Quantity
}

// PageState reads the state of a product page in one statement, one round trip
// on PostgreSQL: root is the family's root (which keeps its reviews), skus the
// SKUs whose stock the page shows. Available sums on hand less reserved over the
// warehouses as LevelsOf does; a SKU without levels is missing (none available).
func (tx *Tx) PageState(ctx context.Context, root string, skus []string) (PageState, error) {
	st := PageState{Available: make(map[string]qty.Quantity, len(skus))}
	args := append([]any{root}, anys(skus)...)
	q := `SELECT 'v', '', CAST((SELECT version FROM catalog_version WHERE id = 1) AS BIGINT)
		UNION ALL SELECT 'r', '', CAST(count(*) AS BIGINT) FROM reviews WHERE sku = $1 AND status = 'approved'`
	if len(skus) > 0 {
		q += ` UNION ALL SELECT 's', l.sku, ` + availableSum + availableFrom(2, len(skus))
	}
	rows, err := tx.q.QueryContext(ctx, q, args...)
	if err != nil {
		return st, err
	}
	defer rows.Close()
	for rows.Next() {
		var kind, sku string
		var n int64
		if err := rows.Scan(&kind, &sku, &n); err != nil {
			return st, err
		}
		switch kind {
		case "v":
			st.Catalog = n
		case "r":
			st.Reviews = n
		default:
			st.Available[sku] = qty.Quantity(n)
		}
	}
	return st, rows.Err()
}

// availableSum and availableFrom select what each SKU has available, summed
// over the warehouses as LevelsOf does, for a UNION ALL branch: SKUs are the
// placeholders from $from on.
const availableSum = `CAST(SUM(l.on_hand - l.reserved) AS BIGINT)`

func availableFrom(from, n int) string {
	return ` FROM stock_levels l JOIN warehouses w ON w.code = l.warehouse
		WHERE l.sku IN (` + placeholders(from, n) + `) GROUP BY l.sku`
}
