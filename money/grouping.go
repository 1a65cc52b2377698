package money

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bojanz/currency"
)

// badGrouping reports input whose last digit group, after a grouping
// separator, is not three digits long.
//
// Formatter.Parse drops grouping separators wherever they are, so "12,50"
// typed by someone used to a decimal comma would become 1250.00 in en: a
// hundredfold error. Requiring a full last group turns that into an error
// while still accepting "1,234.50" and "1 234,50". Plain and non-breaking
// spaces count as separators in every locale because the library drops them
// too ("12 50" is just as ambiguous).
func badGrouping(s string, loc currency.Locale) bool {
	seps := []string{groupingSeparator(loc), " ", "\u00a0"}
	last := -1 // byte offset of the group after the last separator between digits
	for i := 0; i < len(s); {
		n := separatorAt(s, i, seps)
		if n > 0 && endsWithDigit(s[:i]) && startsWithDigit(s[i+n:]) {
			last = i + n
		}
		if n == 0 {
			_, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
	}
	if last < 0 {
		return false
	}
	digits := 0
	for _, r := range s[last:] {
		if !unicode.IsDigit(r) {
			break
		}
		digits++
	}
	return digits != 3
}

// groupingSeparator returns the separator the library groups digits with in
// loc ("," in en, a non-breaking space in ru, "٬" in fa). The library keeps it
// private, so it is read off a formatted number.
func groupingSeparator(loc currency.Locale) string {
	f := currency.NewFormatter(loc)
	f.CurrencyDisplay = currency.DisplayNone
	million, _ := currency.NewAmountFromInt64(1_000_000, "JPY")
	s := f.Format(million)
	first := strings.IndexFunc(s, unicode.IsDigit)
	if first < 0 {
		return ""
	}
	_, n := utf8.DecodeRuneInString(s[first:])
	rest := s[first+n:]
	return rest[:max(strings.IndexFunc(rest, unicode.IsDigit), 0)]
}

// separatorAt returns the length of the separator starting at s[i], or 0.
func separatorAt(s string, i int, seps []string) int {
	for _, sep := range seps {
		if sep != "" && strings.HasPrefix(s[i:], sep) {
			return len(sep)
		}
	}
	return 0
}

func endsWithDigit(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsDigit(r)
}

func startsWithDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}
