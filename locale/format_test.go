package locale

import (
	"testing"
	"time"

	"b2x/money"

	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		code string
		n    int64
		want string
	}{
		{"en", 0, "0"},
		{"en", 1234, "1,234"},
		{"en", -1234567, "-1,234,567"},
		{"ru", 999, "999"},
		{"ru", 1234, "1\u00a0234"},
		{"ru", -1234567, "-1\u00a0234\u00a0567"},
		{"fa", 1234, "۱٬۲۳۴"},
		{"fa", -5, "\u200e−۵"},
		{"en", -9223372036854775808, "-9,223,372,036,854,775,808"},
	}
	for _, tt := range tests {
		if got := printer(t, tt.code).Number(tt.n); got != tt.want {
			t.Errorf("%s Number(%d) = %q, want %q", tt.code, tt.n, got, tt.want)
		}
	}
}

// TestNumberAgreesWithXText checks the symbol table against CLDR data as
// golang.org/x/text formats it.
func TestNumberAgreesWithXText(t *testing.T) {
	for _, l := range supported {
		p := printer(t, l.Code)
		mp := message.NewPrinter(l.Tag)
		for _, n := range []int64{0, 7, -7, 12, 999, 1000, -1234, 12345, 1234567, -987654321} {
			if got, want := p.Number(n), mp.Sprint(number.Decimal(n)); got != want {
				t.Errorf("%s Number(%d) = %q, x/text %q", l.Code, n, got, want)
			}
		}
		for _, d := range []struct {
			q string
			f float64
		}{{"1234.5", 1234.5}, {"-0.25", -0.25}, {"1000000.125", 1000000.125}} {
			if got, want := p.Decimal(d.q), mp.Sprint(number.Decimal(d.f, number.MaxFractionDigits(3))); got != want {
				t.Errorf("%s Decimal(%s) = %q, x/text %q", l.Code, d.q, got, want)
			}
		}
	}
}

func TestDecimal(t *testing.T) {
	tests := []struct{ code, q, want string }{
		{"en", "1234.50", "1,234.50"},
		{"en", "0.125", "0.125"},
		{"en", "-0.000", "0.000"},
		{"en", "007", "7"},
		{"ru", "1234.5", "1\u00a0234,5"},
		{"ru", "-2.5", "-2,5"},
		{"fa", "1234.5", "۱٬۲۳۴٫۵"},
		{"fa", "-0.5", "\u200e−۰٫۵"},
		// Not plain decimals: returned as given.
		{"fa", "", ""},
		{"fa", "1e3", "1e3"},
		{"ru", "1.", "1."},
		{"ru", ".5", ".5"},
		{"ru", "+1", "+1"},
		{"ru", "--1", "--1"},
		{"ru", "1,5", "1,5"},
	}
	for _, tt := range tests {
		if got := printer(t, tt.code).Decimal(tt.q); got != tt.want {
			t.Errorf("%s Decimal(%q) = %q, want %q", tt.code, tt.q, got, tt.want)
		}
	}
}

func TestDate(t *testing.T) {
	d := time.Date(2026, time.March, 8, 23, 30, 0, 0, time.UTC)
	tests := []struct{ code, want string }{
		{"en", "March 8, 2026"},
		{"ru", "8 марта 2026\u00a0г."},
		{"fa", "۸ مارس ۲۰۲۶"},
	}
	for _, tt := range tests {
		if got := printer(t, tt.code).Date(d); got != tt.want {
			t.Errorf("%s Date = %q, want %q", tt.code, got, tt.want)
		}
	}
	jan := time.Date(2025, time.January, 21, 0, 0, 0, 0, time.UTC)
	if got, want := printer(t, "fa").Date(jan), "۲۱ ژانویهٔ ۲۰۲۵"; got != want {
		t.Errorf("fa Date = %q, want %q", got, want)
	}
	// The date is the one in t's location.
	tehran := time.FixedZone("IRST", 3*3600+1800)
	if got, want := printer(t, "en").Date(d.In(tehran)), "March 9, 2026"; got != want {
		t.Errorf("en Date in Tehran = %q, want %q", got, want)
	}
}

func TestMoney(t *testing.T) {
	a := money.MustNew(123450, "EUR")
	tests := []struct{ code, want string }{
		{"en", "€1,234.50"},
		{"ru", "1\u00a0234,50\u00a0€"},
		{"fa", "\u200e€۱٬۲۳۴٫۵۰"},
	}
	for _, tt := range tests {
		p := printer(t, tt.code)
		got := p.Money(a)
		if got != tt.want {
			t.Errorf("%s Money = %q, want %q", tt.code, got, tt.want)
		}
		if got != a.Format(tt.code) {
			t.Errorf("%s Money does not delegate to Amount.Format", tt.code)
		}
	}
}
