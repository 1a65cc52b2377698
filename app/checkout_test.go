package app_test

import (
	"fmt"
	"reflect"
	"sync"
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/inventory"
	"b2x/order"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

func guestOrder(lines ...app.CheckoutLine) app.CheckoutInput {
	return app.CheckoutInput{Channel: catalog.B2C, Guest: &order.Guest{Name: "Ann Homeowner", Email: "ann@example.com"}, Lines: lines}
}

func line(sku string, units int64) app.CheckoutLine {
	return app.CheckoutLine{SKU: sku, Quantity: qty.Units(units)}
}

func TestCheckoutPricesTakesStockAndRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("BRK", 100)
		o, replayed, err := f.app.Checkout(f.ctx, app.Actor{}, "k1", guestOrder(line("BRK", 3)))
		if err != nil || replayed {
			t.Fatal(err, replayed)
		}
		if o.Status != order.Placed || o.Number == "" || o.Total.String() != "3.60" || o.Tax.String() != "0.60" || o.Currency != "EUR" {
			t.Errorf("order: %+v", o)
		}
		if l := o.Lines[0]; l.UnitPrice.String() != "1.20" || l.PriceRule.Kind != "base" {
			t.Errorf("line: %+v", l)
		}
		if st := f.stock("BRK"); st.OnHand != qty.Units(97) {
			t.Errorf("on hand %s, want 97", st.OnHand)
		}
		got, err := f.app.Order(f.ctx, staffActor, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Number != o.Number || len(got.Lines) != 1 || len(got.Transitions) != 1 || got.Total != o.Total {
			t.Errorf("stored order differs: %+v", got)
		}
		f.ledgerBalanced()
	})
}

func TestCheckoutRefusesBadInputAndWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("BRK", 10)
		f.product("B2B-ONLY", 10)
		_, err := f.app.UpdateProduct(f.ctx, staffActor, "B2B-ONLY", app.ProductPatch{Channels: &catalog.Channels{catalog.B2B}})
		f.must(err)
		before := f.counts()
		tests := []struct {
			name  string
			in    app.CheckoutInput
			field string
		}{
			{"unknown sku", guestOrder(line("NOPE", 1)), "lines[0].sku"},
			{"quantity 0", guestOrder(line("BRK", 0)), "lines[0].quantity"},
			{"negative", guestOrder(line("BRK", -1)), "lines[0].quantity"},
			{"fraction of a piece", guestOrder(app.CheckoutLine{SKU: "BRK", Quantity: 1500}), "lines[0].quantity"},
			{"10^12", guestOrder(line("BRK", 1_000_000_000_000)), "lines[0].quantity"},
			{"no lines", guestOrder(), "lines"},
			{"same sku twice", guestOrder(line("BRK", 1), line("BRK", 1)), "lines[1].sku"},
			{"b2b product in the shop", guestOrder(line("B2B-ONLY", 1)), "lines[0].sku"},
			{"no customer", app.CheckoutInput{Channel: catalog.B2C, Lines: []app.CheckoutLine{line("BRK", 1)}}, "guest"},
			{"bad email", app.CheckoutInput{Channel: catalog.B2C, Guest: &order.Guest{Name: "A", Email: "not-mail"}, Lines: []app.CheckoutLine{line("BRK", 1)}}, "guest.email"},
			{"bad channel", app.CheckoutInput{Channel: "b2g", Guest: &order.Guest{Name: "A", Email: "a@b.c"}, Lines: []app.CheckoutLine{line("BRK", 1)}}, "channel"},
		}
		for i, tt := range tests {
			_, _, err := f.app.Checkout(f.ctx, app.Actor{}, fmt.Sprintf("bad-%d", i), tt.in)
			e, ok := errs.As(err)
			if !ok || e.Code != errs.Invalid || !hasField(e, tt.field) {
				t.Errorf("%s: got %v, want invalid %s", tt.name, err, tt.field)
			}
		}
		_, _, err = f.app.Checkout(f.ctx, app.Actor{}, "too-many", guestOrder(line("BRK", 11)))
		if e, ok := errs.As(err); !ok || e.Code != errs.Conflict || e.Detail["sku"] != "BRK" || e.Detail["available"] != qty.Units(10) {
			t.Errorf("too little stock: %v", err)
		}
		if after := f.counts(); !reflect.DeepEqual(before, after) {
			t.Errorf("refused orders wrote rows: before %v after %v", before, after)
		}
	})
}

func hasField(e *errs.Error, field string) bool {
	for _, f := range e.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}

// TestCheckoutNeverOversells is the figure: 200 concurrent orders of one
// unit against 10 in stock.
func TestCheckoutNeverOversells(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("HOT", 10)
		const buyers = 200
		var wg sync.WaitGroup
		results := make(chan error, buyers)
		for i := range buyers {
			wg.Go(func() {
				_, _, err := f.app.Checkout(f.ctx, app.Actor{}, fmt.Sprintf("buyer-%d", i), guestOrder(line("HOT", 1)))
				results <- err
			})
		}
		wg.Wait()
		close(results)
		ok, conflicts := 0, 0
		for err := range results {
			switch errs.CodeOf(err) {
			case "":
				ok++
			case errs.Conflict:
				conflicts++
			default:
				if err == nil {
					ok++
					continue
				}
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 10 || conflicts != buyers-10 {
			t.Errorf("%d orders succeeded and %d got a conflict; want 10 and %d", ok, conflicts, buyers-10)
		}
		if st := f.stock("HOT"); st.OnHand != 0 {
			t.Errorf("on hand %s, want 0", st.OnHand)
		}
		f.ledgerBalanced()
	})
}

