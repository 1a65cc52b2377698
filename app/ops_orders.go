package app

import (
	"context"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/order"
	"b2x/staff"
	"b2x/store"
)

// FulfilmentColumn is one status of the fulfilment board: how many orders are
// in it and the ones waiting longest.
type FulfilmentColumn struct {
	Status order.Status
	Count  int
	Orders []order.Order // oldest first, without lines
}

// FulfilmentQuery selects the board: one channel or both, and how many cards
// each column shows.
type FulfilmentQuery struct {
	Channel  catalog.Channel
	PerState int
}

// FulfilmentBoard shows the orders by status, oldest first in each column
// (orders.read): one count per status and one short page per column, each read
// through the (status, placed_at) index, so the board costs the same with a
// million orders.
func (a *App) FulfilmentBoard(ctx context.Context, actor Actor, q FulfilmentQuery) ([]FulfilmentColumn, error) {
	if err := require(actor, staff.OrdersRead); err != nil {
		return nil, err
	}
	var fs errs.Fields
	checkLimit(&fs, q.PerState)
	if q.Channel != "" && !q.Channel.Valid() {
		fs.Add("channel", "must be b2c or b2b")
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	out := make([]FulfilmentColumn, len(order.Board))
	err := a.read(ctx, func(tx *store.Tx) error {
		counts, err := tx.CountOrdersByStatus(ctx, order.Board, q.Channel)
		if err != nil {
			return err
		}
		for i, s := range order.Board {
			out[i] = FulfilmentColumn{Status: s}
			for _, c := range counts {
				if c.Status == s {
					out[i].Count = c.Count
				}
			}
			if out[i].Count == 0 {
				continue
			}
			if out[i].Orders, err = tx.ListOrders(ctx, store.OrderFilter{Status: s, Channel: q.Channel, Oldest: true,
				Limit: q.PerState}); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// StatusAverage is the average time orders spent in a status (S22.5).
type StatusAverage struct {
	Status  order.Status
	Orders  int // transitions out of the status in the period
	Average time.Duration
}

// StatusTimes reports, for the transitions made in [from, to), the average time
// orders had spent in the status they left, in board order (orders.read).
func (a *App) StatusTimes(ctx context.Context, actor Actor, from, to time.Time) ([]StatusAverage, error) {
	if err := require(actor, staff.OrdersRead); err != nil {
		return nil, err
	}
	if from.IsZero() || to.IsZero() || !to.After(from) {
		return nil, errs.Field("to", "the period must end after it starts")
	}
	if to.Sub(from) > 366*24*time.Hour {
		return nil, errs.Field("from", "the period is at most a year")
	}
	var rows []store.StatusSeconds
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		rows, err = tx.TimeInStatuses(ctx, from, to)
		return err
	})
	var out []StatusAverage
	for _, s := range order.Statuses {
		for _, r := range rows {
			if r.Status == s && r.Count > 0 {
				out = append(out, StatusAverage{Status: s, Orders: r.Count, Average: time.Duration(r.Seconds/int64(r.Count)) * time.Second})
			}
		}
	}
	return out, err
}

// DeliveryInput puts an order in the own delivery service's schedule.
type DeliveryInput struct {
	Day, Slot, Driver, Vehicle, Note string
}

// ScheduleDelivery gives an own-delivery order a day and slot, a driver and a
// vehicle (orders.transition), replacing an earlier plan; audited as
// order.schedule_delivery with what changed.
func (a *App) ScheduleDelivery(ctx context.Context, actor Actor, orderID string, in DeliveryInput) (order.Delivery, error) {
	if err := require(actor, staff.OrdersTransition); err != nil {
		return order.Delivery{}, err
	}
	if !ids.Valid(orderID) {
		return order.Delivery{}, errs.E(errs.NotFound, "no order %s", orderID)
	}
	d := order.Delivery{OrderID: orderID, Day: in.Day, Slot: in.Slot, Driver: in.Driver, Vehicle: in.Vehicle, Note: in.Note,
		UpdatedAt: a.clock(), UpdatedBy: actor.Label()}
	err := a.write(ctx, func(tx *store.Tx) error {
		o, err := tx.Order(ctx, orderID)
		if err != nil {
			return err
		}
		if err := order.CheckSchedule(o, d); err != nil {
			return err
		}
		before, _, err := tx.Delivery(ctx, orderID)
		if err != nil {
			return err
		}
		if err := tx.PutDelivery(ctx, d); err != nil {
			return err
		}
		b, af := before, d
		b.UpdatedAt, b.UpdatedBy = af.UpdatedAt, af.UpdatedBy
		return a.audit(ctx, tx, actor, "order.schedule_delivery", "order", orderID, diff(b, af))
	})
	return d, err
}

// OrderDelivery returns an order's scheduled delivery; ok is false when none
// is planned (orders.read).
func (a *App) OrderDelivery(ctx context.Context, actor Actor, orderID string) (d order.Delivery, ok bool, err error) {
	if err := require(actor, staff.OrdersRead); err != nil {
		return d, false, err
	}
	err = a.read(ctx, func(tx *store.Tx) (err error) {
		d, ok, err = tx.Delivery(ctx, orderID)
		return err
	})
	return d, ok, err
}

// DeliveriesOn is a day's schedule of the own delivery service, by slot
// (orders.read). day is YYYY-MM-DD.
func (a *App) DeliveriesOn(ctx context.Context, actor Actor, day string) ([]store.ScheduledDelivery, error) {
	if err := require(actor, staff.OrdersRead); err != nil {
		return nil, err
	}
	if t, err := time.Parse(time.DateOnly, day); err != nil || t.Format(time.DateOnly) != day {
		return nil, errs.Field("day", "must be a date like 2026-03-01")
	}
	var out []store.ScheduledDelivery
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.DeliveriesOn(ctx, day)
		return err
	})
	return out, err
}
