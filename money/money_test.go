package money

import (
	"math"
	"testing"
)

func TestNew(t *testing.T) {
	tests := []struct {
		code string
		ok   bool
	}{
		{"EUR", true},
		{"JPY", true},
		{"BHD", true},
		{"", false},
		{"eur", false},
		{"XYZ", false},
		{"EURO", false},
	}
	for _, tt := range tests {
		a, err := New(150, tt.code)
		if (err == nil) != tt.ok {
			t.Errorf("New(150, %q) error = %v, want ok=%v", tt.code, err, tt.ok)
		}
		if tt.ok && (a.Minor != 150 || a.Currency != tt.code) {
			t.Errorf("New(150, %q) = %+v", tt.code, a)
		}
	}
}

func TestMustNewPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustNew with an unknown currency did not panic")
		}
	}()
	MustNew(1, "XYZ")
}

func TestDigits(t *testing.T) {
	tests := []struct {
		code string
		want int
		ok   bool
	}{
		{"EUR", 2, true},
		{"JPY", 0, true},
		{"BHD", 3, true},
		{"CLF", 4, true},
		// ISO 4217 says 2 for IRR even though rials are used without
		// decimals in practice; the library follows ISO.
		{"IRR", 2, true},
		{"", 0, false},
		{"XYZ", 0, false},
	}
	for _, tt := range tests {
		got, ok := Digits(tt.code)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Digits(%q) = %d, %v; want %d, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}

func TestString(t *testing.T) {
	tests := []struct {
		a    Amount
		want string
	}{
		{MustNew(1250, "EUR"), "12.50"},
		{MustNew(-5, "EUR"), "-0.05"},
		{MustNew(-310, "EUR"), "-3.10"},
		{MustNew(0, "EUR"), "0.00"},
		{MustNew(1500, "JPY"), "1500"},
		{MustNew(-7, "JPY"), "-7"},
		{MustNew(1, "BHD"), "0.001"},
		{MustNew(123456, "CLF"), "12.3456"},
		{MustNew(math.MaxInt64, "EUR"), "92233720368547758.07"},
		{MustNew(math.MinInt64, "EUR"), "-92233720368547758.08"},
		{Amount{Minor: 42}, "42"},
	}
	for _, tt := range tests {
		if got := tt.a.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.a, got, tt.want)
		}
	}
}

func TestZeroAndIsZero(t *testing.T) {
	z := Zero("EUR")
	if !z.IsZero() || z.Currency != "EUR" || z.String() != "0.00" {
		t.Errorf("Zero(EUR) = %+v", z)
	}
	if MustNew(1, "EUR").IsZero() {
		t.Error("1 cent is not zero")
	}
}

func TestNeg(t *testing.T) {
	if got := MustNew(1250, "EUR").Neg(); got != MustNew(-1250, "EUR") {
		t.Errorf("Neg = %+v", got)
	}
	if got := Zero("EUR").Neg(); got != Zero("EUR") {
		t.Errorf("Neg(0) = %+v", got)
	}
}

func TestCmp(t *testing.T) {
	tests := []struct {
		a, b Amount
		want int
	}{
		{MustNew(1, "EUR"), MustNew(2, "EUR"), -1},
		{MustNew(2, "EUR"), MustNew(2, "EUR"), 0},
		{MustNew(3, "EUR"), MustNew(2, "EUR"), 1},
		{MustNew(-3, "EUR"), MustNew(2, "EUR"), -1},
		// Different currencies order by code, never by value.
		{MustNew(100, "USD"), MustNew(1, "EUR"), 1},
		{MustNew(1, "EUR"), MustNew(100, "USD"), -1},
	}
	for _, tt := range tests {
		if got := tt.a.Cmp(tt.b); got != tt.want {
			t.Errorf("%+v.Cmp(%+v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
