package store

import (
	"context"
	"path/filepath"
	"testing"
)

func TestWriterConnectionCachesStatements(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w := db.write

	// A script of several statements runs whole.
	if _, err := w.ExecContext(ctx, `CREATE TABLE t (n INTEGER PRIMARY KEY, s TEXT NOT NULL);
		INSERT INTO t (n, s) VALUES (1, 'one'); INSERT INTO t (n, s) VALUES (2, 'two')`); err != nil {
		t.Fatal(err)
	}
	const q = `SELECT s FROM t WHERE n >= $1 ORDER BY n`
	read := func(from int) []string {
		t.Helper()
		rows, err := w.QueryContext(ctx, q, from)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	if got := read(1); len(got) != 2 || got[0] != "one" {
		t.Fatalf("first run: %v", got)
	}
	if got := read(2); len(got) != 1 || got[0] != "two" {
		t.Fatalf("the cached statement with another argument: %v", got)
	}

	// The same text again while its rows are open, on the same connection (a
	// transaction holds it): the second runs apart and both read right.
	tx, err := w.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	outer, err := tx.QueryContext(ctx, q, 1)
	if err != nil {
		t.Fatal(err)
	}
	var seen []string
	for outer.Next() {
		var s string
		if err := outer.Scan(&s); err != nil {
			t.Fatal(err)
		}
		var inner string
		if err := tx.QueryRowContext(ctx, q, 2).Scan(&inner); err != nil || inner != "two" {
			t.Fatalf("nested run: %q, %v", inner, err)
		}
		seen = append(seen, s)
	}
	outer.Close()
	if len(seen) != 2 || seen[1] != "two" {
		t.Fatalf("outer rows after nested runs: %v", seen)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}

	conn, err := w.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = conn.Raw(func(dc any) error {
		c := dc.(*cachingConn)
		if s, ok := c.stmts[q]; !ok || s.busy {
			t.Errorf("the query is not cached, or still busy: %v", c.stmts)
		}
		return nil
	})
	conn.Close()
	if err != nil {
		t.Fatal(err)
	}

	// A schema change under a cached statement: SQLite prepares it again.
	if _, err := w.ExecContext(ctx, `ALTER TABLE t ADD COLUMN extra TEXT NOT NULL DEFAULT 'x'`); err != nil {
		t.Fatal(err)
	}
	if got := read(1); len(got) != 2 {
		t.Fatalf("after a schema change: %v", got)
	}
	// An error in a statement is reported, every time.
	for range 2 {
		if _, err := w.ExecContext(ctx, `INSERT INTO t (n, s) VALUES (1, 'again')`); !uniqueViolation(err) {
			t.Fatalf("duplicate key: %v", err)
		}
		if _, err := w.ExecContext(ctx, `SELECT nope FROM t`); err == nil {
			t.Fatal("a bad query ran")
		}
	}
}
