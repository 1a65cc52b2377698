// Package payment is how the shop is paid: cash on delivery or a card, through a
// Provider that authorizes an amount first and captures it when the goods leave.
// A card number is only ever passed to the provider: b2x keeps its last four
// digits, never the number.
package payment

import (
	"context"
	"strings"
	"time"

	"b2x/money"
)

// Method is how the customer pays.
type Method string

const (
	CashOnDelivery Method = "cash_on_delivery" // paid to the courier or at pickup
	Card           Method = "card"
)

// Valid reports whether m is a known method.
func (m Method) Valid() bool { return m == CashOnDelivery || m == Card }

// Status is where a payment is.
type Status string

const (
	Pending    Status = "pending"    // cash on delivery, not collected yet
	Authorized Status = "authorized" // the card's bank holds the amount
	Captured   Status = "captured"   // the money is taken (cash collected, or the card captured)
	Voided     Status = "voided"     // the order was cancelled before the money was taken
	Refunded   Status = "refunded"   // the money went back after a return
	Failed     Status = "failed"
)

// Payment is the payment of one order; the order's id identifies it.
type Payment struct {
	OrderID   string
	Method    Method
	Status    Status
	Amount    money.Amount
	Provider  string // the provider's name; empty for cash
	Reference string // the provider's authorization id
	CardLast4 string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// AuthorizeRequest asks a provider to hold an amount on a card.
type AuthorizeRequest struct {
	Amount money.Amount
	// CardNumber or Token names the card; a number is passed on and forgotten.
	CardNumber string
	Token      string
	// IdempotencyKey makes a retried request return the first authorization.
	IdempotencyKey string
}

// Authorization is a hold on a card.
type Authorization struct {
	Reference string
	Amount    money.Amount
	Last4     string
}

// Declined is a provider's refusal of a card: not a fault, a customer's matter.
type Declined struct {
	Code    string // e.g. card_declined, insufficient_funds
	Message string
}

func (d *Declined) Error() string { return "payment declined: " + d.Message }

// Provider is a card payment service. Authorize holds the amount; Capture takes
// it (at most what was authorized); Void releases a hold that was not captured;
// Refund gives captured money back. Every call is idempotent: repeating a
// capture, void or refund that already happened succeeds without doing it again.
type Provider interface {
	Name() string
	Authorize(ctx context.Context, r AuthorizeRequest) (Authorization, error)
	Capture(ctx context.Context, reference string, amount money.Amount) error
	Void(ctx context.Context, reference string) error
	Refund(ctx context.Context, reference string, amount money.Amount) error
}

// CardDigits strips spaces and dashes from a card number and checks it: 12 to 19
// digits with a valid Luhn check digit.
func CardDigits(number string) (string, bool) {
	d := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, number)
	if len(d) < 12 || len(d) > 19 {
		return "", false
	}
	for _, c := range d {
		if c < '0' || c > '9' {
			return "", false
		}
	}
	return d, Luhn(d)
}

// Luhn reports whether a string of digits ends in a valid Luhn check digit.
func Luhn(digits string) bool {
	sum := 0
	double := false
	for i := len(digits) - 1; i >= 0; i-- {
		c := digits[i]
		if c < '0' || c > '9' {
			return false
		}
		n := int(c - '0')
		if double {
			if n *= 2; n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return len(digits) > 0 && sum%10 == 0
}

// Last4 is what b2x keeps of a card number.
func Last4(digits string) string {
	if len(digits) < 4 {
		return ""
	}
	return digits[len(digits)-4:]
}

// Event is what happens to the order a payment pays for.
type Event string

const (
	Ship    Event = "shipped"
	Deliver Event = "delivered"
	Cancel  Event = "cancelled"
	Return  Event = "returned"
)

// Action is what the provider must do for a change of status.
type Action string

const (
	NoAction    Action = ""
	CaptureCall Action = "capture"
	VoidCall    Action = "void"
	RefundCall  Action = "refund"
)

// Settle says how a payment follows its order: a card is captured when the goods
// ship or are handed over, voided when the order is cancelled (or comes back
// before it was captured), refunded when it is returned; cash is collected on
// delivery. ok is false when the event changes nothing.
func Settle(m Method, s Status, e Event) (to Status, act Action, ok bool) {
	switch {
	case s == Authorized && (e == Ship || e == Deliver):
		return Captured, CaptureCall, true
	case s == Authorized && (e == Cancel || e == Return):
		return Voided, VoidCall, true
	case s == Pending && e == Deliver:
		return Captured, NoAction, true
	case s == Pending && (e == Cancel || e == Return):
		return Voided, NoAction, true
	case s == Captured && e == Return && m == Card:
		return Refunded, RefundCall, true
	case s == Captured && e == Return:
		return Refunded, NoAction, true
	}
	return s, NoAction, false
}
