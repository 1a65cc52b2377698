package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps prepared statements for SQLite. Parsing SQL is a third of a
// checkout's time on modernc's SQLite, and database/sql prepares every
// ExecContext/QueryContext afresh; pgx caches prepared statements by itself, so
// PostgreSQL does not need this.
//
// Statements are prepared on a pool (the single writer connection, or the read
// pool, where database/sql prepares them per connection as needed) and bound to a
// transaction with Tx.StmtContext, which reuses the connection's prepared
// statement. Preparing needs a free connection, and inside a write transaction
// the only writer connection is busy, so a miss runs unprepared and is prepared
// after the transaction (flush).
type stmtCache struct {
	db      *sql.DB
	mu      sync.RWMutex
	stmts   map[string]*sql.Stmt
	pending map[string]bool
}

// maxCachedStatements bounds the cache: listings with optional filters and IN
// lists of varying length make many texts, and past this they are just not cached.
const maxCachedStatements = 512

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, stmts: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

// get returns the prepared statement for query, or nil when it is not prepared yet.
func (c *stmtCache) get(query string) *sql.Stmt {
	c.mu.RLock()
	s, ok := c.stmts[query]
	c.mu.RUnlock()
	if ok {
		return s
	}
	c.mu.Lock()
	if len(c.stmts)+len(c.pending) < maxCachedStatements {
		c.pending[query] = true
	}
	c.mu.Unlock()
	return nil
}

// flush prepares the statements that missed. It must not hold the lock while it
// prepares: preparing waits for a free connection, and the transaction holding it
// may be waiting to read the cache.
func (c *stmtCache) flush(ctx context.Context) {
	c.mu.Lock()
	if len(c.pending) == 0 {
		c.mu.Unlock()
		return
	}
	queries := make([]string, 0, len(c.pending))
	for q := range c.pending {
		queries = append(queries, q)
	}
	clear(c.pending)
	c.mu.Unlock()
	for _, q := range queries {
		s, err := c.db.PrepareContext(ctx, q)
		if err != nil {
			continue // a bad query fails, with its error, when it runs unprepared
		}
		c.mu.Lock()
		if _, dup := c.stmts[q]; dup || c.stmts == nil {
			s.Close()
		} else {
			c.stmts[q] = s
		}
		c.mu.Unlock()
	}
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.stmts {
		s.Close()
	}
	c.stmts = nil
}

// cachedTx runs a transaction's queries through prepared statements.
type cachedTx struct {
	tx    *sql.Tx
	cache *stmtCache
}

func (c cachedTx) stmt(ctx context.Context, query string) *sql.Stmt {
	s := c.cache.get(query)
	if s == nil {
		return nil
	}
	return c.tx.StmtContext(ctx, s)
}

func (c cachedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := c.stmt(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return c.tx.ExecContext(ctx, query, args...)
}

func (c cachedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := c.stmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return c.tx.QueryContext(ctx, query, args...)
}

func (c cachedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := c.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return c.tx.QueryRowContext(ctx, query, args...)
}

// cachedDB runs reads on a pool through prepared statements.
type cachedDB struct {
	db    *sql.DB
	cache *stmtCache
}

func (c cachedDB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if s := c.cache.get(query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return c.db.ExecContext(ctx, query, args...)
}

func (c cachedDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if s := c.cache.get(query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return c.db.QueryContext(ctx, query, args...)
}

func (c cachedDB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if s := c.cache.get(query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return c.db.QueryRowContext(ctx, query, args...)
}
