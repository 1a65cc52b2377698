package store

import (
	"context"
	"strings"
	"time"

	"b2x/catalog"
	"b2x/money"
	"b2x/search"
)

// Listing selects the rows a shop listing starts from (app/browse.go): the
// channel's active SKUs with a price in it, narrowed by what the indexes answer
// best. Brands, price bounds, attributes, grouping, order and pages are applied
// to the rows in Go (search.List, search.FacetsOf).
type Listing struct {
	Channel  catalog.Channel
	Match    string // search.Query.Match(); empty: no text filter
	Category string // a category slug: its products and its sub-categories'
	InStock  bool   // only SKUs with stock on hand not reserved, and services and licences
	// SoldSince, when set, keeps only SKUs sold since then in orders not
	// cancelled, with the units sold in Row.Units.
	SoldSince time.Time
	// Newest, when set, keeps only the newest so many SKUs.
	Newest int
	// Limit, when set, reads only the first Limit+1 rows in Order (any
	// Limit+1 without an Order), so that the caller learns whether more
	// exist, ordered and cut by the database: a word that matches most of the
	// catalog does not bring all of it into memory. Relevance orders by the
	// full-text rank, which needs Match.
	Limit int
	Order search.Sort
	// Exact is search text that may be a SKU: with Limit, the row of that SKU
	// (as typed, upper or lower case) is read too wherever it stands, so that
	// an exact SKU is still listed first however broad the rest of its words.
	Exact string
}

func priceColumn(ch catalog.Channel) string {
	if ch == catalog.B2B {
		return "s.price_b2b"
	}
	return "s.price_b2c"
}

func visibleColumn(ch catalog.Channel) string {
	if ch == catalog.B2B {
		return "s.b2b"
	}
	return "s.b2c"
}

// ListingRows loads the rows of a listing, in no particular order; with
// l.Limit the first l.Limit in l.Order, more telling whether others match,
// and the exact SKU's wherever it stands.
func (tx *Tx) ListingRows(ctx context.Context, l Listing) (rows []search.Row, more bool, err error) {
	if l.Limit > 0 && l.Order == search.Relevance && l.Match != "" {
		// Ranking costs SQLite's bm25 a pass over every row that has each
		// word, once a query: "bench* AND 01234*" counts the catalog's
		// "bench" to find one product. A first read without rank, of two
		// rows at most, answers the searches that find one product (a SKU
		// typed whole) without it; one row needs no rank to be ordered.
		probe := l
		probe.Order, probe.Limit = "", 1
		query, args := listingQuery(probe, allMatches, "")
		out, err := tx.scanListingRows(ctx, query, args)
		if err != nil || len(out) <= 1 {
			return out, false, err
		}
	}
	out, err := tx.boundedRanked(ctx, l)
	if err != nil {
		return nil, false, err
	}
	if out == nil {
		text := allMatches
		if l.Match == "" {
			text = noText
		}
		query, args := listingQuery(l, text, "")
		if out, err = tx.scanListingRows(ctx, query, args); err != nil || l.Limit <= 0 {
			return out, false, err
		}
	}
	if len(out) > l.Limit {
		out, more = out[:l.Limit], true
	}
	if !more || l.Exact == "" {
		return out, more, nil
	}
	for _, r := range out {
		if strings.EqualFold(r.SKU, l.Exact) {
			return out, more, nil
		}
	}
	// The SKU's own words are in its indexed title, so it matches the text
	// whenever it is typed whole: a lookup by the unique SKU index finds it
	// without reading the other matches again.
	query, args := listingQuery(l, noText, l.Exact)
	exact, err := tx.scanListingRows(ctx, query, args)
	return append(out, exact...), more, err
}

// boundedRanked reads a bounded relevance search on PostgreSQL from its best
// l.Limit+1 matches by rank alone, before the listing's other conditions: when
// none of them is left out, they are the listing's best too, and only they
// are joined to product_search. A broad word's thousands of matches then cost
// a rank each and a sort, not a join each (a brand's 4,600 matches at 100,000
// SKUs: 39 → 23 ms). It returns nil when the read does not answer: another
// engine or order, or fewer rows than asked for, since some of the best may
// have been left out for others that are not. So a search with fewer matches
// than the bound reads them twice; counting the matches in the same read
// (count(*) OVER ()) would spare that cheap read but cost each broad word
// more (16 → 21 ms).
func (tx *Tx) boundedRanked(ctx context.Context, l Listing) ([]search.Row, error) {
	if tx.engine != Postgres || l.Limit <= 0 || l.Order != search.Relevance || l.Match == "" {
		return nil, nil
	}
	query, args := listingQuery(l, bestMatches, "")
	out, err := tx.scanListingRows(ctx, query, args)
	if err != nil || len(out) <= l.Limit {
		return nil, err
	}
	return out, nil
}

