package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/qty"
	"b2x/search"
	"b2x/store"
)

// Browsing the shop: category pages and search results (Browse), and the short
// lists around them (browse_lists.go). What is listed:
//
//   - The actor's channel only: a buyer (a contact of an organization) browses
//     the b2b catalog; everyone else, signed in or not, the b2c one. Only active
//     products visible in the channel with a price there are listed.
//   - A product with variants is listed once, under the parent, standing for the
//     variants that match (its price is the lowest of theirs, "from" when they
//     differ, its stock their sum). An attribute filter on a variant attribute
//     (size, colour …) lists the matching variants one by one instead, and a
//     SKU typed exactly as the search text is listed on its own, first.
//   - Prices and price filters are in the channel's terms: gross for b2c, net
//     for b2b. Filters, facets and sorting use the base price; the price shown
//     is the actor's own where a price list applies (a trade customer's group,
//     a buyer's organization), with the base price as "was" when it is lower.
//
// The database finds the rows a listing starts from with its indexes (the
// channel, the category, the full-text match, stock); package search filters
// them by brand, price and attributes, groups, orders and pages them and counts
// the facets. The rows are kept in memory for a second and dropped at once when
// a product or base price changes through this App (browse_cache.go); the stock
// and prices each item shows are read for every request.

// Browse bounds.
const (
	DefaultPerPage = 24
	MaxPerPage     = 60
	// MaxBrowseOffset bounds how deep a listing pages: nobody reads page 400, and
	// every page further costs more.
	MaxBrowseOffset = 10_000
	// SearchCandidates bounds the matches a search reads: the best so many in
	// the order asked for (the database ranks and cuts them), from which
	// filters, pages and facet counts are computed. A word that matches most of
	// a 100,000-product catalog then costs what a narrow one does; the page says
	// that more matched (BrowseResult.Candidates).
	SearchCandidates = 2000
	maxBrands        = 50
	maxAttrFilters   = 20
	maxAttrValues    = 50
)

// BrowseQuery is a category page or a search, with filters and an order.
type BrowseQuery struct {
	Category string   // category slug: its products and its sub-categories'; empty for all
	Text     string   // search text, at most search.MaxQueryRunes; blank: no search
	Brands   []string // any of these brands
	// MinPrice and MaxPrice bound the listed price, in the channel's terms and
	// the catalog's currency.
	MinPrice, MaxPrice *money.Amount
	// Attrs keeps products with, for every key (a specification or variant
	// attribute name), one of its values: OR within a key, AND across keys.
	Attrs   map[string][]string
	InStock bool
	// Sort defaults to relevance with search text and to newest without; without
	// text, relevance orders as newest.
	Sort    search.Sort
	Page    int // from 1; 0 is 1
	PerPage int // 1 to MaxPerPage; 0 is DefaultPerPage
}

// BrowseItem is one listed product with what the actor pays for it and its stock.
type BrowseItem struct {
	// Product is what is listed: a stand-alone product, the parent of a family
	// (standing for the variants in SKUs), or a variant listed on its own.
	Product catalog.Product
	SKUs    []string // the matching SKUs the item stands for, in SKU order
	// Price is the price shown: the lowest over SKUs, the actor's own where a
	// price list applies. TaxIncluded tells gross (b2c) from net (b2b).
	Price       money.Amount
	TaxIncluded bool
	From        bool          // the SKUs differ in price, so Price is a "from" price
	Was         *money.Amount // the base price, set only when Price is lower
	// Available is on hand less reserved over every warehouse and every SKU of
	// the item. Services and licences are not stocked (Stocked false) and are
	// always in stock.
	Available qty.Quantity
	Stocked   bool
	InStock   bool
}

// BrowseResult is one page of a listing.
type BrowseResult struct {
	Items   []BrowseItem
	Total   int // items in the whole listing
	Page    int
	PerPage int
	Sort    search.Sort // the order applied
	Channel catalog.Channel
	Facets  search.Facets
	// Candidates, when not zero, says the search matched more products than
	// these best Candidates (SearchCandidates), which alone are filtered,
	// listed and counted: Total and the facet counts are of them.
	Candidates int
}

// Pages is how many pages the listing has.
func (r BrowseResult) Pages() int {
	if r.PerPage == 0 {
		return 0
	}
	return (r.Total + r.PerPage - 1) / r.PerPage
}

// Browse lists a page of products of a category, a search, or both. A
// category that does not exist is not found; bad filters are field errors.
func (a *App) Browse(ctx context.Context, actor Actor, q BrowseQuery) (BrowseResult, error) {
	ch := channelOf(actor)
	l, f, res, err := browseListing(ch, q, a.browse.candidates)
	if err != nil || f.Limit == 0 {
		return res, err
	}
	rows, err := a.listingRows(ctx, l)
	if err != nil {
		return res, err
	}
	if rows.Len() == 0 && q.Category != "" {
		// Only now is it worth asking whether the category exists.
		var ok bool
		if err := a.read(ctx, func(tx *store.Tx) (err error) {
			ok, err = tx.CategoryExists(ctx, q.Category)
			return err
		}); err != nil {
			return res, err
		}
		if !ok {
			return res, errs.E(errs.NotFound, "no category %q", q.Category)
		}
	}
	page := a.browse.page(rows, f, true)
	res.Total, res.Facets = page.total, page.facets
	if rows.Partial {
		res.Candidates = l.Limit
	}
	res.Items, err = a.listingItems(ctx, actor, ch, page.hits)
	return res, err
}

