package order

import (
	"testing"

	"b2x/errs"
	"b2x/money"
	"b2x/qty"
)

func TestCheckTransition(t *testing.T) {
	allowed := map[[2]Status]bool{
		{Placed, Confirmed}: true, {Placed, Cancelled}: true,
		{Confirmed, Shipped}: true, {Confirmed, Delivered}: true, {Confirmed, Cancelled}: true,
		{Shipped, Delivered}: true, {Shipped, Returned}: true,
		{Delivered, Completed}: true, {Delivered, Returned}: true,
		{Completed, Returned}: true,
	}
	for _, from := range Statuses {
		for _, to := range Statuses {
			err := CheckTransition(from, to)
			if allowed[[2]Status{from, to}] != (err == nil) {
				t.Errorf("%s → %s: err = %v", from, to, err)
			}
			if err != nil && errs.CodeOf(err) != errs.Conflict {
				t.Errorf("%s → %s: code %s, want conflict", from, to, errs.CodeOf(err))
			}
		}
	}
	if errs.CodeOf(CheckTransition(Placed, "lost")) != errs.Invalid {
		t.Error("an unknown status is not invalid input")
	}
}

func TestPriceLine(t *testing.T) {
	eur := func(m int64) money.Amount { return money.MustNew(m, "EUR") }
	tests := []struct {
		name            string
		unit            int64
		q               qty.Quantity
		rate            int
		included        bool
		net, tax, gross int64
	}{
		{"gross 3 × 1.20 at 20%", 120, qty.Units(3), 2000, true, 300, 60, 360},
		{"net 3 × 0.90 at 20%", 90, qty.Units(3), 2000, false, 270, 54, 324},
		{"2.5 m² at 19.99 gross", 1999, 2500, 2000, true, 4165, 833, 4998},
		{"no tax", 1000, qty.Units(1), 0, false, 1000, 0, 1000},
	}
	for _, tt := range tests {
		l := Line{UnitPrice: eur(tt.unit), Quantity: tt.q, TaxRateBP: tt.rate}
		if err := PriceLine(&l, tt.included); err != nil {
			t.Fatal(err)
		}
		if l.Net != eur(tt.net) || l.Tax != eur(tt.tax) || l.Gross != eur(tt.gross) {
			t.Errorf("%s: net %s tax %s gross %s, want %d %d %d", tt.name, l.Net, l.Tax, l.Gross, tt.net, tt.tax, tt.gross)
		}
		if sum, _ := l.Net.Add(l.Tax); sum != l.Gross {
			t.Errorf("%s: net + tax != gross", tt.name)
		}
	}
}

func TestSum(t *testing.T) {
	o := Order{Currency: "EUR", Lines: []Line{
		{Net: money.MustNew(100, "EUR"), Tax: money.MustNew(20, "EUR"), Gross: money.MustNew(120, "EUR")},
		{Net: money.MustNew(50, "EUR"), Tax: money.MustNew(10, "EUR"), Gross: money.MustNew(60, "EUR")},
	}}
	if err := o.Sum(); err != nil {
		t.Fatal(err)
	}
	if o.Net.Minor != 150 || o.Tax.Minor != 30 || o.Total.Minor != 180 {
		t.Errorf("sum %s %s %s", o.Net, o.Tax, o.Total)
	}
	o.Lines = append(o.Lines, Line{Net: money.MustNew(1, "USD"), Tax: money.MustNew(0, "USD"), Gross: money.MustNew(1, "USD")})
	if o.Sum() == nil {
		t.Error("mixed currencies summed")
	}
}
