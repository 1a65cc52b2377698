package store_test

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"b2x/catalog"
	"b2x/ids"
	"b2x/loyalty"
	"b2x/money"
	"b2x/order"
	"b2x/payment"
	"b2x/store"
	"b2x/store/storetest"
)

var shopTime = time.Date(2026, 5, 6, 7, 8, 9, 123456789, time.UTC)

// TestLoyaltyPointsGuard: a debit never takes a card below zero, a balance that
// drifts from its ledger is caught, and two transactions issuing a card for one
// phone end with one card.
func TestLoyaltyPointsGuard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var cards [8]loyalty.Card
		var wg sync.WaitGroup
		for i := range cards {
			wg.Go(func() {
				must(t, db.Write(ctx, func(tx *store.Tx) (err error) {
					cards[i], _, err = tx.EnsureLoyaltyCard(ctx, loyalty.Card{ID: ids.New(), Phone: "+79161234567", CreatedAt: shopTime})
					return err
				}))
			})
		}
		wg.Wait()
		for _, c := range cards {
			if c.ID != cards[0].ID || c.Points != 0 || c.CreatedAt != shopTime.Truncate(time.Microsecond) {
				t.Fatalf("one phone, cards %+v and %+v", c, cards[0])
			}
		}
		id := cards[0].ID
		move := func(points int64) error {
			return db.Write(ctx, func(tx *store.Tx) error {
				return tx.MovePoints(ctx, loyalty.Entry{ID: ids.New(), CardID: id, Kind: loyalty.Adjust, Points: points, By: "test", At: shopTime})
			})
		}
		must(t, move(100))
		if err := move(-101); !errors.Is(err, store.ErrNotEnoughPoints) {
			t.Errorf("overdraw: %v", err)
		}
		must(t, move(-100))
		var card loyalty.Card
		var ledger []loyalty.Entry
		must(t, db.Read(ctx, func(tx *store.Tx) (err error) {
			if card, err = tx.LoyaltyCard(ctx, id); err != nil {
				return err
			}
			ledger, err = tx.LoyaltyEntries(ctx, id)
			return err
		}))
		if card.Points != 0 || len(ledger) != 2 || loyalty.Balance(ledger) != 0 {
			t.Errorf("card %+v, ledger %+v", card, ledger)
		}
		mismatches := func() []string {
			var bad []string
			must(t, db.Read(ctx, func(tx *store.Tx) (err error) {
				bad, err = tx.LoyaltyMismatches(ctx)
				return err
			}))
			return bad
		}
		if bad := mismatches(); len(bad) != 0 {
			t.Errorf("mismatches %v", bad)
		}
		must(t, db.ExecRaw(ctx, `UPDATE loyalty_cards SET points = 5 WHERE id = $1`, id))
		if bad := mismatches(); !reflect.DeepEqual(bad, []string{"+79161234567"}) {
			t.Errorf("a balance changed without an entry was not caught: %v", bad)
		}
		if err := db.ExecRaw(ctx, `UPDATE loyalty_cards SET points = -1 WHERE id = $1`, id); err == nil {
			t.Error("the CHECK let a balance go below zero")
		}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.LinkLoyaltyCard(ctx, id, ids.New(), shopTime) }); err == nil {
			t.Error("a card was linked to a person who does not exist")
		}
	})
}

