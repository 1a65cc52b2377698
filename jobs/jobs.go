// Package jobs is b2x's durable job queue: background work kept in the same
// database as everything else, on River (github.com/riverqueue/river) with its
// SQLite driver on SQLite and its database/sql driver on PostgreSQL (see
// store/jobs.go for which connection River uses and why).
//
// A use case enqueues a job inside its own write transaction (Enqueue takes the
// *store.Tx), so the job exists if and only if the transaction commits. A job
// that fails is retried with backoff; a job survives a restart, because it is a
// row; and a job is claimed by one process at a time (FOR UPDATE SKIP LOCKED on
// PostgreSQL, the single writer on SQLite), so two processes never run it at
// once. Delivery is at least once: a process that dies in the middle of a job
// leaves it running until RescueAfter, and then it runs again, so handlers must
// be idempotent or record what they have done.
//
// Handlers are registered before Start (Handle, Every); package app registers
// its own in app.New.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/rivertype"

	"b2x/store"
)

// Args are a job's arguments: a JSON-encodable struct whose Kind names the job,
// e.g. "mail.order_confirmation". The kind is stored with every job, so it must
// not change once jobs of it exist.
type Args = river.JobArgs

// Opts are how one job is enqueued; nil means at once, not unique.
type Opts struct {
	// Unique makes the job unique by its kind and arguments: while a job with the
	// same kind and arguments waits, runs, or completed within the last day, the
	// enqueue is skipped (Enqueue returns false).
	Unique bool
	// RunAt delays the job; zero means now.
	RunAt time.Time
	// MaxAttempts overrides Config.MaxAttempts for this job.
	MaxAttempts int
}

// Config configures a Queue. The zero value is usable.
type Config struct {
	// Workers is how many jobs this process runs at once (default 10).
	Workers int
	// Poll is how often the process looks for due jobs on its own (default 1 s).
	// On SQLite a new job is also announced within 50 ms through River's
	// notification table; on PostgreSQL polling is the only way (no LISTEN, see
	// store/jobs.go), so a new job starts within Poll.
	Poll time.Duration
	// Cooldown is the shortest time between two fetches (default 100 ms): with
	// many jobs waiting, the process takes at most Workers of them per Cooldown.
	Cooldown time.Duration
	// Backoff says how long to wait before attempt+1 after attempt failed; nil
	// means River's default, attempt⁴ seconds with 10 % jitter (1 s, 16 s, 81 s …).
	Backoff func(attempt int) time.Duration
	// MaxAttempts is how often a job is tried before it is discarded (default 25,
	// about three weeks with the default backoff).
	MaxAttempts int
	// JobTimeout cancels a job's context after this long (default 1 min).
	JobTimeout time.Duration
	// RescueAfter is when a job still running is taken to belong to a process
	// that died, and is run again (default 1 h). It must exceed JobTimeout.
	RescueAfter time.Duration
	// Logger receives River's logs (default slog.Default()).
	Logger *slog.Logger
	// ID names this process among the queue's clients (default: random).
	ID string
}

// Queue is the job queue on one database.
type Queue struct {
	db       *store.DB
	driver   riverdriver.Driver[*sql.Tx]
	cfg      Config
	workers  *river.Workers
	inserter *river.Client[*sql.Tx] // enqueues; needs no Start

	mu    sync.Mutex
	kinds map[string]bool
	// lanes are the kinds worked in a queue of their own (HandleIn), by kind.
	// They have a lock of their own: Enqueue reads them inside a write
	// transaction, which on SQLite holds the one writer connection that Start,
	// holding mu, may be waiting for.
	lanesMu  sync.RWMutex
	lanes    map[string]lane
	periodic []*river.PeriodicJob
	client   *river.Client[*sql.Tx] // works jobs, from Start to Stop
}

// New makes a queue on db, whose migrations (which include River's) have run.
// It can enqueue at once; it works jobs after Start.
func New(db *store.DB, cfg Config) *Queue {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	q := &Queue{db: db, driver: db.JobsDriver(), cfg: cfg, workers: river.NewWorkers(), kinds: map[string]bool{}, lanes: map[string]lane{}}
	// An insert-only client: no queues, so it runs nothing and needs no Start.
	// Its only check is that a handler for the kind is registered.
	c, err := river.NewClient(q.driver, &river.Config{Logger: cfg.Logger, Workers: q.workers, MaxAttempts: cfg.MaxAttempts})
	if err != nil {
		panic(fmt.Sprintf("jobs: %v", err)) // only a bad configuration fails here
	}
	q.inserter = c
	return q
}

