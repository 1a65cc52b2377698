package app_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/csvimport"
	"b2x/errs"
	"b2x/inventory"
	"b2x/money"
	"b2x/order"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

func (f *notifyFixture) move(sku string, kind inventory.MovementKind, units int64, warehouse string) {
	f.t.Helper()
	_, err := f.app.RecordMovement(f.ctx, staffActor, app.MovementInput{SKU: sku, Kind: kind, Quantity: qty.Units(units), Warehouse: warehouse})
	f.must(err)
}

func (f *notifyFixture) subscription(id string) store.AlertSubscription {
	f.t.Helper()
	var s store.AlertSubscription
	f.must(f.db.Read(f.ctx, func(tx *store.Tx) (err error) {
		s, err = tx.AlertSubscription(f.ctx, id)
		return err
	}))
	return s
}

func TestSubscribeBackInStockValidates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newNotifyFixture(t, db, false)
		f.product("OUT", 0)
		f.product("HAS", 3)
		cases := []struct {
			in     app.BackInStockInput
			fields []string
		}{
			{app.BackInStockInput{SKU: "OUT"}, []string{"email"}},
			{app.BackInStockInput{SKU: "OUT", Email: "a@example.com", Phone: "+79123456789"}, []string{"phone"}},
			{app.BackInStockInput{SKU: "OUT", Email: "not-an-email"}, []string{"email"}},
			{app.BackInStockInput{SKU: "OUT", Phone: "8 912 345 67 89"}, []string{"phone"}},
			{app.BackInStockInput{SKU: "OUT", Phone: "+1 555"}, []string{"phone"}},
			{app.BackInStockInput{SKU: "OUT", Email: "a@example.com", Lang: "de"}, []string{"lang"}},
			{app.BackInStockInput{SKU: "no such!", Email: "a@example.com"}, []string{"sku"}},
			{app.BackInStockInput{SKU: "NOPE", Email: "a@example.com"}, []string{"sku"}},
			{app.BackInStockInput{SKU: "HAS", Email: "a@example.com"}, []string{"sku"}},
			{app.BackInStockInput{SKU: "OUT", Email: "a@example.com\r\nBcc: x@example.com"}, []string{"email"}},
		}
		for _, c := range cases {
			_, err := f.app.SubscribeBackInStock(f.ctx, app.Actor{}, c.in)
			e, ok := errs.As(err)
			if !ok || e.Code != errs.Invalid || len(e.Fields) != len(c.fields) {
				t.Errorf("%+v: %v, want fields %v", c.in, err, c.fields)
				continue
			}
			for _, fl := range c.fields {
				if !hasField(e, fl) {
					t.Errorf("%+v: %v, want field %s", c.in, err, fl)
				}
			}
		}
		if n, _ := db.CountRows(f.ctx, "alert_subscriptions"); n != 0 {
			t.Fatalf("refused subscriptions wrote %d rows", n)
		}
		s1, err := f.app.SubscribeBackInStock(f.ctx, app.Actor{}, app.BackInStockInput{SKU: "OUT", Phone: "+7 (912) 345-67-89", Lang: "ru"})
		f.must(err)
		if s1.Phone != "+79123456789" || s1.Status != store.AlertActive || s1.Token == "" || s1.Lang != "ru" {
			t.Errorf("subscription %+v", s1)
		}
		s2, err := f.app.SubscribeBackInStock(f.ctx, app.Actor{}, app.BackInStockInput{SKU: "OUT", Phone: "+79123456789"})
		f.must(err)
		if s2.ID != s1.ID || s2.Token != s1.Token {
			t.Errorf("subscribing twice made a second subscription")
		}
	})
}

