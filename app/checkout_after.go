package app

import (
	"context"
	"fmt"
	"time"

	"b2x/ids"
	"b2x/loyalty"
	"b2x/order"
	"b2x/store"
)

// followOrder keeps what checkout did in step with an order's move, inside the
// transaction that moves it:
//
//   - the payment: captured on ship or delivery, voided on cancel, refunded on
//     return (the provider was already called by settleAtProvider);
//   - the loyalty card: points are earned, and the spend counted, when the order
//     is delivered; a cancelled or returned order gets its spent points back, and a
//     returned one gives back the points it earned, as far as the balance allows
//     (a balance never goes below zero);
//   - the coupon: a cancelled order gives its use back; a returned one does not,
//     the customer had the deal.
func (a *App) followOrder(ctx context.Context, tx *store.Tx, o order.Order, to order.Status, actor Actor, at time.Time) error {
	if err := settlePayment(ctx, tx, o, to, at); err != nil {
		return err
	}
	if to == order.Cancelled {
		if _, err := tx.ReverseCouponUse(ctx, o.ID, at); err != nil {
			return err
		}
	}
	if o.LoyaltyCardID == "" {
		return nil
	}
	entry := func(kind loyalty.EntryKind, points int64, note string) loyalty.Entry {
		return loyalty.Entry{ID: ids.New(), CardID: o.LoyaltyCardID, Kind: kind, Points: points, OrderID: o.ID,
			Note: note, By: actor.Label(), At: at}
	}
	paid := o.Total
	paid.Minor -= o.Fees().Minor
	switch to {
	case order.Delivered:
		if o.Currency != a.loyalty.Currency {
			return nil
		}
		if n := a.loyalty.Earned(paid); n > 0 {
			if err := tx.MovePoints(ctx, entry(loyalty.Earn, n, "order "+o.Number+" delivered")); err != nil {
				return err
			}
		}
		return tx.AddSpend(ctx, o.LoyaltyCardID, paid.Minor, at)
	case order.Cancelled, order.Returned:
		if n := o.PointsRedeemed(); n > 0 {
			if err := tx.MovePoints(ctx, entry(loyalty.Reverse, n, "order "+o.Number+" "+string(to)+": points spent given back")); err != nil {
				return err
			}
		}
		if to == order.Returned && delivered(o) {
			return a.takeBackEarned(ctx, tx, o, paid.Minor, entry, at)
		}
	}
	return nil
}

// takeBackEarned reverses what a returned order earned: its spend, and its points
// as far as the card still holds them.
func (a *App) takeBackEarned(ctx context.Context, tx *store.Tx, o order.Order, spend int64, entry func(loyalty.EntryKind, int64, string) loyalty.Entry, at time.Time) error {
	es, err := tx.LoyaltyEntriesOfOrder(ctx, o.ID)
	if err != nil {
		return err
	}
	var earned int64
	for _, e := range es {
		if e.Kind == loyalty.Earn {
			earned += e.Points
		}
	}
	if earned > 0 {
		card, err := tx.LockLoyaltyCard(ctx, o.LoyaltyCardID)
		if err != nil {
			return err
		}
		if take := min(earned, card.Points); take > 0 {
			note := fmt.Sprintf("order %s returned: %d of the %d points it earned taken back", o.Number, take, earned)
			if err := tx.MovePoints(ctx, entry(loyalty.Reverse, -take, note)); err != nil {
				return err
			}
		}
	}
	return tx.AddSpend(ctx, o.LoyaltyCardID, -spend, at)
}

// delivered reports whether the order was ever delivered.
func delivered(o order.Order) bool {
	for _, t := range o.Transitions {
		if t.To == order.Delivered {
			return true
		}
	}
	return false
}
