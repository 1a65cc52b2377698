package money

import (
	"strings"
	"testing"
)

// What the library really prints (CLDR data): note the non-breaking spaces,
// the left-to-right marks and U+2212 MINUS SIGN in fa, and that en and ru
// have no symbol of their own for some currencies.
func TestFormat(t *testing.T) {
	tests := []struct {
		a      Amount
		locale string
		want   string
	}{
		{MustNew(1250, "EUR"), "en", "€12.50"},
		{MustNew(-5, "EUR"), "en", "-€0.05"},
		{MustNew(123456789, "USD"), "en", "$1,234,567.89"},
		{MustNew(1250, "RUB"), "en", "RUB\u00a012.50"},
		{MustNew(1250, "IRR"), "en", "IRR\u00a012.50"},
		{MustNew(1250, "JPY"), "en", "¥1,250"},
		{MustNew(1234, "BHD"), "en", "BHD\u00a01.234"},
		{MustNew(0, "EUR"), "en", "€0.00"},

		{MustNew(1250, "EUR"), "ru", "12,50\u00a0€"},
		{MustNew(-5, "EUR"), "ru", "-0,05\u00a0€"},
		{MustNew(123456789, "RUB"), "ru", "1\u00a0234\u00a0567,89\u00a0₽"},
		{MustNew(1250, "USD"), "ru", "12,50\u00a0$"},
		{MustNew(1250, "IRR"), "ru", "12,50\u00a0IRR"},
		{MustNew(1250, "JPY"), "ru", "1\u00a0250\u00a0¥"},

		{MustNew(1250, "EUR"), "fa", "\u200e€۱۲٫۵۰"},
		{MustNew(-5, "EUR"), "fa", "\u200e\u2212\u200e€۰٫۰۵"},
		{MustNew(123456789, "IRR"), "fa", "\u200eریال\u00a0۱٬۲۳۴٬۵۶۷٫۸۹"},
		{MustNew(1250, "RUB"), "fa", "\u200eRUB\u00a0۱۲٫۵۰"},
		{MustNew(1250, "JPY"), "fa", "\u200e¥۱٬۲۵۰"},

		// Unknown and odd locale strings fall back to English.
		{MustNew(1250, "EUR"), "xx", "€12.50"},
		{MustNew(1250, "EUR"), "", "€12.50"},
		{MustNew(1250, "EUR"), "en_US", "€12.50"},
		{MustNew(1250, "EUR"), "fa-IR", "\u200e€۱۲٫۵۰"},

		// No currency data: fall back to the canonical form.
		{Amount{Minor: 1250, Currency: "XYZ"}, "en", "1250 XYZ"},
		{Amount{}, "en", "0"},
	}
	for _, tt := range tests {
		if got := tt.a.Format(tt.locale); got != tt.want {
			t.Errorf("%+v.Format(%q) = %q, want %q", tt.a, tt.locale, got, tt.want)
		}
	}
}

