package app

import (
	"context"
	"errors"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/order"
	"b2x/party"
	"b2x/store"
)

// CompanyOrderInput is an order a buyer places for their organization. The buyer
// names SKUs and quantities only: prices, the organization and the status come
// from the server.
type CompanyOrderInput struct {
	Lines           []CheckoutLine
	DeliveryMethod  order.DeliveryMethod
	DeliveryAddress string
	Note            string
}

// PlaceCompanyOrder places a B2B order for the signed-in buyer's organization:
// the buyer needs the order permission and the order's net total must be within
// their spending limit; prices are the organization's (contract, organization
// and group lists, base price); on credit terms the organization's open orders
// plus this one must stay within its credit limit, checked under the same credit
// lock as quote acceptance. Everything else is checkout's: all or nothing, stock
// taken with guarded updates, and with an idempotency key a retry returns the
// first order (replayed is true).
func (a *App) PlaceCompanyOrder(ctx context.Context, actor Actor, key string, in CompanyOrderInput) (order.Order, bool, error) {
	if !actor.Buyer() {
		return order.Order{}, false, errs.E(errs.Forbidden, "only a buyer places company orders in the portal; staff use checkout")
	}
	return a.placeB2B(ctx, actor, key, b2bOrder{in: CheckoutInput{Channel: catalog.B2B, OrganizationID: actor.OrganizationID,
		ContactID: actor.ContactID, Lines: in.Lines, DeliveryMethod: in.DeliveryMethod, DeliveryAddress: in.DeliveryAddress,
		Note: in.Note}, asContact: true})
}

// b2bOrder is an order placed for an organization by the portal or a schedule.
type b2bOrder struct {
	in CheckoutInput
	// asContact checks the order permission and spending limit of in.ContactID.
	asContact bool
	// after runs inside the order's write transaction, after the order is written:
	// a recurring run records itself there, so order and record land together.
	after func(ctx context.Context, tx *store.Tx, o *order.Order) error
}

// placeB2B is checkout for an organization (priced by priceCart, written by
// place, on invoice) with the B2B rules added inside the write transaction before
// the order is written: the contact's permission and spending limit, and credit.
func (a *App) placeB2B(ctx context.Context, actor Actor, key string, p b2bOrder) (o order.Order, replayed bool, err error) {
	if key != "" {
		if err := CheckIdempotencyKey(key); err != nil {
			return o, false, err
		}
	}
	in := &p.in
	if err := in.validate(a.loyalty.Region); err != nil {
		return o, false, err
	}
	if in.DeliveryMethod == "" {
		in.DeliveryMethod = order.Pickup
	}
	hash := in.hash()
	now := a.clock()
	o = order.Order{ID: ids.At(now), Channel: catalog.B2B, Status: order.Placed, DeliveryMethod: in.DeliveryMethod,
		DeliveryAddress: in.DeliveryAddress, Note: in.Note, PlacedAt: now, UpdatedAt: now,
		Customer:    order.Customer{OrganizationID: in.OrganizationID, ContactID: in.ContactID},
		Transitions: []order.Transition{{To: order.Placed, At: now, By: actor.Label()}}}

	var c *cart
	err = a.read(ctx, func(tx *store.Tx) (err error) {
		c, err = a.priceCart(ctx, tx, actor, in, &o, true)
		return err
	})
	if err != nil {
		if key != "" {
			if first, found, rerr := a.findReplay(ctx, "order", key, hash, "for a different order"); found || rerr != nil {
				return ownReplay(actor, first, found, rerr)
			}
		}
		return o, false, err
	}
	for attempt := 0; ; attempt++ {
		err = a.write(ctx, func(tx *store.Tx) error {
			// The key first, as checkout does, so that a retry is answered with the
			// first order rather than checked again against credit it now uses.
			if key != "" {
				ok, err := tx.ClaimIdempotencyKey(ctx, "order", key, store.IdempotentResult{RequestHash: hash, ResultID: o.ID}, now)
				if err != nil {
					return err
				}
				if !ok {
					return errKeyTaken
				}
			}
			if p.asContact {
				c, err := buyerContact(ctx, tx, Actor{ContactID: in.ContactID, OrganizationID: in.OrganizationID}, party.Order)
				if err != nil {
					return err
				}
				if err := checkSpendingLimit(c, o.Net); err != nil {
					return err
				}
			}
			if err := a.checkCreditFor(ctx, tx, in.OrganizationID, "", o.Total, "order", now); err != nil {
				return err
			}
			if err := a.place(ctx, tx, actor, "", hash, in, &o, c, nil); err != nil {
				return err
			}
			if p.after != nil {
				return p.after(ctx, tx, &o)
			}
			return nil
		})
		if errors.Is(err, errStalePlan) && attempt == 0 {
			c.plans = nil
			continue
		}
		break
	}
	if errors.Is(err, errKeyTaken) {
		o, replayed, err := a.replay(ctx, "order", key, hash, "for a different order")
		return ownReplay(actor, o, replayed, err)
	}
	return o, false, err
}

// ownReplay keeps a replayed order from a buyer of another organization: whatever
// key a buyer sends, they never get another organization's order back.
func ownReplay(actor Actor, o order.Order, replayed bool, err error) (order.Order, bool, error) {
	if err == nil && actor.Buyer() && o.Customer.OrganizationID != actor.OrganizationID {
		return order.Order{}, false, errs.Field("Idempotency-Key", "was already used for a different order; use a new key")
	}
	return o, replayed, err
}
