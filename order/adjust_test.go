package order

import (
	"math/rand/v2"
	"testing"

	"b2x/errs"
	"b2x/money"
	"b2x/qty"
)

func eur(m int64) money.Amount { return money.MustNew(m, "EUR") }

// priced makes an order of lines (unit minor, units, rate) priced as checkout does.
func priced(t *testing.T, inclusive bool, lines ...[3]int64) *Order {
	t.Helper()
	o := &Order{Currency: "EUR", PricesIncludeTax: inclusive}
	for i, l := range lines {
		line := Line{No: i + 1, UnitPrice: eur(l[0]), Quantity: qty.Units(l[1]), TaxRateBP: int(l[2])}
		if err := PriceLine(&line, inclusive); err != nil {
			t.Fatal(err)
		}
		o.Lines = append(o.Lines, line)
	}
	if err := o.Sum(); err != nil {
		t.Fatal(err)
	}
	return o
}

// balanced checks the invariants every priced order keeps.
func balanced(t *testing.T, o *Order) {
	t.Helper()
	if err := o.Sum(); err != nil {
		t.Fatal(err)
	}
	if o.Net.Minor+o.Tax.Minor != o.Total.Minor {
		t.Errorf("net %s + tax %s != total %s", o.Net, o.Tax, o.Total)
	}
	for _, a := range o.Adjustments {
		if a.Net.Minor+a.Tax.Minor != a.Gross.Minor {
			t.Errorf("%s: net %s + tax %s != gross %s", a.Kind, a.Net, a.Tax, a.Gross)
		}
	}
	if got := o.Subtotal().Minor - o.Discounts().Minor + o.Fees().Minor; got != o.Total.Minor {
		t.Errorf("subtotal − discounts + fees = %d, total %s", got, o.Total)
	}
	for _, l := range o.Lines {
		if l.Discount.Minor < 0 || l.Discount.Minor > o.basis(l).Minor {
			t.Errorf("line %d discount %d of %s", l.No, l.Discount.Minor, o.basis(l))
		}
	}
}

func TestDiscountSpreadsTaxByLine(t *testing.T) {
	// 3 × 1.20 at 20 % (gross 3.60, tax 0.60) and 1 × 10.00 at 10 % (tax 0.91)
	o := priced(t, true, [3]int64{120, 3, 2000}, [3]int64{1000, 1, 1000})
	adj, err := o.AddDiscount(CouponDiscount, "TEN", "−10 %", eur(136))
	if err != nil {
		t.Fatal(err)
	}
	// shares 0.36 and 1.00; line 1: 3.24 gross = 2.70 + 0.54, line 2: 9.00 = 8.18 + 0.82
	if adj.Gross != eur(-136) || adj.Tax != eur(-15) || adj.Net != eur(-121) {
		t.Errorf("adjustment %+v", adj)
	}
	if o.Lines[0].Discount != eur(36) || o.Lines[1].Discount != eur(100) {
		t.Errorf("line discounts %s %s", o.Lines[0].Discount, o.Lines[1].Discount)
	}
	balanced(t, o)
	if o.Total != eur(1224) || o.Tax != eur(136) {
		t.Errorf("total %s tax %s, want 12.24 and 1.36", o.Total, o.Tax)
	}
}

func TestDiscountOnOneLineAndCap(t *testing.T) {
	o := priced(t, true, [3]int64{500, 2, 2000}, [3]int64{300, 1, 2000})
	if _, err := o.AddDiscount(PromotionDiscount, "p1", "sale", eur(100), 2); err != nil {
		t.Fatal(err)
	}
	if o.Lines[0].Discount.Minor != 0 || o.Lines[1].Discount != eur(100) || o.Adjustments[0].LineNo != 2 {
		t.Errorf("promotion of line 2 went elsewhere: %+v", o.Lines)
	}
	// more than is left is capped at what is left
	adj, err := o.AddDiscount(CouponDiscount, "ALL", "all", eur(100_000))
	if err != nil {
		t.Fatal(err)
	}
	if adj.Gross != eur(-1200) || o.Due().Minor != 0 {
		t.Errorf("capped discount %s, due %s", adj.Gross, o.Due())
	}
	balanced(t, o)
	if o.Total.Minor != 0 || o.Tax.Minor != 0 {
		t.Errorf("a fully discounted order costs %s (tax %s)", o.Total, o.Tax)
	}
	// nothing left: a further discount is not recorded
	n := len(o.Adjustments)
	if adj, err := o.AddDiscount(PointsRedeemed, "card", "points", eur(5)); err != nil || adj.Gross.Minor != 0 || len(o.Adjustments) != n {
		t.Errorf("empty discount recorded: %+v %v", adj, err)
	}
	if _, err := o.AddDiscount(CouponDiscount, "X", "x", money.MustNew(5, "USD")); err == nil {
		t.Error("a discount in another currency was taken")
	}
}