func TestBackInStockOncePerRestock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newNotifyFixture(t, db, true)
		f.product("BRK", 0)
		byMail, err := f.app.SubscribeBackInStock(f.ctx, app.Actor{}, app.BackInStockInput{SKU: "BRK", Email: "ann@example.com", Lang: "ru"})
		f.must(err)
		bySMS, err := f.app.SubscribeBackInStock(f.ctx, app.Actor{}, app.BackInStockInput{SKU: "BRK", Phone: "+44 7911 123456"})
		f.must(err)

		f.move("BRK", inventory.Receipt, 5, "")
		f.move("BRK", inventory.Receipt, 5, "") // already in stock: no second event
		m := f.smtp.Wait(t, 1)[0]
		f.idle()
		if n := len(f.smtp.Messages()); n != 1 {
			t.Fatalf("%d letters, want 1", n)
		}
		if n := f.jobCount("alerts.back_in_stock"); n != 1 {
			t.Errorf("%d restock events for two receipts in a row, want 1", n)
		}
		if m.To[0] != "ann@example.com" || m.Subject != "Product BRK снова в наличии" ||
			!strings.Contains(m.Text, "https://shop.example/ru/p/BRK") {
			t.Errorf("alert %q to %v:\n%s", m.Subject, m.To, m.Text)
		}
		unsub := "https://shop.example/ru/alerts/unsubscribe?token=" + url.QueryEscape(byMail.Token)
		if m.Header.Get("List-Unsubscribe") != "<"+unsub+">" || !strings.Contains(m.Text, unsub) {
			t.Errorf("unsubscribe link: header %q, text:\n%s", m.Header.Get("List-Unsubscribe"), m.Text)
		}
		sms := f.sms.all()
		if len(sms) != 1 || sms[0] != "+447911123456: Product BRK is back in stock: https://shop.example/en/p/BRK" {
			t.Errorf("text messages %q", sms)
		}
		for _, s := range []store.AlertSubscription{byMail, bySMS} {
			if got := f.subscription(s.ID); got.Status != store.AlertSent || got.ClosedAt.IsZero() {
				t.Errorf("subscription after its alert: %+v", got)
			}
		}

		// Sold out and restocked again: only the new subscriber hears of it.
		f.move("BRK", inventory.Adjustment, -10, "")
		_, err = f.app.SubscribeBackInStock(f.ctx, app.Actor{}, app.BackInStockInput{SKU: "BRK", Email: "bob@example.com"})
		f.must(err)
		f.move("BRK", inventory.Receipt, 1, "")
		if got := f.smtp.Wait(t, 2); got[1].To[0] != "bob@example.com" || got[1].Subject != "Product BRK is back in stock" {
			t.Errorf("second restock alert %q to %v", got[1].Subject, got[1].To)
		}
		f.idle()
		if n := len(f.smtp.Messages()); n != 2 || len(f.sms.all()) != 1 {
			t.Errorf("%d letters and %d texts after two restocks, want 2 and 1", n, len(f.sms.all()))
		}
	})
}

func TestRestockByCancelAndRelease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newNotifyFixture(t, db, true)
		f.product("BRK", 1)
		f.product("TIL", 2)
		o, _, err := f.app.Checkout(f.ctx, app.Actor{}, "k", guestOrder(line("BRK", 1)))
		f.must(err)
		f.must(f.app.Reserve(f.ctx, staffActor, app.ReserveInput{SKU: "TIL", Quantity: qty.Units(2), Reference: "cart-1",
			ExpiresAt: time.Now().Add(time.Hour)}))
		for _, sku := range []string{"BRK", "TIL"} {
			_, err := f.app.SubscribeBackInStock(f.ctx, app.Actor{}, app.BackInStockInput{SKU: sku, Email: "ann@example.com"})
			f.must(err)
		}
		_, err = f.app.TransitionOrder(f.ctx, staffActor, o.ID, order.Cancelled, "")
		f.must(err)
		f.must(f.app.Release(f.ctx, staffActor, "cart-1"))
		got := f.smtp.Wait(t, 3) // the order confirmation and two alerts
		f.idle()
		if alerts := withSubject(got, "Product "); len(alerts) != 2 || len(f.smtp.Messages()) != 3 {
			t.Fatalf("%d alerts among %d letters, want 2 among 3", len(alerts), len(f.smtp.Messages()))
		}
	})
}

// TestConcurrentRestocksMakeOneEvent: two receipts of an empty SKU into two
// warehouses at once find it empty before only once between them.
func TestConcurrentRestocksMakeOneEvent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newNotifyFixture(t, db, false)
		f.must(f.app.UpsertWarehouse(f.ctx, staffActor, inventory.Warehouse{Code: "WEST", Name: "West", Priority: 2}))
		f.product("BRK", 0)
		const rounds = 15
		for range rounds {
			var wg sync.WaitGroup
			for _, w := range []string{"MAIN", "WEST"} {
				wg.Go(func() {
					_, err := f.app.RecordMovement(f.ctx, staffActor, app.MovementInput{SKU: "BRK", Kind: inventory.Receipt,
						Quantity: qty.Units(1), Warehouse: w})
					if err != nil {
						t.Error(err)
					}
				})
			}
			wg.Wait()
			for _, w := range []string{"MAIN", "WEST"} {
				f.move("BRK", inventory.Adjustment, -1, w)
			}
		}
		if n := f.jobCount("alerts.back_in_stock"); n != rounds {
			t.Fatalf("%d restock events in %d rounds, want one a round", n, rounds)
		}
		f.ledgerBalanced()
	})
}

