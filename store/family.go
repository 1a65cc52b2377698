package store

import (
	"context"

	"b2x/catalog"
)

// ProductFamily returns a stand-alone product or a variant family: the root SKU
// and every product that names it in variant_of, ordered by SKU. The repeated
// condition that variant_of is not empty lets SQLite use its partial index.
func (tx *Tx) ProductFamily(ctx context.Context, root string) ([]catalog.Product, error) {
	return queryAll(ctx, tx.q, scanProduct,
		`SELECT `+productColumns+` FROM products WHERE sku = $1 OR (variant_of = $1 AND variant_of <> '') ORDER BY sku`, root)
}
