package app

import (
	"context"
	"errors"
	"slices"
	"strings"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/inventory"
	"b2x/loyalty"
	"b2x/order"
	"b2x/payment"
	"b2x/pricing"
	"b2x/store"
)

var (
	// errKeyTaken stops a transaction whose Idempotency-Key another request holds.
	errKeyTaken = errors.New("idempotency key taken")
	// errKeyUnknown tells replay found no finished request for the key.
	errKeyUnknown = errors.New("idempotency key unknown")
	// errStalePlan says stock planned from a snapshot was gone by the time of the write.
	errStalePlan = errors.New("stock plan is stale")
)

// Checkout places an order: it resolves every price, discount and fee, takes the
// stock, uses the coupon, spends the points and records the payment in one
// transaction, so an order either exists whole with its stock taken, or not at
// all. With an idempotency key, a retry of the same request returns the first
// order (replayed is true) and a different request with the same key is refused.
//
// A card is authorized before the transaction, for the order's total, and the
// authorization is voided if the transaction does not commit: a declined card
// writes nothing (the decline is logged, not stored) and never leaves an order
// with stock taken. The money is captured when the order ships or is delivered
// (TransitionOrder).
func (a *App) Checkout(ctx context.Context, actor Actor, key string, in CheckoutInput) (o order.Order, replayed bool, err error) {
	if key != "" {
		if err := CheckIdempotencyKey(key); err != nil {
			return o, false, err
		}
	}
	if err := in.validate(a.loyalty.Region); err != nil {
		return o, false, err
	}
	if (in.PersonID != "" && !actor.Staff() && actor.PersonID != in.PersonID) || (in.OrganizationID != "" && !actor.Staff()) {
		return o, false, errs.E(errs.Unauthorized, "ordering for a customer account needs a signed-in user")
	}
	if in.DeliveryMethod == "" {
		in.DeliveryMethod = order.Pickup
	}
	hash := in.hash()
	now := a.clock()
	o = order.Order{ID: ids.At(now), Channel: in.Channel, Status: order.Placed, PricesIncludeTax: in.Channel == catalog.B2C,
		DeliveryMethod: in.DeliveryMethod, DeliveryAddress: in.DeliveryAddress, Note: in.Note, PlacedAt: now, UpdatedAt: now,
		Customer:    order.Customer{PersonID: in.PersonID, OrganizationID: in.OrganizationID, ContactID: in.ContactID, Guest: in.Guest},
		Transitions: []order.Transition{{To: order.Placed, At: now, By: actor.Label()}}}
	// Pricing and planning where the stock comes from only read, so they run on the
	// read pool, in parallel with other checkouts; the write transaction then only
	// claims the key, writes the order and takes the planned stock.
	var c *cart
	err = a.read(ctx, func(tx *store.Tx) (err error) {
		c, err = a.priceCart(ctx, tx, actor, &in, &o, true)
		return err
	})
	if err != nil {
		if key != "" {
			// A retry of a request that succeeded gets its order even when it could
			// not be priced again now (a product discontinued since, stock gone).
			if first, found, rerr := a.findReplay(ctx, "order", key, hash, "for a different order"); found || rerr != nil {
				return first, found, rerr
			}
		}
		return o, false, err
	}
	if c.needsProof {
		// Checked before the card is touched; a retry of an order that spent the
		// code already gets its order back.
		if c.proof, err = a.provePhone(ctx, in.LoyaltyPhone, in.LoyaltyCode, "loyalty_code"); err != nil {
			if key != "" {
				if first, found, rerr := a.findReplay(ctx, "order", key, hash, "for a different order"); found || rerr != nil {
					return first, found, rerr
				}
			}
			return o, false, err
		}
	}
	pay, first, err := a.pay(ctx, key, hash, &in, &o)
	if err != nil {
		return o, false, err
	}
	if first != nil {
		return *first, true, nil
	}
	for attempt := 0; ; attempt++ {
		err = a.write(ctx, func(tx *store.Tx) error {
			return a.place(ctx, tx, actor, key, hash, &in, &o, c, pay)
		})
		if errors.Is(err, errStalePlan) && attempt == 0 {
			c.plans = nil // someone took stock since the plan was made: allocate inside the transaction
			continue
		}
		break
	}
	if err != nil && pay != nil && pay.Status == payment.Authorized {
		a.void(ctx, pay)
	}
	if errors.Is(err, errKeyTaken) {
		return a.replay(ctx, "order", key, hash, "for a different order")
	}
	return o, false, err
}

