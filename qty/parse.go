package qty

import "fmt"

// maxShown keeps error messages short when the input is long or hostile.
const maxShown = 40

// Parse reads a plain ASCII decimal such as "10", "2.5", "0.125" or "-3".
//
// It is deliberately strict: the text comes from API clients and files, and
// anything a float parser would also accept ("1e3", "+1", "NaN", ".5") is a
// sign of a client bug rather than something to guess at.
func Parse(s string) (Quantity, error) {
	i := 0
	neg := false
	if i < len(s) && s[i] == '-' {
		neg = true
		i++
	}

	var n int64
	intStart := i
	for ; i < len(s) && isDigit(s[i]); i++ {
		// More digits only make n larger, so stopping here is exact and keeps
		// n*10 from overflowing on very long inputs.
		if n > MaxUnits {
			return 0, errRange(s)
		}
		n = n*10 + int64(s[i]-'0')
	}
	if i == intStart {
		return 0, errSyntax(s)
	}
	n *= Scale

	if i < len(s) && s[i] == '.' {
		i++
		fracStart := i
		for ; i < len(s) && isDigit(s[i]); i++ {
		}
		fracLen := i - fracStart
		if fracLen == 0 || i != len(s) {
			return 0, errSyntax(s)
		}
		if fracLen > 3 {
			return 0, fmt.Errorf("qty: %s has too many decimal places (at most 3)", quote(s))
		}
		frac := int64(0)
		for j := fracStart; j < i; j++ {
			frac = frac*10 + int64(s[j]-'0')
		}
		for j := fracLen; j < 3; j++ {
			frac *= 10
		}
		n += frac
	}
	if i != len(s) {
		return 0, errSyntax(s)
	}
	if n > maxQuantity {
		return 0, errRange(s)
	}
	if neg {
		n = -n
	}
	return Quantity(n), nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func errSyntax(s string) error {
	return fmt.Errorf("qty: %s is not a decimal number", quote(s))
}

func errRange(s string) error {
	return fmt.Errorf("qty: %s is out of range (at most %d units)", quote(s), MaxUnits)
}

// quote renders untrusted input for an error message without letting a huge
// input produce a huge message.
func quote(s string) string {
	if len(s) > maxShown {
		return fmt.Sprintf("%q...", s[:maxShown])
	}
	return fmt.Sprintf("%q", s)
}
