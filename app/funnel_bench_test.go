package app_test

import (
	"context"
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"b2x/app"
	"b2x/funnel"
	"b2x/store"
	"b2x/store/storetest"
)

// BenchmarkRecordEvent is what a page pays to record a funnel event that is kept:
// no writer runs while it is timed, and the buffer (65,536 events, a few MB like
// the default's 10,000 — a huge one would time the garbage collector scanning
// it) is drained outside the timer when it fills.
func BenchmarkRecordEvent(b *testing.B) {
	const capacity = 1 << 16
	a := app.New(storetest.Open(b, store.SQLite), app.WithFunnelBuffer(capacity, capacity, time.Hour))
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if i > 0 && i%capacity == 0 {
			b.StopTimer()
			if err := a.FlushEvents(ctx); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		a.RecordEvent(funnel.ProductView, "session-0123456789abcdef", "BRK-RED-250", "")
	}
	b.StopTimer()
	if st := a.FunnelRecorderStats(); st.Dropped > 0 {
		b.Fatalf("%d events dropped", st.Dropped)
	}
}

// BenchmarkRecordEventOverload records from parallel goroutines as fast as they
// can while the writer flushes to each engine: far more than the database takes,
// so most events are dropped (dropped/op) and recording still never waits.
func BenchmarkRecordEventOverload(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			a := app.New(storetest.Open(b, engine))
			a.Start()
			var n atomic.Int64
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				session := "session-" + strconv.FormatInt(n.Add(1), 10)
				for pb.Next() {
					a.RecordEvent(funnel.ProductView, session, "BRK-RED-250", "")
				}
			})
			b.StopTimer()
			if err := a.Close(context.Background()); err != nil {
				b.Fatal(err)
			}
			st := a.FunnelRecorderStats()
			b.ReportMetric(float64(st.Dropped)/float64(b.N), "dropped/op")
		})
	}
}

// BenchmarkFunnelFlush measures how fast buffered events reach the database:
// each op is one event, its session hashed and written in a batch.
func BenchmarkFunnelFlush(b *testing.B) {
	for _, engine := range storetest.Engines() {
		for _, batch := range []int{100, 500} {
			b.Run(fmt.Sprintf("%s/batch=%d", engine, batch), func(b *testing.B) {
				a := app.New(storetest.Open(b, engine), app.WithFunnelBuffer(batch, batch, time.Hour))
				ctx := context.Background()
				b.ResetTimer()
				for done := 0; done < b.N; done += batch {
					b.StopTimer()
					for i := range batch {
						a.RecordEvent(funnel.AddToCart, "s"+strconv.Itoa(done+i), "BRK-RED-250", "")
					}
					b.StartTimer()
					if err := a.FlushEvents(ctx); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				b.ReportMetric(float64(a.FunnelRecorderStats().Written)/b.Elapsed().Seconds(), "events/s")
			})
		}
	}
}
