package app

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"b2x/catalog"
	"b2x/search"
	"b2x/store"
)

// Listings are served from rows kept in memory (see browse.go): the rows a
// listing starts from (store.ListingRows: a channel's SKUs of a category or a
// search) are read once and serve every order, page, brand, price and
// attribute filter a shopper picks.
//
//   - Rows hold as long as the catalog does. A product or base price written
//     through this App moves the catalog cache's generation, and rows read
//     before are not used again: a shopper sees the write at once. A write by
//     another b2x process on the same database moves the catalog version
//     (store.CatalogVersion), which is read at most once per listingTTL, so it
//     shows within about a second.
//   - Rows that depend on stock or sales (an in-stock filter, bestsellers)
//     change with every order, without a catalog write: they are read again
//     when older than volatileTTL, in the background while the old rows are
//     still served, so a busy listing never makes a shopper wait. The stock and
//     prices each item shows are read for every request (store.ListingMembers).
//   - Shoppers asking for rows being read wait for that one read instead of
//     reading the same rows again.
const (
	listingTTL  = time.Second
	volatileTTL = 5 * time.Second
	// Volatile rows older than this are read again before they are served.
	volatileStale = time.Minute
	// maxCachedRows bounds the memory the rows take (about 200 bytes each);
	// past it the cache starts afresh.
	maxCachedRows = 500_000
	// maxCachedListings bounds the number of listings and pages kept.
	maxCachedListings = 10_000
	// maxCachedProducts bounds the products kept for listed items (about a
	// kilobyte each): a catalog of 10,000 fits, so that the product pages of a
	// shop that size do not start the cache afresh every few seconds.
	maxCachedProducts = 20_000
)

// WithListingTTL sets how often the catalog version is read (listingTTL by
// default); zero keeps no listing in memory, so that a benchmark measures the
// database work.
func WithListingTTL(d time.Duration) Option { return func(a *App) { a.browse.ttl = d } }

// WithSearchCandidates sets how many of a search's best matches are read
// (SearchCandidates by default), so that tests reach the bound with a few
// products.
func WithSearchCandidates(n int) Option { return func(a *App) { a.browse.candidates = n } }

type browseCache struct {
	ttl        time.Duration
	candidates int // a search's best matches read (SearchCandidates)
	mu         sync.Mutex
	gen        uint64 // the newest catalog generation seen
	version    int64  // the catalog version last read
	checked    time.Time
	checking   bool
	rows       map[string]*rowsEntry
	size       int // rows held
	products   map[string]cachedListProduct
	pages      map[pageKey]listedPage
}

// A page of a listing computed from some rows is kept as long as the rows are:
// the same rows and filter give the same page.
type pageKey struct {
	rows   *search.Rows
	filter string
}

type listedPage struct {
	hits   []search.Hit
	total  int
	facets search.Facets
}

// rowsEntry is one listing's rows, or a read of them under way (ready open).
type rowsEntry struct {
	gen        uint64
	version    int64
	volatile   bool
	rows       *search.Rows
	err        error
	loaded     time.Time
	ready      chan struct{}
	refreshing bool
}

type cachedListProduct struct {
	p       catalog.Product
	gen     uint64
	version int64
}

func newBrowseCache(ttl time.Duration) *browseCache {
	return &browseCache{ttl: ttl, candidates: SearchCandidates, rows: map[string]*rowsEntry{}, products: map[string]cachedListProduct{},
		pages: map[pageKey]listedPage{}}
}

// forget drops everything; c.mu is held.
func (c *browseCache) forget() {
	clear(c.rows)
	clear(c.products)
	clear(c.pages)
	c.size = 0
}

// sync brings the cache to generation gen and, at most once per ttl, to the
// catalog version read by version. It returns the version rows read now are
// of.
func (c *browseCache) sync(ctx context.Context, gen uint64, version func(context.Context) (int64, error)) (int64, bool) {
	c.mu.Lock()
	switch {
	case gen < c.gen:
		// Read before a write that another request has seen: not worth keeping.
		c.mu.Unlock()
		return 0, false
	case gen > c.gen:
		c.gen = gen
		c.forget()
	}
	// Until the first version is known every caller reads it: rows read under
	// the zero version would be dropped when the first read returns, and a
	// shop's first second read each listing asked for in it twice.
	if c.checking && !c.checked.IsZero() || time.Since(c.checked) < c.ttl {
		v := c.version
		c.mu.Unlock()
		return v, true
	}
	c.checking = true
	c.mu.Unlock()
	v, err := version(ctx)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.checking = false
	if err != nil {
		return 0, false
	}
	c.checked = time.Now()
	if v != c.version {
		c.version = v
		c.forget()
	}
	return c.version, true
}

