package money

import (
	"math"
	"strings"
	"testing"
)

func TestAddSub(t *testing.T) {
	eur := func(m int64) Amount { return MustNew(m, "EUR") }
	tests := []struct {
		a, b      Amount
		sum, diff int64
		sumErr    string
		diffErr   string
	}{
		{a: eur(1250), b: eur(75), sum: 1325, diff: 1175},
		{a: eur(-5), b: eur(5), sum: 0, diff: -10},
		{a: eur(math.MaxInt64), b: eur(1), sumErr: "overflow", diff: math.MaxInt64 - 1},
		{a: eur(math.MinInt64), b: eur(1), sum: math.MinInt64 + 1, diffErr: "overflow"},
		{a: eur(math.MinInt64), b: eur(-1), sumErr: "overflow", diff: math.MinInt64 + 1},
		{a: eur(0), b: eur(math.MinInt64), sum: math.MinInt64, diffErr: "overflow"},
		{a: eur(-1), b: eur(math.MaxInt64), sum: math.MaxInt64 - 1, diff: math.MinInt64},
		{a: eur(1), b: MustNew(1, "USD"), sumErr: `"EUR" and "USD"`, diffErr: `"EUR" and "USD"`},
		// A zero in another currency is still another currency.
		{a: eur(1), b: Zero("USD"), sumErr: "cannot add", diffErr: "cannot subtract"},
	}
	for _, tt := range tests {
		check := func(op string, got Amount, err error, want int64, wantErr string) {
			t.Helper()
			if wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), wantErr) {
					t.Errorf("%+v %s %+v: error = %v, want it to mention %q", tt.a, op, tt.b, err, wantErr)
				}
				return
			}
			if err != nil || got != eur(want) {
				t.Errorf("%+v %s %+v = %+v, %v; want %d", tt.a, op, tt.b, got, err, want)
			}
		}
		sum, err := tt.a.Add(tt.b)
		check("+", sum, err, tt.sum, tt.sumErr)
		diff, err := tt.a.Sub(tt.b)
		check("-", diff, err, tt.diff, tt.diffErr)
	}
}

func TestMulRat(t *testing.T) {
	tests := []struct {
		minor, num, den int64
		want            int64
	}{
		// Quantities: thousandths over 1000.
		{1250, 3000, 1000, 3750}, // 12.50 * 3
		{1250, 2500, 1000, 3125}, // 12.50 * 2.5
		{999, 125, 1000, 125},    // 9.99 * 0.125 = 1.24875 -> 1.25
		{333, 1500, 1000, 500},   // 4.995 -> 5.00, exact half rounds up
		{-333, 1500, 1000, -500}, // and away from zero when negative
		{333, -1500, 1000, -500}, // sign may come from num too
		{-333, -1500, 1000, 500},
		{1, 500, 1000, 1},   // 0.5 -> 1
		{-1, 500, 1000, -1}, // -0.5 -> -1
		{1, 499, 1000, 0},   // 0.499 -> 0
		{-1, 499, 1000, 0},  // -0.499 -> 0
		{1, 501, 1000, 1},
		{3, 1, 2, 2},   // 1.5 -> 2
		{5, 1, 2, 3},   // 2.5 -> 3, not banker's 2
		{-5, 1, 2, -3}, // -2.5 -> -3
		{7, 1, 3, 2},   // 2.33 -> 2
		{8, 1, 3, 3},   // 2.67 -> 3
		{-8, 1, 3, -3},
		{1250, 0, 1000, 0},
		// Tax: basis points over 10000.
		{1999, 2000, 10000, 400}, // 20% of 19.99 = 3.998
		{1999, 700, 10000, 140},  // 7% of 19.99 = 1.3993
		{50, 1000, 10000, 5},     // 10% of 0.50
		{25, 2000, 10000, 5},     // 20% of 0.25
		{-1999, 2000, 10000, -400},
		// Exact intermediate beyond int64 is fine if the result fits.
		{math.MaxInt64, 1000, 1000, math.MaxInt64},
		{math.MinInt64, 3, 3, math.MinInt64},
		{math.MaxInt64, math.MaxInt64, math.MaxInt64, math.MaxInt64},
	}
	for _, tt := range tests {
		got, err := MustNew(tt.minor, "EUR").MulRat(tt.num, tt.den)
		if err != nil || got != MustNew(tt.want, "EUR") {
			t.Errorf("%d * %d / %d = %+v, %v; want %d", tt.minor, tt.num, tt.den, got, err, tt.want)
		}
	}
}

func TestMulRatErrors(t *testing.T) {
	tests := []struct {
		minor, num, den int64
		errPart         string
	}{
		{math.MaxInt64, 1001, 1000, "overflows"},
		{math.MinInt64, -1, 1, "overflows"},
		{math.MaxInt64, math.MaxInt64, 1, "overflows"},
		{1 << 62, 2, 1, "overflows"},
		{1, 1, 0, "must be positive"},
		{1, 1, -1000, "must be positive"},
	}
	for _, tt := range tests {
		got, err := MustNew(tt.minor, "EUR").MulRat(tt.num, tt.den)
		if err == nil || !strings.Contains(err.Error(), tt.errPart) {
			t.Errorf("%d * %d / %d = %+v, %v; want error mentioning %q", tt.minor, tt.num, tt.den, got, err, tt.errPart)
		}
	}
}