// TestCheckoutIdempotency sends one key 20 times at once, then once with another body.
func TestCheckoutIdempotency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("BRK", 100)
		in := guestOrder(line("BRK", 2))
		var wg sync.WaitGroup
		type result struct {
			o   order.Order
			err error
		}
		results := make(chan result, 20)
		for range 20 {
			wg.Go(func() {
				o, _, err := f.app.Checkout(f.ctx, app.Actor{}, "same-key", in)
				results <- result{o, err}
			})
		}
		wg.Wait()
		close(results)
		ids := map[string]bool{}
		for r := range results {
			switch {
			case r.err == nil:
				ids[r.o.ID] = true
			case errs.CodeOf(r.err) == errs.Conflict:
			default:
				t.Errorf("unexpected error: %v", r.err)
			}
		}
		if len(ids) != 1 {
			t.Errorf("%d different orders for one key", len(ids))
		}
		if n, _ := db.CountRows(f.ctx, "orders"); n != 1 {
			t.Errorf("%d orders in the database", n)
		}
		if st := f.stock("BRK"); st.OnHand != qty.Units(98) {
			t.Errorf("on hand %s, want 98", st.OnHand)
		}
		before := f.counts()
		_, _, err := f.app.Checkout(f.ctx, app.Actor{}, "same-key", guestOrder(line("BRK", 5)))
		if e, ok := errs.As(err); !ok || e.Code != errs.Invalid || !hasField(e, "Idempotency-Key") {
			t.Errorf("same key, other body: %v", err)
		}
		if after := f.counts(); !reflect.DeepEqual(before, after) {
			t.Errorf("the refused request wrote rows")
		}
	})
}

func TestTransitionsAndRestock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("BRK", 10)
		o, _, err := f.app.Checkout(f.ctx, app.Actor{}, "t1", guestOrder(line("BRK", 4)))
		f.must(err)
		if _, err := f.app.TransitionOrder(f.ctx, staffActor, o.ID, order.Completed, ""); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("placed → completed: %v", err)
		}
		for _, to := range []order.Status{order.Confirmed, order.Shipped, order.Delivered} {
			if o, err = f.app.TransitionOrder(f.ctx, staffActor, o.ID, to, ""); err != nil {
				t.Fatal(to, err)
			}
		}
		if len(o.Transitions) != 4 || o.Transitions[3].From != order.Shipped || o.Transitions[3].To != order.Delivered {
			t.Errorf("transitions: %+v", o.Transitions)
		}
		if _, err := f.app.TransitionOrder(f.ctx, staffActor, o.ID, order.Returned, "broken on arrival"); err != nil {
			t.Fatal(err)
		}
		if st := f.stock("BRK"); st.OnHand != qty.Units(10) {
			t.Errorf("returned goods not back in stock: %s", st.OnHand)
		}
		f.ledgerBalanced()
		if _, err := f.app.TransitionOrder(f.ctx, app.Actor{}, o.ID, order.Completed, ""); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("the public moved an order: %v", err)
		}
	})
}

// TestCheckoutAcrossWarehouses: while small warehouses run dry under concurrent
// orders, no order is refused as long as a later warehouse has stock.
func TestCheckoutAcrossWarehouses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("HOT", 3) // 3 in MAIN
		for i := 1; i <= 5; i++ {
			code := fmt.Sprintf("W%d", i)
			f.must(f.app.UpsertWarehouse(f.ctx, staffActor, inventory.Warehouse{Code: code, Name: code, Priority: i}))
			units := int64(3)
			if i == 5 {
				units = 1000
			}
			_, err := f.app.RecordMovement(f.ctx, staffActor, app.MovementInput{SKU: "HOT", Kind: inventory.Receipt, Quantity: qty.Units(units), Warehouse: code})
			f.must(err)
		}
		var wg sync.WaitGroup
		errc := make(chan error, 64)
		for i := range 64 {
			wg.Go(func() {
				_, _, err := f.app.Checkout(f.ctx, app.Actor{}, fmt.Sprintf("w-%d", i), guestOrder(line("HOT", 1)))
				errc <- err
			})
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			if err != nil {
				t.Errorf("refused with stock on the shelf: %v", err)
			}
		}
		if st := f.stock("HOT"); st.OnHand != qty.Units(1015-64) {
			t.Errorf("on hand %s, want %d", st.OnHand, 1015-64)
		}
		f.ledgerBalanced()
	})
}

// TestReplayAfterStockRanOut: a retry of an order that succeeded gets that order
// back even though the stock it took is gone now.
func TestReplayAfterStockRanOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("LAST", 1)
		first, _, err := f.app.Checkout(f.ctx, app.Actor{}, "only-one", guestOrder(line("LAST", 1)))
		f.must(err)
		again, replayed, err := f.app.Checkout(f.ctx, app.Actor{}, "only-one", guestOrder(line("LAST", 1)))
		if err != nil || !replayed || again.ID != first.ID {
			t.Errorf("retry: %v replayed=%v id %s vs %s", err, replayed, again.ID, first.ID)
		}
		_, _, err = f.app.Checkout(f.ctx, app.Actor{}, "only-one", guestOrder(line("LAST", 2)))
		if e, ok := errs.As(err); !ok || !hasField(e, "Idempotency-Key") {
			t.Errorf("same key, other body, no stock: %v", err)
		}
	})
}
