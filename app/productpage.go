package app

import (
	"context"
	"slices"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/pricing"
	"b2x/qty"
	"b2x/review"
	"b2x/store"
)

// ProductPageReviews is how many of the newest approved reviews a product page
// shows.
const ProductPageReviews = 20

// ProductDetail is what a product page shows: the product, the price this
// visitor pays, what can be sold now, and the variants of its family.
type ProductDetail struct {
	ProductView
	// Price is the unit price for this visitor: the retail price tax included, or
	// the price of a price list the visitor's groups win (trade customers, S2).
	Price money.Amount
	// ListPrice is the retail base price when Price is lower, to show the saving.
	ListPrice money.Amount
	PriceRule pricing.Rule
	// Available is what can be sold now; InStock is also true for services and
	// licences, which are never short.
	Available qty.Quantity
	InStock   bool
	// Family holds the sellable members of a variant family (the product's
	// parent and siblings), each with its availability; empty for a stand-alone
	// product.
	Family []FamilyMember
	// Rating summarises the family's approved reviews and LatestReviews are the
	// newest of them, without their authors' emails (a family keeps its reviews
	// on its root product).
	Rating        review.Summary
	LatestReviews []review.Review
	// Cheaper and Related are alternatives at a lower price and other products
	// of the category (S18), ProductPageAlternatives of each at most.
	Cheaper []BrowseItem
	Related []BrowseItem
}

// FamilyMember is one variant of a family, as a product page lists it.
type FamilyMember struct {
	SKU     string
	Name    string
	Attrs   []catalog.Spec
	InStock bool
	Current bool
	// Available is what can be sold now, as the product's own Available; a
	// page kept rendered compares it with ProductPageState.
	Available qty.Quantity
}

// ProductPageAlternatives is how many cheaper and how many related items a
// product page lists (S18).
const ProductPageAlternatives = 4

// ProductPage loads a b2c product for the shop, with its cheaper alternatives
// and related items. Products not sold to consumers do not exist for the shop.
//
// Two statements in the common case: the product with its family, then
// everything else the page shows (store.ProductFacts); the alternatives come
// from the category's kept rows in between.
func (a *App) ProductPage(ctx context.Context, actor Actor, sku string) (ProductDetail, error) {
	var d ProductDetail
	if !catalog.ValidSKU(sku) {
		return d, errs.E(errs.NotFound, "no product %s", sku)
	}
	now := a.clock()
	var p catalog.Product
	var family []catalog.Product
	gen, version := a.browse.current()
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		p, family, err = tx.ProductWithFamily(ctx, sku)
		return err
	})
	if err != nil {
		return d, err
	}
	// Other pages list these products too (cards on listings and in other
	// products' alternatives): keep them for those.
	read := make(map[string]catalog.Product, len(family))
	for _, f := range family {
		read[f.SKU] = f
	}
	a.browse.putProducts(read, gen, version)
	if !p.Sellable(catalog.B2C) {
		return d, errs.E(errs.NotFound, "no product %s", sku)
	}
	ch := channelOf(actor)
	cheaper, related, err := a.alternativeHits(ctx, ch, p.SKU, p.Category, ProductPageAlternatives)
	if err != nil {
		return d, err
	}
	listed := append(slices.Clip(cheaper), related...)
	root := p.SKU
	if p.VariantOf != "" {
		root = p.VariantOf
	}
	var skus []string
	for _, f := range family {
		if f.Sellable(catalog.B2C) {
			skus = append(skus, f.SKU)
		}
	}
	err = a.read(ctx, func(tx *store.Tx) error {
		facts, err := tx.ProductFacts(ctx, store.FactsQuery{SKU: p.SKU, Root: root, Family: skus, Channel: ch, Listed: hitSKUs(listed)})
		if err != nil {
			return err
		}
		if len(skus) > 1 {
			for _, f := range family {
				if !f.Sellable(catalog.B2C) {
					continue
				}
				d.Family = append(d.Family, FamilyMember{SKU: f.SKU, Name: f.Name, Attrs: f.VariantAttrs,
					InStock: available(f, facts.Available[f.SKU]), Current: f.SKU == p.SKU, Available: facts.Available[f.SKU]})
			}
		}
		d.Available = facts.Available[p.SKU]
		d.InStock = available(p, d.Available)
		d.ProductView = ProductView{Product: p, Prices: pricesByChannel(facts.Prices)}
		d.Rating = review.Summarize(d.SKU, facts.Ratings)
		if err := latestReviews(ctx, tx, root, &d); err != nil {
			return err
		}
		items, err := a.itemsIn(ctx, tx, actor, ch, listed, facts.Members)
		if err != nil {
			return err
		}
		// itemsIn gives one item per hit, in order.
		d.Cheaper, d.Related = items[:len(cheaper)], items[len(cheaper):]
		return a.priceForVisitor(ctx, tx, actor, &d, now)
	})
	return d, err
}

