package store

import (
	"context"

	"b2x/catalog"
	"b2x/errs"
)

// ProductFamily returns a stand-alone product or a variant family: the root SKU
// and every product that names it in variant_of, ordered by SKU. The repeated
// condition that variant_of is not empty lets SQLite use its partial index.
func (tx *Tx) ProductFamily(ctx context.Context, root string) ([]catalog.Product, error) {
	return queryAll(ctx, tx.q, scanProduct,
		`SELECT `+productColumns+` FROM products WHERE sku = $1 OR (variant_of = $1 AND variant_of <> '') ORDER BY sku`, root)
}

// ProductWithFamily returns a product and its family as ProductFamily of its
// root does, in one statement instead of two: the product, the variants naming
// it, and for a variant its parent and its siblings.
func (tx *Tx) ProductWithFamily(ctx context.Context, sku string) (catalog.Product, []catalog.Product, error) {
	family, err := queryAll(ctx, tx.q, scanProduct, `SELECT `+productColumns+` FROM products WHERE sku = $1
		UNION ALL SELECT `+productColumns+` FROM products WHERE variant_of = $1 AND variant_of <> ''
		UNION ALL SELECT `+productColumns+` FROM products WHERE sku = (SELECT variant_of FROM products WHERE sku = $1)
		UNION ALL SELECT `+productColumns+` FROM products
			WHERE variant_of = (SELECT variant_of FROM products WHERE sku = $1) AND variant_of <> '' AND sku <> $1
		ORDER BY sku`, sku)
	if err != nil {
		return catalog.Product{}, nil, err
	}
	for _, p := range family {
		if p.SKU == sku {
			return p, family, nil
		}
	}
	return catalog.Product{}, nil, errs.E(errs.NotFound, "no product %s", sku)
}
