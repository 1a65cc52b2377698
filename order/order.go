// Package order is one order model for both channels (S17, S24): lines of goods,
// services and licences, tax, totals, delivery method, and a status machine whose
// every transition is timed so fulfilment speed can be measured (S22.5).
package order

import (
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/payment"
	"b2x/pricing"
	"b2x/qty"
)

// DeliveryMethod is how goods reach the customer.
type DeliveryMethod string

const (
	Pickup      DeliveryMethod = "pickup"
	OwnDelivery DeliveryMethod = "own_delivery" // the company's own vehicles (S3)
	Carrier     DeliveryMethod = "carrier"
)

// Valid reports whether m is a known method.
func (m DeliveryMethod) Valid() bool { return m == Pickup || m == OwnDelivery || m == Carrier }

// MaxLineQuantity caps one line: larger numbers are typing mistakes, not orders.
const MaxLineQuantity = qty.Quantity(10_000_000 * qty.Scale)

// MaxLines caps the lines of one order.
const MaxLines = 500

// Guest is a customer who orders without an account.
type Guest struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone,omitempty"`
}

// Customer is who placed the order: a guest, a person, or an organization (with the
// contact who ordered, when known).
type Customer struct {
	PersonID       string
	OrganizationID string
	ContactID      string
	Guest          *Guest
}

// Line is one line of an order, priced when the order was placed.
type Line struct {
	No        int
	SKU       string
	Name      string
	Kind      catalog.Kind
	Unit      string
	Quantity  qty.Quantity
	UnitPrice money.Amount // gross when the order's prices include tax, else net
	TaxRateBP int
	Net       money.Amount
	Tax       money.Amount
	Gross     money.Amount
	PriceRule pricing.Rule
	// Discount is the part of the line's price (gross when the order's prices
	// include tax, else net) that the order's discounts took off, so a return of
	// the line can give back what was paid for it. Net, Tax and Gross stay the
	// line's undiscounted figures; the discounts are the order's Adjustments.
	Discount money.Amount
}

// Transition is one move of the status machine.
type Transition struct {
	From Status
	To   Status
	At   time.Time
	By   string
	Note string
}

// Order is a customer's order in either channel.
type Order struct {
	ID               string
	Number           string
	Channel          catalog.Channel
	Status           Status
	Customer         Customer
	Currency         string
	PricesIncludeTax bool
	DeliveryMethod   DeliveryMethod
	DeliveryAddress  string
	Note             string
	Lines            []Line
	// Adjustments are what the order adds to or takes off its lines: promotions,
	// the loyalty tier, a coupon, points and the delivery fee, in that order.
	Adjustments []Adjustment
	// LoyaltyCardID is the loyalty card the order earns points on, if any.
	LoyaltyCardID string
	// Payment is how the order is paid; nil for orders paid on invoice (b2b).
	Payment *payment.Payment
	// Net, Tax and Total are the lines plus the adjustments: what the customer pays.
	Net         money.Amount
	Tax         money.Amount
	Total       money.Amount
	PlacedAt    time.Time
	UpdatedAt   time.Time
	Transitions []Transition
}

// PriceLine fills a line's net, tax and gross from its unit price and quantity.
// With tax-inclusive prices the tax is the part of the gross above net; otherwise it
// is added on top. Rounding happens once per line, to minor units.
func PriceLine(l *Line, taxIncluded bool) error {
	amount, err := l.UnitPrice.MulRat(int64(l.Quantity), qty.Scale)
	if err != nil {
		return errs.Field("quantity", "the line total is too large")
	}
	if taxIncluded {
		l.Gross = amount
		if l.Net, err = amount.MulRat(10000, int64(10000+l.TaxRateBP)); err != nil {
			return err
		}
		l.Tax, err = l.Gross.Sub(l.Net)
		return err
	}
	l.Net = amount
	if l.Tax, err = amount.MulRat(int64(l.TaxRateBP), 10000); err != nil {
		return err
	}
	l.Gross, err = l.Net.Add(l.Tax)
	return err
}

// Sum totals the lines and the adjustments into the order.
func (o *Order) Sum() error {
	o.Net, o.Tax, o.Total = money.Zero(o.Currency), money.Zero(o.Currency), money.Zero(o.Currency)
	add := func(net, tax, gross money.Amount) error {
		var err error
		if o.Net, err = o.Net.Add(net); err != nil {
			return errs.E(errs.Invalid, "the lines of an order must share one currency")
		}
		if o.Tax, err = o.Tax.Add(tax); err != nil {
			return err
		}
		o.Total, err = o.Total.Add(gross)
		return err
	}
	for _, l := range o.Lines {
		if err := add(l.Net, l.Tax, l.Gross); err != nil {
			return err
		}
	}
	for _, a := range o.Adjustments {
		if err := add(a.Net, a.Tax, a.Gross); err != nil {
			return err
		}
	}
	return nil
}
