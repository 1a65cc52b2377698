package app_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/funnel"
	"b2x/store"
	"b2x/store/storetest"
)

// waitWritten waits until the recorder has written n events.
func waitWritten(t *testing.T, a *app.App, n uint64) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for a.FunnelRecorderStats().Written < n {
		if time.Now().After(deadline) {
			t.Fatalf("written %+v, want %d", a.FunnelRecorderStats(), n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func countEvents(t *testing.T, db *store.DB) int {
	t.Helper()
	n, err := db.CountRows(context.Background(), "funnel_events")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFunnelRecorderWritesInBatches(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		// An hour between timed flushes: only full batches are written before Close.
		a := app.New(db, app.WithFunnelBuffer(10_000, 100, time.Hour))
		a.Start()
		for i := range 250 {
			if !a.RecordEvent(funnel.ProductView, fmt.Sprintf("s%d", i%40), "BRK", "") {
				t.Fatalf("event %d dropped", i)
			}
		}
		waitWritten(t, a, 200)
		// The timer is an hour away: these were written because batches filled.
		if n := countEvents(t, db); n < 200 || n > 250 {
			t.Errorf("%d events written before Close", n)
		}
		if err := a.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		st := a.FunnelRecorderStats()
		if n := countEvents(t, db); n != 250 || st.Written != 250 || st.Buffered != 0 || st.Dropped != 0 || st.Failed != 0 {
			t.Errorf("after Close: %d rows, %+v", n, st)
		}
		if err := a.Close(context.Background()); err != nil {
			t.Errorf("a second Close: %v", err)
		}
	})
}

func TestFunnelRecorderFlushesOnTime(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := app.New(db, app.WithFunnelBuffer(100, 100, 20*time.Millisecond))
		a.Start()
		defer a.Close(context.Background())
		for i := range 3 {
			a.RecordEvent(funnel.AddToCart, fmt.Sprint("s", i), "", "")
		}
		waitWritten(t, a, 3) // far short of a batch: the timer wrote them
		if n := countEvents(t, db); n != 3 {
			t.Errorf("%d rows", n)
		}
	})
}

func TestFunnelRecorderDropsWhenFull(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		a := app.New(db, app.WithFunnelBuffer(10, 5, time.Hour)) // not started: nothing drains the buffer
		kept := 0
		for i := range 15 {
			if a.RecordEvent(funnel.ProductView, fmt.Sprint("s", i), "", "") {
				kept++
			}
		}
		for _, bad := range []struct {
			step    funnel.Step
			session string
		}{{"page_view", "s"}, {funnel.ProductView, ""}, {funnel.ProductView, string(make([]byte, funnel.MaxSessionKey+1))}} {
			if a.RecordEvent(bad.step, bad.session, "", "") {
				t.Errorf("%q with a session of %d bytes was kept", bad.step, len(bad.session))
			}
		}
		st := a.FunnelRecorderStats()
		if kept != 10 || st.Buffered != 10 || st.Dropped != 5 || st.Invalid != 3 {
			t.Errorf("kept %d, %+v", kept, st)
		}
		if err := a.FlushEvents(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := countEvents(t, db); n != 10 {
			t.Errorf("%d rows after flush", n)
		}
		// Close writes what came after, although the writer never ran.
		a.RecordEvent(funnel.OrderPlaced, "s1", "", "")
		if err := a.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		if n := countEvents(t, db); n != 11 {
			t.Errorf("%d rows after Close", n)
		}
	})
}

func TestFunnelReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)
		a := app.New(db, app.WithClock(func() time.Time { return now }))
		record := func(step funnel.Step, sessions ...string) {
			for _, s := range sessions {
				if !a.RecordEvent(step, s, "BRK", "") {
					t.Fatal("dropped")
				}
			}
		}
		record(funnel.ProductView, "a", "a", "b", "c", "d", "e", "f", "g", "h") // 8 sessions, 9 events
		record(funnel.AddToCart, "a", "b", "c", "d")
		record(funnel.CheckoutStarted, "a", "b")
		record(funnel.OrderPlaced, "a")
		now = now.Add(24 * time.Hour)
		record(funnel.OrderPlaced, "b") // the next day
		if err := a.Close(context.Background()); err != nil {
			t.Fatal(err)
		}
		day := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
		r, err := a.Funnel(context.Background(), staffActor, day, day.Add(24*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		want := []funnel.Row{
			{Step: funnel.ProductView, Sessions: 8, Events: 9, FromPrevious: 1, FromStart: 1},
			{Step: funnel.AddToCart, Sessions: 4, Events: 4, FromPrevious: 0.5, FromStart: 0.5},
			{Step: funnel.CheckoutStarted, Sessions: 2, Events: 2, FromPrevious: 0.5, FromStart: 0.25},
			{Step: funnel.OrderPlaced, Sessions: 1, Events: 1, FromPrevious: 0.5, FromStart: 0.125},
		}
		if len(r.Steps) != 4 || r.Conversion != 0.125 {
			t.Fatalf("report: %+v", r)
		}
		for i := range want {
			if r.Steps[i] != want[i] {
				t.Errorf("step %d: %+v, want %+v", i, r.Steps[i], want[i])
			}
		}
		if _, err := a.Funnel(context.Background(), app.Actor{}, day, day.Add(time.Hour)); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("the public reads the funnel: %v", err)
		}
		if _, err := a.Funnel(context.Background(), staffActor, day, day); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("empty period: %v", err)
		}
		if _, err := a.Funnel(context.Background(), staffActor, day, day.AddDate(3, 0, 0)); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("three years: %v", err)
		}
	})
}
