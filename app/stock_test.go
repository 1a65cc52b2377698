package app_test

import (
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/inventory"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

func TestReservations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		f := newFixture(t, db)
		f.app = app.New(db, app.WithClock(func() time.Time { return now }))
		f.product("BRK", 10)
		hold := app.ReserveInput{SKU: "BRK", Quantity: qty.Units(6), Reference: "quote-1", ExpiresAt: now.Add(time.Hour)}
		f.must(f.app.Reserve(f.ctx, staffActor, hold))
		if st := f.stock("BRK"); st.Reserved != qty.Units(6) || st.Available() != qty.Units(4) {
			t.Fatalf("after reserving: %+v", st)
		}
		// Reserved stock cannot be sold to someone else.
		_, _, err := f.app.Checkout(f.ctx, app.Actor{}, "k", guestOrder(line("BRK", 5)))
		if e, ok := errs.As(err); !ok || e.Code != errs.Conflict || e.Detail["available"] != qty.Units(4) {
			t.Errorf("selling reserved stock: %v", err)
		}
		// Nor reserved twice.
		if err := f.app.Reserve(f.ctx, staffActor, app.ReserveInput{SKU: "BRK", Quantity: qty.Units(5), Reference: "quote-2", ExpiresAt: now.Add(time.Hour)}); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("over-reserving: %v", err)
		}
		// Stock under a reservation cannot be adjusted away.
		if _, err := f.app.RecordMovement(f.ctx, staffActor, app.MovementInput{SKU: "BRK", Kind: inventory.Adjustment, Quantity: -qty.Units(5)}); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("adjusting reserved stock away: %v", err)
		}
		if n, err := f.app.ExpireReservations(f.ctx); err != nil || n != 0 {
			t.Errorf("expired before their time: %d %v", n, err)
		}
		now = now.Add(2 * time.Hour)
		if n, err := f.app.ExpireReservations(f.ctx); err != nil || n != 1 {
			t.Errorf("expiry released %d, %v", n, err)
		}
		if st := f.stock("BRK"); st.Reserved != 0 || st.Available() != qty.Units(10) {
			t.Errorf("after expiry: %+v", st)
		}
		f.must(f.app.Reserve(f.ctx, staffActor, app.ReserveInput{SKU: "BRK", Quantity: qty.Units(2), Reference: "quote-3", ExpiresAt: now.Add(time.Hour)}))
		f.must(f.app.Release(f.ctx, staffActor, "quote-3"))
		if st := f.stock("BRK"); st.Reserved != 0 {
			t.Errorf("after release: %+v", st)
		}
		if err := f.app.Reserve(f.ctx, staffActor, app.ReserveInput{SKU: "BRK", Quantity: 0, Reference: "", ExpiresAt: now}); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("bad reservation: %v", err)
		}
		f.ledgerBalanced()
	})
}

func TestTransfer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.must(f.app.UpsertWarehouse(f.ctx, staffActor, inventory.Warehouse{Code: "NORTH", Name: "North", Priority: 1}))
		f.product("BRK", 10)
		if _, err := f.app.RecordMovement(f.ctx, staffActor, app.MovementInput{SKU: "BRK", Kind: inventory.Transfer, Quantity: qty.Units(4), ToWarehouse: "NORTH"}); err != nil {
			t.Fatal(err)
		}
		_, levels, err := f.app.Stock(f.ctx, staffActor, "BRK")
		f.must(err)
		if len(levels) != 2 || levels[0].OnHand != qty.Units(6) || levels[1].OnHand != qty.Units(4) {
			t.Errorf("levels after transfer: %+v", levels)
		}
		// An order larger than the first warehouse holds takes the rest from the next.
		o, _, err := f.app.Checkout(f.ctx, app.Actor{}, "split", guestOrder(line("BRK", 8)))
		f.must(err)
		_, levels, _ = f.app.Stock(f.ctx, staffActor, "BRK")
		if levels[0].OnHand != 0 || levels[1].OnHand != qty.Units(2) {
			t.Errorf("levels after a split order: %+v", levels)
		}
		if _, err := f.app.TransitionOrder(f.ctx, staffActor, o.ID, "cancelled", ""); err != nil {
			t.Fatal(err)
		}
		_, levels, _ = f.app.Stock(f.ctx, staffActor, "BRK")
		if levels[0].OnHand != qty.Units(6) || levels[1].OnHand != qty.Units(4) {
			t.Errorf("cancelling did not return stock to where it came from: %+v", levels)
		}
		if _, err := f.app.RecordMovement(f.ctx, staffActor, app.MovementInput{SKU: "BRK", Kind: inventory.Transfer, Quantity: qty.Units(1), ToWarehouse: "MAIN"}); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("transfer to the same warehouse: %v", err)
		}
		f.ledgerBalanced()
	})
}

// TestConcurrentRelease: two processes sweeping the same reservation give its
// stock back once.
func TestConcurrentRelease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("BRK", 10)
		later := time.Now().Add(time.Hour)
		f.must(f.app.Reserve(f.ctx, staffActor, app.ReserveInput{SKU: "BRK", Quantity: qty.Units(2), Reference: "a", ExpiresAt: later}))
		f.must(f.app.Reserve(f.ctx, staffActor, app.ReserveInput{SKU: "BRK", Quantity: qty.Units(6), Reference: "b", ExpiresAt: later}))
		for range 20 {
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() { f.must(f.app.Release(f.ctx, staffActor, "a")) })
			}
			wg.Wait()
		}
		if st := f.stock("BRK"); st.Reserved != qty.Units(6) {
			t.Errorf("reserved %s after releasing a, want 6 (b's)", st.Reserved)
		}
	})
}
