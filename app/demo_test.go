package app_test

import (
	"context"
	"runtime/debug"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/demo"
	"b2x/errs"
	"b2x/inventory"
	"b2x/order"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

// demoSeedLimit is the bound on seeding the full data set on SQLite.
const demoSeedLimit = 15 * time.Second

func TestSeedDemo(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2025, 6, 15, 12, 0, 0, 0, time.UTC)
		size, timed := demo.Full, db.Engine() == store.SQLite
		if db.Engine() == store.SQLite && demoRace() {
			// The race detector slows the SQLite engine, which is C translated to Go,
			// some thirty times (about a minute for the full set): the time limit is
			// for real builds, and a smaller history runs the same paths.
			size, timed = demo.Size{Persons: 120, Organizations: 46, Orders: 500, Months: 4}, false
		}
		d := demo.GenerateSized(1, now, size)
		a := app.New(db, app.WithClock(func() time.Time { return now }))

		if has, err := a.HasProducts(ctx); err != nil || has {
			t.Fatalf("HasProducts on an empty database = %v, %v", has, err)
		}
		start := time.Now()
		if err := a.SeedDemo(ctx, d); err != nil {
			t.Fatal(err)
		}
		took := time.Since(start)
		t.Logf("seeded %s in %v: %s", db.Engine(), took.Round(time.Millisecond), d.Counts())
		if timed && took > demoSeedLimit {
			t.Errorf("seeding took %v on SQLite, want under %v", took, demoSeedLimit)
		}
		if has, err := a.HasProducts(ctx); err != nil || !has {
			t.Fatalf("HasProducts after seeding = %v, %v", has, err)
		}
		if err := a.SeedDemo(ctx, d); errs.CodeOf(err) != errs.Conflict {
			t.Fatalf("seeding a second time: err = %v, want conflict", err)
		}

		err := db.Read(ctx, func(tx *store.Tx) error {
			if bad, err := tx.LedgerMismatches(ctx); err != nil || len(bad) > 0 {
				t.Errorf("ledger mismatches: %v, %v", bad, err)
			}
			cats, err := tx.Categories(ctx)
			if err != nil {
				return err
			}
			if len(cats) != len(d.Categories) {
				t.Errorf("categories = %d, want %d", len(cats), len(d.Categories))
			}
			if n := demoCount(t, func(after string) ([]string, error) {
				ps, err := tx.ListProducts(ctx, store.ProductFilter{After: after, Limit: 200})
				keys := make([]string, len(ps))
				for i, p := range ps {
					keys[i] = p.SKU
				}
				return keys, err
			}); n != len(d.Products) {
				t.Errorf("products = %d, want %d", n, len(d.Products))
			}
			if n := demoCount(t, func(after string) ([]string, error) {
				ps, err := tx.ListPersons(ctx, store.PersonFilter{After: after, Limit: 200})
				keys := make([]string, len(ps))
				for i, p := range ps {
					keys[i] = p.ID
				}
				return keys, err
			}); n != len(d.Persons) {
				t.Errorf("persons = %d, want %d", n, len(d.Persons))
			}
			contacts := 0
			for _, o := range d.Organizations {
				cs, err := tx.Contacts(ctx, o.ID)
				if err != nil {
					return err
				}
				if len(cs) < 2 || len(cs) > 6 {
					t.Errorf("%s has %d contacts, want 2–6", o.LegalName, len(cs))
				}
				contacts += len(cs)
			}
			if contacts != len(d.Contacts) {
				t.Errorf("contacts = %d, want %d", contacts, len(d.Contacts))
			}
			orders, numbers := 0, map[string]bool{}
			f := store.OrderFilter{Limit: 200}
			for {
				page, err := tx.ListOrders(ctx, f)
				if err != nil {
					return err
				}
				for _, o := range page {
					numbers[o.Number] = true
				}
				orders += len(page)
				if len(page) < f.Limit {
					break
				}
				f.BeforeAt, f.BeforeID = page[len(page)-1].PlacedAt, page[len(page)-1].ID
			}
			if orders != len(d.Orders) || len(numbers) != len(d.Orders) {
				t.Errorf("orders = %d with %d numbers, want %d", orders, len(numbers), len(d.Orders))
			}

			// The seed's brick, in both channels, reads back as generated, and its
			// stock is what the generated ledger sums to.
			seen := map[catalog.Channel]bool{}
			for _, want := range d.Orders {
				if seen[want.Channel] || !demoHas(want, "BRK-RED-250") {
					continue
				}
				seen[want.Channel] = true
				got, err := tx.Order(ctx, want.ID)
				if err != nil {
					return err
				}
				if got.Total != want.Total || len(got.Lines) != len(want.Lines) || got.Status != want.Status ||
					len(got.Transitions) != len(want.Transitions) || !got.PlacedAt.Equal(want.PlacedAt) {
					t.Errorf("order %s reads back as %+v, want %+v", want.ID, got, want)
				}
				ms, err := tx.MovementsByReference(ctx, want.ID)
				if err != nil {
					return err
				}
				if len(ms) == 0 {
					t.Errorf("order %s took no stock", want.ID)
				}
			}
			if !seen[catalog.B2C] || !seen[catalog.B2B] {
				t.Errorf("BRK-RED-250 sold in channels %v, want both", seen)
			}
			var want qty.Quantity
			for _, m := range d.Movements {
				if m.SKU == "BRK-RED-250" {
					want += m.Quantity
				}
			}
			levels, err := tx.Levels(ctx, "BRK-RED-250")
			if err != nil {
				return err
			}
			if got := inventory.Sum("BRK-RED-250", levels).OnHand; got != want || got <= 0 {
				t.Errorf("BRK-RED-250 on hand = %s, want %s (positive)", got, want)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}

// demoRace reports whether the test runs under the race detector.
func demoRace() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// demoCount pages through a listing by cursor and counts its rows.
func demoCount(t *testing.T, page func(after string) ([]string, error)) int {
	t.Helper()
	n, after := 0, ""
	for {
		keys, err := page(after)
		if err != nil {
			t.Fatal(err)
		}
		n += len(keys)
		if len(keys) < 200 {
			return n
		}
		after = keys[len(keys)-1]
	}
}

func demoHas(o order.Order, sku string) bool {
	for _, l := range o.Lines {
		if l.SKU == sku {
			return true
		}
	}
	return false
}
