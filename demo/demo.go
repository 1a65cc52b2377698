// Package demo generates b2x's deterministic demo data set: a supplier of building
// materials, office equipment and software that sells the same catalog to consumers
// and to businesses — the seed's red brick goes to a homeowner in the shop and to a
// contractor on trade terms (S2).
//
// Generate is pure: it imports only the standard library and b2x's domain packages,
// touches no database and reads no clock. The same seed and the same now give the
// same Dataset, ids included. app.SeedDemo writes a Dataset into a store.
//
// Historical orders are priced by the real rules (pricing.Resolve, order.PriceLine,
// (*order.Order).Sum), so they hold what checkout would have charged on the day, and
// their stock is taken by inventory.Allocate from warehouses in priority order, so the
// ledger never goes below zero.
package demo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"b2x/catalog"
	"b2x/ids"
	"b2x/inventory"
	"b2x/news"
	"b2x/order"
	"b2x/party"
	"b2x/pricing"
	"b2x/review"
)

// Currency is the currency of every demo price.
const Currency = "EUR"

// VATRateBP is the VAT rate of every demo product: 20 %.
const VATRateBP = 2000

// By names the demo generator in ledgers and order transitions.
const By = "demo"

// Size says how much history to generate. The catalog, warehouses and price lists
// are always whole; Size scales the customers and the orders.
type Size struct {
	Persons       int // private customers (some of them trade contractors)
	Organizations int // business customers, each with 2–6 contacts
	Orders        int // historical orders in both channels
	Months        int // how far back the history reaches
}

// Full is the size Generate makes.
var Full = Size{Persons: 520, Organizations: 46, Orders: 5200, Months: 18}

// Dataset is a whole demo data set, in the order it must be written: categories
// parents first, products before their variants, organizations before their
// contacts, orders by the time they were placed, movements by time.
type Dataset struct {
	Seed  uint64
	Now   time.Time // the end of the history
	Start time.Time // the first day of the history

	Categories []catalog.Category
	Products   []catalog.Product
	Prices     []pricing.BasePrice // b2c prices are gross (VAT included), b2b prices net
	Warehouses []inventory.Warehouse

	Persons       []party.Person
	Organizations []party.Organization
	Contacts      []party.Contact
	PriceLists    []pricing.PriceList // created when they become valid (ValidFrom)

	// Orders carry no Number: the store hands numbers out in this order.
	Orders []order.Order
	// Movements is the stock ledger in time order: opening balances and later
	// receipts from suppliers, every order's sales (Reference is the order id), and
	// the goods that came back when an order was cancelled or returned.
	Movements []inventory.Movement

	// Reviews of the most bought products by people who bought them, by time;
	// News posts with recent dates and one draft (S4).
	Reviews []review.Review
	News    []news.Post
	// Banners run on the home page now: one per language and one for all.
	Banners []news.Banner

	// CRM is the back office's data for these organizations (GenerateCRM).
	CRM *CRMData
}

// Counts sums up a data set.
type Counts struct {
	Categories, Products, Services, Licences, Goods int
	Persons, TradePersons, Organizations, Contacts  int
	PriceLists                                      int
	Orders, B2C, B2B, OrderLines                    int
	ByStatus                                        map[order.Status]int
	Movements                                       int
}

// Counts counts what the data set holds.
func (d *Dataset) Counts() Counts {
	c := Counts{Categories: len(d.Categories), Products: len(d.Products), Persons: len(d.Persons),
		Organizations: len(d.Organizations), Contacts: len(d.Contacts), PriceLists: len(d.PriceLists),
		Orders: len(d.Orders), Movements: len(d.Movements), ByStatus: map[order.Status]int{}}
	for _, p := range d.Products {
		switch p.Kind {
		case catalog.Goods:
			c.Goods++
		case catalog.Service:
			c.Services++
		case catalog.Licence:
			c.Licences++
		}
	}
	for _, p := range d.Persons {
		if p.Trade {
			c.TradePersons++
		}
	}
	for _, o := range d.Orders {
		if o.Channel == catalog.B2C {
			c.B2C++
		} else {
			c.B2B++
		}
		c.OrderLines += len(o.Lines)
		c.ByStatus[o.Status]++
	}
	return c
}

