package app_test

import (
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/inventory"
	"b2x/order"
	"b2x/qty"
	"b2x/staff"
	"b2x/store"
	"b2x/store/storetest"
)

var (
	warehouseActor = app.Actor{UserID: "wh-user", Role: string(staff.Warehouse)}
	salesActor     = app.Actor{UserID: "sales-user", Role: string(staff.SalesManager)}
)

func (f *fixture) rows(tables ...string) map[string]int {
	f.t.Helper()
	out := map[string]int{}
	for _, table := range tables {
		n, err := f.db.CountRows(f.ctx, table)
		f.must(err)
		out[table] = n
	}
	return out
}

func TestReorderPointsAndLowStock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.must(f.app.UpsertWarehouse(f.ctx, staffActor, inventory.Warehouse{Code: "NORTH", Name: "North", Priority: 1}))
		f.product("BRK", 10)
		f.product("TIL", 50)
		set := func(actor app.Actor, in app.ReorderPointInput) error {
			_, err := f.app.SetReorderPoint(f.ctx, actor, in)
			return err
		}
		f.must(set(warehouseActor, app.ReorderPointInput{SKU: "BRK", Warehouse: "MAIN", Point: qty.Units(12), Quantity: qty.Units(20)}))
		f.must(set(warehouseActor, app.ReorderPointInput{SKU: "BRK", Warehouse: "NORTH", Point: qty.Units(2)}))
		f.must(set(warehouseActor, app.ReorderPointInput{SKU: "TIL", Warehouse: "MAIN", Point: qty.Units(50)}))
		f.must(f.app.Reserve(f.ctx, staffActor, app.ReserveInput{SKU: "BRK", Quantity: qty.Units(3), Reference: "hold",
			ExpiresAt: time.Now().Add(time.Hour)}))

		low, err := f.app.LowStock(f.ctx, warehouseActor, app.LowStockQuery{Limit: 10})
		f.must(err)
		// TIL has exactly its point available: not below it.
		want := []app.LowStockItem{
			{SKU: "BRK", Name: "Product BRK", Unit: "pcs", Warehouse: "MAIN", OnHand: qty.Units(10), Reserved: qty.Units(3),
				Available: qty.Units(7), Point: qty.Units(12), Suggested: qty.Units(25)},
			{SKU: "BRK", Name: "Product BRK", Unit: "pcs", Warehouse: "NORTH", Point: qty.Units(2), Suggested: qty.Units(2)},
		}
		if len(low) != len(want) || low[0] != want[0] || low[1] != want[1] {
			t.Fatalf("low stock = %+v\nwant %+v", low, want)
		}
		if n, err := f.app.LowStockCount(f.ctx, warehouseActor); err != nil || n != 2 {
			t.Fatalf("low-stock count = %d, %v", n, err)
		}
		page, err := f.app.LowStock(f.ctx, warehouseActor, app.LowStockQuery{AfterSKU: "BRK", AfterWarehouse: "MAIN", Limit: 10})
		f.must(err)
		if len(page) != 1 || page[0].Warehouse != "NORTH" {
			t.Fatalf("second page = %+v", page)
		}
		// Receiving enough takes it off the list.
		_, err = f.app.RecordMovement(f.ctx, warehouseActor, app.MovementInput{SKU: "BRK", Kind: inventory.Receipt, Quantity: qty.Units(25)})
		f.must(err)
		if n, _ := f.app.LowStockCount(f.ctx, warehouseActor); n != 1 {
			t.Fatalf("after receiving, count = %d, want 1 (NORTH)", n)
		}

		before := f.rows("reorder_points", "audit_log")
		for _, c := range []struct {
			name  string
			actor app.Actor
			in    app.ReorderPointInput
			code  errs.Code
			field string
		}{
			{"sales may not", salesActor, app.ReorderPointInput{SKU: "BRK", Warehouse: "MAIN", Point: 1}, errs.Forbidden, ""},
			{"public", app.Actor{}, app.ReorderPointInput{SKU: "BRK", Warehouse: "MAIN", Point: 1}, errs.Unauthorized, ""},
			{"negative", warehouseActor, app.ReorderPointInput{SKU: "BRK", Warehouse: "MAIN", Point: -qty.Units(1)}, errs.Invalid, "point"},
			{"no warehouse", warehouseActor, app.ReorderPointInput{SKU: "BRK", Warehouse: "SOUTH", Point: 1000}, errs.Invalid, "warehouse"},
			{"no product", warehouseActor, app.ReorderPointInput{SKU: "NOPE", Warehouse: "MAIN", Point: 1000}, errs.Invalid, "sku"},
			{"fraction of pieces", warehouseActor, app.ReorderPointInput{SKU: "BRK", Warehouse: "MAIN", Point: 1500}, errs.Invalid, "point"},
		} {
			err := set(c.actor, c.in)
			if e, ok := errs.As(err); !ok || e.Code != c.code || (c.field != "" && (len(e.Fields) == 0 || e.Fields[0].Field != c.field)) {
				t.Errorf("%s: %v, want %s on %q", c.name, err, c.code, c.field)
			}
		}
		if after := f.rows("reorder_points", "audit_log"); after["reorder_points"] != before["reorder_points"] || after["audit_log"] != before["audit_log"] {
			t.Fatalf("refused reorder points wrote: %v → %v", before, after)
		}
		f.must(set(warehouseActor, app.ReorderPointInput{SKU: "BRK", Warehouse: "NORTH", Remove: true}))
		if n, _ := f.app.LowStockCount(f.ctx, warehouseActor); n != 0 {
			t.Fatalf("after removing NORTH's point, count = %d", n)
		}
		if after := f.rows("audit_log"); after["audit_log"] != before["audit_log"]+1 {
			t.Fatalf("the removal was not audited")
		}
		if _, err := f.app.LowStock(f.ctx, app.Actor{UserID: "m", Role: string(staff.Marketing)}, app.LowStockQuery{Limit: 1}); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("marketing reads low stock: %v", err)
		}
	})
}

