package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"b2x/ids"
	"b2x/order"
	"b2x/store"
	"b2x/store/storetest"
)

// The seconds a transition records in Go equal what migration 0016 computes
// for transitions written before it, on both engines (the backfill's date
// arithmetic is the one place the engines are spelled differently).
func TestTimeInStatusMatchesTheBackfill(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		at := time.Date(2026, 5, 1, 9, 0, 0, 250000000, time.UTC)
		o := order.Order{ID: ids.New(), Channel: "b2c", Status: order.Placed, Currency: "EUR", DeliveryMethod: order.Pickup,
			Customer: order.Customer{Guest: &order.Guest{Name: "Ann", Email: "ann@example.com"}}, PlacedAt: at, UpdatedAt: at,
			Transitions: []order.Transition{{To: order.Placed, At: at}}}
		moves := []order.Transition{
			{From: order.Placed, To: order.Confirmed, At: at.Add(90*time.Minute + 400*time.Millisecond)},
			{From: order.Confirmed, To: order.Shipped, At: at.Add(26*time.Hour + 17*time.Second)},
		}
		err := db.Write(ctx, func(tx *store.Tx) error {
			if err := tx.InsertOrder(ctx, &o); err != nil {
				return err
			}
			for _, m := range moves {
				if err := tx.MoveOrder(ctx, o.ID, m); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		read := func() map[order.Status]int64 {
			t.Helper()
			var rows []store.StatusSeconds
			if err := db.Read(ctx, func(tx *store.Tx) (err error) {
				rows, err = tx.TimeInStatuses(ctx, at, at.Add(48*time.Hour))
				return err
			}); err != nil {
				t.Fatal(err)
			}
			out := map[order.Status]int64{}
			for _, r := range rows {
				out[r.Status] = r.Seconds
			}
			return out
		}
		got := read()
		if len(got) != 2 || got[order.Placed] != 5400 || got[order.Confirmed] != 88217 {
			t.Fatalf("recorded seconds = %v", got)
		}
		dir := "sqlite"
		if db.Engine() == store.Postgres {
			dir = "postgres"
		}
		sql, err := os.ReadFile(filepath.Join("migrations", dir, "0016_operations.sql"))
		if err != nil {
			t.Fatal(err)
		}
		update := string(sql[strings.Index(string(sql), "UPDATE order_transitions"):])
		update = update[:strings.Index(update, ";")]
		if err := db.ExecRaw(ctx, `UPDATE order_transitions SET seconds_in_from = NULL`); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecRaw(ctx, update); err != nil {
			t.Fatal(err)
		}
		if back := read(); back[order.Placed] != got[order.Placed] || back[order.Confirmed] != got[order.Confirmed] {
			t.Fatalf("the backfill computes %v, the store recorded %v", back, got)
		}
	})
}
