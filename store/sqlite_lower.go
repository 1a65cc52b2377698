package store

import (
	"database/sql/driver"
	"strings"

	"modernc.org/sqlite"
)

// SQLite's built-in lower() folds only ASCII, so a search for "кирпич" would miss
// "Кирпич" on SQLite and find it on PostgreSQL. Replacing lower() with Go's
// Unicode folding keeps one SQL text with the same meaning on both engines.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("lower", 1, func(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		switch v := args[0].(type) {
		case string:
			return strings.ToLower(v), nil
		case []byte:
			return strings.ToLower(string(v)), nil
		default:
			return v, nil
		}
	})
}