// String is a one-line summary for the CLI.
func (c Counts) String() string {
	return fmt.Sprintf("%d products (%d goods, %d services, %d licences) in %d categories, %d persons (%d trade), "+
		"%d organizations with %d contacts, %d price lists, %d orders (%d b2c, %d b2b; %d lines; %d completed, %d cancelled, %d returned), %d stock movements",
		c.Products, c.Goods, c.Services, c.Licences, c.Categories, c.Persons, c.TradePersons,
		c.Organizations, c.Contacts, c.PriceLists, c.Orders, c.B2C, c.B2B, c.OrderLines,
		c.ByStatus[order.Completed], c.ByStatus[order.Cancelled], c.ByStatus[order.Returned], c.Movements)
}

// Generate makes the full demo data set: history over the Full.Months before now.
func Generate(seed uint64, now time.Time) *Dataset { return GenerateSized(seed, now, Full) }

// GenerateSized makes a demo data set of the given size.
func GenerateSized(seed uint64, now time.Time, size Size) *Dataset {
	now = now.UTC().Truncate(time.Second)
	months := max(size.Months, 1)
	g := &gen{
		r:   rand.New(rand.NewPCG(seed, 0x6232785f64656d6f)), // "b2x_demo"
		now: now,
		d:   &Dataset{Seed: seed, Now: now, Start: day(now.AddDate(0, -months, 0))},
	}
	g.catalog()
	g.warehouses()
	g.persons(max(size.Persons, 1))
	g.organizations(max(size.Organizations, 1))
	g.priceLists()
	g.orders(max(size.Orders, 0))
	g.afterSales()
	g.d.CRM = GenerateCRM(seed, now, CRMFull, g.d.Organizations, g.d.Contacts)
	return g.d
}

// gen holds the generator's state. Every random choice comes from r, in a fixed
// order, so a seed always yields the same data set.
type gen struct {
	r   *rand.Rand
	now time.Time
	d   *Dataset

	items     []*item                        // the catalog with what the generator knows about each product
	bySKU     map[string]*item               // the same, by SKU
	byCat     map[string][]*item             // by category slug, in catalog order
	base      map[string][]pricing.BasePrice // base prices by SKU
	people    []*customer                    // persons, by creation time
	companies []*customer                    // organizations, by creation time
	stock     *ledger
}

// id makes a UUIDv7 whose time part is t and whose random part comes from the
// generator, so ids sort by time and stay the same for a seed.
func (g *gen) id(t time.Time) string { return ids.AtFrom(t, randReader{g.r}) }

// randReader reads bytes from the generator's random stream.
type randReader struct{ r *rand.Rand }

func (rr randReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(rr.r.Uint32())
	}
	return len(p), nil
}

// between returns a random whole number in [lo, hi].
func (g *gen) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + g.r.IntN(hi-lo+1)
}

// chance reports true with probability p percent.
func (g *gen) chance(p int) bool { return g.r.IntN(100) < p }

// pick returns a random element of xs.
func pick[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// seconds returns a random duration between lo and hi, in whole seconds.
func (g *gen) seconds(lo, hi time.Duration) time.Duration {
	return time.Duration(g.between(int(lo/time.Second), int(hi/time.Second))) * time.Second
}

// timeIn returns a random whole second in [from, to].
func (g *gen) timeIn(from, to time.Time) time.Time {
	if !to.After(from) {
		return from
	}
	return from.Add(g.seconds(0, to.Sub(from)))
}

func day(t time.Time) time.Time { return t.UTC().Truncate(24 * time.Hour) }

// weighted picks an index with probability proportional to its weight.
func weighted(g *gen, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// sortMovements orders movements by time, keeping the generator's order among equal
// times (a receipt is always generated before the sale it feeds).
func sortMovements(ms []inventory.Movement) {
	slices.SortStableFunc(ms, func(a, b inventory.Movement) int { return a.At.Compare(b.At) })
}
