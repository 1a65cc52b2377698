package app

import (
	"context"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/inventory"
	"b2x/order"
	"b2x/store"
)

// Order returns one order. The public may not read orders.
func (a *App) Order(ctx context.Context, actor Actor, id string) (order.Order, error) {
	if err := require(actor, "orders.read"); err != nil {
		return order.Order{}, err
	}
	if !ids.Valid(id) {
		return order.Order{}, errs.E(errs.NotFound, "no order %s", id)
	}
	var o order.Order
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		o, err = tx.Order(ctx, id)
		return err
	})
	return o, err
}

// OrderQuery selects a page of orders, newest first.
type OrderQuery struct {
	Status   order.Status
	Channel  catalog.Channel
	Number   string
	From, To time.Time // placed at or after From, before To
	Customer string
	BeforeAt time.Time
	BeforeID string
	Limit    int
}

// Orders lists orders without their lines.
func (a *App) Orders(ctx context.Context, actor Actor, q OrderQuery) ([]order.Order, error) {
	if err := require(actor, "orders.read"); err != nil {
		return nil, err
	}
	var fs errs.Fields
	if q.Status != "" && !q.Status.Valid() {
		fs.Add("status", "unknown status %q", q.Status)
	}
	if q.Customer != "" && !ids.Valid(q.Customer) {
		fs.Add("customer", "is not an id")
	}
	if q.Channel != "" && !q.Channel.Valid() {
		fs.Add("channel", "must be b2c or b2b")
	}
	if len(q.Number) > 40 {
		fs.Add("number", "is longer than 40 characters")
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.To.After(q.From) {
		fs.Add("to", "must be after from")
	}
	checkLimit(&fs, q.Limit)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []order.Order
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.ListOrders(ctx, store.OrderFilter{Status: q.Status, Customer: q.Customer, Channel: q.Channel,
			Number: q.Number, From: q.From, To: q.To,
			BeforeAt: q.BeforeAt, BeforeID: q.BeforeID, Limit: q.Limit})
		return err
	})
	return out, err
}

// TransitionOrder moves an order to another status. Cancelling or returning an
// order puts its goods back in the warehouses they came from; the payment, the
// loyalty card and the coupon follow the order (see followOrder). A card is
// captured, voided or refunded at the provider before the move is written.
func (a *App) TransitionOrder(ctx context.Context, actor Actor, id string, to order.Status, note string) (order.Order, error) {
	if err := require(actor, "orders.transition"); err != nil {
		return order.Order{}, err
	}
	if !ids.Valid(id) {
		return order.Order{}, errs.E(errs.NotFound, "no order %s", id)
	}
	if len(note) > 1000 {
		return order.Order{}, errs.Field("note", "is longer than 1000 characters")
	}
	if err := a.settleAtProvider(ctx, id, to); err != nil {
		return order.Order{}, err
	}
	var o order.Order
	err := a.write(ctx, func(tx *store.Tx) error {
		cur, err := tx.Order(ctx, id)
		if err != nil {
			return err
		}
		if err := order.CheckTransition(cur.Status, to); err != nil {
			return err
		}
		now := a.clock()
		if err := tx.MoveOrder(ctx, id, order.Transition{From: cur.Status, To: to, At: now, By: actor.Label(), Note: note}); err != nil {
			return err
		}
		if order.ReturnsStock(to) {
			if err := restock(ctx, tx, id, to, actor, now); err != nil {
				return err
			}
			if err := a.noteRestock(ctx, tx, orderRise(cur)); err != nil {
				return err
			}
		}
		if to == order.Delivered {
			if err := a.MailCareInstructions(ctx, tx, id); err != nil {
				return err
			}
		}
		if err := a.followOrder(ctx, tx, cur, to, actor, now); err != nil {
			return err
		}
		o, err = tx.Order(ctx, id)
		return err
	})
	return o, err
}

// restock reverses an order's sale movements, warehouse by warehouse.
func restock(ctx context.Context, tx *store.Tx, orderID string, to order.Status, actor Actor, at time.Time) error {
	ms, err := tx.MovementsByReference(ctx, orderID)
	if err != nil {
		return err
	}
	kind := inventory.Return
	if to == order.Cancelled {
		kind = inventory.Adjustment
	}
	for _, m := range ms {
		if m.Kind != inventory.Sale {
			continue
		}
		back := inventory.Movement{ID: ids.New(), SKU: m.SKU, Warehouse: m.Warehouse, Kind: kind, Quantity: -m.Quantity,
			Reference: orderID, Note: "order " + string(to), By: actor.Label(), At: at}
		if err := tx.RecordMovement(ctx, back); err != nil {
			return err
		}
	}
	return nil
}
