package main

import (
	"path/filepath"
	"strings"
	"testing"

	"b2x/errs"
)

// TestBenchCRMSmall runs b2x bench crm at a tiny size: it seeds, measures every
// use case, and refuses to seed the same database twice.
func TestBenchCRMSmall(t *testing.T) {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "bench.db")
	args := []string{"bench", "crm", "--db", dsn, "--deals", "60", "--activities", "300", "--organizations", "10", "--runs", "3"}
	out, _, err := b2x(t, nil, args...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"seeded 10 organizations, 60 deals, 300 activities", "board, all deals", "customer view, biggest account", "overdue, everyone"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, _, err := b2x(t, nil, args...); errs.CodeOf(err) != errs.Conflict {
		t.Fatalf("second seeding: %v, want a conflict", err)
	}
}
