package app

import (
	"context"
	"slices"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/inventory"
	"b2x/money"
	"b2x/pricing"
	"b2x/qty"
	"b2x/staff"
	"b2x/store"
)

// PortalCatalogQuery selects a page of the B2B catalog, by SKU.
type PortalCatalogQuery struct {
	OrganizationID string // staff: whose prices to show; a buyer always sees their own
	Q              string // matched against SKU, name and brand
	Category       string
	After          string // the last SKU of the previous page
	Limit          int
}

// PriceTier is a quantity break: from MinQuantity up, one unit costs Unit (net).
type PriceTier struct {
	MinQuantity qty.Quantity
	Unit        money.Amount
	Rule        pricing.Rule
}

// PortalProduct is a product as a company buyer sees it: its own net price, the
// quantity breaks that lower it, and what is in stock.
type PortalProduct struct {
	Product catalog.Product
	Price   pricing.Resolution // one unit, for the organization, now
	Tiers   []PriceTier        // from one unit up, each lowering the unit price
	Stocked bool               // goods; services and licences are not stocked
	// Available is on hand less reserved over all warehouses (goods only).
	Available qty.Quantity
	HasPrice  bool // false: no price in b2b; the buyer asks for a quote
}

// PortalCatalog lists the B2B catalog (active products visible in b2b, B2B content
// only, S15) with the organization's own prices resolved as checkout would (its
// contracts' and own lists, its group's list, the base price), every quantity
// break, and availability. A page costs a fixed number of queries whatever its
// size: products, base prices, price lists for the page's SKUs, stock levels.
func (a *App) PortalCatalog(ctx context.Context, actor Actor, q PortalCatalogQuery) ([]PortalProduct, error) {
	if err := requireBuyerOr(actor, staff.PricesRead); err != nil {
		return nil, err
	}
	orgID, err := organizationOf(actor, q.OrganizationID, true)
	if err != nil {
		return nil, err
	}
	var fs errs.Fields
	checkLimit(&fs, q.Limit)
	if len(q.Q) > 200 {
		fs.Add("q", "is longer than 200 characters")
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []PortalProduct
	err = a.portalRead(ctx, actor, func(tx *store.Tx) error {
		org, err := tx.Organization(ctx, orgID)
		if errs.CodeOf(err) == errs.NotFound {
			return errs.Field("organization_id", "no organization %s", orgID)
		} else if err != nil {
			return err
		}
		ps, err := tx.ListProducts(ctx, store.ProductFilter{Query: q.Q, Category: q.Category, Channel: catalog.B2B,
			ActiveOnly: true, After: q.After, Limit: q.Limit})
		if err != nil || len(ps) == 0 {
			return err
		}
		skus := make([]string, len(ps))
		for i, p := range ps {
			skus[i] = p.SKU
		}
		buyer := pricing.Buyer{OrganizationID: org.ID, Groups: org.Groups()}
		now := a.clock()
		base, err := tx.BasePrices(ctx, skus)
		if err != nil {
			return err
		}
		lists, err := tx.PriceListsFor(ctx, buyer, skus, now)
		if err != nil {
			return err
		}
		levels, err := tx.LevelsOf(ctx, skus)
		if err != nil {
			return err
		}
		breaks := tierStarts(lists)
		out = make([]PortalProduct, len(ps))
		for i, p := range ps {
			v := PortalProduct{Product: p, Stocked: p.Kind.Stocked()}
			if v.Stocked {
				v.Available = inventory.Sum(p.SKU, levels[p.SKU]).Available()
			}
			v.Price, v.Tiers, v.HasPrice = priceTiers(p, buyer, base[p.SKU], lists, breaks[p.SKU], now)
			out[i] = v
		}
		return nil
	})
	return out, err
}

// tierStarts collects, per SKU, the quantities at which some applicable list's
// tier begins.
func tierStarts(lists []pricing.PriceList) map[string][]qty.Quantity {
	out := map[string][]qty.Quantity{}
	for _, l := range lists {
		for _, e := range l.Entries {
			if !slices.Contains(out[e.SKU], e.MinQuantity) {
				out[e.SKU] = append(out[e.SKU], e.MinQuantity)
			}
		}
	}
	return out
}

// priceTiers resolves the price of one unit and at every tier start above it,
// keeping the starts where the unit price changes: the breaks a buyer can use.
// The first tier is the one-unit price.
func priceTiers(p catalog.Product, buyer pricing.Buyer, base []pricing.BasePrice, lists []pricing.PriceList,
	starts []qty.Quantity, at time.Time) (pricing.Resolution, []PriceTier, bool) {
	resolve := func(q qty.Quantity) (pricing.Resolution, error) {
		return pricing.Resolve(pricing.Request{SKU: p.SKU, Quantity: q, Buyer: buyer, Channel: catalog.B2B, At: at,
			TaxRateBP: p.TaxRateBP}, base, lists)
	}
	one := qty.Units(1)
	first, err := resolve(one)
	if err != nil {
		return pricing.Resolution{}, nil, false
	}
	tiers := []PriceTier{{MinQuantity: one, Unit: first.Unit, Rule: first.Rule}}
	slices.Sort(starts)
	for _, q := range starts {
		if q <= one {
			continue
		}
		res, err := resolve(q)
		if err != nil || res.Unit == tiers[len(tiers)-1].Unit {
			continue
		}
		tiers = append(tiers, PriceTier{MinQuantity: q, Unit: res.Unit, Rule: res.Rule})
	}
	return first, tiers, true
}
