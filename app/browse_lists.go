package app

import (
	"context"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/search"
	"b2x/store"
)

// Short lists for the shop's pages, listed like Browse (one item per family, the
// actor's channel, the actor's prices) and cached the same way.

// NewArrivals lists the newest products.
func (a *App) NewArrivals(ctx context.Context, actor Actor, limit int) ([]BrowseItem, error) {
	if err := checkListLimit(limit); err != nil {
		return nil, err
	}
	// The newest rows are read, not the whole catalog; ten per item leaves room
	// for families whose variants came at once.
	ch := channelOf(actor)
	return a.shortList(ctx, actor, store.Listing{Channel: ch, Newest: newArrivalRows * limit},
		search.Filter{Sort: search.Newest, Limit: limit})
}

// newArrivalRows is how many rows NewArrivals reads per item it lists.
const newArrivalRows = 10

// Bestsellers lists the products sold most, by units, in orders placed since
// then and not cancelled. A since rounded to the hour or day lets the list be
// served from the cache.
func (a *App) Bestsellers(ctx context.Context, actor Actor, since time.Time, limit int) ([]BrowseItem, error) {
	var fs errs.Fields
	if err := checkListLimit(limit); err != nil {
		return nil, err
	}
	if since.IsZero() {
		fs.Add("since", "is required")
	} else if since.After(a.clock()) {
		fs.Add("since", "must not be in the future")
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	ch := channelOf(actor)
	return a.shortList(ctx, actor, store.Listing{Channel: ch, SoldSince: since}, search.Filter{ByUnits: true, Limit: limit})
}

// Related lists other products of the same category as sku (with its
// sub-categories), those nearest in price first. The product itself and its
// variants are left out. A product the actor's channel does not list is not
// found.
func (a *App) Related(ctx context.Context, actor Actor, sku string, limit int) ([]BrowseItem, error) {
	ch := channelOf(actor)
	e, err := a.listingEntry(ctx, ch, sku, limit)
	if err != nil || e.Category == "" {
		return []BrowseItem{}, err
	}
	l, f := relatedList(ch, e, limit)
	return a.shortList(ctx, actor, l, f)
}

// CheaperAlternatives lists products of the same category as sku that cost less
// and are in stock, the dearest of them (the nearest to sku's price) first.
func (a *App) CheaperAlternatives(ctx context.Context, actor Actor, sku string, limit int) ([]BrowseItem, error) {
	ch := channelOf(actor)
	e, err := a.listingEntry(ctx, ch, sku, limit)
	if err != nil || e.Category == "" {
		return []BrowseItem{}, err
	}
	l, f := cheaperList(ch, e, limit)
	return a.shortList(ctx, actor, l, f)
}

func relatedList(ch catalog.Channel, e store.ListingEntry, limit int) (store.Listing, search.Filter) {
	return store.Listing{Channel: ch, Category: e.Category},
		search.Filter{ExcludeFamily: e.Family, Near: &e.Price.Minor, Limit: limit}
}

func cheaperList(ch catalog.Channel, e store.ListingEntry, limit int) (store.Listing, search.Filter) {
	return store.Listing{Channel: ch, Category: e.Category, InStock: true},
		search.Filter{ExcludeFamily: e.Family, Below: &e.Price.Minor, Sort: search.PriceDesc, Limit: limit}
}

// alternativeHits finds a product's cheaper and related items in its
// category's kept rows: the product itself is found there rather than read,
// and the lists come from the rows' price order (search.List).
func (a *App) alternativeHits(ctx context.Context, ch catalog.Channel, sku, category string, limit int) (cheaper, related []search.Hit, err error) {
	if category == "" {
		return nil, nil, nil
	}
	e := store.ListingEntry{SKU: sku, Category: category}
	relatedRows, err := a.listingRows(ctx, store.Listing{Channel: ch, Category: category})
	if err != nil {
		return nil, nil, err
	}
	// The category's rows hold every SKU it lists, with the family and price a
	// listing shows.
	var ok bool
	if e.Family, e.Price.Minor, ok = relatedRows.Entry(sku); !ok {
		return nil, nil, nil
	}
	cl, cheaperFilter := cheaperList(ch, e, limit)
	cheaperRows, err := a.listingRows(ctx, cl)
	if err != nil {
		return nil, nil, err
	}
	_, relatedFilter := relatedList(ch, e, limit)
	cheaper, _ = search.List(cheaperRows, cheaperFilter)
	related, _ = search.List(relatedRows, relatedFilter)
	return cheaper, related, nil
}

func (a *App) listingEntry(ctx context.Context, ch catalog.Channel, sku string, limit int) (store.ListingEntry, error) {
	var fs errs.Fields
	if !catalog.ValidSKU(sku) {
		fs.Add("sku", "is not a valid SKU")
	}
	fs.Wrap("", checkListLimit(limit))
	if err := fs.Err(); err != nil {
		return store.ListingEntry{}, err
	}
	var e store.ListingEntry
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		e, err = tx.ListingEntry(ctx, ch, sku)
		return err
	})
	return e, err
}

func (a *App) shortList(ctx context.Context, actor Actor, l store.Listing, f search.Filter) ([]BrowseItem, error) {
	rows, err := a.listingRows(ctx, l)
	if err != nil {
		return nil, err
	}
	return a.listingItems(ctx, actor, l.Channel, a.browse.page(rows, f, false).hits)
}

func checkListLimit(limit int) error {
	if limit < 1 || limit > MaxPerPage {
		return errs.Field("limit", "must be between 1 and %d", MaxPerPage)
	}
	return nil
}
