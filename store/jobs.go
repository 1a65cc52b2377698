package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// The job queue (package jobs, on River) keeps its tables in the same database,
// so that a use case can enqueue a job inside its own write transaction: the job
// exists if and only if the transaction commits.
//
// On SQLite River shares the one writer connection. A second handle with its own
// busy_timeout would make River's fetches and completions contend with the
// application's writers on SQLite's file lock, where a waiting writer sleeps and
// polls (in steps of up to 100 ms) instead of queueing in Go; and unless that
// handle also began every transaction IMMEDIATE, a River transaction that reads
// before it writes would fail with SQLITE_BUSY, which busy_timeout does not
// retry. On the shared connection River's statements queue with ours and nothing
// is ever busy; River's SQLite driver recommends exactly this, a pool of one
// connection. Its reads (the notification poll every 50 ms, the leader check) go
// through that connection too; they take microseconds.
//
// On PostgreSQL River uses the same database/sql pool through riverdatabasesql,
// so its transactions are *sql.Tx on both engines. That driver has no listener,
// so River polls for new jobs instead of using LISTEN/NOTIFY, and claims jobs
// with FOR UPDATE SKIP LOCKED: nothing depends on advisory locks or
// notifications, as design.md asks of anything that must run on
// PostgreSQL-compatible distributed engines.

// JobsDriver returns the River driver for this database, on the pool described
// above.
func (db *DB) JobsDriver() riverdriver.Driver[*sql.Tx] {
	if db.engine == SQLite {
		return riversqlite.New(db.write)
	}
	return riverdatabasesql.New(db.write)
}

// SQLTx returns the database/sql transaction of a write, so that the job queue
// inserts its rows in it; it returns nil for a read, which has no transaction.
func (tx *Tx) SQLTx() *sql.Tx {
	switch q := tx.q.(type) {
	case *sql.Tx:
		return q
	case cachedTx:
		return q.tx
	}
	return nil
}

// migrateJobs applies River's own migrations after ours, one per transaction,
// as rivermigrate.Migrate does, but inside our migration lock on PostgreSQL, so
// that two processes starting together do not both apply one.
func (db *DB) migrateJobs(ctx context.Context) error {
	m, err := rivermigrate.New(db.JobsDriver(), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	for {
		applied := 0
		err := db.Write(ctx, func(tx *Tx) error {
			if tx.engine == Postgres {
				if _, err := tx.q.ExecContext(ctx, `LOCK TABLE schema_migrations IN EXCLUSIVE MODE`); err != nil {
					return err
				}
			}
			//lint:ignore SA1019 deprecated because several steps in one transaction can fail; we run one step per transaction.
			res, err := m.MigrateTx(ctx, tx.SQLTx(), rivermigrate.DirectionUp, &rivermigrate.MigrateOpts{MaxSteps: 1})
			if err != nil {
				return err
			}
			applied = len(res.Versions)
			return nil
		})
		if err != nil {
			return fmt.Errorf("store: job queue migration: %w", err)
		}
		if applied == 0 {
			return nil
		}
	}
}