// latestReviews reads the newest approved reviews of the family's root, when
// the rating says there are any.
func latestReviews(ctx context.Context, tx *store.Tx, root string, d *ProductDetail) error {
	if d.Rating.Count == 0 {
		return nil
	}
	rs, err := tx.ListReviews(ctx, store.ReviewFilter{SKU: root, Status: review.Approved, Limit: ProductPageReviews})
	for i := range rs {
		rs[i] = publicReview(rs[i])
	}
	d.LatestReviews = rs
	return err
}

// available reports whether a product can be sold now, given what it has
// available; services and licences are never short.
func available(p catalog.Product, n qty.Quantity) bool {
	return !p.Kind.Stocked() || n > 0
}

// priceForVisitor resolves the unit price the visitor pays for one unit: a
// signed-in consumer's groups (trade customers) may win a price list.
func (a *App) priceForVisitor(ctx context.Context, tx *store.Tx, actor Actor, d *ProductDetail, at time.Time) error {
	buyer, err := actorBuyer(ctx, tx, actor)
	if err != nil {
		return err
	}
	var lists []pricing.PriceList
	if len(buyer.Groups) > 0 || buyer.OrganizationID != "" {
		if lists, err = tx.PriceListsFor(ctx, buyer, []string{d.SKU}, at); err != nil {
			return err
		}
	}
	// productView has read the base prices already.
	var base []pricing.BasePrice
	for ch, price := range d.Prices {
		base = append(base, pricing.BasePrice{SKU: d.SKU, Channel: ch, Price: price})
	}
	res, err := pricing.Resolve(pricing.Request{SKU: d.SKU, Quantity: qty.Scale, Buyer: buyer, Channel: catalog.B2C,
		At: at, TaxRateBP: d.TaxRateBP}, base, lists)
	if err != nil {
		return errs.E(errs.NotFound, "no product %s", d.SKU)
	}
	d.Price, d.PriceRule = res.Unit, res.Rule
	if list, ok := d.Prices[catalog.B2C]; ok && list.Currency == res.Unit.Currency && list.Minor > res.Unit.Minor {
		d.ListPrice = list
	}
	return nil
}

// PageState is what ProductPageState reads.
type PageState = store.PageState

// ProductPageState reads, in one round trip, what may have changed on a
// product page rendered earlier without moving ShopVersion: the stock of the
// SKUs it shows, its family's approved reviews and another process's catalog
// writes. root is the family's root product. The shop compares it with the
// page's own data to keep the page rendered (web/shop's page cache).
func (a *App) ProductPageState(ctx context.Context, root string, skus []string) (PageState, error) {
	var st PageState
	if !catalog.ValidSKU(root) {
		return st, errs.Field("root", "is not a valid SKU")
	}
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		st, err = tx.PageState(ctx, root, skus)
		return err
	})
	return st, err
}