// channelOf is the catalog an actor browses.
func channelOf(actor Actor) catalog.Channel {
	if actor.Buyer() {
		return catalog.B2B
	}
	return catalog.B2C
}

// browseListing validates a query and splits it into the rows to read (with
// text, the best candidates matches) and the filter to apply to them. A zero f.Limit means nothing can be listed.
func browseListing(ch catalog.Channel, q BrowseQuery, candidates int) (l store.Listing, f search.Filter, res BrowseResult, err error) {
	var fs errs.Fields
	res = BrowseResult{Page: q.Page, PerPage: q.PerPage, Sort: q.Sort, Channel: ch}
	if res.Page == 0 {
		res.Page = 1
	}
	if res.PerPage == 0 {
		res.PerPage = DefaultPerPage
	}
	if q.Category != "" && !catalog.ValidSlug(q.Category) {
		fs.Add("category", "must be a category slug: lower-case letters, digits and '-'")
	}
	text := strings.TrimSpace(q.Text)
	switch {
	case !utf8.ValidString(q.Text):
		fs.Add("text", "is not valid UTF-8")
	case utf8.RuneCountInString(q.Text) > search.MaxQueryRunes:
		fs.Add("text", "is longer than %d characters", search.MaxQueryRunes)
	}
	if len(q.Brands) > maxBrands {
		fs.Add("brands", "names more than %d brands", maxBrands)
	}
	for _, b := range q.Brands {
		if !utf8.ValidString(b) || strings.TrimSpace(b) == "" || utf8.RuneCountInString(b) > 100 {
			fs.Add("brands", "every brand must be 1–100 characters")
			break
		}
	}
	l = store.Listing{Channel: ch, InStock: q.InStock}
	checkPrice := func(field string, p *money.Amount) *int64 {
		if p == nil {
			return nil
		}
		if _, ok := money.Digits(p.Currency); !ok {
			fs.Add(field, "has an unknown currency %q", p.Currency)
		} else if p.Minor < 0 {
			fs.Add(field, "must not be negative")
		}
		f.Currency = p.Currency
		return &p.Minor
	}
	f.MinPrice, f.MaxPrice = checkPrice("min_price", q.MinPrice), checkPrice("max_price", q.MaxPrice)
	if q.MinPrice != nil && q.MaxPrice != nil {
		switch {
		case q.MinPrice.Currency != q.MaxPrice.Currency:
			fs.Add("max_price", "must be in the same currency as min_price")
		case q.MinPrice.Minor > q.MaxPrice.Minor:
			fs.Add("max_price", "must not be below min_price")
		}
	}
	if len(q.Attrs) > maxAttrFilters {
		fs.Add("attrs", "filters on more than %d attributes", maxAttrFilters)
	}
	for k, vs := range q.Attrs {
		field := "attrs." + k
		switch {
		case !utf8.ValidString(k) || strings.TrimSpace(k) == "" || utf8.RuneCountInString(k) > 100:
			fs.Add("attrs", "every attribute name must be 1–100 characters")
		case len(vs) == 0 || len(vs) > maxAttrValues:
			fs.Add(field, "must list 1 to %d values", maxAttrValues)
		default:
			for _, v := range vs {
				if !utf8.ValidString(v) || strings.TrimSpace(v) == "" || utf8.RuneCountInString(v) > 1000 {
					fs.Add(field, "every value must be 1–1000 characters")
					break
				}
			}
		}
	}
	if q.Sort != "" && !q.Sort.Valid() {
		fs.Add("sort", "must be one of relevance, newest, price_asc, price_desc, name")
	}
	if res.Page < 1 {
		fs.Add("page", "must be 1 or more")
	}
	if res.PerPage < 1 || res.PerPage > MaxPerPage {
		fs.Add("per_page", "must be between 1 and %d", MaxPerPage)
	} else if res.Page > 1 && (res.Page-1)*res.PerPage > MaxBrowseOffset {
		fs.Add("page", "is past the %d items a listing pages through", MaxBrowseOffset)
	}
	if err := fs.Err(); err != nil {
		return l, f, res, err
	}

	switch {
	case res.Sort == "" && text != "":
		res.Sort = search.Relevance
	case res.Sort == "" || res.Sort == search.Relevance && text == "":
		res.Sort = search.Newest
	}
	l.Category, f.Sort, f.Brands, f.Attrs = q.Category, res.Sort, q.Brands, q.Attrs
	if text != "" {
		sq := search.ParseQuery(text)
		if sq.Empty() {
			// Text of punctuation alone has no word to find: nothing is listed.
			return l, f, res, nil
		}
		l.Match, f.Exact = sq.Match(), strings.ToLower(text)
		l.Limit, l.Order = candidates, res.Sort
		if catalog.ValidSKU(text) {
			l.Exact = text
		}
	}
	f.Offset, f.Limit = (res.Page-1)*res.PerPage, res.PerPage
	return l, f, res, nil
}
