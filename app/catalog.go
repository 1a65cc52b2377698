package app

import (
	"context"
	"fmt"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/pricing"
	"b2x/staff"
	"b2x/store"
)

// ProductView is a product with its base prices per channel.
type ProductView struct {
	catalog.Product
	Prices map[catalog.Channel]money.Amount
}

// NewProduct is what CreateProduct needs: the product and its base prices.
type NewProduct struct {
	Product catalog.Product
	Prices  map[catalog.Channel]money.Amount
}

// CreateProduct adds a product with its base prices.
func (a *App) CreateProduct(ctx context.Context, actor Actor, in NewProduct) (ProductView, error) {
	if err := require(actor, staff.CatalogEdit); err != nil {
		return ProductView{}, err
	}
	p := in.Product
	now := a.clock()
	p.ID, p.CreatedAt, p.UpdatedAt = ids.New(), now, now
	if p.Status == "" {
		p.Status = catalog.Active
	}
	p.Channels = p.Channels.Normalize()
	if err := validateProduct(&p, in.Prices); err != nil {
		return ProductView{}, err
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		if err := checkProductRefs(ctx, tx, &p); err != nil {
			return err
		}
		if err := tx.InsertProduct(ctx, &p); err != nil {
			return err
		}
		if err := a.noteNewProducts(ctx, tx, p.SKU); err != nil {
			return err
		}
		if err := noteCatalogChange(ctx, tx, "", p, now); err != nil {
			return err
		}
		if err := setPrices(ctx, tx, p.SKU, in.Prices); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "product.create", "product", p.SKU, ProductView{Product: p, Prices: in.Prices})
	})
	a.catalog.changed()
	return ProductView{Product: p, Prices: in.Prices}, err
}

// ProductPatch changes some fields of a product; nil fields stay as they are.
type ProductPatch struct {
	Name             *string
	Description      *string
	Brand            *string
	Category         *string
	Kind             *catalog.Kind
	Unit             *string
	Channels         *catalog.Channels
	Specs            *[]catalog.Spec
	VariantOf        *string
	VariantAttrs     *[]catalog.Spec
	CareInstructions *string
	WarrantyMonths   *int
	Status           *catalog.Status
	TaxRateBP        *int
	Prices           map[catalog.Channel]money.Amount // channels named here get a new base price
}

// UpdateProduct applies a patch to the product with the given SKU.
func (a *App) UpdateProduct(ctx context.Context, actor Actor, sku string, patch ProductPatch) (ProductView, error) {
	if err := require(actor, staff.CatalogEdit); err != nil {
		return ProductView{}, err
	}
	var view ProductView
	err := a.write(ctx, func(tx *store.Tx) error {
		p, err := tx.Product(ctx, sku)
		if err != nil {
			return err
		}
		before, err := productView(ctx, tx, p)
		if err != nil {
			return err
		}
		status := p.Status
		patch.Apply(&p)
		p.Channels = p.Channels.Normalize()
		p.UpdatedAt = a.clock()
		if err := validateProduct(&p, patch.Prices); err != nil {
			return err
		}
		if err := checkProductRefs(ctx, tx, &p); err != nil {
			return err
		}
		if err := tx.UpdateProduct(ctx, &p); err != nil {
			return err
		}
		if err := noteCatalogChange(ctx, tx, status, p, p.UpdatedAt); err != nil {
			return err
		}
		if err := setPrices(ctx, tx, p.SKU, patch.Prices); err != nil {
			return err
		}
		if view, err = productView(ctx, tx, p); err != nil {
			return err
		}
		if err := notePriceChanges(ctx, tx, p, before.Prices, view.Prices, p.UpdatedAt); err != nil {
			return err
		}
		b, af := before, view
		b.UpdatedAt = af.UpdatedAt
		return a.audit(ctx, tx, actor, "product.update", "product", p.SKU, diff(b, af))
	})
	a.catalog.changed()
	return view, err
}

