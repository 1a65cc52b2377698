package money

import "fmt"

// maxShown keeps error messages short when the input is long or hostile.
const maxShown = 40

// Parse reads the canonical decimal form used by the API: "12.50", "12.5",
// "12", "-3.10", with at most the currency's number of decimals.
//
// It is strict on purpose and does its own scanning instead of using a
// decimal library: those accept "NaN", "+1", "1e100000" and similar, which in
// an API request mean a client bug, and some of them are expensive to process.
func Parse(s, currency string) (Amount, error) {
	digits, ok := Digits(currency)
	if !ok {
		return Amount{}, errCurrency(currency)
	}

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
		if n > MaxMinor {
			return Amount{}, errRange(s)
		}
		n = n*10 + int64(s[i]-'0')
	}
	if i == intStart {
		return Amount{}, errSyntax(s)
	}
	scale := pow10(digits)
	if n > MaxMinor/scale {
		return Amount{}, errRange(s)
	}
	n *= scale

	if i < len(s) && s[i] == '.' {
		i++
		fracStart := i
		for ; i < len(s) && isDigit(s[i]); i++ {
		}
		fracLen := i - fracStart
		if fracLen == 0 || i != len(s) {
			return Amount{}, errSyntax(s)
		}
		if fracLen > digits {
			return Amount{}, errDecimals(s, currency, digits)
		}
		var frac int64
		for j := fracStart; j < i; j++ {
			frac = frac*10 + int64(s[j]-'0')
		}
		n += frac * pow10(digits-fracLen)
	}
	if i != len(s) {
		return Amount{}, errSyntax(s)
	}
	if n > MaxMinor {
		return Amount{}, errRange(s)
	}
	if neg {
		n = -n
	}
	return Amount{Minor: n, Currency: currency}, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func errSyntax(s string) error {
	return fmt.Errorf("money: %s is not a decimal number", quote(s))
}

func errRange(s string) error {
	return fmt.Errorf("money: %s is out of range (at most %d minor units)", quote(s), MaxMinor)
}

func errDecimals(s, currency string, digits int) error {
	if digits == 0 {
		return fmt.Errorf("money: %s has no decimal places, got %s", currency, quote(s))
	}
	return fmt.Errorf("money: %s has at most %d decimal places, got %s", currency, digits, quote(s))
}

// quote renders untrusted input for an error message without letting a huge
// input produce a huge message.
func quote(s string) string {
	if len(s) > maxShown {
		return fmt.Sprintf("%q...", s[:maxShown])
	}
	return fmt.Sprintf("%q", s)
}