func TestNewArrivals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newNotifyFixture(t, db, true)
		f.must(f.app.UpsertCategory(f.ctx, staffActor, catalog.Category{Slug: "red-bricks", Name: "Red bricks", Parent: "bricks"}))
		f.must(f.app.UpsertCategory(f.ctx, staffActor, catalog.Category{Slug: "tiles", Name: "Tiles"}))
		subscribe := func(in app.NewArrivalsInput) store.AlertSubscription {
			s, err := f.app.SubscribeNewArrivals(f.ctx, app.Actor{}, in)
			f.must(err)
			return s
		}
		for _, c := range []struct {
			in    app.NewArrivalsInput
			field string
		}{
			{app.NewArrivalsInput{Email: "a@example.com"}, "category"},
			{app.NewArrivalsInput{Category: "tiles", Brand: "Acme", Email: "a@example.com"}, "brand"},
			{app.NewArrivalsInput{Category: "nope", Email: "a@example.com"}, "category"},
			{app.NewArrivalsInput{Brand: "Acme\nX", Email: "a@example.com"}, "brand"},
			{app.NewArrivalsInput{Brand: "Acme"}, "email"},
		} {
			_, err := f.app.SubscribeNewArrivals(f.ctx, app.Actor{}, c.in)
			if e, ok := errs.As(err); !ok || !hasField(e, c.field) {
				t.Errorf("%+v: %v, want field %s", c.in, err, c.field)
			}
		}
		bricks := subscribe(app.NewArrivalsInput{Category: "bricks", Email: "cat@example.com", Lang: "ru"})
		acme := subscribe(app.NewArrivalsInput{Brand: "ACME", Email: "brand@example.com"})
		subscribe(app.NewArrivalsInput{Category: "tiles", Email: "tiles@example.com"})
		if again := subscribe(app.NewArrivalsInput{Brand: "acme", Email: "brand@example.com"}); again.ID != acme.ID {
			t.Error("a brand spelt otherwise made a second subscription")
		}

		add := func(sku, category, brand string, status catalog.Status) {
			_, err := f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
				Product: catalog.Product{SKU: sku, Name: "New " + sku, Category: category, Brand: brand, Kind: catalog.Goods, Unit: "pcs",
					Channels: catalog.Channels{catalog.B2C}, Status: status, TaxRateBP: 2000},
				Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(100, "EUR")},
			})
			f.must(err)
		}
		add("RED-1", "red-bricks", "Acme", catalog.Active)
		add("DRAFT-1", "red-bricks", "Acme", catalog.Draft) // not shown in the shop: no alert
		got := f.smtp.Wait(t, 2)
		f.idle()
		if len(f.smtp.Messages()) != 2 {
			t.Fatalf("%d letters, want 2", len(f.smtp.Messages()))
		}
		to := map[string]string{}
		for _, m := range got {
			to[m.To[0]] = m.Subject + "\n" + m.Text
			if strings.Contains(m.Text, "DRAFT-1") {
				t.Errorf("a draft product was announced:\n%s", m.Text)
			}
		}
		if !strings.Contains(to["cat@example.com"], "Новые поступления: Bricks") || !strings.Contains(to["cat@example.com"], "New RED-1 (RED-1)") {
			t.Errorf("category letter:\n%s", to["cat@example.com"])
		}
		if !strings.Contains(to["brand@example.com"], "New arrivals: Acme") {
			t.Errorf("brand letter:\n%s", to["brand@example.com"])
		}

		// Unsubscribed, the brand subscriber hears nothing more; an import of
		// two products is one letter listing both.
		f.must(f.app.Unsubscribe(f.ctx, acme.Token))
		f.must(f.app.Unsubscribe(f.ctx, acme.Token)) // opening the link twice is fine
		if err := f.app.Unsubscribe(f.ctx, "no-such-token"); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("unknown token: %v", err)
		}
		var rows []csvimport.ProductRow
		for i, sku := range []string{"RED-2", "RED-3"} {
			rows = append(rows, csvimport.ProductRow{Row: i + 2, Product: catalog.Product{SKU: sku, Name: "New " + sku, Category: "red-bricks",
				Brand: "Acme", Kind: catalog.Goods, Unit: "pcs", Channels: catalog.Channels{catalog.B2C}, TaxRateBP: 2000},
				Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(100, "EUR")}})
		}
		_, err := f.app.ImportProducts(f.ctx, staffActor, rows, nil)
		f.must(err)
		third := f.smtp.Wait(t, 3)[2]
		f.idle()
		if len(f.smtp.Messages()) != 3 || third.To[0] != "cat@example.com" || !strings.Contains(third.Text, "RED-2") || !strings.Contains(third.Text, "RED-3") {
			t.Errorf("%d letters; the import's went to %v:\n%s", len(f.smtp.Messages()), third.To, third.Text)
		}
		if s := f.subscription(bricks.ID); s.Status != store.AlertActive {
			t.Errorf("a new-arrivals subscription closed after an alert: %+v", s)
		}
		if s := f.subscription(acme.ID); s.Status != store.AlertUnsubscribed {
			t.Errorf("after unsubscribing: %+v", s)
		}
	})
}

