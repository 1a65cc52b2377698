// Package promo holds the shop's promotions (S18): coupon codes a customer types
// at checkout, and automatic promotions on products that the shop shows on
// product pages and applies without a code. Pure rules; app persists and applies
// them inside the checkout transaction.
package promo

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/qty"
)

// Kind is how a discount is measured.
type Kind string

const (
	Percent Kind = "percent" // PercentBP of the price
	Amount  Kind = "amount"  // a fixed amount of money
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == Percent || k == Amount }

// checkValue validates the discount of a coupon or promotion.
func checkValue(fs *errs.Fields, kind Kind, percentBP int, amount money.Amount) {
	switch kind {
	case Percent:
		if percentBP <= 0 || percentBP > 10000 {
			fs.Add("percent", "must be more than 0 and at most 100")
		}
		if amount.Minor != 0 {
			fs.Add("amount", "a percent discount has no amount")
		}
	case Amount:
		if _, ok := money.Digits(amount.Currency); !ok || amount.Minor <= 0 || amount.Minor > money.MaxMinor {
			fs.Add("amount", "must be a positive amount of money")
		}
		if percentBP != 0 {
			fs.Add("percent", "an amount discount has no percent")
		}
	default:
		fs.Add("kind", "must be percent or amount")
	}
}

// checkValidity validates a from–until window; zero times are open ends.
func checkValidity(fs *errs.Fields, from, until time.Time) {
	if !from.IsZero() && !until.IsZero() && !until.After(from) {
		fs.Add("valid_until", "must be after valid_from")
	}
}

// within reports whether at falls in [from, until).
func within(at, from, until time.Time) bool {
	return (from.IsZero() || !at.Before(from)) && (until.IsZero() || at.Before(until))
}

// percentOf is bp basis points of a, rounded half away from zero.
func percentOf(a money.Amount, bp int) money.Amount {
	v, err := a.MulRat(int64(bp), 10000)
	if err != nil {
		return money.Zero(a.Currency) // bp ≤ 10000 of an amount cannot overflow
	}
	return v
}

// Promotion is an automatic discount on products chosen by SKU, category or brand,
// valid for a time, in one channel. It needs no code: the shop shows it on the
// product page and checkout applies it.
type Promotion struct {
	ID        string
	Name      string
	Kind      Kind
	PercentBP int          // for Percent: 1000 is 10 %
	Amount    money.Amount // for Amount: off each unit
	// A product is covered when its SKU, its category or its brand is listed.
	SKUs       []string
	Categories []string
	Brands     []string
	Channel    catalog.Channel
	ValidFrom  time.Time
	ValidUntil time.Time // zero: open-ended
	CreatedAt  time.Time
}

// Validate checks a promotion as staff create it.
func (p *Promotion) Validate() error {
	var fs errs.Fields
	p.Name = strings.TrimSpace(p.Name)
	if p.Name == "" || utf8.RuneCountInString(p.Name) > 200 {
		fs.Add("name", "is required and at most 200 characters")
	}
	checkValue(&fs, p.Kind, p.PercentBP, p.Amount)
	if len(p.SKUs)+len(p.Categories)+len(p.Brands) == 0 {
		fs.Add("skus", "name at least one SKU, category or brand")
	}
	if len(p.SKUs)+len(p.Categories)+len(p.Brands) > 1000 {
		fs.Add("skus", "at most 1000 SKUs, categories and brands together")
	}
	for i, s := range p.SKUs {
		if !catalog.ValidSKU(s) {
			fs.Add("skus["+strconv.Itoa(i)+"]", "is not a valid SKU")
		}
	}
	for i, c := range p.Categories {
		if c == "" || len(c) > 100 {
			fs.Add("categories["+strconv.Itoa(i)+"]", "is not a category slug")
		}
	}
	for i, b := range p.Brands {
		if strings.TrimSpace(b) == "" || utf8.RuneCountInString(b) > 100 {
			fs.Add("brands["+strconv.Itoa(i)+"]", "must be 1–100 characters")
		}
	}
	if !p.Channel.Valid() {
		fs.Add("channel", "must be b2c or b2b")
	}
	checkValidity(&fs, p.ValidFrom, p.ValidUntil)
	return fs.Err()
}

// Live reports whether the promotion applies in channel ch at time at.
func (p Promotion) Live(at time.Time, ch catalog.Channel) bool {
	return p.Channel == ch && within(at, p.ValidFrom, p.ValidUntil)
}

// Covers reports whether the promotion names the product, by SKU, category or
// brand (brands compared without regard to case).
func (p Promotion) Covers(sku, category, brand string) bool {
	for _, s := range p.SKUs {
		if s == sku {
			return true
		}
	}
	for _, c := range p.Categories {
		if c == category && c != "" {
			return true
		}
	}
	for _, b := range p.Brands {
		if brand != "" && strings.EqualFold(b, brand) {
			return true
		}
	}
	return false
}

// LineDiscount is what the promotion takes off a line of quantity q costing
// amount (in the order's price basis), capped at the amount. An amount
// promotion in another currency takes nothing.
func (p Promotion) LineDiscount(amount money.Amount, q qty.Quantity) money.Amount {
	var off money.Amount
	switch p.Kind {
	case Percent:
		off = percentOf(amount, p.PercentBP)
	case Amount:
		if p.Amount.Currency != amount.Currency {
			return money.Zero(amount.Currency)
		}
		var err error
		if off, err = p.Amount.MulRat(int64(q), qty.Scale); err != nil {
			off = amount
		}
	}
	if off.Minor > amount.Minor {
		off = amount
	}
	return off
}

// UnitPrice is the price of one unit under the promotion, for product pages.
func (p Promotion) UnitPrice(unit money.Amount) money.Amount {
	off := p.LineDiscount(unit, qty.Units(1))
	return money.Amount{Minor: unit.Minor - off.Minor, Currency: unit.Currency}
}

// Best picks, among the promotions, the one that takes most off a line; ok is
// false when none takes anything. Promotions do not add up on one line.
func Best(ps []Promotion, amount money.Amount, q qty.Quantity) (best Promotion, off money.Amount, ok bool) {
	for _, p := range ps {
		if d := p.LineDiscount(amount, q); d.Minor > 0 && (!ok || d.Minor > off.Minor) {
			best, off, ok = p, d, true
		}
	}
	return best, off, ok
}
