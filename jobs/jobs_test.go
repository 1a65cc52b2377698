package jobs_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"b2x/jobs"
	"b2x/store"
	"b2x/store/storetest"
)

type echoArgs struct {
	N int `json:"n"`
}

func (echoArgs) Kind() string { return "test.echo" }

// fast is a queue configuration for tests: quick polls and retries.
func fast() jobs.Config {
	return jobs.Config{Poll: 50 * time.Millisecond, Cooldown: 10 * time.Millisecond,
		Backoff: func(int) time.Duration { return 100 * time.Millisecond },
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil))}
}

// start starts q and stops it when the test ends.
func start(t *testing.T, q *jobs.Queue) {
	t.Helper()
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := q.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
}

func enqueue(t *testing.T, db *store.DB, q *jobs.Queue, args jobs.Args, opts *jobs.Opts) bool {
	t.Helper()
	var added bool
	err := db.Write(context.Background(), func(tx *store.Tx) (err error) {
		added, err = q.Enqueue(context.Background(), tx, args, opts)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return added
}

// waitFor polls cond until it holds or 10 s pass.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// recorder is a handler that remembers what it ran.
type recorder struct {
	mu   sync.Mutex
	runs map[int]int
}

func (r *recorder) work(_ context.Context, a echoArgs) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.runs == nil {
		r.runs = map[int]int{}
	}
	r.runs[a.N]++
	return nil
}

func (r *recorder) count(n int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.runs[n]
}

func jobRows(t *testing.T, db *store.DB) int {
	t.Helper()
	n, err := db.CountRows(context.Background(), "river_job")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestEnqueueIsPartOfTheTransaction(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		q := jobs.New(db, fast())
		var r recorder
		jobs.Handle(q, r.work)

		rollback := errors.New("roll back")
		err := db.Write(ctx, func(tx *store.Tx) error {
			if _, err := q.Enqueue(ctx, tx, echoArgs{N: 1}, nil); err != nil {
				return err
			}
			return rollback
		})
		if !errors.Is(err, rollback) {
			t.Fatalf("write: %v", err)
		}
		if n := jobRows(t, db); n != 0 {
			t.Fatalf("%d jobs after a rolled-back enqueue, want 0", n)
		}
		err = db.Read(ctx, func(tx *store.Tx) error {
			_, err := q.Enqueue(ctx, tx, echoArgs{N: 2}, nil)
			return err
		})
		if !errors.Is(err, jobs.ErrNoTransaction) {
			t.Fatalf("enqueue in a read: %v, want ErrNoTransaction", err)
		}
		if !enqueue(t, db, q, echoArgs{N: 3}, nil) {
			t.Fatal("enqueue reported a duplicate")
		}
		if n := jobRows(t, db); n != 1 {
			t.Fatalf("%d jobs after a committed enqueue, want 1", n)
		}
		start(t, q)
		waitFor(t, "the committed job", func() bool { return r.count(3) == 1 })
		if r.count(1) != 0 || r.count(2) != 0 {
			t.Fatalf("jobs that were never committed ran: %v", r.runs)
		}
	})
}

type unknownArgs struct{}

func (unknownArgs) Kind() string { return "test.unknown" }

func TestEnqueueRefusesAKindWithoutHandler(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	q := jobs.New(db, fast())
	err := db.Write(context.Background(), func(tx *store.Tx) error {
		_, err := q.Enqueue(context.Background(), tx, unknownArgs{}, nil)
		return err
	})
	if err == nil {
		t.Fatal("a job nobody can work was enqueued")
	}
}

func TestUniqueJobs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		q := jobs.New(db, fast())
		var r recorder
		jobs.Handle(q, r.work)
		u := &jobs.Opts{Unique: true}
		if !enqueue(t, db, q, echoArgs{N: 1}, u) {
			t.Fatal("first unique enqueue skipped")
		}
		if enqueue(t, db, q, echoArgs{N: 1}, u) {
			t.Fatal("second unique enqueue with the same args was added")
		}
		if !enqueue(t, db, q, echoArgs{N: 2}, u) {
			t.Fatal("unique enqueue with other args skipped")
		}
		var added int
		err := db.Write(context.Background(), func(tx *store.Tx) (err error) {
			added, err = q.EnqueueMany(context.Background(), tx, []jobs.Args{echoArgs{N: 2}, echoArgs{N: 3}}, u)
			return err
		})
		if err != nil || added != 1 {
			t.Fatalf("EnqueueMany: %d added, %v; want 1", added, err)
		}
		start(t, q)
		waitFor(t, "three jobs", func() bool { return r.count(1)+r.count(2)+r.count(3) == 3 })
		// Completed jobs still count: the same job is not added again.
		if enqueue(t, db, q, echoArgs{N: 1}, u) {
			t.Fatal("unique enqueue after completion was added")
		}
	})
}

