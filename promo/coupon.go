package promo

import (
	"regexp"
	"strings"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
)

// Coupon is a code a customer types at checkout for a discount on the order.
type Coupon struct {
	ID        string
	Code      string // upper case; customers may type it in any case
	Kind      Kind
	PercentBP int          // for Percent: of the goods after promotions and the tier discount
	Amount    money.Amount // for Amount: off the order
	// MinOrder is the least the goods must cost (after promotions and the tier
	// discount, in the order's price basis) for the coupon to apply; zero: none.
	MinOrder   money.Amount
	ValidFrom  time.Time
	ValidUntil time.Time // zero: open-ended
	// TotalLimit caps the uses by everyone, PerCustomerLimit the uses by one
	// customer (see CustomerKey); 0 is unlimited.
	TotalLimit       int
	PerCustomerLimit int
	Channel          catalog.Channel // empty: both channels
	Used             int             // uses not reversed, kept by the store
	CreatedAt        time.Time
}

var codePattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{2,39}$`)

// NormalizeCode is the form a code is stored and looked up in.
func NormalizeCode(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// ValidCode reports whether a normalized code is well formed: 3–40 letters,
// digits, '-' or '_'.
func ValidCode(code string) bool { return codePattern.MatchString(code) }

// Validate checks a coupon as staff create it, normalizing its code.
func (c *Coupon) Validate() error {
	var fs errs.Fields
	c.Code = NormalizeCode(c.Code)
	if !ValidCode(c.Code) {
		fs.Add("code", "must be 3–40 letters, digits, '-' or '_'")
	}
	checkValue(&fs, c.Kind, c.PercentBP, c.Amount)
	if c.MinOrder.Minor < 0 || c.MinOrder.Minor > money.MaxMinor {
		fs.Add("min_order", "must not be negative")
	} else if c.MinOrder.Minor > 0 {
		if _, ok := money.Digits(c.MinOrder.Currency); !ok {
			fs.Add("min_order", "needs a known currency")
		} else if c.Kind == Amount && c.MinOrder.Currency != c.Amount.Currency {
			fs.Add("min_order", "must be in the currency of the amount")
		}
	}
	if c.TotalLimit < 0 || c.TotalLimit > 1_000_000_000 {
		fs.Add("total_limit", "must be between 0 (unlimited) and 1,000,000,000")
	}
	if c.PerCustomerLimit < 0 || c.PerCustomerLimit > 1_000_000 {
		fs.Add("per_customer_limit", "must be between 0 (unlimited) and 1,000,000")
	}
	if c.TotalLimit > 0 && c.PerCustomerLimit > c.TotalLimit {
		fs.Add("per_customer_limit", "must not exceed total_limit")
	}
	if c.Channel != "" && !c.Channel.Valid() {
		fs.Add("channel", "must be b2c, b2b or empty for both")
	}
	checkValidity(&fs, c.ValidFrom, c.ValidUntil)
	return fs.Err()
}

// Check says whether the coupon applies to an order in channel ch placed at at
// whose goods cost due (see MinOrder). Limits are checked by the store when the
// use is recorded. Errors name the field "coupon".
func (c Coupon) Check(at time.Time, ch catalog.Channel, due money.Amount) error {
	switch {
	case !c.ValidFrom.IsZero() && at.Before(c.ValidFrom):
		return errs.FieldKey("coupon", "err.coupon.not_yet", "{code} is valid from {from}", "code", c.Code, "from", c.ValidFrom.Format("2006-01-02 15:04 MST"))
	case !c.ValidUntil.IsZero() && !at.Before(c.ValidUntil):
		return errs.FieldKey("coupon", "err.coupon.expired", "{code} expired on {until}", "code", c.Code, "until", c.ValidUntil.Format("2006-01-02 15:04 MST"))
	case c.Channel != "" && c.Channel != ch:
		return errs.FieldKey("coupon", "err.coupon.channel", "{code} is not valid in the {channel} channel", "code", c.Code, "channel", ch)
	case c.Kind == Amount && c.Amount.Currency != due.Currency:
		return errs.FieldKey("coupon", "err.coupon.currency", "{code} is worth {coupon_currency}, the order is in {currency}", "code", c.Code, "coupon_currency", c.Amount.Currency, "currency", due.Currency)
	case c.MinOrder.Minor > 0 && c.MinOrder.Currency != due.Currency:
		return errs.FieldKey("coupon", "err.coupon.min_currency", "{code} needs an order in {currency}", "code", c.Code, "currency", c.MinOrder.Currency)
	case c.MinOrder.Minor > 0 && due.Minor < c.MinOrder.Minor:
		e := errs.FieldKey("coupon", "err.coupon.min_order", "{code} needs an order of at least {amount} {currency}",
			"code", c.Code, "amount", c.MinOrder.String(), "currency", c.MinOrder.Currency)
		e.Message, e.Detail = "coupon: the order is below the coupon's minimum", map[string]any{"min_order": c.MinOrder, "order": due}
		return e
	case c.TotalLimit > 0 && c.Used >= c.TotalLimit:
		return UsedUp(c.Code)
	}
	return nil
}

// UsedUp is the error for a coupon whose uses are all taken.
func UsedUp(code string) error {
	return errs.FieldKey("coupon", "err.coupon.used_up", "{code} has been used up", "code", code)
}

// UsedByCustomer is the error for a customer who has used a coupon as often as allowed.
func UsedByCustomer(code string) error {
	return errs.FieldKey("coupon", "err.coupon.used_by_customer", "{code} has already been used by this customer as often as allowed", "code", code)
}

// Discount is what the coupon takes off goods costing due, at most due.
func (c Coupon) Discount(due money.Amount) money.Amount {
	off := c.Amount
	if c.Kind == Percent {
		off = percentOf(due, c.PercentBP)
	}
	if off.Minor > due.Minor {
		off = due
	}
	return off
}

// CustomerKey identifies a customer for per-customer coupon limits: the person's
// id, else the guest's email in lower case, else the loyalty card's phone (E.164),
// else the organization. Empty when none is known.
func CustomerKey(personID, email, phone, organizationID string) string {
	switch {
	case personID != "":
		return "person:" + personID
	case strings.TrimSpace(email) != "":
		return "email:" + strings.ToLower(strings.TrimSpace(email))
	case phone != "":
		return "phone:" + phone
	case organizationID != "":
		return "organization:" + organizationID
	}
	return ""
}
