package store

import (
	"context"

	"b2x/catalog"
	"b2x/errs"
	"b2x/pricing"
)

const productColumns = `id, sku, variant_of, variant_attrs, name, description, brand, COALESCE(category, ''),
	kind, unit, b2c, b2b, specs, care_instructions, warranty_months, status, tax_rate_bp, created_at, updated_at`

func scanProduct(row scanner) (catalog.Product, error) {
	var p catalog.Product
	var attrs, specs string
	var b2c, b2b bool
	err := row.Scan(&p.ID, &p.SKU, &p.VariantOf, &attrs, &p.Name, &p.Description, &p.Brand, &p.Category,
		&p.Kind, &p.Unit, &b2c, &b2b, &specs, &p.CareInstructions, &p.WarrantyMonths, &p.Status, &p.TaxRateBP,
		&p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return p, err
	}
	if b2b {
		p.Channels = append(p.Channels, catalog.B2B)
	}
	if b2c {
		p.Channels = append(p.Channels, catalog.B2C)
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	if err := fromJSON(attrs, &p.VariantAttrs); err != nil {
		return p, err
	}
	return p, fromJSON(specs, &p.Specs)
}

// InsertProduct adds a product and indexes it for search; a taken SKU is a conflict.
func (tx *Tx) InsertProduct(ctx context.Context, p *catalog.Product) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO products (id, sku, variant_of, variant_attrs, name, description, brand,
		category, kind, unit, b2c, b2b, specs, care_instructions, warranty_months, status, tax_rate_bp, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)`,
		productArgs(p)...)
	if uniqueViolation(err) {
		return errs.E(errs.Conflict, "a product with SKU %s already exists", p.SKU)
	}
	if err != nil {
		return err
	}
	return tx.indexProduct(ctx, p, true)
}

// UpdateProduct writes every field of an existing product, found by its id, and
// its search index.
func (tx *Tx) UpdateProduct(ctx context.Context, p *catalog.Product) error {
	args := productArgs(p)
	args = append(args[:17], args[18]) // created_at never changes
	res, err := tx.q.ExecContext(ctx, `UPDATE products SET sku = $2, variant_of = $3, variant_attrs = $4, name = $5,
		description = $6, brand = $7, category = $8, kind = $9, unit = $10, b2c = $11, b2b = $12, specs = $13,
		care_instructions = $14, warranty_months = $15, status = $16, tax_rate_bp = $17, updated_at = $18
		WHERE id = $1`, args...)
	if uniqueViolation(err) {
		return errs.E(errs.Conflict, "a product with SKU %s already exists", p.SKU)
	}
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "no product %s", p.SKU)
	}
	return tx.indexProduct(ctx, p, false)
}

func productArgs(p *catalog.Product) []any {
	attrs, specs := p.VariantAttrs, p.Specs
	if attrs == nil {
		attrs = []catalog.Spec{}
	}
	if specs == nil {
		specs = []catalog.Spec{}
	}
	return []any{p.ID, p.SKU, p.VariantOf, toJSON(attrs), p.Name, p.Description, p.Brand, null(p.Category),
		string(p.Kind), p.Unit, p.Channels.Has(catalog.B2C), p.Channels.Has(catalog.B2B), toJSON(specs),
		p.CareInstructions, p.WarrantyMonths, string(p.Status), p.TaxRateBP, utc(p.CreatedAt), utc(p.UpdatedAt)}
}

// Product finds a product by SKU.
func (tx *Tx) Product(ctx context.Context, sku string) (catalog.Product, error) {
	p, err := scanProduct(tx.q.QueryRowContext(ctx, `SELECT `+productColumns+` FROM products WHERE sku = $1`, sku))
	return p, notFound(err, "no product %s", sku)
}

// ProductsBySKU loads the products named, keyed by SKU; missing ones are absent.
func (tx *Tx) ProductsBySKU(ctx context.Context, skus []string) (map[string]catalog.Product, error) {
	out := make(map[string]catalog.Product, len(skus))
	if len(skus) == 0 {
		return out, nil
	}
	args := make([]any, len(skus))
	for i, s := range skus {
		args[i] = s
	}
	ps, err := queryAll(ctx, tx.q, scanProduct, `SELECT `+productColumns+` FROM products WHERE sku IN (`+placeholders(1, len(skus))+`)`, args...)
	for _, p := range ps {
		out[p.SKU] = p
	}
	return out, err
}

// ProductFilter selects products for a listing.
type ProductFilter struct {
	Query      string          // matched against SKU, name and brand
	Category   string          // category slug
	Channel    catalog.Channel // only products visible in this channel
	ActiveOnly bool
	Status     catalog.Status // staff lists: only products in this status
	Kind       catalog.Kind   // staff lists: only goods, services or licences
	After      string         // cursor: the last SKU of the previous page
	Limit      int
}

// ListProducts returns one page of products ordered by SKU.
func (tx *Tx) ListProducts(ctx context.Context, f ProductFilter) ([]catalog.Product, error) {
	var c conditions
	if f.Query != "" {
		c.like(f.Query, "sku", "name", "brand")
	}
	if f.Category != "" {
		c.add("category = " + c.arg(f.Category))
	}
	switch f.Channel {
	case catalog.B2C:
		c.add("b2c")
	case catalog.B2B:
		c.add("b2b")
	}
	if f.ActiveOnly {
		c.add("status = 'active'")
	}
	if f.Status != "" {
		c.add("status = " + c.arg(string(f.Status)))
	}
	if f.Kind != "" {
		c.add("kind = " + c.arg(string(f.Kind)))
	}
	if f.After != "" {
		c.add("sku > " + c.arg(f.After))
	}
	q := `SELECT ` + productColumns + ` FROM products` + c.where() + ` ORDER BY sku LIMIT ` + c.arg(f.Limit)
	return queryAll(ctx, tx.q, scanProduct, q, c.args...)
}

// UpsertCategory adds a category or renames an existing one.
func (tx *Tx) UpsertCategory(ctx context.Context, c catalog.Category) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO categories (slug, name, parent) VALUES ($1, $2, $3)
		ON CONFLICT (slug) DO UPDATE SET name = excluded.name, parent = excluded.parent`, c.Slug, c.Name, null(c.Parent))
	return err
}