// lane is a River queue of its own for one kind of job.
type lane struct {
	queue   string
	workers int
}

type handler[A Args] struct {
	river.WorkerDefaults[A]
	work func(context.Context, A) error
}

func (h *handler[A]) Work(ctx context.Context, j *river.Job[A]) error { return h.work(ctx, j.Args) }

// Handle registers the function that works jobs of A's kind. It panics when the
// kind has a handler already or the queue has started: both are programming
// errors found at start.
func Handle[A Args](q *Queue, work func(ctx context.Context, args A) error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var zero A
	if q.client != nil {
		panic("jobs: Handle after Start: " + zero.Kind())
	}
	if q.kinds[zero.Kind()] {
		panic("jobs: two handlers for " + zero.Kind())
	}
	if err := river.AddWorkerSafely(q.workers, &handler[A]{work: work}); err != nil {
		panic("jobs: " + err.Error())
	}
	q.kinds[zero.Kind()] = true
}

// HandleIn is Handle for a kind whose jobs run in a queue of their own, at most
// workers of them at once in each process: they neither wait behind the other
// jobs nor hold up the others' workers, and a kind may bound how much of its
// work one process has in hand (a campaign sends one batch at a time per
// process, so a crash cuts off at most one). Jobs of the kind enqueued before
// this call go to the default queue.
func HandleIn[A Args](q *Queue, queue string, workers int, work func(ctx context.Context, args A) error) {
	if queue == "" || queue == river.QueueDefault || workers < 1 {
		panic(fmt.Sprintf("jobs: HandleIn(%q, %d): want a queue of its own and at least one worker", queue, workers))
	}
	Handle(q, work)
	var zero A
	q.lanesMu.Lock()
	defer q.lanesMu.Unlock()
	for _, l := range q.lanes {
		if l.queue == queue {
			panic("jobs: two kinds in queue " + queue)
		}
	}
	q.lanes[zero.Kind()] = lane{queue: queue, workers: workers}
}

// queueOf is the queue jobs of kind go to ("" for the default).
func (q *Queue) queueOf(kind string) string {
	q.lanesMu.RLock()
	defer q.lanesMu.RUnlock()
	return q.lanes[kind].queue
}

// Every enqueues a job with args every interval, and once when the queue starts.
// Only one process of those sharing the database (River's elected leader)
// enqueues periodic jobs, so with many processes the job still runs once per
// interval. The kind needs a handler.
func Every(q *Queue, interval time.Duration, args Args) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.client != nil {
		panic("jobs: Every after Start: " + args.Kind())
	}
	q.periodic = append(q.periodic, river.NewPeriodicJob(river.PeriodicInterval(interval),
		func() (river.JobArgs, *river.InsertOpts) { return args, nil },
		&river.PeriodicJobOpts{ID: args.Kind(), RunOnStart: true}))
}

// ErrNoTransaction is returned by Enqueue given a read (store.DB.Read), which has
// no transaction to put the job in.
var ErrNoTransaction = errors.New("jobs: enqueue needs a write transaction (store.DB.Write)")

// Enqueue adds a job inside tx: it exists if and only if tx commits. It reports
// false when opts.Unique found the same job already there.
func (q *Queue) Enqueue(ctx context.Context, tx *store.Tx, args Args, opts *Opts) (bool, error) {
	sqlTx := tx.SQLTx()
	if sqlTx == nil {
		return false, ErrNoTransaction
	}
	res, err := q.inserter.InsertTx(ctx, sqlTx, args, insertOpts(opts, q.queueOf(args.Kind())))
	if err != nil {
		return false, fmt.Errorf("jobs: enqueue %s: %w", args.Kind(), err)
	}
	return !res.UniqueSkippedAsDuplicate, nil
}

