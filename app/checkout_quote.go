package app

import (
	"context"

	"b2x/catalog"
	"b2x/errs"
	"b2x/loyalty"
	"b2x/money"
	"b2x/order"
	"b2x/store"
)

// CartQuote is a cart priced as Checkout would place it now, without placing it.
type CartQuote struct {
	// Order is the order as it would be placed: lines at resolved prices, the
	// adjustments (promotions, tier, coupon, points, delivery fee) and the totals.
	// It has no id, number or payment, and no stock is taken.
	Order order.Order
	// Delivery lists every method a customer may choose, with its fee for this cart.
	Delivery []DeliveryOption
	// Loyalty describes the card of LoyaltyPhone; nil without a phone.
	Loyalty *LoyaltyQuote
	// PointsToEarn is what the card would earn when the order is delivered.
	PointsToEarn int64
}

// DeliveryOption is a delivery method priced for a cart.
type DeliveryOption struct {
	Method   order.DeliveryMethod
	Name     string
	Fee      money.Amount // for this cart, tax included: zero when free
	FreeFrom money.Amount // zero: never free
}

// LoyaltyQuote is what a cart page may show of a loyalty card.
type LoyaltyQuote struct {
	Phone string // E.164
	// Exists is false when the phone has no card yet: placing the order issues one.
	Exists bool
	Tier   loyalty.Tier
	// CanRedeem says whether the actor may spend the card's points (the signed-in
	// holder or staff); Points and MaxPoints are shown only then, and zero otherwise.
	CanRedeem bool
	Points    int64 // the balance
	MaxPoints int64 // the most points this cart may spend, balance and cap applied
}

// PriceCart prices a cart with its promotions, coupon, loyalty tier, points and
// delivery fee, writing nothing: the shop's cart and checkout pages show it. It
// takes the same input as Checkout, and refuses the same bad input with the same
// field errors, but the customer (guest, person_id) and the payment are optional,
// and stock is not checked. A coupon's per-customer limit is checked only when
// the customer is known.
func (a *App) PriceCart(ctx context.Context, actor Actor, in CheckoutInput) (CartQuote, error) {
	var fs errs.Fields
	in.validateCart(&fs, a.loyalty.Region)
	if err := fs.Err(); err != nil {
		return CartQuote{}, err
	}
	if (in.PersonID != "" && !actor.Staff() && actor.PersonID != in.PersonID) || (in.OrganizationID != "" && !actor.Staff()) {
		return CartQuote{}, errs.E(errs.Unauthorized, "prices for a customer account need a signed-in user")
	}
	if in.DeliveryMethod == "" {
		in.DeliveryMethod = order.Pickup
	}
	now := a.clock()
	o := order.Order{Channel: in.Channel, Status: order.Placed, PricesIncludeTax: in.Channel == catalog.B2C,
		DeliveryMethod: in.DeliveryMethod, DeliveryAddress: in.DeliveryAddress, Note: in.Note, PlacedAt: now, UpdatedAt: now,
		Customer: order.Customer{PersonID: in.PersonID, OrganizationID: in.OrganizationID, ContactID: in.ContactID, Guest: in.Guest}}
	var q CartQuote
	err := a.read(ctx, func(tx *store.Tx) error {
		c, err := a.priceCart(ctx, tx, actor, &in, &o, false)
		if err != nil {
			return err
		}
		q = a.quoteOf(o, &in, c)
		return nil
	})
	return q, err
}

// quoteOf describes a priced cart.
func (a *App) quoteOf(o order.Order, in *CheckoutInput, c *cart) CartQuote {
	q := CartQuote{Order: o}
	goods := o.GoodsGross()
	if pts, ok := o.Adjustment(order.PointsRedeemed); ok {
		goods.Minor -= pts.Gross.Minor // the threshold is compared before points
	}
	for _, r := range c.rates {
		if !r.Active {
			continue
		}
		opt := DeliveryOption{Method: r.Method, Name: r.Name, FreeFrom: r.FreeFrom}
		fee, err := r.FeeFor(goods)
		if err != nil {
			continue // priced in another currency: not offered for this cart
		}
		opt.Fee = fee
		q.Delivery = append(q.Delivery, opt)
	}
	paid := o.Total
	paid.Minor -= o.Fees().Minor
	if in.LoyaltyPhone != "" {
		lq := &LoyaltyQuote{Phone: in.LoyaltyPhone, Tier: c.tier}
		if c.card != nil {
			lq.Exists, lq.CanRedeem = true, c.canRedeem
			if c.canRedeem && o.Currency == a.loyalty.Currency {
				lq.Points = c.card.Points
				// what the cap allows before these points were taken off
				due := o.Due()
				if pts, ok := o.Adjustment(order.PointsRedeemed); ok {
					due.Minor -= pts.Gross.Minor
				}
				lq.MaxPoints = min(c.card.Points, a.loyalty.MaxPoints(due))
			}
		}
		q.Loyalty = lq
		if o.Currency == a.loyalty.Currency {
			q.PointsToEarn = a.loyalty.Earned(paid)
		}
	}
	return q
}