func TestParseLocal(t *testing.T) {
	good := []struct {
		in, code, locale string
		want             int64
	}{
		{"1,234.50", "EUR", "en", 123450},
		{"€12.50", "EUR", "en", 1250},
		{"12.5", "EUR", "en", 1250},
		{"12", "EUR", "en", 1200},
		{"-€0.05", "EUR", "en", -5},
		{"€ 12.50", "EUR", "en", 1250},
		{"12.50 EUR", "EUR", "en", 1250},
		{"$1,234,567.89", "USD", "en", 123456789},
		{"12.500", "EUR", "en", 1250}, // same value, so accepted
		{".5", "EUR", "en", 50},
		{"12.", "EUR", "en", 1200},
		{"+5", "EUR", "en", 500},
		{"¥1,250", "JPY", "en", 1250},
		{"1,000,000", "JPY", "en", 1000000},
		{"10,000,000,000,000.00", "EUR", "en", MaxMinor},
		{"1,23,456", "EUR", "en", 12345600}, // Indian grouping: only the last group is checked

		{"1 234,50", "RUB", "ru", 123450},
		{"1\u00a0234,50\u00a0₽", "RUB", "ru", 123450},
		{"12,50 €", "EUR", "ru", 1250},
		{"-0,05", "EUR", "ru", -5},
		{"12,50", "EUR", "ru", 1250},
		{"12.50", "EUR", "ru", 1250}, // a Latin decimal point is unambiguous in ru

		{"۱۲٫۵۰", "IRR", "fa", 1250},
		{"۱٬۲۳۴٬۵۶۷٫۸۹", "IRR", "fa", 123456789},
		{"\u200eریال\u00a0۱٬۲۳۴٬۵۶۷٫۸۹", "IRR", "fa", 123456789},
		{"\u200e\u2212\u200e€۰٫۰۵", "EUR", "fa", -5},
		{"12.50", "EUR", "fa", 1250},
		{"۱۲۵۰", "JPY", "fa", 1250},

		{"1,234.50", "EUR", "xx", 123450},
	}
	for _, tt := range good {
		got, err := ParseLocal(tt.in, tt.code, tt.locale)
		want := Amount{Minor: tt.want, Currency: tt.code}
		if err != nil || got != want {
			t.Errorf("ParseLocal(%q, %q, %q) = %+v, %v; want %+v", tt.in, tt.code, tt.locale, got, err, want)
		}
	}

	bad := []struct {
		in, code, locale, errPart string
	}{
		{"", "EUR", "en", "not a decimal number"},
		{"€", "EUR", "en", "not a decimal number"},
		{"NaN", "EUR", "en", "not a decimal number"},
		{"Infinity", "EUR", "en", "not a decimal number"},
		{"-Inf", "EUR", "en", "not a decimal number"},
		{"1e3", "EUR", "en", "not a decimal number"},
		{"12.5e1", "EUR", "en", "not a decimal number"},
		{"1E400", "EUR", "en", "not a decimal number"},
		{"0x10", "EUR", "en", "not a decimal number"},
		{"12 euro", "EUR", "en", "not a decimal number"},
		{"US$12", "USD", "en", "not a decimal number"},
		{"12 тенге", "RUB", "ru", "not a decimal number"},
		{"1.2.3", "EUR", "en", "not a decimal number"},
		{"(12.50)", "EUR", "en", "not a decimal number"},
		{"12.505", "EUR", "en", "EUR has at most 2 decimal places"},
		{"0.0000001", "EUR", "en", "EUR has at most 2 decimal places"},
		{"1.5", "JPY", "en", "JPY has no decimal places"},
		{"۱٫۵", "JPY", "fa", "JPY has no decimal places"},
		{"10,000,000,000,000.01", "EUR", "en", "out of range"},
		{"-10,000,000,000,000.01", "EUR", "en", "out of range"},
		{"9223372036854775807", "EUR", "en", "out of range"},
		{strings.Repeat("9", 60), "EUR", "en", "out of range"},
		{strings.Repeat("9", 200), "EUR", "en", "too long"},
		// Decimal comma typed in en: without the check this is 1250.00.
		{"12,50", "EUR", "en", "misplaced digit grouping"},
		{"12,5", "EUR", "en", "misplaced digit grouping"},
		{"1,2,3", "EUR", "en", "misplaced digit grouping"},
		{"12 50", "RUB", "ru", "misplaced digit grouping"},
		{"12.50", "XYZ", "en", "unknown currency"},
		{"12.50", "", "en", "unknown currency"},
	}
	for _, tt := range bad {
		got, err := ParseLocal(tt.in, tt.code, tt.locale)
		if err == nil {
			t.Errorf("ParseLocal(%q, %q, %q) = %+v, want error", tt.in, tt.code, tt.locale, got)
			continue
		}
		if !strings.Contains(err.Error(), tt.errPart) || !strings.HasPrefix(err.Error(), "money: ") {
			t.Errorf("ParseLocal(%q, %q, %q) error = %q, want it to mention %q", tt.in, tt.code, tt.locale, err, tt.errPart)
		}
	}
}

func TestFormatParseLocalRoundTrip(t *testing.T) {
	minors := []int64{0, 5, -5, 1250, -1250, 100000, 123456789, -123456789, MaxMinor, -MaxMinor}
	for _, locale := range []string{"en", "ru", "fa"} {
		for _, code := range []string{"EUR", "USD", "RUB", "IRR", "JPY", "BHD"} {
			for _, m := range minors {
				a := MustNew(m, code)
				s := a.Format(locale)
				got, err := ParseLocal(s, code, locale)
				if err != nil || got != a {
					t.Errorf("ParseLocal(%q, %q, %q) = %+v, %v; want %+v", s, code, locale, got, err, a)
				}
			}
		}
	}
}

func FuzzParseLocal(f *testing.F) {
	for _, seed := range []struct{ s, locale string }{
		{"1,234.50", "en"}, {"€12.50", "en"}, {"1 234,50", "ru"}, {"۱۲٫۵۰", "fa"},
		{"\u200e\u2212\u200e€۰٫۰۵", "fa"}, {"12,50", "en"}, {"NaN", "en"}, {"1e400", "en"},
		{"12.5e1", "en"}, {"Infinity", "ru"}, {"", ""}, {"-0", "xx"}, {"12.505", "de-CH"},
		{"9223372036854775807", "en"}, {"1'234.50", "de-CH"}, {"₹1,23,456", "en-IN"},
	} {
		f.Add(seed.s, seed.locale)
	}
	f.Fuzz(func(t *testing.T, s, locale string) {
		for _, code := range []string{"EUR", "USD", "RUB", "IRR", "JPY", "BHD", "CLF"} {
			a, err := ParseLocal(s, code, locale)
			if err != nil {
				continue
			}
			if a.Minor > MaxMinor || a.Minor < -MaxMinor || a.Currency != code {
				t.Fatalf("ParseLocal(%q, %q, %q) = %+v, beyond the cap", s, code, locale, a)
			}
			// Whatever was accepted must survive being shown and typed back.
			shown := a.Format(locale)
			back, err := ParseLocal(shown, code, locale)
			if err != nil || back != a {
				t.Fatalf("ParseLocal(%q, %q, %q) = %+v, but its Format %q reads back as %+v, %v",
					s, code, locale, a, shown, back, err)
			}
		}
	})
}
