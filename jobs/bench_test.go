package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"b2x/ids"
	"b2x/jobs"
	"b2x/store"
	"b2x/store/storetest"
)

// BenchmarkEnqueueInTransaction measures what enqueuing one job adds to a write
// transaction: ns/enqueue is the Enqueue call alone, ns/op the whole
// transaction (BEGIN, the enqueue, COMMIT with its fsync).
func BenchmarkEnqueueInTransaction(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			db := storetest.Open(b, e)
			q := jobs.New(db, jobs.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
			jobs.Handle(q, func(context.Context, echoArgs) error { return nil })
			ctx := context.Background()
			var inEnqueue time.Duration
			i := 0
			for b.Loop() {
				i++
				err := db.Write(ctx, func(tx *store.Tx) error {
					start := time.Now()
					_, err := q.Enqueue(ctx, tx, echoArgs{N: i}, nil)
					inEnqueue += time.Since(start)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(inEnqueue.Nanoseconds())/float64(b.N), "ns/enqueue")
		})
	}
}

// BenchmarkWork measures how many trivial jobs a started queue works per
// second: b.N jobs are enqueued first (not timed), then the clock runs from
// Start until the last one is recorded completed. Run it with a fixed count,
// e.g. -benchtime 5000x.
func BenchmarkWork(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			benchWork(b, e, 0, jobs.Config{Workers: 100, Poll: 50 * time.Millisecond, Cooldown: time.Millisecond})
		})
	}
}

// BenchmarkWorkBesideWrites is BenchmarkWork while 4 goroutines write single
// rows through the application's writer, as checkouts would: it reports the
// jobs' rate and the writes' rate and latency, which is what sharing SQLite's
// one writer connection with River costs or saves. "fast" is BenchmarkWork's
// configuration, "default" the one b2x serve runs with.
func BenchmarkWorkBesideWrites(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e)+"/fast", func(b *testing.B) {
			benchWork(b, e, 4, jobs.Config{Workers: 100, Poll: 50 * time.Millisecond, Cooldown: time.Millisecond})
		})
		b.Run(string(e)+"/default", func(b *testing.B) { benchWork(b, e, 4, jobs.Config{}) })
	}
}

// BenchmarkWritesAlone is BenchmarkWorkBesideWrites' writers without jobs, for
// 3 s: the rate and latency to compare with.
func BenchmarkWritesAlone(b *testing.B) {
	for _, e := range storetest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			db := storetest.Open(b, e)
			ctx := context.Background()
			if err := db.ExecRaw(ctx, `CREATE TABLE bench_writes (id TEXT PRIMARY KEY, at TIMESTAMP NOT NULL)`); err != nil {
				b.Fatal(err)
			}
			stop := make(chan struct{})
			w := startWriters(b, db, 4, stop)
			start := time.Now()
			time.Sleep(3 * time.Second)
			close(stop)
			w.report(b, time.Since(start))
		})
	}
}

// writers write single rows through the application's writer until stopped.
type writers struct {
	wg        sync.WaitGroup
	mu        sync.Mutex
	latencies []time.Duration
}

func startWriters(b *testing.B, db *store.DB, n int, stop chan struct{}) *writers {
	w := &writers{}
	ctx := context.Background()
	for range n {
		w.wg.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				start := time.Now()
				if err := db.ExecRaw(ctx, `INSERT INTO bench_writes (id, at) VALUES ($1, $2)`, ids.New(), time.Now().UTC()); err != nil {
					b.Error(err)
					return
				}
				w.mu.Lock()
				w.latencies = append(w.latencies, time.Since(start))
				w.mu.Unlock()
			}
		})
	}
	return w
}

// report waits for the writers to stop and reports their rate and latency.
func (w *writers) report(b *testing.B, elapsed time.Duration) {
	w.wg.Wait()
	if len(w.latencies) == 0 {
		return
	}
	slices.Sort(w.latencies)
	b.ReportMetric(float64(len(w.latencies))/elapsed.Seconds(), "writes/s")
	b.ReportMetric(float64(w.latencies[len(w.latencies)/2].Microseconds())/1000, "write-p50-ms")
	b.ReportMetric(float64(w.latencies[len(w.latencies)*99/100].Microseconds())/1000, "write-p99-ms")
}

func benchWork(b *testing.B, e store.Engine, nWriters int, cfg jobs.Config) {
	db := storetest.Open(b, e)
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	q := jobs.New(db, cfg)
	var done atomic.Int64
	jobs.Handle(q, func(context.Context, echoArgs) error { done.Add(1); return nil })
	ctx := context.Background()
	const batch = 1000
	for from := 0; from < b.N; from += batch {
		args := make([]jobs.Args, 0, batch)
		for i := from; i < min(from+batch, b.N); i++ {
			args = append(args, echoArgs{N: i})
		}
		if err := db.Write(ctx, func(tx *store.Tx) error { _, err := q.EnqueueMany(ctx, tx, args, nil); return err }); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.ExecRaw(ctx, `CREATE TABLE bench_writes (id TEXT PRIMARY KEY, at TIMESTAMP NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	stopWriters := make(chan struct{})
	w := startWriters(b, db, nWriters, stopWriters)
	b.ResetTimer()
	start := time.Now()
	if err := q.Start(ctx); err != nil {
		b.Fatal(err)
	}
	for done.Load() < int64(b.N) {
		time.Sleep(time.Millisecond)
	}
	for {
		n, err := q.Pending(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if n == 0 {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	close(stopWriters)
	w.report(b, elapsed)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "jobs/s")
	stop, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := q.Stop(stop); err != nil {
		b.Fatal(err)
	}
}