// Apply writes the patch's fields onto p.
func (pp *ProductPatch) Apply(p *catalog.Product) {
	set(&p.Name, pp.Name)
	set(&p.Description, pp.Description)
	set(&p.Brand, pp.Brand)
	set(&p.Category, pp.Category)
	set(&p.Kind, pp.Kind)
	set(&p.Unit, pp.Unit)
	set(&p.Channels, pp.Channels)
	set(&p.Specs, pp.Specs)
	set(&p.VariantOf, pp.VariantOf)
	set(&p.VariantAttrs, pp.VariantAttrs)
	set(&p.CareInstructions, pp.CareInstructions)
	set(&p.WarrantyMonths, pp.WarrantyMonths)
	set(&p.Status, pp.Status)
	set(&p.TaxRateBP, pp.TaxRateBP)
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

func validateProduct(p *catalog.Product, prices map[catalog.Channel]money.Amount) error {
	var fs errs.Fields
	fs.Wrap("", p.Validate())
	for ch, amt := range prices {
		f := fmt.Sprintf("prices.%s", ch)
		switch {
		case !ch.Valid():
			fs.Add("prices", "unknown channel %q", ch)
		case amt.Minor < 0:
			fs.Add(f, "must not be negative")
		}
	}
	return fs.Err()
}

// checkProductRefs checks what a product points to exists.
func checkProductRefs(ctx context.Context, tx *store.Tx, p *catalog.Product) error {
	if p.Category != "" {
		ok, err := tx.CategoryExists(ctx, p.Category)
		if err != nil {
			return err
		}
		if !ok {
			return errs.Field("category", "no category %q", p.Category)
		}
	}
	if p.VariantOf != "" {
		if _, err := tx.Product(ctx, p.VariantOf); errs.CodeOf(err) == errs.NotFound {
			return errs.Field("variant_of", "no product %s", p.VariantOf)
		} else if err != nil {
			return err
		}
	}
	return nil
}

func setPrices(ctx context.Context, tx *store.Tx, sku string, prices map[catalog.Channel]money.Amount) error {
	for _, ch := range []catalog.Channel{catalog.B2B, catalog.B2C} {
		if amt, ok := prices[ch]; ok {
			if err := tx.SetBasePrice(ctx, pricing.BasePrice{SKU: sku, Channel: ch, Price: amt}); err != nil {
				return err
			}
		}
	}
	return nil
}

func productView(ctx context.Context, tx *store.Tx, p catalog.Product) (ProductView, error) {
	prices, err := tx.BasePrices(ctx, []string{p.SKU})
	if err != nil {
		return ProductView{}, err
	}
	return ProductView{Product: p, Prices: pricesByChannel(prices[p.SKU])}, nil
}

func pricesByChannel(bps []pricing.BasePrice) map[catalog.Channel]money.Amount {
	m := make(map[catalog.Channel]money.Amount, len(bps))
	for _, bp := range bps {
		m[bp.Channel] = bp.Price
	}
	return m
}

// Product returns one product. The public sees only active products visible in b2c.
func (a *App) Product(ctx context.Context, actor Actor, sku string) (ProductView, error) {
	if !actor.Staff() {
		if v, ok := a.catalog.product(sku); ok {
			return v, nil
		}
	}
	gen := a.catalog.generation()
	var view ProductView
	err := a.read(ctx, func(tx *store.Tx) error {
		p, err := tx.Product(ctx, sku)
		if err != nil {
			return err
		}
		if !actor.Staff() && !p.Sellable(catalog.B2C) {
			return errs.E(errs.NotFound, "no product %s", sku)
		}
		view, err = productView(ctx, tx, p)
		return err
	})
	if err == nil && !actor.Staff() {
		a.catalog.putProduct(gen, view)
	}
	return view, err
}

// ProductQuery selects a page of products.
type ProductQuery struct {
	Q        string
	Category string
	Channel  catalog.Channel
	Status   catalog.Status // staff only; the public sees active products
	Kind     catalog.Kind
	After    string
	Limit    int
}

// MaxPageSize bounds every listing.
const MaxPageSize = 200

// Products lists products by SKU. The public sees only active b2c products.
func (a *App) Products(ctx context.Context, actor Actor, q ProductQuery) ([]ProductView, error) {
	var fs errs.Fields
	checkLimit(&fs, q.Limit)
	if q.Channel != "" && !q.Channel.Valid() {
		fs.Add("channel", "must be b2c or b2b")
	}
	if len(q.Q) > 200 {
		fs.Add("q", "is longer than 200 characters")
	}
	switch q.Status {
	case "", catalog.Draft, catalog.Active, catalog.Discontinued:
	default:
		fs.Add("status", "must be one of draft, active, discontinued")
	}
	switch q.Kind {
	case "", catalog.Goods, catalog.Service, catalog.Licence:
	default:
		fs.Add("kind", "must be one of goods, service, licence")
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	f := store.ProductFilter{Query: q.Q, Category: q.Category, Channel: q.Channel, Kind: q.Kind, After: q.After, Limit: q.Limit}
	if actor.Staff() {
		f.Status = q.Status
	}
	if !actor.Staff() {
		if q.Channel == catalog.B2B {
			return nil, errs.E(errs.Unauthorized, "the b2b catalog needs a signed-in user")
		}
		f.Channel, f.ActiveOnly = catalog.B2C, true
	}
	if !actor.Staff() {
		if views, ok := a.catalog.page(q); ok {
			return views, nil
		}
	}
	gen := a.catalog.generation()
	var out []ProductView
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = listProductViews(ctx, tx, f)
		return err
	})
	if err == nil && !actor.Staff() {
		a.catalog.putPage(gen, q, out)
	}
	return out, err
}

// listProductViews loads a page of products with their base prices.
func listProductViews(ctx context.Context, tx *store.Tx, f store.ProductFilter) ([]ProductView, error) {
	ps, err := tx.ListProducts(ctx, f)
	if err != nil {
		return nil, err
	}
	skus := make([]string, len(ps))
	for i, p := range ps {
		skus[i] = p.SKU
	}
	prices, err := tx.BasePrices(ctx, skus)
	if err != nil {
		return nil, err
	}
	out := make([]ProductView, len(ps))
	for i, p := range ps {
		out[i] = ProductView{Product: p, Prices: pricesByChannel(prices[p.SKU])}
	}
	return out, nil
}

// UpsertCategory adds or renames a category.
func (a *App) UpsertCategory(ctx context.Context, actor Actor, c catalog.Category) error {
	if err := require(actor, staff.CatalogEdit); err != nil {
		return err
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		if c.Parent != "" {
			ok, err := tx.CategoryExists(ctx, c.Parent)
			if err != nil {
				return err
			}
			if !ok {
				return errs.Field("parent", "no category %q", c.Parent)
			}
		}
		if err := tx.UpsertCategory(ctx, c); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "category.upsert", "category", c.Slug, c)
	})
}

// Categories lists every category.
func (a *App) Categories(ctx context.Context) ([]catalog.Category, error) {
	var out []catalog.Category
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.Categories(ctx)
		return err
	})
	return out, err
}

func requireStaff(actor Actor) error {
	if actor.Buyer() {
		return errs.E(errs.Forbidden, "a buyer may not do this; it needs a staff user")
	}
	if !actor.Staff() {
		return errs.E(errs.Unauthorized, "sign in as staff to do this")
	}
	return nil
}