func TestDiscountNetPrices(t *testing.T) {
	// b2b: 10 × 0.90 net at 20 % = 9.00 + 1.80
	o := priced(t, false, [3]int64{90, 10, 2000})
	adj, err := o.AddDiscount(CouponDiscount, "B2B", "b2b", eur(100))
	if err != nil {
		t.Fatal(err)
	}
	if adj.Net != eur(-100) || adj.Tax != eur(-20) || adj.Gross != eur(-120) {
		t.Errorf("net-price discount %+v", adj)
	}
	balanced(t, o)
	if o.Net != eur(800) || o.Total != eur(960) {
		t.Errorf("net %s total %s", o.Net, o.Total)
	}
}

func TestFee(t *testing.T) {
	o := priced(t, true, [3]int64{1000, 1, 2000})
	adj, err := o.AddFee(DeliveryFee, "carrier", "Parcel", eur(990), 2000)
	if err != nil {
		t.Fatal(err)
	}
	if adj.Net != eur(825) || adj.Tax != eur(165) {
		t.Errorf("fee %+v", adj)
	}
	balanced(t, o)
	if o.Total != eur(1990) || o.Fees() != eur(990) || o.Discounts().Minor != 0 {
		t.Errorf("total %s fees %s", o.Total, o.Fees())
	}
	if _, err := o.AddFee(DeliveryFee, "x", "x", eur(0), 2000); err == nil {
		t.Error("a zero fee was added")
	}
}

// TestDiscountsAddUp throws random orders and discounts at the apportioning: the
// shares always add up exactly, no line goes below zero and the totals balance.
func TestDiscountsAddUp(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 500 {
		inclusive := r.IntN(2) == 0
		var lines [][3]int64
		for range 1 + r.IntN(6) {
			lines = append(lines, [3]int64{1 + r.Int64N(100_000), 1 + r.Int64N(20), []int64{0, 500, 1000, 2000, 2400}[r.IntN(5)]})
		}
		o := priced(t, inclusive, lines...)
		for range 1 + r.IntN(4) {
			before := o.Due()
			want := r.Int64N(before.Minor + 10)
			adj, err := o.AddDiscount(CouponDiscount, "R", "r", eur(want))
			if err != nil {
				t.Fatal(err)
			}
			took := min(want, before.Minor)
			if got := before.Minor - o.Due().Minor; got != took {
				t.Fatalf("asked %d of %d, lines lost %d", want, before.Minor, got)
			}
			if (inclusive && -adj.Gross.Minor != took) || (!inclusive && -adj.Net.Minor != took) {
				t.Fatalf("adjustment %+v for %d", adj, took)
			}
		}
		balanced(t, o)
	}
}

func TestApportion(t *testing.T) {
	w := []int64{1, 1, 1}
	got := apportion(2, 3, func(k int) int64 { return w[k] }, 3)
	if got[0]+got[1]+got[2] != 2 || got[0] != 1 || got[1] != 1 || got[2] != 0 {
		t.Errorf("ties go to the earlier parts: %v", got)
	}
	w = []int64{1_000_000_000_000_000, 3}
	got = apportion(999_999_999_999_999, 1_000_000_000_000_003, func(k int) int64 { return w[k] }, 2)
	if got[0]+got[1] != 999_999_999_999_999 {
		t.Errorf("large amounts: %v", got)
	}
}

func TestDeliveryRate(t *testing.T) {
	r := DeliveryRate{Method: Carrier, Name: "Parcel", Fee: eur(990), FreeFrom: eur(15000), TaxRateBP: 2000, Active: true}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	for goods, want := range map[int64]int64{0: 990, 14999: 990, 15000: 0, 99999: 0} {
		if fee, err := r.FeeFor(eur(goods)); err != nil || fee.Minor != want {
			t.Errorf("goods %d: fee %s %v, want %d", goods, fee, err, want)
		}
	}
	if _, err := r.FeeFor(money.MustNew(100, "USD")); err == nil {
		t.Error("a EUR rate priced a USD order")
	}
	free := DeliveryRate{Method: Pickup, Name: "Pickup", Fee: eur(0)}
	if fee, err := free.FeeFor(money.MustNew(100, "USD")); err != nil || fee.Minor != 0 || fee.Currency != "USD" {
		t.Errorf("a free method in another currency: %s %v", fee, err)
	}
	bad := DeliveryRate{Method: "drone", Fee: money.Amount{Minor: -1, Currency: "EUR"}, FreeFrom: money.MustNew(1, "USD"), TaxRateBP: 20000}
	err := bad.Validate()
	for _, f := range []string{"method", "name", "fee", "free_from", "tax_rate"} {
		if !hasField(err, f) {
			t.Errorf("bad rate: %s not named in %v", f, err)
		}
	}
}

func hasField(err error, field string) bool {
	e, ok := errs.As(err)
	if !ok {
		return false
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}
