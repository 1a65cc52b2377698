package store

import (
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
