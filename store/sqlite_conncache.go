package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"reflect"
	"sync"
)

// The SQLite writer connection keeps a prepared statement for every query text
// it runs, inside the driver. stmtcache.go does this for our own queries at the
// database/sql level, but River (the job queue, store/jobs.go) runs its SQL on
// the *sql.Tx we hand it, where no cache of ours can reach: parsing River's
// insert was two thirds of an enqueue and a third of a checkout's CPU. A cache
// in the driver connection serves every caller of the connection alike.
//
// database/sql uses a driver connection from one goroutine at a time, so the
// cache needs no more than a mutex for Rows.Close. A statement whose rows are
// still open is busy; the same text run meanwhile goes uncached.

// maxConnStatements bounds a connection's cache; past it, queries run uncached.
const maxConnStatements = 512

// cachingConnector opens SQLite connections through the registered "sqlite"
// driver (so that functions registered on it, such as lower, are there) and
// wraps them in cachingConn.
type cachingConnector struct {
	dsn string
	drv driver.Driver
}

func newCachingConnector(dsn string) (*cachingConnector, error) {
	db, err := sql.Open("sqlite", "") // opens nothing: only finds the driver
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return &cachingConnector{dsn: dsn, drv: db.Driver()}, nil
}

func (c *cachingConnector) Connect(context.Context) (driver.Conn, error) {
	conn, err := c.drv.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return &cachingConn{conn: conn.(sqliteConn), stmts: map[string]*cachedStmt{}}, nil
}

func (c *cachingConnector) Driver() driver.Driver { return c.drv }

// sqliteConn is what modernc.org/sqlite's connection implements and database/sql
// looks for.
type sqliteConn interface {
	driver.Conn
	driver.ConnBeginTx
	driver.ConnPrepareContext
	driver.ExecerContext
	driver.QueryerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

type cachedStmt struct {
	stmt interface {
		driver.Stmt
		driver.StmtExecContext
		driver.StmtQueryContext
	}
	busy bool
}

type cachingConn struct {
	conn  sqliteConn
	mu    sync.Mutex
	stmts map[string]*cachedStmt
}

var _ sqliteConn = (*cachingConn)(nil)

// take returns the statement for query, prepared now if need be, marked busy;
// nil when it is busy already or the cache is full.
func (c *cachingConn) take(ctx context.Context, query string) (*cachedStmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.stmts[query]
	switch {
	case ok && s.busy:
		return nil, nil
	case ok:
		s.busy = true
		return s, nil
	case len(c.stmts) >= maxConnStatements:
		return nil, nil
	}
	ds, err := c.conn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	st, ok := ds.(interface {
		driver.Stmt
		driver.StmtExecContext
		driver.StmtQueryContext
	})
	if !ok {
		ds.Close()
		return nil, nil
	}
	s = &cachedStmt{stmt: st, busy: true}
	c.stmts[query] = s
	return s, nil
}

func (c *cachingConn) release(s *cachedStmt) {
	c.mu.Lock()
	s.busy = false
	c.mu.Unlock()
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	s, err := c.take(ctx, query)
	if err != nil || s == nil {
		return c.conn.ExecContext(ctx, query, args) // a prepare error shows here again, as the caller expects
	}
	defer c.release(s)
	return s.stmt.ExecContext(ctx, args)
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	s, err := c.take(ctx, query)
	if err != nil || s == nil {
		return c.conn.QueryContext(ctx, query, args)
	}
	rows, err := s.stmt.QueryContext(ctx, args)
	if err != nil {
		c.release(s)
		return nil, err
	}
	return &cachedRows{rows: rows.(sqliteRows), release: func() { c.release(s) }}, nil
}

func (c *cachingConn) Prepare(query string) (driver.Stmt, error) { return c.conn.Prepare(query) }
func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.conn.PrepareContext(ctx, query)
}
func (c *cachingConn) Begin() (driver.Tx, error) {
	return c.conn.BeginTx(context.Background(), driver.TxOptions{})
}
func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.conn.BeginTx(ctx, opts)
}
func (c *cachingConn) Ping(ctx context.Context) error         { return c.conn.Ping(ctx) }
func (c *cachingConn) ResetSession(ctx context.Context) error { return c.conn.ResetSession(ctx) }
func (c *cachingConn) IsValid() bool                          { return c.conn.IsValid() }
func (c *cachingConn) Close() error {
	c.mu.Lock()
	for q, s := range c.stmts {
		s.stmt.Close()
		delete(c.stmts, q)
	}
	c.mu.Unlock()
	return c.conn.Close()
}

// sqliteRows is what modernc.org/sqlite's rows implement.
type sqliteRows interface {
	driver.Rows
	driver.RowsColumnTypeDatabaseTypeName
	driver.RowsColumnTypeLength
	driver.RowsColumnTypeNullable
	driver.RowsColumnTypePrecisionScale
	driver.RowsColumnTypeScanType
}

// cachedRows gives the statement back when the rows are closed.
type cachedRows struct {
	rows    sqliteRows
	release func()
	once    sync.Once
}

func (r *cachedRows) Columns() []string              { return r.rows.Columns() }
func (r *cachedRows) Next(dest []driver.Value) error { return r.rows.Next(dest) }
func (r *cachedRows) Close() error {
	err := r.rows.Close()
	r.once.Do(r.release)
	return err
}
func (r *cachedRows) ColumnTypeDatabaseTypeName(i int) string {
	return r.rows.ColumnTypeDatabaseTypeName(i)
}
func (r *cachedRows) ColumnTypeLength(i int) (int64, bool)  { return r.rows.ColumnTypeLength(i) }
func (r *cachedRows) ColumnTypeNullable(i int) (bool, bool) { return r.rows.ColumnTypeNullable(i) }
func (r *cachedRows) ColumnTypePrecisionScale(i int) (int64, int64, bool) {
	return r.rows.ColumnTypePrecisionScale(i)
}
func (r *cachedRows) ColumnTypeScanType(i int) reflect.Type { return r.rows.ColumnTypeScanType(i) }
