package qty

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	good := []struct {
		in   string
		want Quantity
	}{
		{"10", Units(10)},
		{"2.5", 2500},
		{"0.125", 125},
		{"-3", Units(-3)},
		{"0", 0},
		{"-0", 0},
		{"0.001", 1},
		{"-0.001", -1},
		{"2.500", 2500},
		{"007", Units(7)},
		{"1000000000", maxQuantity},
		{"-1000000000", -maxQuantity},
		{"999999999.999", maxQuantity - 1},
	}
	for _, tt := range good {
		got, err := Parse(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}

	bad := []struct {
		in      string
		errPart string
	}{
		{"", "not a decimal number"},
		{" 1", "not a decimal number"},
		{"1 ", "not a decimal number"},
		{"1 000", "not a decimal number"},
		{"+1", "not a decimal number"},
		{"-", "not a decimal number"},
		{"--1", "not a decimal number"},
		{"1e3", "not a decimal number"},
		{"1E3", "not a decimal number"},
		{"NaN", "not a decimal number"},
		{"Inf", "not a decimal number"},
		{"-Inf", "not a decimal number"},
		{"0x10", "not a decimal number"},
		{"1.", "not a decimal number"},
		{".5", "not a decimal number"},
		{"-.5", "not a decimal number"},
		{"1.2.3", "not a decimal number"},
		{"1,5", "not a decimal number"},
		{"1_000", "not a decimal number"},
		{"١٢", "not a decimal number"}, // Arabic-Indic digits
		{"１２", "not a decimal number"}, // full-width digits
		{"2.0001", "at most 3"},
		{"2.0000", "at most 3"},
		{"1000000000.001", "out of range"},
		{"-1000000000.001", "out of range"},
		{"1000000001", "out of range"},
		{"9223372036854775808", "out of range"},
		{strings.Repeat("9", 1000), "out of range"},
	}
	for _, tt := range bad {
		got, err := Parse(tt.in)
		if err == nil {
			t.Errorf("Parse(%q) = %v, want error", tt.in, got)
			continue
		}
		if !strings.Contains(err.Error(), tt.errPart) {
			t.Errorf("Parse(%q) error = %q, want it to mention %q", tt.in, err, tt.errPart)
		}
		if !strings.HasPrefix(err.Error(), "qty: ") {
			t.Errorf("Parse(%q) error = %q, want qty: prefix", tt.in, err)
		}
	}
}

func TestParseErrorIsShort(t *testing.T) {
	_, err := Parse(strings.Repeat("x", 10000))
	if err == nil || len(err.Error()) > 100 {
		t.Errorf("error for a huge input should be short, got %d bytes", len(err.Error()))
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"10", "2.5", "0.125", "-3", "-0", "0.001", "1000000000", "-1000000000",
		"", " 1", "+1", "1e3", "1E3", "NaN", "Inf", "0x10", "2.0001", "1.", ".5",
		"1000000000.001", "9223372036854775807", "-9223372036854775808", "١٢",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			return
		}
		if q > maxQuantity || q < -maxQuantity {
			t.Fatalf("Parse(%q) = %d, beyond the cap", s, q)
		}
		back, err := Parse(q.String())
		if err != nil || back != q {
			t.Fatalf("Parse(%q) = %d, but Parse(%q) = %d, %v", s, q, q.String(), back, err)
		}
	})
}