// place writes the order in the transaction: the key, the loyalty card, the order,
// its stock, its licences, the coupon use, the points spent and the payment.
func (a *App) place(ctx context.Context, tx *store.Tx, actor Actor, key, hash string, in *CheckoutInput, o *order.Order, c *cart, pay *payment.Payment) error {
	if key != "" {
		// On PostgreSQL a concurrent claim of the same key waits here until
		// the first transaction ends, and then finds the key taken.
		ok, err := tx.ClaimIdempotencyKey(ctx, "order", key, store.IdempotentResult{RequestHash: hash, ResultID: o.ID}, o.PlacedAt)
		if err != nil {
			return err
		}
		if !ok {
			return errKeyTaken
		}
	}
	o.LoyaltyCardID = ""
	if c.proof != "" {
		if err := spendProof(ctx, tx, c.proof, "loyalty_code", o.PlacedAt); err != nil {
			return err
		}
	}
	if in.LoyaltyPhone != "" {
		// A card made here belongs to no account: a typed number earns to the
		// card but claims nothing. Its holder links it with LinkLoyaltyCard.
		card, _, err := tx.EnsureLoyaltyCard(ctx, loyalty.Card{ID: ids.New(), Phone: in.LoyaltyPhone, CreatedAt: o.PlacedAt})
		if err != nil {
			return err
		}
		o.LoyaltyCardID = card.ID
	}
	if err := tx.InsertOrder(ctx, o); err != nil {
		return err
	}
	if err := a.MailOrderConfirmation(ctx, tx, o.ID, LangFrom(ctx)); err != nil {
		return err
	}
	if err := takeStock(ctx, tx, o, actor, c.plans); err != nil {
		return err
	}
	if err := recordLicences(ctx, tx, o, nil); err != nil {
		return err
	}
	if c.coupon != nil {
		adj, _ := o.Adjustment(order.CouponDiscount)
		if err := tx.UseCoupon(ctx, *c.coupon, store.CouponUse{OrderID: o.ID, CustomerKey: c.customerKey,
			Discount: -adj.Gross.Minor, At: o.PlacedAt}); err != nil {
			return err
		}
	}
	if n := o.PointsRedeemed(); n > 0 {
		err := tx.MovePoints(ctx, loyalty.Entry{ID: ids.New(), CardID: o.LoyaltyCardID, Kind: loyalty.Redeem, Points: -n,
			OrderID: o.ID, Note: "order " + o.Number, By: actor.Label(), At: o.PlacedAt})
		if errors.Is(err, store.ErrNotEnoughPoints) {
			return errs.FieldKey("points", "err.points.gone", "the card no longer has {points} points", "points", n)
		}
		if err != nil {
			return err
		}
	}
	if pay != nil {
		p := *pay
		p.OrderID = o.ID
		if err := tx.InsertPayment(ctx, &p); err != nil {
			return err
		}
		o.Payment = &p
	}
	return nil
}