// EnqueueMany adds several jobs inside tx, each with opts, in one statement on
// PostgreSQL. It returns how many were added (unique duplicates are not).
func (q *Queue) EnqueueMany(ctx context.Context, tx *store.Tx, args []Args, opts *Opts) (int, error) {
	if len(args) == 0 {
		return 0, nil
	}
	sqlTx := tx.SQLTx()
	if sqlTx == nil {
		return 0, ErrNoTransaction
	}
	params := make([]river.InsertManyParams, len(args))
	for i, a := range args {
		params[i] = river.InsertManyParams{Args: a, InsertOpts: insertOpts(opts, q.queueOf(a.Kind()))}
	}
	res, err := q.inserter.InsertManyTx(ctx, sqlTx, params)
	if err != nil {
		return 0, fmt.Errorf("jobs: enqueue %d jobs: %w", len(args), err)
	}
	n := 0
	for _, r := range res {
		if !r.UniqueSkippedAsDuplicate {
			n++
		}
	}
	return n, nil
}

func insertOpts(o *Opts, queue string) *river.InsertOpts {
	if o == nil && queue == "" {
		return nil
	}
	io := &river.InsertOpts{Queue: queue}
	if o == nil {
		return io
	}
	io.ScheduledAt, io.MaxAttempts = o.RunAt, o.MaxAttempts
	if o.Unique {
		io.UniqueOpts = river.UniqueOpts{ByArgs: true}
	}
	return io
}

// Start begins working jobs in the background, until Stop. Cancelling ctx does
// not stop the work (Stop does, gracefully); ctx only carries values.
func (q *Queue) Start(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.client != nil {
		return errors.New("jobs: queue already started")
	}
	poll, cooldown := or(q.cfg.Poll, time.Second), or(q.cfg.Cooldown, 100*time.Millisecond)
	queues := map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: or(q.cfg.Workers, 10)}}
	q.lanesMu.RLock()
	lanes := maps.Clone(q.lanes)
	q.lanesMu.RUnlock()
	for _, l := range lanes {
		// A lane fetches when one of its few workers is free: a long cooldown
		// would leave that worker idle between jobs.
		queues[l.queue] = river.QueueConfig{MaxWorkers: l.workers, FetchCooldown: min(cooldown, poll, laneCooldown)}
	}
	cfg := &river.Config{
		ID:                   q.cfg.ID,
		Logger:               q.cfg.Logger,
		Workers:              q.workers,
		Queues:               queues,
		PeriodicJobs:         q.periodic,
		FetchPollInterval:    poll,
		FetchCooldown:        cooldown,
		MaxAttempts:          q.cfg.MaxAttempts,
		JobTimeout:           q.cfg.JobTimeout,
		RescueStuckJobsAfter: q.cfg.RescueAfter,
	}
	if cfg.FetchCooldown > cfg.FetchPollInterval {
		cfg.FetchCooldown = cfg.FetchPollInterval
	}
	if q.cfg.Backoff != nil {
		cfg.RetryPolicy = backoff(q.cfg.Backoff)
	}
	c, err := river.NewClient(q.driver, cfg)
	if err != nil {
		return fmt.Errorf("jobs: %w", err)
	}
	if err := c.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("jobs: start: %w", err)
	}
	q.client = c
	return nil
}

// laneCooldown is the longest a lane waits between fetches.
const laneCooldown = 2 * time.Millisecond

// Stop stops taking jobs and waits for the running ones until ctx is done; then
// it cancels them (they are retried later, by this or another process) and
// waits up to 10 s more for them to return.
func (q *Queue) Stop(ctx context.Context) error {
	q.mu.Lock()
	c := q.client
	q.mu.Unlock()
	if c == nil {
		return nil
	}
	err := c.Stop(ctx)
	if err == nil || ctx.Err() == nil {
		return err
	}
	hard, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	return c.StopAndCancel(hard)
}

// Permanent wraps err so that the job is not tried again (say, an address the
// mail server refuses for good). Any other error retries it with backoff.
func Permanent(err error) error { return river.JobCancel(err) }

type backoff func(attempt int) time.Duration

func (b backoff) NextRetry(j *rivertype.JobRow) time.Time {
	return time.Now().Add(b(j.Attempt))
}

func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
