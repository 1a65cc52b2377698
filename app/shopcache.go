package app

import (
	"sync"
	"time"

	"b2x/order"
	"b2x/promo"
)

// shopTTL is how long the promotions and delivery rates every checkout and
// product page reads may be served from memory. Writes through this App clear
// them at once; another b2x process's writes are seen within shopTTL. Validity
// windows are still checked at the time of each order, against the cached rows.
const shopTTL = time.Second

// shopCache holds the promotions that have not ended and the delivery rates. A
// read that began before a write is not stored (see catalogCache).
type shopCache struct {
	mu         sync.Mutex
	gen        uint64
	promos     []promo.Promotion
	promosAt   time.Time // the time the promotions were selected for
	promosExp  time.Time
	rates      []order.DeliveryRate
	ratesExp   time.Time
	ratesValid bool
}

func (c *shopCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// promotions returns the cached promotions that had not ended at a time no later
// than at, so none that applies at at is missing.
func (c *shopCache) promotions(at time.Time) ([]promo.Promotion, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.promosExp.IsZero() || time.Now().After(c.promosExp) || at.Before(c.promosAt) {
		return nil, false
	}
	return c.promos, true
}

func (c *shopCache) putPromotions(gen uint64, at time.Time, ps []promo.Promotion) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.gen {
		c.promos, c.promosAt, c.promosExp = ps, at, time.Now().Add(shopTTL)
	}
}

func (c *shopCache) deliveryRates() ([]order.DeliveryRate, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.ratesValid || time.Now().After(c.ratesExp) {
		return nil, false
	}
	return c.rates, true
}

func (c *shopCache) putDeliveryRates(gen uint64, rs []order.DeliveryRate) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen == c.gen {
		c.rates, c.ratesExp, c.ratesValid = rs, time.Now().Add(shopTTL), true
	}
}

// changed forgets everything: a promotion or a rate changed.
func (c *shopCache) changed() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	c.promos, c.promosExp, c.rates, c.ratesValid = nil, time.Time{}, nil, false
}

// ShopVersion changes whenever a product, price, category, promotion or
// delivery rate is written through this App, or a review is moderated, so pages rendered from them can
// be kept until it moves (see web/shop's page cache). Writes by another process
// do not move it: such caches must also expire.
func (a *App) ShopVersion() uint64 { return a.catalog.generation() + a.shop.generation() }

// CatalogSeen is the version of the catalog in the database (moved by every
// process's writes) as this process last read it, at most listingTTL ago.
func (a *App) CatalogSeen() int64 {
	_, v := a.browse.current()
	return v
}
