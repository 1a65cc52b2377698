package app_test

import (
	"maps"
	"testing"
	"time"

	"b2x/app"
	"b2x/contract"
	"b2x/errs"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

func TestContracts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		buyer := buyerOf(f.tech)
		eur := func(m int64) money.Amount { return money.MustNew(m, "EUR") }
		now := time.Now().UTC()
		in := contract.Contract{OrganizationID: f.org.ID, Name: "Framework", Currency: "EUR",
			Prices:     []pricing.Entry{{SKU: "BRK", Price: eur(75)}, {SKU: "BRK", MinQuantity: qty.Units(1000), Price: eur(70)}},
			Commitment: contract.Commitment{Kind: contract.AmountKind, Amount: eur(100000)},
			StartsAt:   now.Add(-24 * time.Hour), EndsAt: now.AddDate(1, 0, 0), Terms: "Reviewed quarterly"}

		before := f.b2bCounts()
		bad := in
		bad.Prices = []pricing.Entry{{SKU: "TOY", Price: eur(1)}}
		_, err := f.app.CreateContract(f.ctx, staffActor, bad)
		expectField(t, "a b2c product", err, "prices[0].sku")
		bad = in
		bad.EndsAt = bad.StartsAt
		_, err = f.app.CreateContract(f.ctx, staffActor, bad)
		expectField(t, "no term", err, "ends_at")
		_, err = f.app.CreateContract(f.ctx, buyer, in)
		expectCode(t, "a buyer makes a contract", err, errs.Forbidden)
		if after := f.b2bCounts(); !maps.Equal(before, after) {
			t.Errorf("refused contracts wrote rows:\nbefore %v\nafter  %v", before, after)
		}

		v, err := f.app.CreateContract(f.ctx, staffActor, in)
		f.must(err)
		c := v.Contract
		if c.PriceListID == "" || v.Consumption.Status != contract.Active || v.Consumption.Net.String() != "0.00" || v.Consumption.Met {
			t.Fatalf("created %+v", v)
		}
		// The agreed prices apply to the organization's orders in the term...
		o, _, err := f.app.PlaceCompanyOrder(f.ctx, buyer, "c-1", app.CompanyOrderInput{Lines: []app.CheckoutLine{line("BRK", 100), line("CEM-KG", 10)}})
		f.must(err)
		if l := o.Lines[0]; l.UnitPrice.String() != "0.75" || l.PriceRule.PriceListID != c.PriceListID {
			t.Errorf("contract price not applied: %+v", l)
		}
		cancelled, _, err := f.app.PlaceCompanyOrder(f.ctx, buyer, "c-2", app.CompanyOrderInput{Lines: []app.CheckoutLine{line("BRK", 200)}})
		f.must(err)
		_, err = f.app.TransitionOrder(f.ctx, staffActor, cancelled.ID, order.Cancelled, "")
		f.must(err)
		// ... and an order from before the term neither gets them nor counts.
		early := app.New(db, app.WithClock(func() time.Time { return now.Add(-48 * time.Hour) }))
		old, _, err := early.PlaceCompanyOrder(f.ctx, buyer, "c-3", app.CompanyOrderInput{Lines: []app.CheckoutLine{line("BRK", 100)}})
		f.must(err)
		if old.Lines[0].UnitPrice.String() != "0.90" {
			t.Errorf("price before the term: %s", old.Lines[0].UnitPrice)
		}
		v, err = f.app.Contract(f.ctx, buyer, c.ID)
		f.must(err)
		// Only BRK counts (the contract's SKUs): 100 × 0.75.
		if u := v.Consumption; u.Net.String() != "75.00" || u.Orders != 1 || u.Quantity != qty.Units(100) ||
			u.RemainingAmount.String() != "925.00" || u.ReachedBP != 750 {
			t.Errorf("consumption %+v", u)
		}

		// A quantity commitment on cement counts kilograms of cement only.
		kg := contract.Contract{OrganizationID: f.org.ID, Name: "Cement", Currency: "EUR",
			Prices:     []pricing.Entry{{SKU: "CEM-KG", Price: eur(45)}},
			Commitment: contract.Commitment{Kind: contract.QuantityKind, Quantity: qty.Units(40)},
			StartsAt:   now.Add(-time.Hour), EndsAt: now.AddDate(0, 6, 0)}
		kv, err := f.app.CreateContract(f.ctx, staffActor, kg)
		f.must(err)
		if u := kv.Consumption; u.Quantity != qty.Units(10) || u.RemainingQuantity != qty.Units(30) || u.ReachedBP != 2500 {
			t.Errorf("quantity consumption %+v", u)
		}

		// Changing the prices changes the price list; the version guards the write.
		prices := []pricing.Entry{{SKU: "BRK", Price: eur(72)}}
		name := "Framework 2"
		v, err = f.app.UpdateContract(f.ctx, staffActor, c.ID, app.ContractChanges{Name: &name, Prices: &prices})
		f.must(err)
		if v.Contract.Version != 2 || len(v.Contract.Prices) != 1 || v.Contract.PriceListID != c.PriceListID {
			t.Errorf("updated %+v", v.Contract)
		}
		lists, err := f.app.PriceLists(f.ctx, buyer, f.org.ID)
		if err != nil || len(lists) != 2 || lists[0].Name != "Contract: Framework 2" || len(lists[0].Entries) != 1 ||
			lists[0].Entries[0].Price.String() != "0.72" {
			t.Errorf("price lists: %v %+v", err, lists)
		}
		usd := contract.Commitment{Kind: contract.AmountKind, Amount: money.MustNew(1, "USD")}
		_, err = f.app.UpdateContract(f.ctx, staffActor, c.ID, app.ContractChanges{Commitment: &usd})
		expectField(t, "a commitment in another currency", err, "commitment.amount")

		// Another organization's buyer sees none of it.
		other := f.organization("Other AG", 1_000_000)
		stranger := buyerOf(f.contact(other.ID, "Stranger", party.DecisionMaker, 1))
		if _, err := f.app.Contract(f.ctx, stranger, c.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("another organization's contract: %v", err)
		}
		if cs, err := f.app.Contracts(f.ctx, stranger, f.org.ID); err != nil || len(cs) != 0 {
			t.Errorf("a filter naming another organization: %v %d", err, len(cs))
		}
		if _, err := f.app.PriceLists(f.ctx, stranger, f.org.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("another organization's price lists: %v", err)
		}
		cs, err := f.app.Contracts(f.ctx, staffActor, f.org.ID)
		if err != nil || len(cs) != 2 || cs[0].Contract.ID != c.ID {
			t.Errorf("staff list: %v %d", err, len(cs))
		}
		_, err = f.app.Contracts(f.ctx, staffActor, "")
		expectField(t, "staff without an organization", err, "organization_id")
	})
}
