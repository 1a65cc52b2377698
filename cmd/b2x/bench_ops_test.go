package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestBenchOpsSmall runs b2x bench ops at a tiny size: it seeds and renders
// every measured page with status 200.
func TestBenchOpsSmall(t *testing.T) {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "bench.db")
	out, _, err := b2x(t, nil, "bench", "ops", "--db", dsn, "--orders", "300", "--runs", "2")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"seeded 300 orders", "fulfilment board", "order list, by number", "low-stock list"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
