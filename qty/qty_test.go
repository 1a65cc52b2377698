package qty

import (
	"math"
	"testing"
)

func TestString(t *testing.T) {
	tests := []struct {
		q    Quantity
		want string
	}{
		{0, "0"},
		{Units(10), "10"},
		{2500, "2.5"},
		{125, "0.125"},
		{Units(-3), "-3"},
		{-5, "-0.005"},
		{1010, "1.01"},
		{100, "0.1"},
		{maxQuantity, "1000000000"},
		{math.MaxInt64, "9223372036854775.807"},
		{math.MinInt64, "-9223372036854775.808"},
	}
	for _, tt := range tests {
		if got := tt.q.String(); got != tt.want {
			t.Errorf("Quantity(%d).String() = %q, want %q", int64(tt.q), got, tt.want)
		}
	}
}

func TestWhole(t *testing.T) {
	tests := []struct {
		q       Quantity
		isWhole bool
		units   int64
	}{
		{0, true, 0},
		{Units(7), true, 7},
		{Units(-7), true, -7},
		{2500, false, 2},
		{-2500, false, -2},
		{999, false, 0},
		{-1, false, 0},
	}
	for _, tt := range tests {
		if got := tt.q.IsWhole(); got != tt.isWhole {
			t.Errorf("%v.IsWhole() = %v, want %v", tt.q, got, tt.isWhole)
		}
		if got := tt.q.WholeUnits(); got != tt.units {
			t.Errorf("%v.WholeUnits() = %d, want %d", tt.q, got, tt.units)
		}
	}
}
