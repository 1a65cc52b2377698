package contract

import (
	"slices"
	"testing"
	"time"

	"b2x/errs"
	"b2x/money"
	"b2x/pricing"
	"b2x/qty"
)

var (
	jan1     = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	jan1Next = time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
)

func eur(minor int64) money.Amount { return money.MustNew(minor, "EUR") }

func good() Contract {
	return Contract{OrganizationID: "org", Name: "Framework 2026", Currency: "EUR",
		Prices: []pricing.Entry{{SKU: "BRK", Price: eur(80)}, {SKU: "BRK", MinQuantity: qty.Units(1000), Price: eur(75)},
			{SKU: "CEM", Price: eur(900)}},
		Commitment: Commitment{Kind: AmountKind, Amount: eur(10_000_00)}, StartsAt: jan1, EndsAt: jan1Next}
}

func TestValidate(t *testing.T) {
	g := good()
	if err := g.Validate(); err != nil {
		t.Fatalf("good contract: %v", err)
	}
	tests := []struct {
		name   string
		change func(c *Contract)
		fields []string
	}{
		{"no organization", func(c *Contract) { c.OrganizationID = "" }, []string{"organization_id"}},
		{"no name", func(c *Contract) { c.Name = " " }, []string{"name"}},
		{"currency", func(c *Contract) { c.Currency = "XXX" }, []string{"currency"}},
		{"no start", func(c *Contract) { c.StartsAt = time.Time{} }, []string{"starts_at"}},
		{"ends before it starts", func(c *Contract) { c.EndsAt = jan1 }, []string{"ends_at"}},
		{"eleven years", func(c *Contract) { c.EndsAt = jan1.AddDate(11, 0, 0) }, []string{"ends_at"}},
		{"bad sku", func(c *Contract) { c.Prices[0].SKU = "-" }, []string{"prices[0].sku"}},
		{"price in USD", func(c *Contract) { c.Prices[1].Price = money.MustNew(75, "USD") }, []string{"prices[1].price"}},
		{"zero price", func(c *Contract) { c.Prices[2].Price = eur(0) }, []string{"prices[2].price"}},
		{"tier twice", func(c *Contract) { c.Prices[1].MinQuantity = 0 }, []string{"prices[1].min_quantity"}},
		{"amount in USD", func(c *Contract) { c.Commitment.Amount = money.MustNew(1, "USD") }, []string{"commitment.amount"}},
		{"amount with quantity", func(c *Contract) { c.Commitment.Quantity = qty.Units(1) }, []string{"commitment.quantity"}},
		{"quantity without prices", func(c *Contract) {
			c.Prices = nil
			c.Commitment = Commitment{Kind: QuantityKind, Quantity: qty.Units(5)}
		}, []string{"commitment.quantity"}},
		{"none with amount", func(c *Contract) { c.Commitment.Kind = NoCommitment }, []string{"commitment.kind"}},
		{"unknown kind", func(c *Contract) { c.Commitment.Kind = "pallets" }, []string{"commitment.kind"}},
		{"terms too long", func(c *Contract) { c.Terms = string(make([]byte, MaxTermsLength+1)) }, []string{"terms"}},
	}
	for _, tt := range tests {
		c := good()
		c.Prices = slices.Clone(c.Prices)
		tt.change(&c)
		e, ok := errs.As(c.Validate())
		if !ok || e.Code != errs.Invalid {
			t.Errorf("%s: %v, want invalid", tt.name, e)
			continue
		}
		var got []string
		for _, f := range e.Fields {
			got = append(got, f.Field)
		}
		if !slices.Equal(got, tt.fields) {
			t.Errorf("%s: fields %v, want %v", tt.name, got, tt.fields)
		}
	}
}

func TestStatusAndPriceList(t *testing.T) {
	c := good()
	c.ID, c.PriceListID = "c1", "pl1"
	for at, want := range map[time.Time]Status{
		jan1.Add(-time.Microsecond): Upcoming, jan1: Active, jan1Next.Add(-time.Microsecond): Active, jan1Next: Ended,
	} {
		if got := c.StatusAt(at); got != want {
			t.Errorf("%s: %s, want %s", at, got, want)
		}
	}
	l := c.PriceList()
	if l.ID != "pl1" || l.OrganizationID != "org" || !l.ValidFrom.Equal(jan1) || !l.ValidTo.Equal(jan1Next) ||
		len(l.Entries) != 3 || l.Validate() != nil {
		t.Errorf("price list %+v: %v", l, l.Validate())
	}
	if got := c.SKUs(); !slices.Equal(got, []string{"BRK", "CEM"}) {
		t.Errorf("skus %v", got)
	}
}

func TestConsume(t *testing.T) {
	mid := jan1.Add(jan1Next.Sub(jan1) / 2)
	amount := good()
	quantity := good()
	quantity.Commitment = Commitment{Kind: QuantityKind, Quantity: qty.Units(4000)}
	none := good()
	none.Commitment = Commitment{Kind: NoCommitment}
	tests := []struct {
		name      string
		c         Contract
		u         Usage
		at        time.Time
		reached   int64
		elapsed   int64
		remaining string
		met, on   bool
	}{
		{"nothing bought yet, before the term", amount, Usage{Net: eur(0)}, jan1.AddDate(0, -1, 0), 0, 0, "10000.00", false, true},
		{"half bought at half time", amount, Usage{Net: eur(5_000_00)}, mid, 5000, 5000, "5000.00", false, true},
		{"a third at half time: behind", amount, Usage{Net: eur(3_333_33)}, mid, 3333, 5000, "6666.67", false, false},
		{"more than committed", amount, Usage{Net: eur(12_000_00)}, mid, 12000, 5000, "0.00", true, true},
		{"ended short", amount, Usage{Net: eur(9_999_99)}, jan1Next.AddDate(0, 1, 0), 9999, 10000, "0.01", false, false},
		{"quantity, quarter", quantity, Usage{Quantity: qty.Units(1000)}, mid, 2500, 5000, "3000", false, false},
		{"quantity met", quantity, Usage{Quantity: qty.Units(4000)}, mid, 10000, 5000, "0", true, true},
		{"no commitment", none, Usage{Net: eur(100)}, mid, 0, 5000, "0.00", true, true},
	}
	for _, tt := range tests {
		got := Consume(tt.c, tt.u, tt.at)
		remaining := got.RemainingAmount.String()
		if tt.c.Commitment.Kind == QuantityKind {
			remaining = got.RemainingQuantity.String()
		}
		if got.ReachedBP != tt.reached || got.ElapsedBP != tt.elapsed || remaining != tt.remaining || got.Met != tt.met ||
			got.OnTrack != tt.on {
			t.Errorf("%s: reached %d elapsed %d remaining %s met %v on track %v; want %d %d %s %v %v", tt.name,
				got.ReachedBP, got.ElapsedBP, remaining, got.Met, got.OnTrack, tt.reached, tt.elapsed, tt.remaining, tt.met, tt.on)
		}
	}
	if share(1<<62, 1) <= 0 {
		t.Error("share overflowed")
	}
}
