package locale

import (
	"strings"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// categoryNames are the catalog's names for the CLDR plural categories.
var categoryNames = map[plural.Form]string{
	plural.Other: "other",
	plural.Zero:  "zero",
	plural.One:   "one",
	plural.Two:   "two",
	plural.Few:   "few",
	plural.Many:  "many",
}

// categories are the plural categories each language's catalog must give
// (CLDR cardinal rules for integers and decimals).
var categories = map[string][]string{
	"en": {"one", "other"},
	"ru": {"one", "few", "many", "other"},
	"fa": {"one", "other"},
}

// pluralCategory returns the CLDR cardinal category of the plain decimal
// string q in language t, using the rules in golang.org/x/text: in ru 1, 21
// and 101 are one; 2–4 and 22–24 few; 0, 5–20 and 25 many; fractions other.
// Anything that is not a plain decimal is "other".
//
// It calls MatchPlural rather than MatchDigits: MatchDigits turns every
// integer part of seven or more digits into 1000000, so 1000001 would be
// "many" in ru instead of "one".
func pluralCategory(t language.Tag, q string) string {
	_, intPart, frac, ok := splitDecimal(q)
	if !ok {
		return "other"
	}
	trimmed := strings.TrimRight(frac, "0")
	i, f, tt := operand(intPart), operand(frac), operand(trimmed)
	return categoryNames[plural.Cardinal.MatchPlural(t, i, len(frac), len(trimmed), f, tt)]
}

// operand reads a string of digits as a plural operand: exactly up to six
// digits; beyond that 1000000 plus the last six digits, which keeps the
// value non-zero and large and keeps every remainder the rules take (mod 10,
// 100, 1000000).
func operand(digits string) int {
	if len(digits) > 6 {
		if strings.Trim(digits, "0") == "" {
			return 0
		}
		return 1000000 + operand(digits[len(digits)-6:])
	}
	n := 0
	for i := 0; i < len(digits); i++ {
		n = 10*n + int(digits[i]-'0')
	}
	return n
}