// replay answers a retried request with the order its first attempt made. scope
// names the kind of request ("order", "quote-accept"); reused says what a key used
// with another body was used for.
func (a *App) replay(ctx context.Context, scope, key, hash, reused string) (o order.Order, replayed bool, err error) {
	err = a.read(ctx, func(tx *store.Tx) error {
		r, err := tx.IdempotentResultFor(ctx, scope, key)
		if err != nil {
			return err
		}
		if r == nil {
			return errKeyUnknown
		}
		if r.RequestHash != hash {
			return errs.Field("Idempotency-Key", "was already used %s; use a new key", reused)
		}
		o, err = tx.Order(ctx, r.ResultID)
		return err
	})
	if errors.Is(err, errKeyUnknown) {
		// The key's first request took it and then rolled back, or is still running.
		return o, false, errs.EKey(errs.Conflict, "err.checkout.in_progress", "a request with this Idempotency-Key is still in progress; retry shortly")
	}
	return o, err == nil, err
}

// findReplay looks for the first order of a retried request before the request
// does anything: found is false, and err nil, unless the key placed an order with
// this body (found) or another (an invalid Idempotency-Key).
func (a *App) findReplay(ctx context.Context, scope, key, hash, reused string) (o order.Order, found bool, err error) {
	o, found, err = a.replay(ctx, scope, key, hash, reused)
	if found || errs.CodeOf(err) == errs.Invalid {
		return o, found, err
	}
	return order.Order{}, false, nil
}

// takeStock takes the goods of every line, in SKU order so that two orders never
// wait on each other's rows in opposite orders. With plans, each line takes what
// its plan says, and a take that finds the stock gone (errStalePlan) sends the
// caller round again without plans; without plans, it allocates from the levels
// it reads in the transaction.
func takeStock(ctx context.Context, tx *store.Tx, o *order.Order, actor Actor, plans map[string][]inventory.Take) error {
	lines := slices.Clone(o.Lines)
	slices.SortFunc(lines, func(x, y order.Line) int { return strings.Compare(x.SKU, y.SKU) })
	var ms []inventory.Movement
	for _, l := range lines {
		if !l.Kind.Stocked() {
			continue
		}
		takes, planned := plans[l.SKU]
		if !planned {
			levels, err := tx.LockLevels(ctx, l.SKU)
			if err != nil {
				return err
			}
			if takes, err = inventory.Allocate(l.SKU, levels, l.Quantity); err != nil {
				return err
			}
		}
		for _, t := range takes {
			ms = append(ms, inventory.Movement{ID: ids.New(), SKU: l.SKU, Warehouse: t.Warehouse, Kind: inventory.Sale,
				Quantity: -t.Quantity, Reference: o.ID, By: actor.Label(), At: o.PlacedAt})
		}
	}
	err := tx.RecordMovements(ctx, ms)
	if plans != nil && errs.CodeOf(err) == errs.Conflict {
		return errStalePlan
	}
	return err
}

// buyer loads who is buying, for prices; unknown ids are invalid input.
func (a *App) buyer(ctx context.Context, tx *store.Tx, in *CheckoutInput) (pricing.Buyer, error) {
	switch {
	case in.PersonID != "":
		p, err := tx.Person(ctx, in.PersonID)
		if errs.CodeOf(err) == errs.NotFound {
			return pricing.Buyer{}, errs.Field("person_id", "no person %s", in.PersonID)
		}
		return pricing.Buyer{Groups: p.Groups()}, err
	case in.OrganizationID != "":
		org, err := tx.Organization(ctx, in.OrganizationID)
		if errs.CodeOf(err) == errs.NotFound {
			return pricing.Buyer{}, errs.Field("organization_id", "no organization %s", in.OrganizationID)
		}
		if err != nil {
			return pricing.Buyer{}, err
		}
		if in.ContactID != "" {
			c, err := tx.Contact(ctx, in.ContactID)
			if errs.CodeOf(err) == errs.NotFound || (err == nil && c.OrganizationID != org.ID) {
				return pricing.Buyer{}, errs.Field("contact_id", "no contact %s at this organization", in.ContactID)
			}
			if err != nil {
				return pricing.Buyer{}, err
			}
		}
		return pricing.Buyer{OrganizationID: org.ID, Groups: org.Groups()}, nil
	}
	return pricing.Buyer{}, nil
}