// Transfers out of a warehouse and adjustments down race for the same stock:
// each is taken whole or refused, and no level ever goes below zero.
func TestConcurrentTransfersAndAdjustmentsNeverGoNegative(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.must(f.app.UpsertWarehouse(f.ctx, staffActor, inventory.Warehouse{Code: "NORTH", Name: "North", Priority: 1}))
		f.product("BRK", 10)
		const workers = 16
		var wg sync.WaitGroup
		var mu sync.Mutex
		moved, adjusted := 0, 0
		for i := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				in := app.MovementInput{SKU: "BRK", Kind: inventory.Transfer, Quantity: qty.Units(3), Warehouse: "MAIN", ToWarehouse: "NORTH"}
				if i%2 == 1 {
					in = app.MovementInput{SKU: "BRK", Kind: inventory.Adjustment, Quantity: -qty.Units(3), Warehouse: "MAIN", Note: "breakage"}
				}
				_, err := f.app.RecordMovement(f.ctx, warehouseActor, in)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil && in.Kind == inventory.Transfer:
					moved++
				case err == nil:
					adjusted++
				case errs.CodeOf(err) != errs.Conflict:
					t.Errorf("movement failed with %v, want success or a conflict", err)
				}
			}()
		}
		wg.Wait()
		_, levels, err := f.app.Stock(f.ctx, staffActor, "BRK")
		f.must(err)
		got := map[string]qty.Quantity{}
		for _, l := range levels {
			if l.OnHand < 0 {
				t.Fatalf("negative stock: %+v", l)
			}
			got[l.Warehouse] = l.OnHand
		}
		if moved+adjusted != 3 || got["MAIN"] != qty.Units(1) || got["NORTH"] != qty.Units(int64(3*moved)) {
			t.Fatalf("%d transfers and %d adjustments of 3 from 10: levels %v", moved, adjusted, got)
		}
		f.ledgerBalanced()
	})
}

// placeAt places a guest order at a time, by own delivery when address is set.
func (f *fixture) placeAt(a *app.App, key string, ch catalog.Channel, address string) order.Order {
	f.t.Helper()
	in := guestOrder(line("BRK", 1))
	in.Channel = ch
	if address != "" {
		in.DeliveryMethod, in.DeliveryAddress = order.OwnDelivery, address
	}
	o, _, err := a.Checkout(f.ctx, app.Actor{}, key, in)
	f.must(err)
	return o
}