// TestOrderAdjustmentsAndPaymentRoundTrip: an order's adjustments, line discounts,
// card and payment read back as written, and a payment moves only from the
// status it is in.
func TestOrderAdjustmentsAndPaymentRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := shopOrderTemplate(t, db)
		var card loyalty.Card
		must(t, db.Write(ctx, func(tx *store.Tx) (err error) {
			card, _, err = tx.EnsureLoyaltyCard(ctx, loyalty.Card{ID: ids.New(), Phone: "+989123456789", CreatedAt: shopTime})
			return err
		}))
		eur := func(m int64) money.Amount { return money.MustNew(m, "EUR") }
		o.ID, o.LoyaltyCardID = ids.New(), card.ID
		o.Lines[0].Discount = eur(150)
		o.Adjustments = []order.Adjustment{
			{Kind: order.CouponDiscount, Ref: "TEN", Label: "coupon TEN", Net: eur(-125), Tax: eur(-25), Gross: eur(-150)},
			{Kind: order.DeliveryFee, Ref: "carrier", Label: "Parcel", Net: eur(825), Tax: eur(165), Gross: eur(990)},
		}
		p := payment.Payment{OrderID: o.ID, Method: payment.Card, Status: payment.Authorized, Amount: eur(2190),
			Provider: "test", Reference: "ref-1", CardLast4: "4242", CreatedAt: shopTime, UpdatedAt: shopTime}
		must(t, db.Write(ctx, func(tx *store.Tx) error {
			if err := tx.InsertOrder(ctx, &o); err != nil {
				return err
			}
			return tx.InsertPayment(ctx, &p)
		}))
		var got order.Order
		must(t, db.Read(ctx, func(tx *store.Tx) (err error) {
			got, err = tx.Order(ctx, o.ID)
			return err
		}))
		p.CreatedAt, p.UpdatedAt = shopTime.Truncate(time.Microsecond), shopTime.Truncate(time.Microsecond)
		if !reflect.DeepEqual(got.Adjustments, o.Adjustments) || got.Lines[0].Discount != eur(150) || got.LoyaltyCardID != card.ID ||
			got.Payment == nil || *got.Payment != p {
			t.Errorf("read back %+v / %+v", got, got.Payment)
		}
		err := db.Write(ctx, func(tx *store.Tx) error {
			return tx.MovePayment(ctx, o.ID, payment.Pending, payment.Captured, shopTime)
		})
		if err == nil {
			t.Error("a payment moved from a status it was not in")
		}
		must(t, db.Write(ctx, func(tx *store.Tx) error {
			return tx.MovePayment(ctx, o.ID, payment.Authorized, payment.Captured, shopTime)
		}))
		if err := db.ExecRaw(ctx, `INSERT INTO order_adjustments (order_id, seq, kind, net, tax, gross) VALUES ($1, 9, 'coupon', 1, 1, 3)`, o.ID); err == nil {
			t.Error("an adjustment whose net and tax do not add up was stored")
		}
	})
}

// shopOrderTemplate adds a product and returns a one-line b2c guest order of
// 20.00 for it, not yet written.
func shopOrderTemplate(t *testing.T, db *store.DB) order.Order {
	t.Helper()
	ctx := context.Background()
	must(t, db.Write(ctx, func(tx *store.Tx) error {
		p := catalog.Product{ID: ids.New(), SKU: "SHOP-1", Name: "Shop product", Kind: catalog.Goods, Unit: "pcs",
			Channels: catalog.Channels{catalog.B2C}, Status: catalog.Active, TaxRateBP: 2000, CreatedAt: shopTime, UpdatedAt: shopTime}
		return tx.InsertProduct(ctx, &p)
	}))
	return order.Order{ID: ids.New(), Channel: catalog.B2C, Status: order.Placed, Currency: "EUR", PricesIncludeTax: true,
		DeliveryMethod: order.Carrier, Customer: order.Customer{Guest: &order.Guest{Name: "Ann", Email: "ann@example.com"}},
		PlacedAt: shopTime, UpdatedAt: shopTime,
		Lines: []order.Line{{No: 1, SKU: "SHOP-1", Name: "Shop product", Kind: catalog.Goods, Unit: "pcs", Quantity: 1000,
			UnitPrice: money.MustNew(2000, "EUR"), TaxRateBP: 2000, Net: money.MustNew(1667, "EUR"), Tax: money.MustNew(333, "EUR"),
			Gross: money.MustNew(2000, "EUR")}}}
}

// insertShopOrder writes a copy of o under a new id and returns the id.
func insertShopOrder(t *testing.T, db *store.DB, o order.Order) string {
	t.Helper()
	o.ID = ids.New()
	must(t, db.Write(context.Background(), func(tx *store.Tx) error { return tx.InsertOrder(context.Background(), &o) }))
	return o.ID
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
