package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"
	"time"

	"b2x/errs"
	"b2x/ids"
	"b2x/order"
	"b2x/store"
)

// The shop's view of orders: a signed-in customer reads their own orders; a guest
// reads the order they just placed through the checkout key their browser made
// the order with, which nobody else knows.

// shopKeyPrefix marks checkout keys the shop generates (NewShopCheckoutKey), the
// only keys that open an order: a key an API client chose may be guessable.
const shopKeyPrefix = "shop-"

// NewShopCheckoutKey makes the Idempotency-Key of one checkout form: 128 random
// bits, so a double click or a reload places one order and the key can stand
// for the order on its confirmation page.
func NewShopCheckoutKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	return shopKeyPrefix + hex.EncodeToString(b)
}

// ValidShopCheckoutKey reports whether key has the shape NewShopCheckoutKey gives.
func ValidShopCheckoutKey(key string) bool {
	h, ok := strings.CutPrefix(key, shopKeyPrefix)
	if !ok || len(h) != 32 {
		return false
	}
	_, err := hex.DecodeString(h)
	return err == nil
}

// OrderByCheckoutKey returns the order a shop checkout with this key placed.
func (a *App) OrderByCheckoutKey(ctx context.Context, key string) (order.Order, error) {
	if !ValidShopCheckoutKey(key) {
		return order.Order{}, errs.E(errs.NotFound, "no such order")
	}
	var o order.Order
	err := a.read(ctx, func(tx *store.Tx) error {
		r, err := tx.IdempotentResultFor(ctx, "order", key)
		if err != nil {
			return err
		}
		if r == nil {
			return errs.E(errs.NotFound, "no such order")
		}
		o, err = tx.Order(ctx, r.ResultID)
		return err
	})
	return o, err
}

// MyOrder returns one of the signed-in customer's orders; anyone else's is not
// found.
func (a *App) MyOrder(ctx context.Context, actor Actor, id string) (order.Order, error) {
	if actor.PersonID == "" {
		return order.Order{}, errs.E(errs.Unauthorized, "sign in to see your orders")
	}
	if !ids.Valid(id) {
		return order.Order{}, errs.E(errs.NotFound, "no order %s", id)
	}
	var o order.Order
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		o, err = tx.Order(ctx, id)
		return err
	})
	if err == nil && o.Customer.PersonID != actor.PersonID {
		return order.Order{}, errs.E(errs.NotFound, "no order %s", id)
	}
	return o, err
}

// MyOrders lists the signed-in customer's orders, newest first, a page at a time
// (before: the placed time and id of the last order shown).
func (a *App) MyOrders(ctx context.Context, actor Actor, beforeAt time.Time, beforeID string, limit int) ([]order.Order, error) {
	if actor.PersonID == "" {
		return nil, errs.E(errs.Unauthorized, "sign in to see your orders")
	}
	var fs errs.Fields
	checkLimit(&fs, limit)
	if beforeID != "" && !ids.Valid(beforeID) {
		fs.Add("before", "is not an order id")
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []order.Order
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.ListOrders(ctx, store.OrderFilter{PersonID: actor.PersonID, BeforeAt: beforeAt, BeforeID: beforeID, Limit: limit})
		return err
	})
	return out, err
}
