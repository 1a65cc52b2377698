package app

import (
	"context"
	"slices"
	"strings"

	"b2x/catalog"
	"b2x/csvimport"
	"b2x/ids"
	"b2x/inventory"
	"b2x/jobs"
	"b2x/order"
	"b2x/qty"
	"b2x/store"
)

// backInStockEvent: a SKU's available stock went from nothing to something.
type backInStockEvent struct {
	SKU   string `json:"sku"`
	Event string `json:"event"`
}

func (backInStockEvent) Kind() string { return "alerts.back_in_stock" }

// newArrivalsEvent: products were added to the catalog.
type newArrivalsEvent struct {
	SKUs  []string `json:"skus"`
	Event string   `json:"event"`
}

func (newArrivalsEvent) Kind() string { return "alerts.new_arrivals" }

// noteRestock is called by a use case that raised the available stock of SKUs
// (rise: by how much, in this transaction) after it moved the stock. A SKU that
// had nothing available before and has some now is restocked: its alert event
// is enqueued in the same transaction. A SKU that had stock already is not, so
// two receipts in a row make one event, not two.
//
// The levels are read under a lock on the SKU's product (RestockLevels), so
// two transactions restocking one SKU in different warehouses at once see each
// other's stock in turn and only the first finds the SKU empty before; SQLite's
// single writer does the same.
func (a *App) noteRestock(ctx context.Context, tx *store.Tx, rise map[string]qty.Quantity) error {
	skus := make([]string, 0, len(rise))
	for sku, q := range rise {
		if q > 0 {
			skus = append(skus, sku)
		}
	}
	slices.Sort(skus)
	var events []jobs.Args
	for _, sku := range skus {
		levels, err := tx.RestockLevels(ctx, sku)
		if err != nil {
			return err
		}
		avail := inventory.Sum(sku, levels).Available()
		if avail > 0 && avail-rise[sku] <= 0 {
			events = append(events, backInStockEvent{SKU: sku, Event: ids.New()})
		}
	}
	_, err := a.notify.jobs.EnqueueMany(ctx, tx, events, nil)
	return err
}

// movementRise is what a manual movement adds to its SKU's available stock; a
// transfer moves stock between warehouses and adds nothing.
func movementRise(in MovementInput) map[string]qty.Quantity {
	if in.Kind == inventory.Transfer {
		return nil
	}
	return map[string]qty.Quantity{in.SKU: in.Quantity}
}

// orderRise is what cancelling or returning an order puts back: its goods.
func orderRise(o order.Order) map[string]qty.Quantity {
	rise := map[string]qty.Quantity{}
	for _, l := range o.Lines {
		if l.Kind.Stocked() {
			rise[l.SKU] += l.Quantity
		}
	}
	return rise
}

// reservationRise is what releasing reservations makes available again.
func reservationRise(rs []inventory.Reservation) map[string]qty.Quantity {
	rise := map[string]qty.Quantity{}
	for _, r := range rs {
		rise[r.SKU] += r.Quantity
	}
	return rise
}

// stockRowsRise is what an imported stock file adds, per SKU.
func stockRowsRise(rows []csvimport.StockRow) map[string]qty.Quantity {
	rise := map[string]qty.Quantity{}
	for _, r := range rows {
		if r.Kind != inventory.Transfer {
			rise[r.SKU] += r.Quantity
		}
	}
	return rise
}

// maxSKUsPerEvent bounds a new-arrivals event's arguments; a large import makes
// several events.
const maxSKUsPerEvent = 500

// noteNewProducts enqueues, in the transaction that adds the products, the
// new-arrivals event for them.
func (a *App) noteNewProducts(ctx context.Context, tx *store.Tx, skus ...string) error {
	var events []jobs.Args
	for part := range slices.Chunk(skus, maxSKUsPerEvent) {
		events = append(events, newArrivalsEvent{SKUs: part, Event: ids.New()})
	}
	_, err := a.notify.jobs.EnqueueMany(ctx, tx, events, nil)
	return err
}

// fanOutBackInStock enqueues one alert per active subscription to the SKU.
func (a *App) fanOutBackInStock(ctx context.Context, e backInStockEvent) error {
	return a.write(ctx, func(tx *store.Tx) error {
		subs, err := tx.BackInStockSubscriptions(ctx, e.SKU)
		if err != nil {
			return err
		}
		return a.enqueueAlerts(ctx, tx, e.Event, subs, func(store.AlertSubscription) []string { return []string{e.SKU} })
	})
}

// fanOutNewArrivals enqueues one alert per subscription that any of the new
// products matches: by its category or a parent of it, or by its brand. Only
// products the shop shows count.
func (a *App) fanOutNewArrivals(ctx context.Context, e newArrivalsEvent) error {
	return a.write(ctx, func(tx *store.Tx) error {
		products, err := tx.ProductsBySKU(ctx, e.SKUs)
		if err != nil {
			return err
		}
		cats, err := tx.Categories(ctx)
		if err != nil {
			return err
		}
		parent := make(map[string]string, len(cats))
		for _, c := range cats {
			parent[c.Slug] = c.Parent
		}
		inCats := map[string][]string{} // category → SKUs in it or below it
		byBrand := map[string][]string{}
		for _, sku := range e.SKUs {
			p, ok := products[sku]
			if !ok || !p.Sellable(catalog.B2C) {
				continue
			}
			seen := map[string]bool{}
			for c := p.Category; c != "" && !seen[c]; c = parent[c] {
				seen[c] = true
				inCats[c] = append(inCats[c], sku)
			}
			if p.Brand != "" {
				b := strings.ToLower(p.Brand)
				byBrand[b] = append(byBrand[b], sku)
			}
		}
		subs, err := tx.NewArrivalSubscriptions(ctx, keys(inCats), keys(byBrand))
		if err != nil {
			return err
		}
		return a.enqueueAlerts(ctx, tx, e.Event, subs, func(s store.AlertSubscription) []string {
			if s.Category != "" {
				return inCats[s.Category]
			}
			return byBrand[s.Brand]
		})
	})
}

// enqueueAlerts records a delivery per subscription for the event and enqueues
// its alert; a subscription that has one for the event already (the event's
// job ran before and stopped after committing) gets none.
func (a *App) enqueueAlerts(ctx context.Context, tx *store.Tx, event string, subs []store.AlertSubscription,
	skus func(store.AlertSubscription) []string) error {
	now := a.clock()
	var alerts []jobs.Args
	for _, s := range subs {
		added, err := tx.AddAlertDelivery(ctx, s.ID, event, now)
		if err != nil {
			return err
		}
		if added {
			alerts = append(alerts, alertJob{Subscription: s.ID, Event: event, SKUs: skus(s)})
		}
	}
	_, err := a.notify.jobs.EnqueueMany(ctx, tx, alerts, nil)
	return err
}

func keys(m map[string][]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
