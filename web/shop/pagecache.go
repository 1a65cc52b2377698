package shop

import (
	"bytes"
	"net/http"
	"sync"
	"time"

	"b2x/web/page"
)

// Every visitor who is not signed in sees the same home page, category pages,
// search results and product pages but for the header's account and cart
// links, so those pages are kept rendered with an empty cart's links, which
// each visitor's own replace as the page is sent (UserNav): a popular page is
// rendered once a second instead of for every visitor, whether or not they
// have a cart. An entry is dropped at once when the shop's version moves (a
// product, price, category or promotion written through this process), so
// staff see their own edits; stock badges and another process's writes show
// within pageTTL — as they do in the listing rows the pages are made from
// (app/browse_cache.go). Product pages are kept longer, while what they show
// has not moved (productcache.go). Signed-in customers always get a fresh
// page: their prices may differ (a trade customer's price list) and so does
// the review form.
const (
	pageTTL = time.Second
	// maxCachedBytes bounds the memory the pages take (they weigh under 100 KB,
	// a test checks; most under 30 KB): some thousands of pages, enough for the
	// product pages a busy shop is asked for within pageMaxAge.
	maxCachedBytes = 64 << 20
)

type pageCache struct {
	mu    sync.Mutex
	pages map[string]cachedPage
	size  int // the bytes of the pages held
}

type cachedPage struct {
	body    []byte
	lang    string
	version uint64
	// nav and navEnd bound the empty cart's header links in body.
	nav, navEnd int
	// The page is served as it is until expires; made is when it was rendered.
	expires, made time.Time
	// check is set on product pages: past expires they are served while what it
	// holds has not moved (productcache.go).
	check *productCheck
	// catalog is the catalog version the page was checked against last, or
	// for a product page the one its process knew of before its data was
	// read, once checked is true.
	catalog int64
	checked bool
}

// get returns the page kept for key under the shop's version, and whether it
// is fresh (before its expiry). A stale page is returned only if it has a
// check.
func (c *pageCache) get(key string, version uint64) (p cachedPage, ok, fresh bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok = c.pages[key]
	if !ok || p.version != version {
		return cachedPage{}, false, false
	}
	fresh = time.Now().Before(p.expires)
	if !fresh && p.check == nil {
		return cachedPage{}, false, false
	}
	return p, true, fresh
}

func (c *pageCache) put(key string, p cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil {
		c.pages = make(map[string]cachedPage)
	}
	p.made = time.Now()
	p.expires = p.made.Add(pageTTL)
	c.size += len(p.body) - len(c.pages[key].body)
	c.pages[key] = p
	if c.size > maxCachedBytes {
		c.evict(key, p.made, p.version)
	}
}

// evict drops the pages that can no longer be served, then, if that is not
// enough, pages at random (the map's order) but the one just put, down to
// three quarters of the budget: one sweep for many puts.
func (c *pageCache) evict(put string, now time.Time, version uint64) {
	for k, q := range c.pages {
		if q.version != version || (q.check == nil && now.After(q.expires)) || now.Sub(q.made) > pageMaxAge {
			c.drop(k, q)
		}
	}
	for k, q := range c.pages {
		if c.size <= maxCachedBytes/4*3 {
			break
		}
		if k != put {
			c.drop(k, q)
		}
	}
}

func (c *pageCache) drop(key string, p cachedPage) {
	delete(c.pages, key)
	c.size -= len(p.body)
}

// renew makes a page checked at catalog fresh again, unless it was replaced
// meanwhile.
func (c *pageCache) renew(key string, p cachedPage, catalog int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cur, ok := c.pages[key]; ok && cur.made.Equal(p.made) && cur.version == p.version {
		cur.expires, cur.catalog, cur.checked = time.Now().Add(pageTTL), catalog, true
		c.pages[key] = cur
	}
}

// shared serves a page every visitor who is not signed in sees alike from the
// cache, or renders it and keeps it (see render).
func (s *Server) shared(h handler) handler {
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		if rq.actor.PersonID != "" {
			return h(w, r, rq)
		}
		key, version := r.URL.RequestURI(), s.app.ShopVersion()
		if p, ok, fresh := s.cache.get(key, version); ok && fresh {
			s.writeShared(w, rq, p)
			return nil
		}
		rq.cacheKey, rq.cacheVersion = key, version
		return h(w, r, rq)
	}
}

// keep renders a page as a visitor with an empty cart sees it, keeps it and
// sends it to this visitor with their own header links. It reports false if
// the page could not be kept (a template error, or no header links found), to
// be rendered as usual.
func (s *Server) keep(w http.ResponseWriter, name string, rq *request, v view) bool {
	v.CartCount = 0
	body, err := s.pages.Execute(name, v)
	if err != nil {
		return false
	}
	anon := []byte(v.UserNav())
	at := bytes.Index(body, anon)
	if at < 0 {
		return false
	}
	p := cachedPage{body: body, lang: rq.loc.Code, version: rq.cacheVersion, nav: at, navEnd: at + len(anon), check: rq.check}
	if rq.check != nil {
		p.catalog, p.checked = rq.catalogSeen, true
	}
	s.cache.put(rq.cacheKey, p)
	s.writeShared(w, rq, p)
	return true
}

// writeShared sends a kept page with the visitor's own header links.
func (s *Server) writeShared(w http.ResponseWriter, rq *request, p cachedPage) {
	if rq.cartLines == 0 {
		page.WriteHTML(w, http.StatusOK, p.lang, p.body)
		return
	}
	v := view{View: page.View{P: rq.p, Base: "/" + rq.loc.Code}, Actor: rq.actor, CartCount: int64(rq.cartLines)}
	own := v.UserNav()
	body := make([]byte, 0, len(p.body)+len(own))
	body = append(append(append(body, p.body[:p.nav]...), own...), p.body[p.navEnd:]...)
	page.WriteHTML(w, http.StatusOK, p.lang, body)
}
