package app

import (
	"context"
	"maps"

	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/pricing"
	"b2x/qty"
	"b2x/search"
	"b2x/store"
)

// listingRows returns the rows a listing starts from, from memory or the
// database (browse_cache.go).
func (a *App) listingRows(ctx context.Context, l store.Listing) (*search.Rows, error) {
	volatile := l.InStock || !l.SoldSince.IsZero()
	version := func(ctx context.Context) (v int64, err error) {
		err = a.read(ctx, func(tx *store.Tx) (err error) {
			v, err = tx.CatalogVersion(ctx)
			return err
		})
		return v, err
	}
	return a.browse.listingRows(ctx, rowsKey(l), a.catalog.generation(), volatile, version, func(ctx context.Context) (*search.Rows, error) {
		var rows []search.Row
		var more bool
		err := a.read(ctx, func(tx *store.Tx) (err error) {
			rows, more, err = tx.ListingRows(ctx, l)
			return err
		})
		if err != nil {
			return nil, err
		}
		rs := search.Index(rows)
		rs.Partial = more
		return rs, nil
	})
}

// listingItems turns hits into items with the stock and prices of now.
func (a *App) listingItems(ctx context.Context, actor Actor, ch catalog.Channel, hits []search.Hit) ([]BrowseItem, error) {
	var items []BrowseItem
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		items, err = a.itemsIn(ctx, tx, actor, ch, hits, nil)
		return err
	})
	return items, err
}

// hitSKUs are the SKUs the items of hits stand for.
func hitSKUs(hits []search.Hit) []string {
	var skus []string
	for _, h := range hits {
		skus = append(skus, h.SKUs...)
	}
	return skus
}

// itemsIn is listingItems in tx. members, when not nil, are the hits' SKUs as
// store.ListingMembers reads them, read already by the caller.
func (a *App) itemsIn(ctx context.Context, tx *store.Tx, actor Actor, ch catalog.Channel, hits []search.Hit,
	members map[string]store.ListingMember) ([]BrowseItem, error) {
	items := make([]BrowseItem, 0, len(hits))
	if len(hits) == 0 {
		return items, nil
	}
	gen, version := a.browse.current()
	products := make(map[string]catalog.Product, 2*len(hits))
	var missing []string
	for _, h := range hits {
		for _, sku := range []string{h.Key, h.SKUs[0]} {
			if p, ok := a.browse.product(sku); ok {
				products[sku] = p
			} else {
				missing = append(missing, sku)
			}
		}
	}
	skus := hitSKUs(hits)
	now := a.clock()
	if len(missing) > 0 {
		loaded, err := tx.ProductsBySKU(ctx, missing)
		if err != nil {
			return nil, err
		}
		a.browse.putProducts(loaded, gen, version)
		maps.Copy(products, loaded)
	}
	var err error
	if members == nil {
		if members, err = tx.ListingMembers(ctx, ch, skus); err != nil {
			return nil, err
		}
	}
	buyer, err := actorBuyer(ctx, tx, actor)
	if err != nil {
		return nil, err
	}
	lists, err := tx.PriceListsFor(ctx, buyer, skus, now)
	if err != nil {
		return nil, err
	}
	for _, h := range hits {
		it := BrowseItem{SKUs: h.SKUs, TaxIncluded: ch == catalog.B2C}
		p, ok := products[h.Key]
		if !ok || !p.Sellable(ch) {
			// A parent that is not listed itself (a draft, another channel's):
			// show its first matching variant.
			p = products[h.SKUs[0]]
		}
		it.Product = p
		var base *money.Amount
		for _, sku := range h.SKUs {
			m, ok := members[sku]
			if !ok {
				continue
			}
			if m.Kind.Stocked() {
				it.Stocked = true
				it.Available += qty.Quantity(max(m.Available, 0))
			} else {
				it.InStock = true
			}
			if m.Price.Currency == "" {
				continue
			}
			own := m.Price
			if len(lists) > 0 {
				res, err := pricing.Resolve(pricing.Request{SKU: sku, Quantity: qty.Units(1), Buyer: buyer, Channel: ch,
					At: now, TaxRateBP: m.TaxRateBP}, []pricing.BasePrice{{SKU: sku, Channel: ch, Price: m.Price}}, lists)
				if err != nil {
					return nil, err
				}
				own = res.Unit
			}
			switch {
			case base == nil:
				b := m.Price
				base, it.Price = &b, own
			default:
				it.From = it.From || m.Price != *base
				if m.Price.Minor < base.Minor {
					b := m.Price
					base = &b
				}
				if own.Minor < it.Price.Minor {
					it.Price = own
				}
			}
		}
		if base != nil && it.Price.Minor < base.Minor {
			it.Was = base
		}
		it.InStock = it.InStock || it.Available > 0
		items = append(items, it)
	}
	return items, nil
}

// actorBuyer is who the actor buys as, for price lists: a buyer's organization,
// a signed-in consumer's groups (trade customers are in "trade"), or nobody.
func actorBuyer(ctx context.Context, tx *store.Tx, actor Actor) (pricing.Buyer, error) {
	switch {
	case actor.Buyer() && actor.OrganizationID != "":
		org, err := tx.Organization(ctx, actor.OrganizationID)
		if errs.CodeOf(err) == errs.NotFound {
			return pricing.Buyer{}, nil
		}
		return pricing.Buyer{OrganizationID: org.ID, Groups: org.Groups()}, err
	case actor.PersonID != "":
		p, err := tx.Person(ctx, actor.PersonID)
		if errs.CodeOf(err) == errs.NotFound {
			return pricing.Buyer{}, nil
		}
		return pricing.Buyer{Groups: p.Groups()}, err
	}
	return pricing.Buyer{}, nil
}
