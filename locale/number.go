package locale

import (
	"strconv"
	"strings"
)

// symbols are a locale's CLDR number symbols (latn for en and ru, arabext
// for fa). The tests check them against golang.org/x/text/number.
type symbols struct {
	zero    rune   // the digit zero; the others follow it
	group   string // thousands separator
	decimal string // decimal separator
	minus   string // minus sign, with any direction mark
}

var numberSymbols = map[string]symbols{
	"en": {zero: '0', group: ",", decimal: ".", minus: "-"},
	// CLDR's Russian group separator is U+00A0 NO-BREAK SPACE.
	"ru": {zero: '0', group: "\u00a0", decimal: ",", minus: "-"},
	// Persian digits, U+066C ARABIC THOUSANDS SEPARATOR, U+066B ARABIC
	// DECIMAL SEPARATOR, and LEFT-TO-RIGHT MARK + U+2212 MINUS SIGN.
	"fa": {zero: '۰', group: "\u066c", decimal: "\u066b", minus: "\u200e\u2212"},
}

// Number formats an integer with the locale's digits and grouping:
// 1,234 (en), 1 234 (ru, no-break space), ۱٬۲۳۴ (fa).
func (p *Printer) Number(n int64) string {
	return p.Decimal(strconv.FormatInt(n, 10))
}

// Decimal formats a plain decimal string such as qty.Quantity.String or
// money.Amount.String gives ("-1234.5") with the locale's digits,
// separators and minus sign, keeping every fraction digit as written. A
// string that is not a plain decimal is returned unchanged.
func (p *Printer) Decimal(q string) string {
	neg, intPart, frac, ok := splitDecimal(q)
	if !ok {
		return q
	}
	sym := numberSymbols[p.loc.Code]
	var b strings.Builder
	if neg {
		b.WriteString(sym.minus)
	}
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(sym.group)
		}
		b.WriteRune(sym.zero + (r - '0'))
	}
	if frac != "" {
		b.WriteString(sym.decimal)
		for _, r := range frac {
			b.WriteRune(sym.zero + (r - '0'))
		}
	}
	return b.String()
}

// Digits writes a number without grouping, in the locale's digits: years,
// codes, house numbers.
func (p *Printer) Digits(n int64) string { return p.localDigits(strconv.FormatInt(n, 10)) }

// localDigits writes the ASCII digits of s in the locale's digits, without
// grouping (years, days of the month).
func (p *Printer) localDigits(s string) string {
	zero := numberSymbols[p.loc.Code].zero
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return zero + (r - '0')
		}
		return r
	}, s)
}

// splitDecimal splits "-1234.50" into its sign, integer digits (without
// leading zeros, "0" at least) and fraction digits. ok is false for anything
// else: signs other than a leading "-", exponents, spaces, empty parts.
func splitDecimal(q string) (neg bool, intPart, frac string, ok bool) {
	s := q
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" || (hasDot && frac == "") || !allDigits(intPart) || !allDigits(frac) {
		return false, "", "", false
	}
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	if intPart == "0" && strings.Trim(frac, "0") == "" {
		neg = false // no "-0"
	}
	return neg, intPart, frac, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