func TestFailedJobsRetryWithBackoff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		cfg := fast()
		cfg.Backoff = func(attempt int) time.Duration { return time.Duration(attempt) * 200 * time.Millisecond }
		q := jobs.New(db, cfg)
		var (
			mu       sync.Mutex
			attempts []time.Time
		)
		jobs.Handle(q, func(_ context.Context, a echoArgs) error {
			mu.Lock()
			defer mu.Unlock()
			attempts = append(attempts, time.Now())
			if len(attempts) < 3 {
				return errors.New("not yet")
			}
			return nil
		})
		start(t, q)
		enqueue(t, db, q, echoArgs{N: 1}, nil)
		waitFor(t, "the third attempt", func() bool { mu.Lock(); defer mu.Unlock(); return len(attempts) >= 3 })
		waitFor(t, "the job to complete", func() bool {
			js, err := q.List(context.Background(), "test.echo", 10)
			return err == nil && len(js) == 1 && js[0].State == "completed"
		})
		js, err := q.List(context.Background(), "", 10)
		if err != nil {
			t.Fatal(err)
		}
		var args echoArgs
		if len(js) != 1 || js[0].Attempt != 3 || len(js[0].Errors) != 2 || js[0].Errors[0] != "not yet" ||
			json.Unmarshal(js[0].Args, &args) != nil || args.N != 1 {
			t.Errorf("job after two failures: %+v", js)
		}
		mu.Lock()
		defer mu.Unlock()
		if len(attempts) != 3 {
			t.Fatalf("%d attempts, want 3", len(attempts))
		}
		for i, want := range []time.Duration{200 * time.Millisecond, 400 * time.Millisecond} {
			if gap := attempts[i+1].Sub(attempts[i]); gap < want {
				t.Errorf("attempt %d came %v after the one before, want at least %v", i+2, gap, want)
			}
		}
	})
}

func TestPermanentErrorsAreNotRetried(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		q := jobs.New(db, fast())
		var r recorder
		jobs.Handle(q, func(ctx context.Context, a echoArgs) error {
			r.work(ctx, a)
			return jobs.Permanent(errors.New("refused for good"))
		})
		start(t, q)
		enqueue(t, db, q, echoArgs{N: 1}, nil)
		waitFor(t, "the attempt", func() bool { return r.count(1) == 1 })
		time.Sleep(400 * time.Millisecond) // a retry would come after 100 ms
		if n := r.count(1); n != 1 {
			t.Fatalf("ran %d times, want 1", n)
		}
	})
}

// reopen opens the database again, as a restarted process would.
func reopen(t *testing.T, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestJobsSurviveARestart(t *testing.T) {
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			ctx := context.Background()
			dsn := storetest.DSN(t, e)

			// The first process enqueues a job due in a moment and stops before
			// it is due; it also has one running when it is told to stop hard.
			db1 := reopen(t, dsn)
			q1 := jobs.New(db1, fast())
			var r1 recorder
			blocked := make(chan struct{})
			jobs.Handle(q1, func(ctx context.Context, a echoArgs) error {
				if a.N == 2 {
					close(blocked)
					<-ctx.Done() // runs until the process stops
					return ctx.Err()
				}
				return r1.work(ctx, a)
			})
			if err := q1.Start(ctx); err != nil {
				t.Fatal(err)
			}
			enqueue(t, db1, q1, echoArgs{N: 1}, &jobs.Opts{RunAt: time.Now().Add(time.Second)})
			enqueue(t, db1, q1, echoArgs{N: 2}, nil)
			<-blocked
			stop, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
			defer cancel()
			if err := q1.Stop(stop); err != nil {
				t.Fatalf("stop: %v", err)
			}
			if r1.count(1) != 0 {
				t.Fatal("the job ran before it was due")
			}
			if n, err := q1.Pending(ctx); err != nil || n != 2 {
				t.Fatalf("%d jobs pending after the stop (%v), want 2", n, err)
			}
			db1.Close()

			// The next process runs both.
			db2 := reopen(t, dsn)
			q2 := jobs.New(db2, fast())
			var r2 recorder
			jobs.Handle(q2, r2.work)
			start(t, q2)
			waitFor(t, "both jobs after the restart", func() bool { return r2.count(1) == 1 && r2.count(2) == 1 })
			waitFor(t, "nothing pending", func() bool { n, err := q2.Pending(ctx); return err == nil && n == 0 })
		})
	}
}