// TestAlertEventHandledTwiceSendsOnce: an event's job that runs again (it
// committed its alerts and then the process died before River recorded it
// done) enqueues no alert a second time.
func TestAlertEventHandledTwiceSendsOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newNotifyFixture(t, db, false)
		f.product("BRK", 0)
		_, err := f.app.SubscribeBackInStock(f.ctx, app.Actor{}, app.BackInStockInput{SKU: "BRK", Email: "ann@example.com"})
		f.must(err)
		f.move("BRK", inventory.Receipt, 1, "")
		events, err := f.app.Jobs().List(f.ctx, "alerts.back_in_stock", 10)
		f.must(err)
		if len(events) != 1 {
			t.Fatalf("%d events", len(events))
		}
		// The same event enqueued again, as a retry would run it.
		var args map[string]any
		f.must(json.Unmarshal(events[0].Args, &args))
		f.must(db.Write(f.ctx, func(tx *store.Tx) error {
			return f.app.Enqueue(f.ctx, tx, rawEvent{args}, nil)
		}))
		f.start()
		f.smtp.Wait(t, 1)
		f.idle()
		if n := len(f.smtp.Messages()); n != 1 {
			t.Fatalf("%d alerts for one event handled twice", n)
		}
		if n := f.jobCount("alerts.send"); n != 1 {
			t.Fatalf("%d alert jobs", n)
		}
	})
}

// rawEvent re-enqueues a back-in-stock event with the arguments it was stored with.
type rawEvent struct{ args map[string]any }

func (rawEvent) Kind() string                   { return "alerts.back_in_stock" }
func (e rawEvent) MarshalJSON() ([]byte, error) { return json.Marshal(e.args) }

// TestTwoRestocksBeforeTheAlertsRunSendOne: a SKU restocked, sold out and
// restocked again before any alert ran makes two events and two alerts for a
// subscription; they run together and one letter goes out.
func TestTwoRestocksBeforeTheAlertsRunSendOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newNotifyFixture(t, db, false)
		f.product("BRK", 0)
		s, err := f.app.SubscribeBackInStock(f.ctx, app.Actor{}, app.BackInStockInput{SKU: "BRK", Email: "ann@example.com"})
		f.must(err)
		f.move("BRK", inventory.Receipt, 1, "")
		f.move("BRK", inventory.Adjustment, -1, "")
		f.move("BRK", inventory.Receipt, 1, "")
		if n := f.jobCount("alerts.back_in_stock"); n != 2 {
			t.Fatalf("%d restock events, want 2", n)
		}
		f.start()
		f.smtp.Wait(t, 1)
		f.idle()
		// The second event queues its alert only when it runs before the first
		// alert has closed the subscription; either way one letter goes.
		if n, m := len(f.smtp.Messages()), f.jobCount("alerts.send"); n != 1 || m < 1 || m > 2 {
			t.Fatalf("%d letters from %d alert jobs, want 1 from 1 or 2", n, m)
		}
		if got := f.subscription(s.ID); got.Status != store.AlertSent {
			t.Errorf("subscription %+v", got)
		}
	})
}
