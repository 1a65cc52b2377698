package money

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	good := []struct {
		in, code string
		want     int64
	}{
		{"12.50", "EUR", 1250},
		{"12.5", "EUR", 1250},
		{"12", "EUR", 1200},
		{"-3.10", "EUR", -310},
		{"-0.05", "EUR", -5},
		{"0", "EUR", 0},
		{"-0", "EUR", 0},
		{"0.00", "EUR", 0},
		{"007.10", "EUR", 710},
		{"1500", "JPY", 1500},
		{"1.234", "BHD", 1234},
		{"1.2", "BHD", 1200},
		{"12.3456", "CLF", 123456},
		{"10000000000000", "EUR", MaxMinor},
		{"-10000000000000.00", "EUR", -MaxMinor},
		{"1000000000000000", "JPY", MaxMinor},
		{"9999999999999.99", "EUR", MaxMinor - 1},
	}
	for _, tt := range good {
		got, err := Parse(tt.in, tt.code)
		want := Amount{Minor: tt.want, Currency: tt.code}
		if err != nil || got != want {
			t.Errorf("Parse(%q, %q) = %+v, %v; want %+v", tt.in, tt.code, got, err, want)
		}
	}

	bad := []struct {
		in, code, errPart string
	}{
		{"", "EUR", "not a decimal number"},
		{" 12", "EUR", "not a decimal number"},
		{"12 ", "EUR", "not a decimal number"},
		{"1 234", "EUR", "not a decimal number"},
		{"+12", "EUR", "not a decimal number"},
		{"-", "EUR", "not a decimal number"},
		{"--1", "EUR", "not a decimal number"},
		{"1e3", "EUR", "not a decimal number"},
		{"1E400", "EUR", "not a decimal number"},
		{"1e-2", "EUR", "not a decimal number"},
		{"NaN", "EUR", "not a decimal number"},
		{"Inf", "EUR", "not a decimal number"},
		{"Infinity", "EUR", "not a decimal number"},
		{"-Inf", "EUR", "not a decimal number"},
		{"0x10", "EUR", "not a decimal number"},
		{"12.", "EUR", "not a decimal number"},
		{".5", "EUR", "not a decimal number"},
		{"1.2.3", "EUR", "not a decimal number"},
		{"12,50", "EUR", "not a decimal number"},
		{"1,234.50", "EUR", "not a decimal number"},
		{"€12.50", "EUR", "not a decimal number"},
		{"12.50 EUR", "EUR", "not a decimal number"},
		{"١٢", "EUR", "not a decimal number"},
		{"12.505", "EUR", "EUR has at most 2 decimal places"},
		{"12.500", "EUR", "EUR has at most 2 decimal places"},
		{"1.5", "JPY", "JPY has no decimal places"},
		{"1.0", "JPY", "JPY has no decimal places"},
		{"1.2345", "BHD", "BHD has at most 3 decimal places"},
		{"10000000000000.01", "EUR", "out of range"},
		{"-10000000000000.01", "EUR", "out of range"},
		{"1000000000000001", "JPY", "out of range"},
		{"9223372036854775807", "EUR", "out of range"},
		{"9223372036854775807", "JPY", "out of range"},
		{"92233720368547758.07", "EUR", "out of range"},
		{strings.Repeat("9", 10000), "EUR", "out of range"},
		{"12.50", "XYZ", "unknown currency"},
		{"12.50", "eur", "unknown currency"},
		{"12.50", "", "unknown currency"},
	}
	for _, tt := range bad {
		got, err := Parse(tt.in, tt.code)
		if err == nil {
			t.Errorf("Parse(%q, %q) = %+v, want error", tt.in, tt.code, got)
			continue
		}
		if !strings.Contains(err.Error(), tt.errPart) || !strings.HasPrefix(err.Error(), "money: ") {
			t.Errorf("Parse(%q, %q) error = %q, want it to mention %q", tt.in, tt.code, err, tt.errPart)
		}
	}
}

func TestParseStringRoundTrip(t *testing.T) {
	for _, a := range []Amount{
		MustNew(1250, "EUR"), MustNew(-5, "EUR"), MustNew(0, "JPY"),
		MustNew(-1500, "JPY"), MustNew(1, "BHD"), MustNew(MaxMinor, "CLF"),
	} {
		got, err := Parse(a.String(), a.Currency)
		if err != nil || got != a {
			t.Errorf("Parse(%q, %q) = %+v, %v; want %+v", a.String(), a.Currency, got, err, a)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"12.50", "12.5", "12", "-3.10", "-0", "0.001", "10000000000000", "1000000000000000",
		"", " 1", "+1", "1e3", "1e400", "1E400", "NaN", "Inf", "0x10", "12.505", "12.", ".5",
		"9223372036854775807", "-9223372036854775808", "١٢", "1,234.50",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// One currency for every number of minor digits the data has.
		for _, code := range []string{"EUR", "JPY", "BHD", "CLF"} {
			a, err := Parse(s, code)
			if err != nil {
				continue
			}
			if a.Minor > MaxMinor || a.Minor < -MaxMinor || a.Currency != code {
				t.Fatalf("Parse(%q, %q) = %+v, beyond the cap", s, code, a)
			}
			back, err := Parse(a.String(), code)
			if err != nil || back != a {
				t.Fatalf("Parse(%q, %q) = %+v, but Parse(%q) = %+v, %v", s, code, a, a.String(), back, err)
			}
		}
	})
}
