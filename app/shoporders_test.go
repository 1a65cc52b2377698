package app_test

import (
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

func TestShopOrdersAreSeenOnlyByTheirCustomer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("SHOP-1", 10)
		ana, err := f.app.CreatePerson(f.ctx, staffActor, party.Person{Name: "Ana", Email: "ana@example.com"})
		f.must(err)
		bob, err := f.app.CreatePerson(f.ctx, staffActor, party.Person{Name: "Bob", Email: "bob@example.com"})
		f.must(err)
		lines := []app.CheckoutLine{{SKU: "SHOP-1", Quantity: qty.Units(1)}}
		anas, _, err := f.app.Checkout(f.ctx, staffActor, "k-ana", app.CheckoutInput{Channel: catalog.B2C, PersonID: ana.ID, Lines: lines})
		f.must(err)

		asAna, asBob := app.Actor{PersonID: ana.ID}, app.Actor{PersonID: bob.ID}
		if o, err := f.app.MyOrder(f.ctx, asAna, anas.ID); err != nil || o.Number != anas.Number {
			t.Fatalf("Ana reads her order: %v %v", o.Number, err)
		}
		if _, err := f.app.MyOrder(f.ctx, asBob, anas.ID); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("Bob reads Ana's order: %v, want not found", err)
		}
		if _, err := f.app.MyOrder(f.ctx, app.Actor{}, anas.ID); errs.CodeOf(err) != errs.Unauthorized {
			t.Fatalf("the public reads an order: %v, want unauthorized", err)
		}
		mine, err := f.app.MyOrders(f.ctx, asAna, time.Time{}, "", 10)
		if err != nil || len(mine) != 1 || mine[0].ID != anas.ID {
			t.Fatalf("Ana's orders: %v %v", mine, err)
		}
		if theirs, err := f.app.MyOrders(f.ctx, asBob, time.Time{}, "", 10); err != nil || len(theirs) != 0 {
			t.Fatalf("Bob's orders: %v %v", theirs, err)
		}
	})
}

func TestGuestReadsTheOrderOfItsCheckoutKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("SHOP-2", 10)
		key := app.NewShopCheckoutKey()
		if !app.ValidShopCheckoutKey(key) {
			t.Fatalf("key %q is not valid", key)
		}
		placed, _, err := f.app.Checkout(f.ctx, app.Actor{}, key, app.CheckoutInput{Channel: catalog.B2C,
			Guest: &order.Guest{Name: "Guest", Email: "guest@example.com"}, Lines: []app.CheckoutLine{{SKU: "SHOP-2", Quantity: qty.Units(2)}}})
		f.must(err)
		o, err := f.app.OrderByCheckoutKey(f.ctx, key)
		if err != nil || o.ID != placed.ID {
			t.Fatalf("order by key: %v %v", o.ID, err)
		}
		// A key the shop did not make, or one that placed nothing, opens nothing.
		_, _, err = f.app.Checkout(f.ctx, app.Actor{}, "client-chosen-1", app.CheckoutInput{Channel: catalog.B2C,
			Guest: &order.Guest{Name: "Guest", Email: "guest@example.com"}, Lines: []app.CheckoutLine{{SKU: "SHOP-2", Quantity: qty.Units(1)}}})
		f.must(err)
		for _, k := range []string{"client-chosen-1", app.NewShopCheckoutKey(), "shop-zz", ""} {
			if _, err := f.app.OrderByCheckoutKey(f.ctx, k); errs.CodeOf(err) != errs.NotFound {
				t.Errorf("key %q: %v, want not found", k, err)
			}
		}
	})
}

// A trade customer sees the trade list's price on a product page, with the retail
// price as the saving; the public sees the retail price.
func TestProductPagePriceForTheVisitor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("TRADE-1", 5) // 1.20 gross retail, 20 % VAT
		_, err := f.app.CreatePriceList(f.ctx, staffActor, pricing.PriceList{Name: "Trade", Currency: "EUR", Group: "trade",
			Entries: []pricing.Entry{{SKU: "TRADE-1", MinQuantity: qty.Units(1), Price: money.MustNew(80, "EUR")}}})
		f.must(err)
		pro, err := f.app.CreatePerson(f.ctx, staffActor, party.Person{Name: "Builder", Trade: true})
		f.must(err)
		public, err := f.app.ProductPage(f.ctx, app.Actor{}, "TRADE-1")
		f.must(err)
		if public.Price != money.MustNew(120, "EUR") || public.ListPrice.Currency != "" {
			t.Fatalf("public price %v (list %v), want 1.20 and no saving", public.Price, public.ListPrice)
		}
		trade, err := f.app.ProductPage(f.ctx, app.Actor{PersonID: pro.ID}, "TRADE-1")
		f.must(err)
		if trade.Price != money.MustNew(96, "EUR") || trade.ListPrice != money.MustNew(120, "EUR") {
			t.Fatalf("trade price %v (list %v), want 0.96 gross with 1.20 as the saving", trade.Price, trade.ListPrice)
		}
	})
}
