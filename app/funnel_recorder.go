package app

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"b2x/funnel"
	"b2x/store"
)

// funnelRecorder buffers funnel events in memory and writes them in batches, so
// that recording one costs a page a channel send and never a database round trip.
//
// The buffer is a bounded channel: when it is full (the database is slow or
// down), events are dropped and counted rather than making a page wait. The
// flusher writes every interval, or as soon as a batch has gathered; Close stops
// it and writes what is left. Sessions are hashed by the flusher, off the
// request path.
type funnelRecorder struct {
	db       *store.DB
	log      func(msg string, args ...any)
	events   chan pendingEvent
	batch    int
	interval time.Duration

	kick      chan struct{} // a batch has gathered
	stop      chan struct{}
	done      chan struct{}
	startOnce sync.Once
	closeOnce sync.Once
	started   atomic.Bool
	flushMu   sync.Mutex // one flush at a time; buf is its scratch space
	buf       []funnel.Event

	dropped, invalid, written, failed atomic.Uint64
}

type pendingEvent struct {
	step                 funnel.Step
	session, sku, person string
	at                   time.Time
}

// Funnel recorder defaults: room for a burst of 10,000 page views, a batch of 500
// or a second, whichever comes first.
const (
	DefaultFunnelBuffer   = 10_000
	DefaultFunnelBatch    = 500
	DefaultFunnelInterval = time.Second
)

// WithFunnelBuffer sizes the funnel event buffer (events held at most), the batch
// that triggers a write, and the longest time an event waits to be written.
func WithFunnelBuffer(capacity, batch int, interval time.Duration) Option {
	return func(a *App) {
		a.funnel = newFunnelRecorder(a.db, capacity, batch, interval)
	}
}

func newFunnelRecorder(db *store.DB, capacity, batch int, interval time.Duration) *funnelRecorder {
	capacity, batch = max(capacity, 1), max(batch, 1)
	if interval <= 0 {
		interval = DefaultFunnelInterval
	}
	return &funnelRecorder{db: db, events: make(chan pendingEvent, capacity), batch: min(batch, capacity),
		interval: interval, kick: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
}

// FunnelRecorderStats says what became of the events recorded since the App
// started.
type FunnelRecorderStats struct {
	Buffered int    // waiting to be written
	Written  uint64 // in the database
	Dropped  uint64 // the buffer was full
	Invalid  uint64 // refused: unknown step, missing or oversized session key …
	Failed   uint64 // lost because the database refused a batch
}

func (r *funnelRecorder) record(e pendingEvent) bool {
	select {
	case r.events <- e:
		if len(r.events) >= r.batch {
			select {
			case r.kick <- struct{}{}:
			default:
			}
		}
		return true
	default:
		r.dropped.Add(1)
		return false
	}
}

func (r *funnelRecorder) start() {
	r.startOnce.Do(func() {
		r.started.Store(true)
		go r.loop()
	})
}

func (r *funnelRecorder) loop() {
	defer close(r.done)
	t := time.NewTicker(r.interval)
	defer t.Stop()
	for {
		select {
		case <-r.stop:
			return
		case <-t.C:
		case <-r.kick:
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		r.flush(ctx)
		cancel()
	}
}

// flush writes what is buffered now, in one transaction per batch. A batch the
// database refuses is logged and counted as failed, not retried: funnel figures
// may lose a second of events, a page must never wait for them.
func (r *funnelRecorder) flush(ctx context.Context) error {
	r.flushMu.Lock()
	defer r.flushMu.Unlock()
	var firstErr error
	for n := len(r.events); n > 0; n = min(n, len(r.events)) {
		r.buf = r.buf[:0]
		for range min(n, r.batch) {
			e := <-r.events
			r.buf = append(r.buf, funnel.Event{Step: e.step, Session: funnel.HashSession(e.session), SKU: e.sku,
				PersonID: e.person, At: e.at})
		}
		n -= len(r.buf)
		err := r.db.Write(ctx, func(tx *store.Tx) error { return tx.InsertFunnelEvents(ctx, r.buf) })
		if err != nil {
			r.failed.Add(uint64(len(r.buf)))
			if r.log != nil {
				r.log("funnel: a batch of events was lost", "events", len(r.buf), "err", err)
			}
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		r.written.Add(uint64(len(r.buf)))
	}
	return firstErr
}

// close stops the flusher and writes what is left.
func (r *funnelRecorder) close(ctx context.Context) error {
	var err error
	r.closeOnce.Do(func() {
		r.startOnce.Do(func() {}) // a Start after Close starts nothing
		if r.started.Load() {
			close(r.stop)
			<-r.done
		}
		err = r.flush(ctx)
	})
	return err
}

func (r *funnelRecorder) stats() FunnelRecorderStats {
	return FunnelRecorderStats{Buffered: len(r.events), Written: r.written.Load(), Dropped: r.dropped.Load(),
		Invalid: r.invalid.Load(), Failed: r.failed.Load()}
}
