package promo

import (
	"testing"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/qty"
)

func eur(m int64) money.Amount { return money.MustNew(m, "EUR") }

var t0 = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func fieldsOf(err error) map[string]bool {
	out := map[string]bool{}
	if e, ok := errs.As(err); ok {
		for _, f := range e.Fields {
			out[f.Field] = true
		}
	}
	return out
}

func TestCouponValidate(t *testing.T) {
	c := Coupon{Code: " spring-10 ", Kind: Percent, PercentBP: 1000, TotalLimit: 5, PerCustomerLimit: 1}
	if err := c.Validate(); err != nil || c.Code != "SPRING-10" {
		t.Fatalf("valid coupon: %v, code %q", err, c.Code)
	}
	tests := []struct {
		field string
		c     Coupon
	}{
		{"code", Coupon{Code: "a b", Kind: Percent, PercentBP: 100}},
		{"code", Coupon{Code: "AB", Kind: Percent, PercentBP: 100}},
		{"percent", Coupon{Code: "ABC", Kind: Percent, PercentBP: 0}},
		{"percent", Coupon{Code: "ABC", Kind: Percent, PercentBP: 10001}},
		{"amount", Coupon{Code: "ABC", Kind: Amount}},
		{"amount", Coupon{Code: "ABC", Kind: Percent, PercentBP: 100, Amount: eur(5)}},
		{"kind", Coupon{Code: "ABC", Kind: "free"}},
		{"min_order", Coupon{Code: "ABC", Kind: Amount, Amount: eur(500), MinOrder: money.MustNew(100, "USD")}},
		{"total_limit", Coupon{Code: "ABC", Kind: Percent, PercentBP: 100, TotalLimit: -1}},
		{"per_customer_limit", Coupon{Code: "ABC", Kind: Percent, PercentBP: 100, TotalLimit: 1, PerCustomerLimit: 2}},
		{"channel", Coupon{Code: "ABC", Kind: Percent, PercentBP: 100, Channel: "b2g"}},
		{"valid_until", Coupon{Code: "ABC", Kind: Percent, PercentBP: 100, ValidFrom: t0, ValidUntil: t0}},
	}
	for _, tt := range tests {
		if err := tt.c.Validate(); !fieldsOf(err)[tt.field] {
			t.Errorf("%s: got %v", tt.field, err)
		}
	}
}

func TestCouponCheckAndDiscount(t *testing.T) {
	c := Coupon{Code: "TEN", Kind: Amount, Amount: eur(1000), MinOrder: eur(5000), ValidFrom: t0, ValidUntil: t0.Add(48 * time.Hour),
		TotalLimit: 2, Channel: catalog.B2C}
	ok := func(err error) bool { return err == nil }
	cases := []struct {
		name string
		at   time.Time
		ch   catalog.Channel
		due  money.Amount
		used int
		pass bool
	}{
		{"inside", t0.Add(time.Hour), catalog.B2C, eur(5000), 0, true},
		{"before", t0.Add(-time.Second), catalog.B2C, eur(5000), 0, false},
		{"at the end", t0.Add(48 * time.Hour), catalog.B2C, eur(5000), 0, false},
		{"b2b", t0.Add(time.Hour), catalog.B2B, eur(5000), 0, false},
		{"below minimum", t0.Add(time.Hour), catalog.B2C, eur(4999), 0, false},
		{"other currency", t0.Add(time.Hour), catalog.B2C, money.MustNew(9000, "USD"), 0, false},
		{"used up", t0.Add(time.Hour), catalog.B2C, eur(5000), 2, false},
	}
	for _, tt := range cases {
		c.Used = tt.used
		err := c.Check(tt.at, tt.ch, tt.due)
		if ok(err) != tt.pass || (err != nil && !fieldsOf(err)["coupon"]) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	if d := c.Discount(eur(600)); d != eur(600) {
		t.Errorf("a fixed coupon takes more than the goods: %s", d)
	}
	p := Coupon{Code: "PCT", Kind: Percent, PercentBP: 1250}
	if d := p.Discount(eur(1999)); d != eur(250) {
		t.Errorf("12.5 %% of 19.99 = %s, want 2.50 (half away from zero)", d)
	}
}

func TestCustomerKey(t *testing.T) {
	for _, tt := range [][5]string{
		{"p1", "A@B.C", "+7916", "o1", "person:p1"},
		{"", " Ann@Example.COM ", "+7916", "", "email:ann@example.com"},
		{"", "", "+79161234567", "o1", "phone:+79161234567"},
		{"", "", "", "o1", "organization:o1"},
		{"", "", "", "", ""},
	} {
		if got := CustomerKey(tt[0], tt[1], tt[2], tt[3]); got != tt[4] {
			t.Errorf("CustomerKey%v = %q", tt[:4], got)
		}
	}
}

func TestPromotion(t *testing.T) {
	p := Promotion{Name: "Tiles week", Kind: Percent, PercentBP: 1500, Categories: []string{"tiles"}, Brands: []string{"Kerama"},
		SKUs: []string{"BRK-RED"}, Channel: catalog.B2C, ValidFrom: t0, ValidUntil: t0.Add(7 * 24 * time.Hour)}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if !p.Covers("BRK-RED", "", "") || !p.Covers("X", "tiles", "") || !p.Covers("X", "", "kerama") || p.Covers("X", "bricks", "Other") {
		t.Error("covers")
	}
	if !p.Live(t0, catalog.B2C) || p.Live(t0, catalog.B2B) || p.Live(t0.Add(-time.Nanosecond), catalog.B2C) || p.Live(p.ValidUntil, catalog.B2C) {
		t.Error("live")
	}
	if d := p.LineDiscount(eur(1000), qty.Units(2)); d != eur(150) {
		t.Errorf("15 %% of 10.00: %s", d)
	}
	a := Promotion{Name: "2 off", Kind: Amount, Amount: eur(200), SKUs: []string{"X1"}, Channel: catalog.B2C}
	if d := a.LineDiscount(eur(1000), qty.Units(3)); d != eur(600) {
		t.Errorf("2.00 off each of 3: %s", d)
	}
	if d := a.LineDiscount(eur(300), qty.Units(3)); d != eur(300) {
		t.Errorf("capped at the line: %s", d)
	}
	if d := a.LineDiscount(eur(1000), qty.Quantity(2500)); d != eur(500) {
		t.Errorf("2.5 m: %s", d)
	}
	if d := a.LineDiscount(money.MustNew(1000, "USD"), qty.Units(1)); d.Minor != 0 {
		t.Errorf("EUR promotion on a USD line: %s", d)
	}
	if u := a.UnitPrice(eur(350)); u != eur(150) {
		t.Errorf("unit price %s", u)
	}
	best, off, ok := Best([]Promotion{p, a}, eur(1000), qty.Units(1))
	if !ok || best.Name != "2 off" || off != eur(200) {
		t.Errorf("best %s %s", best.Name, off)
	}
	if _, _, ok := Best(nil, eur(1000), qty.Units(1)); ok {
		t.Error("best of none")
	}
	bad := Promotion{Kind: Percent, PercentBP: 100, SKUs: []string{"a b"}, Channel: ""}
	fs := fieldsOf(bad.Validate())
	for _, f := range []string{"name", "skus[0]", "channel"} {
		if !fs[f] {
			t.Errorf("bad promotion: %s not named (%v)", f, fs)
		}
	}
	if !fieldsOf((&Promotion{Name: "x", Kind: Percent, PercentBP: 100, Channel: catalog.B2C}).Validate())["skus"] {
		t.Error("a promotion of nothing")
	}
}