// CategoryExists reports whether a category slug is known.
func (tx *Tx) CategoryExists(ctx context.Context, slug string) (bool, error) {
	var n int
	err := tx.q.QueryRowContext(ctx, `SELECT count(*) FROM categories WHERE slug = $1`, slug).Scan(&n)
	return n > 0, err
}

// Categories lists every category by slug.
func (tx *Tx) Categories(ctx context.Context) ([]catalog.Category, error) {
	return queryAll(ctx, tx.q, func(row scanner) (c catalog.Category, err error) {
		return c, row.Scan(&c.Slug, &c.Name, &c.Parent)
	}, `SELECT slug, name, COALESCE(parent, '') FROM categories ORDER BY slug`)
}

// SetBasePrice sets a SKU's list price in one channel and the prices its search
// index lists.
func (tx *Tx) SetBasePrice(ctx context.Context, bp pricing.BasePrice) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO base_prices (sku, channel, currency, amount) VALUES ($1, $2, $3, $4)
		ON CONFLICT (sku, channel) DO UPDATE SET currency = excluded.currency, amount = excluded.amount`,
		bp.SKU, string(bp.Channel), bp.Price.Currency, bp.Price.Minor)
	if err != nil {
		return err
	}
	return tx.indexPrices(ctx, bp.SKU)
}

// BasePrices loads the base prices of the SKUs named, keyed by SKU.
func (tx *Tx) BasePrices(ctx context.Context, skus []string) (map[string][]pricing.BasePrice, error) {
	out := make(map[string][]pricing.BasePrice, len(skus))
	if len(skus) == 0 {
		return out, nil
	}
	args := make([]any, len(skus))
	for i, s := range skus {
		args[i] = s
	}
	rows, err := tx.q.QueryContext(ctx, `SELECT sku, channel, currency, amount FROM base_prices
		WHERE sku IN (`+placeholders(1, len(skus))+`) ORDER BY sku, channel`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var bp pricing.BasePrice
		if err := rows.Scan(&bp.SKU, &bp.Channel, &bp.Price.Currency, &bp.Price.Minor); err != nil {
			return nil, err
		}
		out[bp.SKU] = append(out[bp.SKU], bp)
	}
	return out, rows.Err()
}