// TestTwoProcessesNeverRunAJobTwice runs two queues, each on its own database
// handle as two b2x processes would, on the same database, and checks that every
// job ran exactly once and never on both at the same time.
func TestTwoProcessesNeverRunAJobTwice(t *testing.T) {
	for _, e := range storetest.Engines() {
		t.Run(string(e), func(t *testing.T) {
			dsn := storetest.DSN(t, e)
			const n = 300
			var (
				mu      sync.Mutex
				running = map[int]bool{}
				runs    = map[int]int{}
				by      = map[string]int{}
				overlap []int
			)
			queues := make([]*jobs.Queue, 2)
			for i, name := range []string{"a", "b"} {
				db := reopen(t, dsn)
				cfg := fast()
				cfg.ID, cfg.Workers = name, 8
				q := jobs.New(db, cfg)
				jobs.Handle(q, func(_ context.Context, a echoArgs) error {
					mu.Lock()
					if running[a.N] {
						overlap = append(overlap, a.N)
					}
					running[a.N] = true
					runs[a.N]++
					by[name]++
					mu.Unlock()
					time.Sleep(2 * time.Millisecond) // long enough for a second claim to overlap
					mu.Lock()
					running[a.N] = false
					mu.Unlock()
					return nil
				})
				queues[i] = q
			}
			db := reopen(t, dsn)
			err := db.Write(context.Background(), func(tx *store.Tx) error {
				args := make([]jobs.Args, n)
				for i := range args {
					args[i] = echoArgs{N: i}
				}
				_, err := queues[0].EnqueueMany(context.Background(), tx, args, nil)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range queues {
				start(t, q)
			}
			waitFor(t, "every job", func() bool { mu.Lock(); defer mu.Unlock(); return len(runs) == n })
			time.Sleep(300 * time.Millisecond) // room for a duplicate run to show
			mu.Lock()
			defer mu.Unlock()
			for i := range n {
				if runs[i] != 1 {
					t.Errorf("job %d ran %d times", i, runs[i])
				}
			}
			if len(overlap) > 0 {
				t.Errorf("jobs run twice at once: %v", overlap)
			}
			if by["a"] == 0 || by["b"] == 0 {
				t.Errorf("one process did all the work (%v): the test proves nothing", by)
			}
		})
	}
}

type tickArgs struct{}

func (tickArgs) Kind() string { return "test.tick" }

func TestPeriodicJobs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		q := jobs.New(db, fast())
		var (
			mu    sync.Mutex
			ticks int
		)
		jobs.Handle(q, func(context.Context, tickArgs) error { mu.Lock(); ticks++; mu.Unlock(); return nil })
		jobs.Every(q, 300*time.Millisecond, tickArgs{})
		start(t, q)
		waitFor(t, "three runs", func() bool { mu.Lock(); defer mu.Unlock(); return ticks >= 3 })
	})
}

func TestHandleTwiceOrAfterStartPanics(t *testing.T) {
	db := storetest.Open(t, store.SQLite)
	q := jobs.New(db, fast())
	var r recorder
	jobs.Handle(q, r.work)
	mustPanic(t, "second handler", func() { jobs.Handle(q, r.work) })
	start(t, q)
	mustPanic(t, "handler after start", func() { jobs.Handle(q, func(context.Context, tickArgs) error { return nil }) })
	if err := q.Start(context.Background()); err == nil {
		t.Error("second Start succeeded")
	}
}

func mustPanic(t *testing.T, what string, fn func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s did not panic", what)
		}
	}()
	fn()
}

type laneArgs struct {
	N int `json:"n"`
}

func (laneArgs) Kind() string { return "test.lane" }

// A kind in a lane of its own runs at most the lane's workers at once, and
// the default queue's jobs do not wait behind it.
func TestLaneRunsItsJobsOneAtATime(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		q := jobs.New(db, fast())
		var (
			mu            sync.Mutex
			running, most int
			laneDone      int
			echoAt        = -1 // lane jobs done when the echo ran
		)
		jobs.HandleIn(q, "lane", 1, func(ctx context.Context, a laneArgs) error {
			mu.Lock()
			running++
			most = max(most, running)
			mu.Unlock()
			time.Sleep(100 * time.Millisecond)
			mu.Lock()
			running--
			laneDone++
			mu.Unlock()
			return nil
		})
		jobs.Handle(q, func(ctx context.Context, a echoArgs) error {
			mu.Lock()
			echoAt = laneDone
			mu.Unlock()
			return nil
		})
		err := db.Write(context.Background(), func(tx *store.Tx) error {
			args := make([]jobs.Args, 6)
			for i := range args {
				args[i] = laneArgs{N: i}
			}
			_, err := q.EnqueueMany(context.Background(), tx, args, nil)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		enqueue(t, db, q, echoArgs{N: 1}, nil)
		start(t, q)
		waitFor(t, "lane jobs", func() bool { mu.Lock(); defer mu.Unlock(); return laneDone == 6 })
		mu.Lock()
		defer mu.Unlock()
		if most != 1 {
			t.Errorf("%d lane jobs ran at once, want 1", most)
		}
		if echoAt < 0 || echoAt == 6 {
			t.Errorf("the default queue's job ran after %d of 6 lane jobs", echoAt)
		}
	})
}
