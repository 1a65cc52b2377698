// Package store is b2x's one SQL implementation for both engines: the embedded
// SQLite (modernc.org/sqlite, pure Go) and PostgreSQL (pgx). Queries are plain SQL
// written once; the few places where the engines really differ live in dialect.go.
//
// Writes run in DB.Write, one transaction per call, so a use case in package app
// either lands whole or not at all. Reads that need no transaction use DB.Read.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Engine names a database engine.
type Engine string

const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// DB is an open database.
type DB struct {
	engine Engine
	// SQLite allows one writer at a time; one connection for writes (opened with
	// BEGIN IMMEDIATE) queues writers in Go instead of failing them with SQLITE_BUSY,
	// while readers use their own pool under WAL. PostgreSQL uses one pool for both.
	write *sql.DB
	read  *sql.DB
	// SQLite only: prepared statements for the writer and for the read pool.
	writeStmts, readStmts *stmtCache
}

// Open connects to dsn: "sqlite:PATH" (PATH may be ":memory:" only for a single
// connection's life, so tests use a file) or "postgres://…".
func Open(ctx context.Context, dsn string) (*DB, error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		return openSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn)
	default:
		return nil, fmt.Errorf("store: unknown database %q: use sqlite:PATH or postgres://…", dsn)
	}
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("store: sqlite: needs a file path, e.g. sqlite:./b2x.db")
	}
	q := url.Values{}
	// mmap_size lets readers take pages from the OS page cache without a read
	// system call each: a listing of thousands of products (store/search_query.go)
	// read twice as fast with it.
	for _, p := range []string{"journal_mode(WAL)", "foreign_keys(1)", "busy_timeout(10000)", "synchronous(FULL)", "mmap_size(268435456)"} {
		q.Add("_pragma", p)
	}
	q.Set("_time_format", "sqlite")
	base := "file:" + path + "?" + q.Encode()
	// The writer keeps every statement it runs prepared (sqlite_conncache.go).
	connector, err := newCachingConnector(base + "&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	write := sql.OpenDB(connector)
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", base)
	if err != nil {
		write.Close()
		return nil, err
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	return &DB{engine: SQLite, write: write, read: read, writeStmts: newStmtCache(write), readStmts: newStmtCache(read)}, nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: postgres address: %w", err)
	}
	if _, set := cfg.RuntimeParams["jit"]; !set {
		// JIT compiling pays only for long analytic queries; a listing read
		// over a 10,000-product catalog passes its cost threshold and spent
		// more time compiling than running (tens of milliseconds a search).
		cfg.RuntimeParams["jit"] = "off"
	}
	if _, set := cfg.RuntimeParams["random_page_cost"]; !set {
		// The default (4) prices a page read by index as a disk seek. b2x's
		// tables are read from memory, and at that price the planner scanned
		// all of product_search (100,000 rows, 40 ms) to join a search's
		// 4,600 matches rather than look them up by key (18 ms). 1.1 is the
		// usual setting for data in memory or on SSDs.
		cfg.RuntimeParams["random_page_cost"] = "1.1"
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(32)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: connect to postgres: %w", err)
	}
	return &DB{engine: Postgres, write: db, read: db}, nil
}

// Engine says which engine the database runs on.
func (db *DB) Engine() Engine { return db.engine }

// Close closes every connection.
func (db *DB) Close() error {
	if db.writeStmts != nil {
		db.writeStmts.close()
		db.readStmts.close()
	}
	err := db.write.Close()
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Tx is a transaction (from Write) or a read-only view (from Read). Its methods are
// the store's queries.
type Tx struct {
	q      querier
	engine Engine
}

type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Write runs fn in one transaction and commits when fn returns nil. On PostgreSQL a
// serialization failure or deadlock is retried from the start, so fn must not have
// effects outside the transaction.
func (db *DB) Write(ctx context.Context, fn func(*Tx) error) error {
	const attempts = 5
	var err error
	for i := range attempts {
		if err = db.writeOnce(ctx, fn); !retryable(err) {
			return err
		}
		time.Sleep(time.Duration(1<<i) * time.Millisecond)
	}
	return err
}

func (db *DB) writeOnce(ctx context.Context, fn func(*Tx) error) error {
	sqlTx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	var q querier = sqlTx
	if db.writeStmts != nil {
		q = cachedTx{tx: sqlTx, cache: db.writeStmts}
	}
	if err := fn(&Tx{q: q, engine: db.engine}); err != nil {
		sqlTx.Rollback()
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	if db.writeStmts != nil {
		db.writeStmts.flush(ctx)
	}
	return nil
}

// Read runs fn on the read pool without a transaction: each query sees the latest
// committed data.
func (db *DB) Read(ctx context.Context, fn func(*Tx) error) error {
	if db.readStmts == nil {
		return fn(&Tx{q: db.read, engine: db.engine})
	}
	err := fn(&Tx{q: cachedDB{db: db.read, cache: db.readStmts}, engine: db.engine})
	db.readStmts.flush(ctx)
	return err
}

func retryable(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && (pg.Code == "40001" || pg.Code == "40P01")
}

// ExecRaw runs a statement outside any use case; the benchmark harness uses it to
// measure the engine's own single-row insert rate.
func (db *DB) ExecRaw(ctx context.Context, query string, args ...any) error {
	_, err := db.write.ExecContext(ctx, query, args...)
	return err
}

// CountRows counts a table's rows; tests use it to prove a refused request wrote
// nothing. table must be one of the store's own table names.
func (db *DB) CountRows(ctx context.Context, table string) (int, error) {
	for _, c := range table {
		if (c < 'a' || c > 'z') && c != '_' {
			return 0, fmt.Errorf("store: bad table name %q", table)
		}
	}
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n)
	return n, err
}
