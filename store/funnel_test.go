package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"b2x/funnel"
	"b2x/store"
	"b2x/store/storetest"
)

// TestFunnelEventsBatches writes batches whose sizes are not powers of two, so
// every statement size from 256 rows down to 1 runs, and checks the counts.
func TestFunnelEventsBatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		at := time.Date(2026, 4, 1, 10, 0, 0, 123456000, time.UTC)
		var events []funnel.Event
		for i := range 767 { // 256 + 256 + 128 + 64 + 32 + 16 + 8 + 4 + 2 + 1
			events = append(events, funnel.Event{Step: funnel.Steps[i%4], SKU: "BRK", Session: fmt.Sprint("s", i%50),
				At: at.Add(time.Duration(i) * time.Second)})
		}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.InsertFunnelEvents(ctx, events) }); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.CountRows(ctx, "funnel_events"); n != len(events) {
			t.Fatalf("%d rows, want %d", n, len(events))
		}
		var counts []funnel.StepCount
		// [at, at+400s): events 0…399, 100 of each step; sessions i%50 over steps i%4.
		err := db.Read(ctx, func(tx *store.Tx) (err error) {
			counts, err = tx.FunnelCounts(ctx, at, at.Add(400*time.Second))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(counts) != 4 {
			t.Fatalf("counts: %+v", counts)
		}
		for _, c := range counts {
			if c.Events != 100 || c.Sessions != 25 {
				t.Errorf("%s: %d events, %d sessions; want 100 and 25", c.Step, c.Events, c.Sessions)
			}
		}
		// The bounds are [from, to): the event at exactly `to` is outside.
		err = db.Read(ctx, func(tx *store.Tx) (err error) {
			counts, err = tx.FunnelCounts(ctx, at.Add(time.Second), at.Add(2*time.Second))
			return err
		})
		if err != nil || len(counts) != 1 || counts[0].Events != 1 || counts[0].Step != funnel.Steps[1] {
			t.Errorf("one second: %+v %v", counts, err)
		}
	})
}

// TestFunnelBadEventRollsBackTheBatch: a batch is one transaction, so a row the
// engine refuses leaves nothing half-written.
func TestFunnelBadEventRollsBackTheBatch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		// Three events are two statements (2 rows, then 1): the first succeeds.
		events := []funnel.Event{{Step: funnel.ProductView, Session: "a", At: time.Now()},
			{Step: funnel.AddToCart, Session: "a", At: time.Now()}, {Step: "page_view", Session: "b", At: time.Now()}}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.InsertFunnelEvents(ctx, events) }); err == nil {
			t.Fatal("an unknown step was stored")
		}
		if n, _ := db.CountRows(ctx, "funnel_events"); n != 0 {
			t.Errorf("%d rows", n)
		}
	})
}
