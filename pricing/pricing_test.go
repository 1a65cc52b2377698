package pricing

import (
	"testing"
	"time"

	"b2x/catalog"
	"b2x/money"
	"b2x/qty"
)

func eur(minor int64) money.Amount { return money.MustNew(minor, "EUR") }

func TestResolve(t *testing.T) {
	day := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	base := []BasePrice{
		{SKU: "BRK", Channel: catalog.B2C, Price: eur(120)}, // 1.20 gross
		{SKU: "BRK", Channel: catalog.B2B, Price: eur(90)},  // 0.90 net
	}
	onlyB2C := []BasePrice{{SKU: "BRK", Channel: catalog.B2C, Price: eur(120)}}
	lists := []PriceList{
		{ID: "wholesale", Name: "Wholesale", Currency: "EUR", Group: "wholesale", Entries: []Entry{
			{SKU: "BRK", MinQuantity: 0, Price: eur(85)},
			{SKU: "BRK", MinQuantity: qty.Units(1000), Price: eur(80)},
		}},
		{ID: "trade", Name: "Trade", Currency: "EUR", Group: "trade", Entries: []Entry{{SKU: "BRK", Price: eur(88)}}},
		{ID: "acme", Name: "ACME contract", Currency: "EUR", OrganizationID: "org-acme",
			ValidFrom: day.AddDate(0, -1, 0), ValidTo: day.AddDate(0, 1, 0),
			Entries: []Entry{{SKU: "BRK", MinQuantity: qty.Units(500), Price: eur(75)}}},
		{ID: "old", Name: "Expired", Currency: "EUR", OrganizationID: "org-acme",
			ValidFrom: day.AddDate(-1, 0, 0), ValidTo: day.AddDate(0, -2, 0),
			Entries: []Entry{{SKU: "BRK", Price: eur(1)}}},
		{ID: "usd", Name: "Dollar list", Currency: "USD", Group: "wholesale", Entries: []Entry{{SKU: "BRK", Price: money.MustNew(2, "USD")}}},
	}
	tests := []struct {
		name     string
		base     []BasePrice
		q        int64
		buyer    Buyer
		ch       catalog.Channel
		want     int64
		kind     RuleKind
		list     string
		included bool
	}{
		{"homeowner pays retail", base, 10, Buyer{}, catalog.B2C, 120, BaseRule, "", true},
		{"business without list pays b2b base", base, 10, Buyer{OrganizationID: "org-x"}, catalog.B2B, 90, BaseRule, "", false},
		{"b2b price derived from b2c gross", onlyB2C, 1, Buyer{}, catalog.B2B, 100, BaseRule, "", false},
		{"wholesale group, small quantity", base, 10, Buyer{Groups: []string{"wholesale"}}, catalog.B2B, 85, GroupRule, "wholesale", false},
		{"wholesale group, tier reached", base, 1000, Buyer{Groups: []string{"wholesale"}}, catalog.B2B, 80, GroupRule, "wholesale", false},
		{"two groups: lowest price wins", base, 10, Buyer{Groups: []string{"trade", "wholesale"}}, catalog.B2B, 85, GroupRule, "wholesale", false},
		{"trade person in the shop sees trade price with tax", base, 10, Buyer{Groups: []string{"trade"}}, catalog.B2C, 106, GroupRule, "trade", true},
		{"organization list below its tier falls back to group", base, 100, Buyer{OrganizationID: "org-acme", Groups: []string{"wholesale"}}, catalog.B2B, 85, GroupRule, "wholesale", false},
		{"organization list wins over group", base, 500, Buyer{OrganizationID: "org-acme", Groups: []string{"wholesale"}}, catalog.B2B, 75, OrganizationRule, "acme", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Resolve(Request{SKU: "BRK", Quantity: qty.Units(tt.q), Buyer: tt.buyer, Channel: tt.ch, At: day, TaxRateBP: 2000}, tt.base, lists)
			if err != nil {
				t.Fatal(err)
			}
			if res.Unit != eur(tt.want) || res.Rule.Kind != tt.kind || res.Rule.PriceListID != tt.list || res.TaxIncluded != tt.included {
				t.Errorf("got %s %s list=%q included=%v (%s), want %d %s list=%q included=%v",
					res.Unit, res.Rule.Kind, res.Rule.PriceListID, res.TaxIncluded, res.Rule.Explanation, tt.want, tt.kind, tt.list, tt.included)
			}
			if res.Rule.Explanation == "" {
				t.Error("the rule has no explanation")
			}
		})
	}
}

func TestResolveWithoutPrice(t *testing.T) {
	_, err := Resolve(Request{SKU: "X", Quantity: qty.Units(1), Channel: catalog.B2C}, nil, nil)
	if err == nil {
		t.Fatal("a SKU without any price resolved")
	}
}

func TestPriceListValidate(t *testing.T) {
	good := PriceList{Name: "L", Currency: "EUR", Group: "g", Entries: []Entry{{SKU: "BRK", Price: eur(5)}}}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := []PriceList{
		{Name: "", Currency: "EUR", Group: "g"},
		{Name: "L", Currency: "XXX1", Group: "g"},
		{Name: "L", Currency: "EUR"},
		{Name: "L", Currency: "EUR", Group: "g", OrganizationID: "o"},
		{Name: "L", Currency: "EUR", Group: "g", Entries: []Entry{{SKU: "BRK", Price: money.MustNew(5, "USD")}}},
		{Name: "L", Currency: "EUR", Group: "g", Entries: []Entry{{SKU: "BRK", Price: eur(5)}, {SKU: "BRK", Price: eur(4)}}},
		{Name: "L", Currency: "EUR", Group: "g", Entries: []Entry{{SKU: "BRK", Price: eur(0)}}},
		{Name: "L", Currency: "EUR", Group: "g", ValidFrom: time.Now(), ValidTo: time.Now().Add(-time.Hour)},
	}
	for i, l := range bad {
		if err := l.Validate(); err == nil {
			t.Errorf("case %d: invalid list accepted", i)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	day := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	base := []BasePrice{{SKU: "BRK", Channel: catalog.B2C, Price: eur(120)}, {SKU: "BRK", Channel: catalog.B2B, Price: eur(90)}}
	lists := []PriceList{
		{ID: "w", Name: "W", Currency: "EUR", Group: "wholesale", Entries: []Entry{{SKU: "BRK", Price: eur(85)}, {SKU: "BRK", MinQuantity: qty.Units(100), Price: eur(80)}}},
		{ID: "a", Name: "A", Currency: "EUR", OrganizationID: "org", Entries: []Entry{{SKU: "BRK", MinQuantity: qty.Units(500), Price: eur(75)}}},
	}
	req := Request{SKU: "BRK", Quantity: qty.Units(200), Buyer: Buyer{OrganizationID: "org", Groups: []string{"wholesale"}}, Channel: catalog.B2B, At: day, TaxRateBP: 2000}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Resolve(req, base, lists); err != nil {
			b.Fatal(err)
		}
	}
}