func TestFulfilmentBoardTransitionsAndTimeInStatus(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("BRK", 100)
		now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
		a := app.New(db, app.WithClock(func() time.Time { return now }))
		o1 := f.placeAt(a, "o1", catalog.B2C, "")
		now = now.Add(time.Hour)
		o2 := f.placeAt(a, "o2", catalog.B2C, "")
		now = now.Add(time.Hour)
		o3 := f.placeAt(a, "o3", catalog.B2C, "Hafenstraße 1, Hamburg")

		// o1 waits 2 h to be confirmed and 4 h more to ship; o2 waits 4 h.
		_, err := a.TransitionOrder(f.ctx, warehouseActor, o1.ID, order.Confirmed, "")
		f.must(err)
		now = now.Add(2 * time.Hour)
		_, err = a.TransitionOrder(f.ctx, warehouseActor, o2.ID, order.Confirmed, "")
		f.must(err)
		now = now.Add(2 * time.Hour)
		_, err = a.TransitionOrder(f.ctx, warehouseActor, o1.ID, order.Shipped, "")
		f.must(err)

		// The domain refuses a move it does not allow, and nothing is written.
		before := f.rows("order_transitions", "orders")
		_, err = a.TransitionOrder(f.ctx, warehouseActor, o3.ID, order.Delivered, "")
		if e, ok := errs.As(err); !ok || e.Code != errs.Conflict || e.Message != "an order that is placed cannot become delivered" {
			t.Fatalf("placed → delivered: %v", err)
		}
		if _, err := a.TransitionOrder(f.ctx, app.Actor{UserID: "m", Role: string(staff.Marketing)}, o3.ID, order.Confirmed, ""); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("marketing moves an order: %v", err)
		}
		if after := f.rows("order_transitions", "orders"); after["order_transitions"] != before["order_transitions"] {
			t.Fatalf("a refused move wrote a transition")
		}

		board, err := a.FulfilmentBoard(f.ctx, warehouseActor, app.FulfilmentQuery{PerState: 10})
		f.must(err)
		counts := map[order.Status]int{}
		for _, c := range board {
			counts[c.Status] = c.Count
			if len(c.Orders) != c.Count {
				t.Errorf("%s: %d cards of %d", c.Status, len(c.Orders), c.Count)
			}
		}
		if counts[order.Placed] != 1 || counts[order.Confirmed] != 1 || counts[order.Shipped] != 1 || board[0].Orders[0].ID != o3.ID {
			t.Fatalf("board counts %v", counts)
		}
		if b2b, _ := a.FulfilmentBoard(f.ctx, warehouseActor, app.FulfilmentQuery{Channel: catalog.B2B, PerState: 10}); b2b[0].Count != 0 {
			t.Fatalf("the b2b board shows b2c orders")
		}

		// confirmed: o1 stayed 4 h; placed: o1 2 h, o2 3 h.
		times, err := a.StatusTimes(f.ctx, warehouseActor, now.Add(-24*time.Hour), now.Add(time.Minute))
		f.must(err)
		want := []app.StatusAverage{{Status: order.Placed, Orders: 2, Average: 150 * time.Minute},
			{Status: order.Confirmed, Orders: 1, Average: 4 * time.Hour}}
		if len(times) != 2 || times[0] != want[0] || times[1] != want[1] {
			t.Fatalf("status times = %+v, want %+v", times, want)
		}
		got, err := a.Order(f.ctx, warehouseActor, o1.ID)
		f.must(err)
		st := order.TimeInStatus(got.Transitions, now.Add(30*time.Minute))
		if len(st) != 3 || st[0].Time != 2*time.Hour || st[1].Time != 4*time.Hour || st[2].Time != 30*time.Minute || !st[2].Current {
			t.Fatalf("o1's time in status = %+v", st)
		}

		// Filters of the order list.
		for _, c := range []struct {
			q    app.OrderQuery
			want []string
		}{
			{app.OrderQuery{Number: o2.Number, Limit: 10}, []string{o2.ID}},
			{app.OrderQuery{Channel: catalog.B2C, Limit: 10}, []string{o3.ID, o2.ID, o1.ID}},
			{app.OrderQuery{Channel: catalog.B2B, Limit: 10}, nil},
			{app.OrderQuery{From: o2.PlacedAt, To: o3.PlacedAt, Limit: 10}, []string{o2.ID}},
			{app.OrderQuery{Status: order.Confirmed, Limit: 10}, []string{o2.ID}},
			{app.OrderQuery{Limit: 2, BeforeAt: o3.PlacedAt, BeforeID: o3.ID}, []string{o2.ID, o1.ID}},
		} {
			os, err := a.Orders(f.ctx, warehouseActor, c.q)
			f.must(err)
			var ids []string
			for _, o := range os {
				ids = append(ids, o.ID)
			}
			if len(ids) != len(c.want) || (len(ids) > 0 && ids[0] != c.want[0]) || (len(ids) > 1 && ids[len(ids)-1] != c.want[len(c.want)-1]) {
				t.Errorf("%+v: %v, want %v", c.q, ids, c.want)
			}
		}
		if _, err := a.Orders(f.ctx, warehouseActor, app.OrderQuery{Channel: "b2x", Limit: 10}); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("unknown channel: %v", err)
		}

		// Own delivery: o3 gets a day and a slot; o1 (pickup) cannot.
		before = f.rows("order_deliveries", "audit_log")
		if _, err := a.ScheduleDelivery(f.ctx, warehouseActor, o1.ID, app.DeliveryInput{Day: "2026-03-04", Slot: "08-12"}); !refusedField(err, "delivery_method") {
			t.Fatalf("scheduling a pickup order: %v", err)
		}
		if _, err := a.ScheduleDelivery(f.ctx, warehouseActor, o3.ID, app.DeliveryInput{Day: "2026-02-30", Slot: "07-08"}); !refusedField(err, "day") || !refusedField(err, "slot") {
			t.Fatalf("a bad day and slot: %v", err)
		}
		if _, err := a.ScheduleDelivery(f.ctx, app.Actor{UserID: "m", Role: string(staff.Marketing)}, o3.ID, app.DeliveryInput{Day: "2026-03-04", Slot: "08-12"}); errs.CodeOf(err) != errs.Forbidden {
			t.Fatalf("marketing schedules a delivery: %v", err)
		}
		if after := f.rows("order_deliveries", "audit_log"); after["order_deliveries"] != before["order_deliveries"] || after["audit_log"] != before["audit_log"] {
			t.Fatalf("refused scheduling wrote: %v → %v", before, after)
		}
		_, err = a.ScheduleDelivery(f.ctx, warehouseActor, o3.ID, app.DeliveryInput{Day: "2026-03-04", Slot: "12-16", Driver: "Jan", Vehicle: "HH-B 12"})
		f.must(err)
		_, err = a.ScheduleDelivery(f.ctx, warehouseActor, o3.ID, app.DeliveryInput{Day: "2026-03-04", Slot: "08-12", Driver: "Jan", Vehicle: "HH-B 12"})
		f.must(err)
		day, err := a.DeliveriesOn(f.ctx, warehouseActor, "2026-03-04")
		f.must(err)
		if len(day) != 1 || day[0].Order.ID != o3.ID || day[0].Delivery.Slot != "08-12" || day[0].Delivery.Driver != "Jan" {
			t.Fatalf("the day's schedule = %+v", day)
		}
		if after := f.rows("order_deliveries", "audit_log"); after["order_deliveries"] != before["order_deliveries"]+1 || after["audit_log"] != before["audit_log"]+2 {
			t.Fatalf("scheduling twice: %v → %v", before, after)
		}
		if other, _ := a.DeliveriesOn(f.ctx, warehouseActor, "2026-03-05"); len(other) != 0 {
			t.Fatalf("another day shows %d deliveries", len(other))
		}
	})
}

// refusedField reports whether err is a refusal naming field.
func refusedField(err error, field string) bool {
	e, ok := errs.As(err)
	return ok && e.Code == errs.Invalid && hasField(e, field)
}
