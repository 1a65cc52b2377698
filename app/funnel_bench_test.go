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
	"b2x/store/storetest"
)

// BenchmarkRecordEvent is what a page pays to record a funnel event, from
// parallel goroutines, while the writer flushes on each engine.
func BenchmarkRecordEvent(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			a := app.New(storetest.Open(b, engine), app.WithFunnelBuffer(1<<20, app.DefaultFunnelBatch, app.DefaultFunnelInterval))
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
// each op is one event; the flush of a batch is timed with its hashing.
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