// textJoin is how a listing's query reads the full-text matches of l.Match.
type textJoin int

const (
	noText      textJoin = iota
	allMatches           // every match
	bestMatches          // the best l.Limit+1 by rank, before the other conditions
)

// listingQuery is the SELECT of a listing's rows: through the full-text index
// unless text is noText, of the SKU exact as typed, upper or lower case when it
// is set (unordered), else ordered and cut by l.Limit (cut only, without
// l.Order).
func listingQuery(l Listing, text textJoin, exact string) (string, []any) {
	var c conditions
	price := priceColumn(l.Channel)
	from, rank, units := "product_search s", "0", "0"
	switch text {
	case allMatches:
		// product_fts is FTS5's table-valued form on SQLite and a function
		// over GIN-indexed keys on PostgreSQL (migrations 0004 and 0027).
		from += " JOIN product_fts(" + c.arg(l.Match) + ") f ON f.rowid = s.n"
	case bestMatches:
		from += " JOIN (SELECT rowid, rank FROM product_fts(" + c.arg(l.Match) + ") ORDER BY rank, rowid LIMIT " +
			c.arg(l.Limit+1) + ") f ON f.rowid = s.n"
	}
	if text != noText {
		if l.Limit <= 0 || l.Order == search.Relevance {
			// Ranking costs a computation per match; other orders skip it.
			rank = "f.rank"
		}
	}
	c.add(visibleColumn(l.Channel))
	c.add("s.active")
	c.add(price + " IS NOT NULL")
	if exact != "" {
		c.add("s.sku IN (" + c.arg(exact) + ", " + c.arg(strings.ToUpper(exact)) + ", " + c.arg(strings.ToLower(exact)) + ")")
	}
	if l.Category != "" {
		c.add(`s.category IN (WITH RECURSIVE sub (slug) AS (
			SELECT slug FROM categories WHERE slug = ` + c.arg(l.Category) + `
			UNION SELECT k.slug FROM categories k JOIN sub ON k.parent = sub.slug) SELECT slug FROM sub)`)
	}
	if l.InStock {
		c.add(`(s.kind <> 'goods' OR EXISTS (SELECT 1 FROM stock_levels l WHERE l.sku = s.sku AND l.on_hand > l.reserved))`)
	}
	if !l.SoldSince.IsZero() {
		from += ` JOIN (SELECT ol.sku, CAST(SUM(ol.quantity) AS BIGINT) AS units FROM order_lines ol JOIN orders o ON o.id = ol.order_id
			WHERE o.placed_at >= ` + c.arg(utc(l.SoldSince)) + ` AND o.status <> 'cancelled' GROUP BY ol.sku) sold ON sold.sku = s.sku`
		units = "sold.units"
	}
	tail := ""
	switch {
	case exact != "":
	case l.Newest > 0:
		tail = " ORDER BY s.created_us DESC LIMIT " + c.arg(l.Newest)
	case l.Limit > 0 && l.Order == "":
		tail = " LIMIT " + c.arg(l.Limit+1)
	case l.Limit > 0:
		tail = " ORDER BY " + listingOrder(l.Order, price, rank) + ", s.n LIMIT " + c.arg(l.Limit+1)
	}
	return `SELECT s.sku, s.family, s.brand, s.name_key, ` + price + `, s.currency, s.created_us,
		` + rank + `, ` + units + `, s.attrs FROM ` + from + c.where() + tail, c.args
}

// listingOrder is the ORDER BY of a bounded read, the order search.List gives
// items, SKU by SKU.
func listingOrder(o search.Sort, price, rank string) string {
	switch {
	case o == search.Relevance && rank != "0":
		return rank
	case o == search.PriceAsc:
		return price
	case o == search.PriceDesc:
		return price + " DESC"
	case o == search.Name:
		return "s.name_key"
	}
	return "s.created_us DESC"
}

