package shop

import (
	"net/http"
	"sync"
	"time"

	"b2x/web/page"
)

// Every anonymous visitor with an empty cart sees the same home page, category
// pages and search results, so those are kept rendered for pageTTL: a popular
// listing is rendered once a second instead of for every visitor. An entry is
// dropped at once when the shop's version moves (a product, price, category or
// promotion written through this process), so staff see their own edits; stock
// badges and another process's writes show within pageTTL — as they do in the
// listing rows the pages are made from (app/browse_cache.go). Signed-in
// customers (their prices may differ) and visitors with a cart (the header
// counts its lines) always get a fresh page.
const (
	pageTTL = time.Second
	// maxCachedPages bounds the memory: pages weigh under 100 KB (a test checks),
	// most under 30 KB.
	maxCachedPages = 2000
)

type pageCache struct {
	mu    sync.Mutex
	pages map[string]cachedPage
}

type cachedPage struct {
	body    []byte
	lang    string
	version uint64
	expires time.Time
}

func (c *pageCache) get(key string, version uint64) (cachedPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[key]
	if !ok || p.version != version || time.Now().After(p.expires) {
		return cachedPage{}, false
	}
	return p, true
}

func (c *pageCache) put(key string, p cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil || len(c.pages) >= maxCachedPages {
		c.pages = make(map[string]cachedPage)
	}
	p.expires = time.Now().Add(pageTTL)
	c.pages[key] = p
}

// shared serves a page every anonymous visitor sees alike from the cache, or
// renders it and keeps it (see render).
func (s *Server) shared(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		if rq.actor.PersonID != "" || rq.cartLines > 0 {
			return h(w, r, rq)
		}
		key, version := r.URL.RequestURI(), s.app.ShopVersion()
		if p, ok := s.cache.get(key, version); ok {
			page.WriteHTML(w, http.StatusOK, p.lang, p.body)
			return nil
		}
		rq.cacheKey, rq.cacheVersion = key, version
		return h(w, r, rq)
	}
}
