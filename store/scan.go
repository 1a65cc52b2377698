package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"b2x/errs"
)

// null stores an empty string as NULL, for optional foreign keys.
func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nullTime stores a zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// utc keeps times in UTC and at the microsecond precision PostgreSQL stores, so a
// value reads back equal on both engines.
func utc(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only store-owned types are marshalled here
	}
	return string(b)
}

func fromJSON(s string, v any) error {
	if s == "" {
		return nil
	}
	return json.Unmarshal([]byte(s), v)
}

// notFound turns sql.ErrNoRows into the not_found error the surfaces understand.
func notFound(err error, format string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return errs.E(errs.NotFound, format, args...)
	}
	return err
}

// uniqueViolation reports whether err is a unique-key violation on either engine.
func uniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	m := err.Error()
	return strings.Contains(m, "UNIQUE constraint failed") || strings.Contains(m, "SQLSTATE 23505")
}

// placeholders returns "$from, $from+1, …" for n arguments.
func placeholders(from, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("$")
		b.WriteString(strconv.Itoa(from + i))
	}
	return b.String()
}

// scanner is a row to scan: *sql.Row or *sql.Rows.
type scanner interface{ Scan(...any) error }

// queryAll runs a query and scans every row with scan.
func queryAll[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// scanString scans a one-column row.
func scanString(row scanner) (string, error) {
	var s string
	err := row.Scan(&s)
	return s, err
}

// conditions builds a WHERE clause with numbered arguments for a listing.
type conditions struct {
	conds []string
	args  []any
}

// arg adds an argument and returns its placeholder.
func (c *conditions) arg(v any) string {
	c.args = append(c.args, v)
	return "$" + strconv.Itoa(len(c.args))
}

// add adds a condition; all of them must hold.
func (c *conditions) add(cond string) { c.conds = append(c.conds, cond) }

// like adds a case-insensitive substring match of s against any of the columns.
func (c *conditions) like(s string, columns ...string) {
	p := c.arg("%" + escapeLike(strings.ToLower(s)) + "%")
	parts := make([]string, len(columns))
	for i, col := range columns {
		parts[i] = "lower(" + col + ") LIKE " + p + ` ESCAPE '\'`
	}
	c.add("(" + strings.Join(parts, " OR ") + ")")
}

// where is the WHERE clause, empty when there are no conditions.
func (c *conditions) where() string {
	if len(c.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.conds, " AND ")
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