func (tx *Tx) scanListingRows(ctx context.Context, query string, args []any) ([]search.Row, error) {
	rows, err := tx.q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []search.Row
	intern := map[string]string{}
	for rows.Next() {
		var r search.Row
		var attrs string
		if err := rows.Scan(&r.SKU, &r.Family, &r.Brand, &r.NameKey, &r.Price, &r.Currency, &r.Created,
			&r.Rank, &r.Units, &attrs); err != nil {
			return nil, err
		}
		if r.Family == r.SKU {
			r.Family = r.SKU // one string, not two
		}
		r.Brand = internString(intern, r.Brand)
		r.Currency = internString(intern, r.Currency)
		r.Attrs = decodeAttrs(attrs, intern)
		out = append(out, r)
	}
	return out, rows.Err()
}

func internString(intern map[string]string, s string) string {
	if t, ok := intern[s]; ok {
		return t
	}
	intern[s] = s
	return s
}

// ListingMember is what a listed SKU shows now: its price in the channel without
// price lists, and its stock.
type ListingMember struct {
	SKU       string
	Kind      catalog.Kind
	Price     money.Amount // zero currency when the SKU has no price in the channel
	TaxRateBP int
	Available int64 // on hand less reserved over every warehouse, in thousandths
}

// memberColumns select a ListingMember from product_search s, in
// listingMember's order: sku, kind, currency, price (-1 without one), tax
// rate, available.
func memberColumns(ch catalog.Channel) string {
	return `s.sku, s.kind, s.currency, CAST(COALESCE(` + priceColumn(ch) + `, -1) AS BIGINT), CAST(s.tax_rate_bp AS BIGINT),
		CAST(COALESCE((SELECT SUM(l.on_hand - l.reserved) FROM stock_levels l WHERE l.sku = s.sku), 0) AS BIGINT)`
}

func listingMember(sku, kind, currency string, price, tax, available int64) ListingMember {
	m := ListingMember{SKU: sku, Kind: catalog.Kind(kind), TaxRateBP: int(tax), Available: available}
	if price >= 0 {
		m.Price = money.Amount{Minor: price, Currency: currency}
	}
	return m
}

// ListingMembers loads the SKUs named, keyed by SKU; unknown ones are absent.
func (tx *Tx) ListingMembers(ctx context.Context, ch catalog.Channel, skus []string) (map[string]ListingMember, error) {
	out := make(map[string]ListingMember, len(skus))
	err := eachChunk(skus, func(part []string) error {
		rows, err := tx.q.QueryContext(ctx, `SELECT `+memberColumns(ch)+`
			FROM product_search s WHERE s.sku IN (`+placeholders(1, len(part))+`)`, anys(part)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sku, kind, currency string
			var price, tax, available int64
			if err := rows.Scan(&sku, &kind, &currency, &price, &tax, &available); err != nil {
				return err
			}
			out[sku] = listingMember(sku, kind, currency, price, tax, available)
		}
		return rows.Err()
	})
	return out, err
}

func anys(values []string) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}

// ListingEntry is where a SKU stands in the listings of a channel: its family,
// its category (inherited from the parent for a variant) and its price, or the
// lowest of its family's when it has none itself.
type ListingEntry struct {
	SKU      string
	Family   string
	Category string
	Price    money.Amount
}

// ListingEntry finds a SKU listed in the channel; one that is not listed there
// (not active, not visible, and neither it nor its variants priced) is not found.
func (tx *Tx) ListingEntry(ctx context.Context, ch catalog.Channel, sku string) (ListingEntry, error) {
	visible := strings.TrimPrefix(visibleColumn(ch), "s.")
	price := strings.TrimPrefix(priceColumn(ch), "s.")
	e := ListingEntry{SKU: sku}
	var minor *int64
	err := tx.q.QueryRowContext(ctx, `SELECT family, category, currency, `+price+` FROM product_search
		WHERE sku = $1 AND active AND `+visible, sku).Scan(&e.Family, &e.Category, &e.Price.Currency, &minor)
	if err == nil && minor == nil {
		// A parent without a price of its own: its cheapest variant's.
		err = tx.q.QueryRowContext(ctx, `SELECT currency, `+price+` FROM product_search
			WHERE family = $1 AND active AND `+visible+` AND `+price+` IS NOT NULL
			ORDER BY `+price+`, sku LIMIT 1`, sku).Scan(&e.Price.Currency, &minor)
	}
	if err != nil {
		return e, notFound(err, "no product %s", sku)
	}
	e.Price.Minor = *minor
	return e, nil
}