// listingRows returns the rows of a listing read under generation gen, from
// memory or by load. Volatile rows (stock, sales) are read again after
// volatileTTL.
func (c *browseCache) listingRows(ctx context.Context, key string, gen uint64, volatile bool,
	version func(context.Context) (int64, error), load func(context.Context) (*search.Rows, error)) (*search.Rows, error) {
	if c.ttl <= 0 {
		return load(ctx)
	}
	v, keep := c.sync(ctx, gen, version)
	if !keep {
		return load(ctx)
	}
	c.mu.Lock()
	e := c.rows[key]
	if e != nil && e.gen == gen && e.version == v {
		select {
		case <-e.ready:
			age := time.Since(e.loaded)
			switch {
			case !e.volatile || age < volatileTTL:
			case age < volatileStale && !e.refreshing:
				e.refreshing = true
				go c.refresh(key, e, load)
			case age < volatileStale:
			default:
				e = nil // too old to serve
			}
			if e != nil {
				c.mu.Unlock()
				return e.rows, nil
			}
		default:
			c.mu.Unlock()
			select {
			case <-e.ready:
				return e.rows, e.err
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
	}
	e = &rowsEntry{gen: gen, version: v, volatile: volatile, ready: make(chan struct{})}
	c.put(key, e)
	c.mu.Unlock()
	rows, err := load(ctx)
	c.mu.Lock()
	e.rows, e.err, e.loaded = rows, err, time.Now()
	if err == nil {
		c.size += rows.Len()
	}
	if err != nil && c.rows[key] == e {
		delete(c.rows, key)
	}
	close(e.ready)
	c.mu.Unlock()
	return rows, err
}

// put adds an entry, starting afresh when the cache is full; c.mu is held.
func (c *browseCache) put(key string, e *rowsEntry) {
	if c.size >= maxCachedRows || len(c.rows) >= maxCachedListings {
		c.forget()
	}
	if old := c.rows[key]; old != nil && old.rows != nil {
		c.size -= old.rows.Len()
	}
	c.rows[key] = e
}

// refresh reads volatile rows again, in the background: the shopper who found
// them old has been served them already.
func (c *browseCache) refresh(key string, old *rowsEntry, load func(context.Context) (*search.Rows, error)) {
	ctx, cancel := context.WithTimeout(context.Background(), volatileStale)
	defer cancel()
	rows, err := load(ctx)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil || c.rows[key] != old {
		old.refreshing = false
		return
	}
	e := &rowsEntry{gen: old.gen, version: old.version, volatile: true, rows: rows, loaded: time.Now(), ready: make(chan struct{})}
	close(e.ready)
	c.put(key, e)
	c.size += rows.Len()
}

// product returns a product read under the cache's generation and version.
func (c *browseCache) product(sku string) (catalog.Product, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.products[sku]
	return p.p, ok && p.gen == c.gen && p.version == c.version
}

// putProducts keeps products read under generation gen and version v.
func (c *browseCache) putProducts(ps map[string]catalog.Product, gen uint64, v int64) {
	if c.ttl <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen || v != c.version {
		return
	}
	if len(c.products)+len(ps) > maxCachedProducts {
		clear(c.products)
	}
	for sku, p := range ps {
		c.products[sku] = cachedListProduct{p: p, gen: gen, version: v}
	}
}

// current is the generation and version the cache holds.
func (c *browseCache) current() (uint64, int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen, c.version
}

// page returns a page computed from rows with a filter, and with facets the
// filter's facets, from memory or by computing them. Facets do not depend on
// the order or the page, so they are kept apart. Pages of rows no longer cached
// go with the next change of generation or version, or when the cache is full.
func (c *browseCache) page(rows *search.Rows, f search.Filter, facets bool) listedPage {
	var p listedPage
	hitsKey := pageKey{rows, "h" + filterKey(f)}
	ff := f
	ff.Sort, ff.Near, ff.ByUnits, ff.Offset, ff.Limit = "", nil, false, 0, 0
	facetsKey := pageKey{rows, "f" + filterKey(ff)}
	c.mu.Lock()
	hits, haveHits := c.pages[hitsKey]
	fs, haveFacets := c.pages[facetsKey]
	c.mu.Unlock()
	p.hits, p.total = hits.hits, hits.total
	if !haveHits {
		p.hits, p.total = search.List(rows, f)
	}
	if facets {
		p.facets = fs.facets
		if !haveFacets {
			p.facets = search.FacetsOf(rows, f)
		}
	}
	if c.ttl > 0 && (!haveHits || facets && !haveFacets) {
		c.mu.Lock()
		if len(c.pages) >= maxCachedListings {
			clear(c.pages)
		}
		c.pages[hitsKey] = listedPage{hits: p.hits, total: p.total}
		if facets {
			c.pages[facetsKey] = listedPage{facets: p.facets}
		}
		c.mu.Unlock()
	}
	return p
}

// filterKey names a filter with every field, maps in key order.
func filterKey(f search.Filter) string {
	var b strings.Builder
	opt := func(p *int64) string {
		if p == nil {
			return "-"
		}
		return strconv.FormatInt(*p, 10)
	}
	brands := slices.Sorted(slices.Values(f.Brands))
	fmt.Fprintf(&b, "%q|%s|%s|%s|%q|%s|%s|%t|%q|%s|%d|%d", brands, opt(f.MinPrice), opt(f.MaxPrice), f.Currency,
		f.Exact, f.Sort, opt(f.Near), f.ByUnits, f.ExcludeFamily, opt(f.Below), f.Offset, f.Limit)
	for _, k := range slices.Sorted(maps.Keys(f.Attrs)) {
		fmt.Fprintf(&b, "|%q=%q", k, slices.Sorted(slices.Values(f.Attrs[k])))
	}
	return b.String()
}

// rowsKey names the rows of a listing: every field of the store's query.
func rowsKey(l store.Listing) string {
	return fmt.Sprintf("%s|%q|%q|%t|%d|%d|%d|%s|%q", l.Channel, l.Match, l.Category, l.InStock, l.SoldSince.UnixMicro(), l.Newest,
		l.Limit, l.Order, l.Exact)
}
