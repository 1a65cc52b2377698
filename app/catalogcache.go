package app

import (
	"sync"
	"time"
)

// catalogTTL is how long a page of the public catalog may be served from memory.
// Anonymous browsing is most of a shop's traffic and asks for the same pages again
// and again; writes through this App clear the cache at once, and writes by
// another b2x process on the same database are seen within catalogTTL.
const catalogTTL = time.Second

// maxCachedPages bounds the cache; past it the cache starts afresh.
const maxCachedPages = 10_000

// catalogCache holds public product pages and single products. Cached slices are
// shared between callers, which must not change them.
//
// A read that began before a write may finish after it; gen tells: readers take
// the generation before they read the database, and their result is kept only if
// no change happened meanwhile.
type catalogCache struct {
	mu       sync.Mutex
	gen      uint64
	pages    map[ProductQuery]cachedPage
	products map[string]cachedProduct
}

type cachedPage struct {
	views   []ProductView
	expires time.Time
}

type cachedProduct struct {
	view    ProductView
	expires time.Time
}

func newCatalogCache() *catalogCache {
	return &catalogCache{pages: map[ProductQuery]cachedPage{}, products: map[string]cachedProduct{}}
}

// generation is taken before reading the database, for put*.
func (c *catalogCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

func (c *catalogCache) page(q ProductQuery) ([]ProductView, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[q]
	if !ok || time.Now().After(p.expires) {
		return nil, false
	}
	return p.views, true
}

func (c *catalogCache) putPage(gen uint64, q ProductQuery, views []ProductView) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if len(c.pages) >= maxCachedPages {
		clear(c.pages)
	}
	c.pages[q] = cachedPage{views: views, expires: time.Now().Add(catalogTTL)}
}

func (c *catalogCache) product(sku string) (ProductView, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.products[sku]
	if !ok || time.Now().After(p.expires) {
		return ProductView{}, false
	}
	return p.view, true
}

func (c *catalogCache) putProduct(gen uint64, v ProductView) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if len(c.products) >= maxCachedPages {
		clear(c.products)
	}
	c.products[v.SKU] = cachedProduct{view: v, expires: time.Now().Add(catalogTTL)}
}

// changed forgets everything: a product or price changed.
func (c *catalogCache) changed() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	clear(c.pages)
	clear(c.products)
}
