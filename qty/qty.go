// Package qty holds quantities of goods as fixed-point thousandths, so that
// metres, kilograms and square metres can be fractional while pieces stay
// whole, without ever going through a float.
package qty

import "strconv"

// Quantity is an amount of goods in thousandths of a unit.
type Quantity int64

// Scale is the number of Quantity steps in one unit (3 decimal places).
const Scale = 1000

// MaxUnits bounds what Parse and UnmarshalJSON accept, in whole units. It sits
// far below the int64 limit so that sums and products with prices have
// headroom before anything can overflow.
const MaxUnits = 1_000_000_000

// maxQuantity is MaxUnits expressed in thousandths.
const maxQuantity = MaxUnits * Scale

// Units returns n whole units. n is expected to be within ±MaxUnits; it is
// meant for constants and tests, not for untrusted input (use Parse).
func Units(n int64) Quantity {
	return Quantity(n * Scale)
}

// String returns the shortest plain decimal form ("10", "2.5", "-0.125"),
// which Parse reads back to the same value.
func (q Quantity) String() string {
	neg := q < 0
	// uint64 so that the most negative int64 still has an absolute value.
	u := uint64(q)
	if neg {
		u = -u
	}
	whole, frac := u/Scale, u%Scale

	b := make([]byte, 0, 24)
	if neg {
		b = append(b, '-')
	}
	b = strconv.AppendUint(b, whole, 10)
	if frac != 0 {
		b = append(b, '.')
		d := Scale / 10
		for frac != 0 {
			b = append(b, byte('0'+frac/uint64(d)))
			frac %= uint64(d)
			d /= 10
		}
	}
	return string(b)
}

// IsWhole reports whether q has no fractional part.
func (q Quantity) IsWhole() bool {
	return q%Scale == 0
}

// WholeUnits returns the whole units in q, truncated toward zero.
func (q Quantity) WholeUnits() int64 {
	return int64(q) / Scale
}
