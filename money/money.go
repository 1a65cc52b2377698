// Package money holds amounts of money as integer minor units plus an ISO 4217
// currency code. Floats never appear: every value is exact, and rounding
// happens only where a caller asks for it (MulRat).
package money

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/bojanz/currency"
)

// MaxMinor bounds what Parse, ParseLocal and UnmarshalJSON accept, in minor
// units. It is far below the int64 limit so that totals of many lines and
// quantity/tax products have headroom before anything can overflow.
const MaxMinor = 1_000_000_000_000_000

// Amount is a sum of money in the currency's minor units (cents for EUR, yen
// for JPY, fils for BHD).
type Amount struct {
	Minor    int64
	Currency string
}

// New returns minor units of currency, rejecting codes the currency data does
// not know (codes are case-sensitive: "eur" is unknown).
func New(minor int64, currency string) (Amount, error) {
	if _, ok := Digits(currency); !ok {
		return Amount{}, errCurrency(currency)
	}
	return Amount{Minor: minor, Currency: currency}, nil
}

// MustNew is New for tests and fixed demo data; it panics on an unknown
// currency.
func MustNew(minor int64, currency string) Amount {
	a, err := New(minor, currency)
	if err != nil {
		panic(err)
	}
	return a
}

// Zero returns a zero amount in currency, typically the start of a running
// total. It does not validate the code, so that it can never fail; pass a code
// that is already known to be valid.
func Zero(currency string) Amount {
	return Amount{Currency: currency}
}

// Digits returns the number of minor-unit digits of currency (2 for EUR, 0 for
// JPY, 3 for BHD), and false for an unknown code.
func Digits(code string) (int, bool) {
	d, ok := currency.GetDigits(code)
	return int(d), ok
}

// String returns the canonical decimal form with exactly the currency's
// digits and no currency code ("12.50", "-0.05", "1500" for JPY); Parse reads
// it back. An unknown currency is printed as if it had no minor digits.
func (a Amount) String() string {
	d, _ := Digits(a.Currency)
	// uint64 so that the most negative int64 still has an absolute value.
	u := uint64(a.Minor)
	if a.Minor < 0 {
		u = -u
	}
	var b strings.Builder
	if a.Minor < 0 {
		b.WriteByte('-')
	}
	if d == 0 {
		b.WriteString(strconv.FormatUint(u, 10))
		return b.String()
	}
	p := uint64(pow10(d))
	b.WriteString(strconv.FormatUint(u/p, 10))
	b.WriteByte('.')
	frac := strconv.FormatUint(u%p, 10)
	b.WriteString(strings.Repeat("0", d-len(frac)))
	b.WriteString(frac)
	return b.String()
}

// IsZero reports whether a is zero, whatever its currency.
func (a Amount) IsZero() bool {
	return a.Minor == 0
}

// Neg returns -a. Negating math.MinInt64 minor units wraps around; amounts
// that came through Parse are nowhere near it.
func (a Amount) Neg() Amount {
	return Amount{Minor: -a.Minor, Currency: a.Currency}
}

// Cmp compares a and b: -1 if a < b, 0 if equal, +1 if a > b.
//
// Comparing sums in different currencies has no meaning, so callers must check
// that a.Currency == b.Currency first. Cmp does not panic on a mismatch; it
// orders by currency code first, which keeps it a total order for sorting but
// says nothing about value.
func (a Amount) Cmp(b Amount) int {
	if c := strings.Compare(a.Currency, b.Currency); c != 0 {
		return c
	}
	switch {
	case a.Minor < b.Minor:
		return -1
	case a.Minor > b.Minor:
		return 1
	}
	return 0
}

// pow10 returns 10^d for the small d that currency digits can be.
func pow10(d int) int64 {
	p := int64(1)
	for range d {
		p *= 10
	}
	return p
}

func errCurrency(code string) error {
	return fmt.Errorf("money: unknown currency %s", quote(code))
}
