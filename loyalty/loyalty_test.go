package loyalty

import (
	"testing"

	"b2x/errs"
	"b2x/money"
)

func TestNormalizePhone(t *testing.T) {
	for _, tt := range []struct{ raw, region, want string }{
		{"8 (916) 123-45-67", "RU", "+79161234567"},
		{"+7 916 123 45 67", "IR", "+79161234567"},
		{"0912 345 6789", "IR", "+989123456789"},
		{"+98 912 345 6789", "RU", "+989123456789"},
		{"+371 2123 4567", "RU", "+37121234567"},
	} {
		got, err := NormalizePhone(tt.raw, tt.region)
		if err != nil || got != tt.want {
			t.Errorf("NormalizePhone(%q, %s) = %q, %v; want %s", tt.raw, tt.region, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "12", "not a phone", "+7 916 123", "+999 123 456 789", "8 916 123 45 67 89 00 11 22 33 44 55 66 77 88"} {
		_, err := NormalizePhone(bad, "RU")
		if e, ok := errs.As(err); !ok || len(e.Fields) != 1 || e.Fields[0].Field != "loyalty_phone" {
			t.Errorf("NormalizePhone(%q) = %v", bad, err)
		}
	}
}

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"8 916 123-45-67", "+989123456789", "", "+", "00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		e164, err := NormalizePhone(raw, "RU")
		if err != nil {
			return
		}
		if again, err := NormalizePhone(e164, "IR"); err != nil || again != e164 {
			t.Errorf("%q → %q → %q, %v", raw, e164, again, err)
		}
	})
}

func TestProgram(t *testing.T) {
	p := DefaultProgram()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	for spend, want := range map[int64]string{0: "basic", 499_99: "basic", 500_00: "silver", 1999_99: "silver", 2000_00: "gold", 1 << 50: "gold"} {
		if got := p.TierFor(spend).Name; got != want {
			t.Errorf("tier at %d = %s, want %s", spend, got, want)
		}
	}
	if next, ok := p.NextTier(600_00); !ok || next.Name != "gold" {
		t.Errorf("next after silver: %v %v", next, ok)
	}
	if _, ok := p.NextTier(3000_00); ok {
		t.Error("a tier above gold")
	}
	eur := func(m int64) money.Amount { return money.MustNew(m, "EUR") }
	if n := p.Earned(eur(12_99)); n != 12 {
		t.Errorf("12.99 earns %d, want 12", n)
	}
	if n := p.Earned(money.MustNew(12_99, "USD")); n != 0 {
		t.Errorf("another currency earns %d", n)
	}
	if v := p.Value(250); v != eur(250) {
		t.Errorf("250 points = %s", v)
	}
	if m := p.MaxPoints(eur(10_01)); m != 300 {
		t.Errorf("30 %% of 10.01 = %d points, want 300 (floored)", m)
	}
	p.PointValue = 7
	if m := p.MaxPoints(eur(100_00)); m != 428 {
		t.Errorf("30 %% of 100.00 at 0.07 a point = %d, want 428", m)
	}
	if Balance([]Entry{{Points: 10}, {Points: -3}, {Points: 5}}) != 12 {
		t.Error("balance")
	}
	bad := Program{Region: "ru", Currency: "XXQ", PointValue: 0, MaxRedeemBP: 20000, Tiers: []Tier{{Name: "a", MinSpend: 5}}}
	e, _ := errs.As(bad.Validate())
	if e == nil || len(e.Fields) < 5 {
		t.Errorf("bad program: %v", bad.Validate())
	}
}
