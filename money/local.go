package money

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/bojanz/currency"
)

// maxLocalInput bounds what ParseLocal hands to the decimal library; anything
// a person types into an amount field is far shorter, and the library's cost
// grows with the number of digits.
const maxLocalInput = 128

// Format renders a for people in locale ("en", "ru", "fa", ...): "€12.50",
// "12,50 €", Persian digits in fa. Unknown locales get English formatting. The
// output is for display only; it contains non-breaking spaces and, in fa,
// direction marks, so never parse it with Parse (ParseLocal reads it back).
func (a Amount) Format(locale string) string {
	key := formatKey{a, locale}
	formatted.mu.Lock()
	s, ok := formatted.m[key]
	formatted.mu.Unlock()
	if ok {
		return s
	}
	s = a.format(locale)
	formatted.mu.Lock()
	if len(formatted.m) >= maxFormatted {
		clear(formatted.m)
	}
	formatted.m[key] = s
	formatted.mu.Unlock()
	return s
}

// Formatting with the CLDR data costs microseconds (about 5 µs, 11 µs with
// Persian digits), and a shop's pages show the same prices over and over:
// results are kept, up to maxFormatted of them, then started afresh.
var formatted = struct {
	mu sync.Mutex
	m  map[formatKey]string
}{m: map[formatKey]string{}}

const maxFormatted = 50_000

type formatKey struct {
	a      Amount
	locale string
}

func (a Amount) format(locale string) string {
	ca, err := currency.NewAmountFromInt64(a.Minor, a.Currency)
	if err != nil {
		// No currency data to format with; the canonical form is still honest.
		return strings.TrimSpace(a.String() + " " + a.Currency)
	}
	return currency.NewFormatter(currency.NewLocale(locale)).Format(ca)
}

// ParseLocal reads what a person types into a form in locale: "1,234.50" or
// "€12.50" in en, "1 234,50" in ru, "۱۲٫۵۰" in fa. The currency's symbol and
// code are ignored wherever they appear; grouping separators and spaces are
// ignored too, except that the last group after one must have three digits
// (see badGrouping). Unknown locales are read as English.
//
// The result obeys the same limits as Parse (no exponents, NaN or Inf, at most
// MaxMinor), except that trailing zeros beyond the currency's digits are
// accepted ("12.500" EUR is 12.50): a person typing them means the same value.
func ParseLocal(s, code, locale string) (Amount, error) {
	digits, ok := Digits(code)
	if !ok {
		return Amount{}, errCurrency(code)
	}
	if len(s) > maxLocalInput {
		return Amount{}, fmt.Errorf("money: %s is too long for an amount", quote(s))
	}
	loc := currency.NewLocale(locale)
	if hasStrayLetters(s, code, loc) {
		return Amount{}, errSyntax(s)
	}
	if badGrouping(s, loc) {
		return Amount{}, fmt.Errorf("money: %s has a misplaced digit grouping separator", quote(s))
	}

	ca, err := currency.NewFormatter(loc).Parse(s, code)
	if err != nil {
		return Amount{}, errSyntax(s)
	}
	// Belt and braces: the letter check should already have stopped NaN and
	// Infinity. An "E" can still show up here, but only in the library's
	// notation for tiny values, which the decimals check below rejects.
	if strings.ContainsAny(ca.Number(), "NnIi") {
		return Amount{}, errSyntax(s)
	}

	// Range first: rounding a huge value would exceed the library's decimal
	// precision and give a meaningless result.
	hi, _ := currency.NewAmountFromInt64(MaxMinor, code)
	lo, _ := currency.NewAmountFromInt64(-MaxMinor, code)
	if c, _ := ca.Cmp(hi); c > 0 {
		return Amount{}, errRange(s)
	}
	if c, _ := ca.Cmp(lo); c < 0 {
		return Amount{}, errRange(s)
	}
	if !ca.RoundTo(uint8(digits), currency.RoundDown).Equal(ca) {
		return Amount{}, errDecimals(s, code, digits)
	}
	minor, err := ca.Int64()
	if err != nil {
		return Amount{}, errRange(s)
	}
	return Amount{Minor: minor, Currency: code}, nil
}

// hasStrayLetters reports letters outside the currency symbol and code. The
// decimal library behind Formatter.Parse accepts "NaN", "Infinity" and
// exponents ("12.5e1" is 125), all of which need letters, and nothing a person
// legitimately types into an amount field does.
func hasStrayLetters(s, code string, loc currency.Locale) bool {
	if symbol, _ := currency.GetSymbol(code, loc); symbol != "" {
		s = strings.ReplaceAll(s, symbol, "")
	}
	s = strings.ReplaceAll(s, code, "")
	return strings.IndexFunc(s, unicode.IsLetter) >= 0
}
