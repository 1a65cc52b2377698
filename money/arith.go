package money

import (
	"fmt"
	"math"
	"math/big"
)

// Add returns a+b. Amounts in different currencies cannot be added, and a sum
// beyond int64 is an error rather than a silent wrap-around.
func (a Amount) Add(b Amount) (Amount, error) {
	if a.Currency != b.Currency {
		return Amount{}, errMismatch("add", a, b)
	}
	if (b.Minor > 0 && a.Minor > math.MaxInt64-b.Minor) ||
		(b.Minor < 0 && a.Minor < math.MinInt64-b.Minor) {
		return Amount{}, errOverflow("add", a, b)
	}
	return Amount{Minor: a.Minor + b.Minor, Currency: a.Currency}, nil
}

// Sub returns a-b, with the same checks as Add.
func (a Amount) Sub(b Amount) (Amount, error) {
	if a.Currency != b.Currency {
		return Amount{}, errMismatch("subtract", a, b)
	}
	if (b.Minor < 0 && a.Minor > math.MaxInt64+b.Minor) ||
		(b.Minor > 0 && a.Minor < math.MinInt64+b.Minor) {
		return Amount{}, errOverflow("subtract", a, b)
	}
	return Amount{Minor: a.Minor - b.Minor, Currency: a.Currency}, nil
}

// MulRat returns a*num/den rounded to the nearest minor unit, halves away from
// zero (the usual commercial rule, symmetric for refunds). Quantities pass
// thousandths over 1000, tax rates basis points over 10000.
//
// The product is computed exactly in big integers, so only the final result
// has to fit in int64.
func (a Amount) MulRat(num, den int64) (Amount, error) {
	if den <= 0 {
		return Amount{}, fmt.Errorf("money: MulRat denominator must be positive, got %d", den)
	}
	p := new(big.Int).Mul(big.NewInt(a.Minor), big.NewInt(num))
	d := big.NewInt(den)
	q, r := new(big.Int).QuoRem(p, d, new(big.Int))
	// QuoRem truncates toward zero; step one further away from zero when the
	// remainder is at least half of den.
	if r.Abs(r).Lsh(r, 1).Cmp(d) >= 0 {
		q.Add(q, big.NewInt(int64(p.Sign())))
	}
	if !q.IsInt64() {
		return Amount{}, fmt.Errorf("money: %s %s * %d / %d overflows", a, a.Currency, num, den)
	}
	return Amount{Minor: q.Int64(), Currency: a.Currency}, nil
}

func errMismatch(op string, a, b Amount) error {
	return fmt.Errorf("money: cannot %s %s and %s amounts", op, quote(a.Currency), quote(b.Currency))
}

func errOverflow(op string, a, b Amount) error {
	return fmt.Errorf("money: cannot %s %s and %s %s: overflow", op, a, b, a.Currency)
}
