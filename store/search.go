package store

import (
	"context"
	"fmt"
	"strings"

	"b2x/catalog"
	"b2x/errs"
	"b2x/pricing"
	"b2x/qty"
	"b2x/search"
)

// The search index (migration 0004): product_search holds one row per product
// with what the shop filters and sorts on and the product's stemmed text;
// product_attrs its specifications as rows; product_fts (an FTS5 table on SQLite,
// a function over a GIN-indexed tsvector on PostgreSQL) finds rows by words.
//
// The store keeps it in step itself: InsertProduct and UpdateProduct call
// indexProduct and SetBasePrice calls indexPrices, inside the caller's
// transaction, so no use case (create, patch, import, demo seeding) can change a
// product without its index.

// indexProduct writes the search row and attributes of p and, when p is a
// parent, of its variants, which inherit its category, brand and specifications.
// A product just inserted has no base prices, attributes or variants yet (they
// all need it first), which saves three queries on imports.
func (tx *Tx) indexProduct(ctx context.Context, p *catalog.Product, inserted bool) error {
	if err := tx.bumpCatalogVersion(ctx); err != nil {
		return err
	}
	if err := tx.writeSearchRowFor(ctx, p, inserted); err != nil || inserted {
		return err
	}
	variants, err := queryAll(ctx, tx.q, scanString,
		`SELECT sku FROM product_search WHERE family = $1 AND sku <> $1`, p.SKU)
	if err != nil || len(variants) == 0 {
		return err
	}
	vs, err := tx.ProductsBySKU(ctx, variants)
	if err != nil {
		return err
	}
	for _, sku := range variants {
		if v, ok := vs[sku]; ok && v.VariantOf == p.SKU {
			if err := tx.writeSearchRow(ctx, &v, p, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeSearchRow upserts one product's row and text.
func (tx *Tx) writeSearchRow(ctx context.Context, p, parent *catalog.Product, inserted bool) error {
	category, brand, family := p.Category, p.Brand, p.SKU
	if p.VariantOf != "" {
		family = p.VariantOf
	}
	var parentSpecs []catalog.Spec
	if parent != nil {
		category = orInherited(category, parent.Category)
		brand = orInherited(brand, parent.Brand)
		parentSpecs = parent.Specs
	}
	var variantText, specText []string
	for _, a := range p.VariantAttrs {
		variantText = append(variantText, a.Value)
	}
	for _, s := range p.Specs {
		specText = append(specText, s.Key, s.Value)
	}
	var prices listingPrices
	if !inserted {
		var err error
		if prices, err = tx.listingPrices(ctx, p.SKU, p.TaxRateBP); err != nil {
			return err
		}
	}
	var n int64
	err := tx.q.QueryRowContext(ctx, `INSERT INTO product_search (product_id, sku, family, category, brand, name_key,
			kind, b2c, b2b, active, tax_rate_bp, currency, price_b2c, price_b2b, created_us, attrs)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
		ON CONFLICT (product_id) DO UPDATE SET sku = excluded.sku, family = excluded.family,
			category = excluded.category, brand = excluded.brand, name_key = excluded.name_key, kind = excluded.kind,
			b2c = excluded.b2c, b2b = excluded.b2b, active = excluded.active, tax_rate_bp = excluded.tax_rate_bp,
			currency = excluded.currency, price_b2c = excluded.price_b2c, price_b2b = excluded.price_b2b,
			created_us = excluded.created_us, attrs = excluded.attrs
		RETURNING n`,
		p.ID, p.SKU, family, category, brand, strings.ToLower(p.Name), string(p.Kind),
		p.Channels.Has(catalog.B2C), p.Channels.Has(catalog.B2B), p.Status == catalog.Active, p.TaxRateBP,
		prices.currency, prices.b2c, prices.b2b, utc(p.CreatedAt).UnixMicro(),
		encodeAttrs(p.VariantAttrs, p.Specs, parentSpecs)).Scan(&n)
	if err != nil {
		return fmt.Errorf("search index of %s: %w", p.SKU, err)
	}
	_, err = tx.q.ExecContext(ctx, `INSERT INTO product_text (n, title, body) VALUES ($1, $2, $3)
		ON CONFLICT (n) DO UPDATE SET title = excluded.title, body = excluded.body`, n,
		search.Document(p.Name, brand, p.SKU, strings.Join(variantText, " ")),
		search.Document(strings.Join(specText, " "), p.Description))
	return err
}

func orInherited(own, inherited string) string {
	if own != "" {
		return own
	}
	return inherited
}

// The attrs column holds a row's attributes as key US value US flag, separated
// by RS (the ASCII unit and record separators, which specifications never
// need and lose here): variant attributes (flag 1) first, then the product's
// specifications, then the parent's it does not set itself.
const (
	attrUnit   = "\x1f"
	attrRecord = "\x1e"
)

var attrClean = strings.NewReplacer(attrUnit, " ", attrRecord, " ")

func encodeAttrs(variant, specs, parentSpecs []catalog.Spec) string {
	var b strings.Builder
	seen := map[string]bool{}
	add := func(list []catalog.Spec, flag string) {
		for _, s := range list {
			k, v := strings.TrimSpace(attrClean.Replace(s.Key)), strings.TrimSpace(attrClean.Replace(s.Value))
			if k == "" || v == "" || seen[k] {
				continue
			}
			seen[k] = true
			if b.Len() > 0 {
				b.WriteString(attrRecord)
			}
			b.WriteString(k + attrUnit + v + attrUnit + flag)
		}
	}
	add(variant, "1")
	add(specs, "0")
	add(parentSpecs, "0")
	return b.String()
}

// decodeAttrs reads the attrs column, sharing equal strings through intern so
// that a listing's many rows with "Colour: red" hold one copy.
func decodeAttrs(s string, intern map[string]string) []search.Attr {
	if s == "" {
		return nil
	}
	in := func(x string) string {
		if y, ok := intern[x]; ok {
			return y
		}
		intern[x] = x
		return x
	}
	out := make([]search.Attr, 0, strings.Count(s, attrRecord)+1)
	for rec := range strings.SplitSeq(s, attrRecord) {
		k, rest, _ := strings.Cut(rec, attrUnit)
		v, flag, _ := strings.Cut(rest, attrUnit)
		out = append(out, search.Attr{Key: in(k), Value: in(v), Variant: flag == "1"})
	}
	return out
}

// listing prices are what a shopper of each channel sees without a price list:
// pricing.Resolve on the base prices alone, so a SKU priced in one channel only
// shows the other channel the converted price, as checkout would charge.
type listingPrices struct {
	currency string
	b2c, b2b *int64
}

func (tx *Tx) listingPrices(ctx context.Context, sku string, taxRateBP int) (listingPrices, error) {
	base, err := tx.BasePrices(ctx, []string{sku})
	if err != nil {
		return listingPrices{}, err
	}
	return resolveListingPrices(sku, taxRateBP, base[sku])
}

func resolveListingPrices(sku string, taxRateBP int, base []pricing.BasePrice) (listingPrices, error) {
	var out listingPrices
	if len(base) == 0 {
		return out, nil
	}
	for _, ch := range []catalog.Channel{catalog.B2C, catalog.B2B} {
		res, err := pricing.Resolve(pricing.Request{SKU: sku, Quantity: qty.Units(1), Channel: ch, TaxRateBP: taxRateBP}, base, nil)
		if err != nil {
			return listingPrices{}, err
		}
		amount := res.Unit.Minor
		out.currency = res.Unit.Currency
		if ch == catalog.B2C {
			out.b2c = &amount
		} else {
			out.b2b = &amount
		}
	}
	return out, nil
}

// indexPrices refreshes the listing prices of a SKU after its base prices changed.
func (tx *Tx) indexPrices(ctx context.Context, sku string) error {
	rows, err := tx.q.QueryContext(ctx, `SELECT p.tax_rate_bp, b.channel, b.currency, b.amount
		FROM products p JOIN base_prices b ON b.sku = p.sku WHERE p.sku = $1 ORDER BY b.channel`, sku)
	if err != nil {
		return err
	}
	defer rows.Close()
	var taxRateBP int
	var base []pricing.BasePrice
	for rows.Next() {
		bp := pricing.BasePrice{SKU: sku}
		if err := rows.Scan(&taxRateBP, &bp.Channel, &bp.Price.Currency, &bp.Price.Minor); err != nil {
			return err
		}
		base = append(base, bp)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	prices, err := resolveListingPrices(sku, taxRateBP, base)
	if err != nil {
		return err
	}
	if _, err = tx.q.ExecContext(ctx, `UPDATE product_search SET currency = $2, price_b2c = $3, price_b2b = $4 WHERE sku = $1`,
		sku, prices.currency, prices.b2c, prices.b2b); err != nil {
		return err
	}
	return tx.bumpCatalogVersion(ctx)
}

// bumpCatalogVersion moves the counter that tells other b2x processes the
// catalog changed (CatalogVersion).
func (tx *Tx) bumpCatalogVersion(ctx context.Context) error {
	_, err := tx.q.ExecContext(ctx, `UPDATE catalog_version SET version = version + 1 WHERE id = 1`)
	return err
}

// CatalogVersion reads the counter every write to the search index moves. A
// process that keeps listings in memory compares it with the one it saw, to
// learn of writes by other processes.
func (tx *Tx) CatalogVersion(ctx context.Context) (int64, error) {
	var v int64
	err := tx.q.QueryRowContext(ctx, `SELECT version FROM catalog_version WHERE id = 1`).Scan(&v)
	return v, err
}

// indexBatch is how many products one transaction of indexMissing indexes.
const indexBatch = 500

// indexMissing indexes the products that have no search row: every product once
// migration 0004 has run on an existing database, and afterwards none, since
// every product write indexes in its own transaction. Comparing two counts keeps
// the check cheap at every start.
func (db *DB) indexMissing(ctx context.Context) error {
	var products, indexed int
	err := db.read.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM products), (SELECT count(*) FROM product_search)`).
		Scan(&products, &indexed)
	if err != nil || products == indexed {
		return err
	}
	for {
		done := false
		err := db.Write(ctx, func(tx *Tx) error {
			ps, err := queryAll(ctx, tx.q, scanProduct, `SELECT `+productColumns+` FROM products p
				WHERE NOT EXISTS (SELECT 1 FROM product_search s WHERE s.product_id = p.id) ORDER BY sku LIMIT $1`, indexBatch)
			if err != nil {
				return err
			}
			for i := range ps {
				if err := tx.writeSearchRowFor(ctx, &ps[i], false); err != nil {
					return err
				}
			}
			if err := tx.bumpCatalogVersion(ctx); err != nil {
				return err
			}
			done = len(ps) < indexBatch
			return nil
		})
		if err != nil {
			return fmt.Errorf("store: search index: %w", err)
		}
		if done {
			return nil
		}
	}
}

// writeSearchRowFor indexes one product on its own, loading its parent.
func (tx *Tx) writeSearchRowFor(ctx context.Context, p *catalog.Product, inserted bool) error {
	var parent *catalog.Product
	if p.VariantOf != "" {
		if pp, err := tx.Product(ctx, p.VariantOf); err == nil {
			parent = &pp
		} else if errs.CodeOf(err) != errs.NotFound {
			return err
		}
	}
	return tx.writeSearchRow(ctx, p, parent, inserted)
}
