package order

import (
	"strings"
	"time"
	"unicode/utf8"

	"b2x/errs"
	"b2x/money"
)

// DeliveryRate is what a delivery method costs: a fee, tax included, that falls
// away when the goods (tax included, after discounts) reach FreeFrom.
type DeliveryRate struct {
	Method    DeliveryMethod
	Name      string
	Fee       money.Amount
	FreeFrom  money.Amount // zero: the fee is always charged
	TaxRateBP int          // the tax inside the fee
	Active    bool         // an inactive method cannot be chosen
	UpdatedAt time.Time
}

// Validate checks a rate as staff set it.
func (r *DeliveryRate) Validate() error {
	var fs errs.Fields
	if !r.Method.Valid() {
		fs.Add("method", "must be one of pickup, own_delivery, carrier")
	}
	r.Name = strings.TrimSpace(r.Name)
	if r.Name == "" || utf8.RuneCountInString(r.Name) > 100 {
		fs.Add("name", "is required and at most 100 characters")
	}
	if _, ok := money.Digits(r.Fee.Currency); !ok {
		fs.Add("fee", "needs a known currency")
	} else if r.Fee.Minor < 0 || r.Fee.Minor > money.MaxMinor {
		fs.Add("fee", "must not be negative")
	}
	if r.FreeFrom.Minor < 0 || r.FreeFrom.Minor > money.MaxMinor {
		fs.Add("free_from", "must not be negative")
	} else if r.FreeFrom.Minor > 0 && r.FreeFrom.Currency != r.Fee.Currency {
		fs.Add("free_from", "must be in the fee's currency")
	}
	r.FreeFrom.Currency = r.Fee.Currency
	if r.TaxRateBP < 0 || r.TaxRateBP > 10000 {
		fs.Add("tax_rate", "must be between 0 and 100 %%")
	}
	return fs.Err()
}

// FeeFor is the fee for goods worth goods (tax included, after discounts). A rate
// in another currency than the goods is an error naming delivery_method, unless
// the method is free anyway.
func (r DeliveryRate) FeeFor(goods money.Amount) (money.Amount, error) {
	if r.Fee.Minor == 0 {
		return money.Zero(goods.Currency), nil
	}
	if r.Fee.Currency != goods.Currency {
		return money.Amount{}, errs.Field("delivery_method", "%s is priced in %s, the order in %s", r.Method, r.Fee.Currency, goods.Currency)
	}
	if r.FreeFrom.Minor > 0 && goods.Minor >= r.FreeFrom.Minor {
		return money.Zero(goods.Currency), nil
	}
	return r.Fee, nil
}
