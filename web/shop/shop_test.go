package shop_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/demo"
	"b2x/store"
	"b2x/web"
)

// demoDB is one demo database for the package's tests, seeded once: seeding
// takes seconds and the page tests only read, or write what no other test reads.
var demoDB struct {
	once sync.Once
	dir  string
	err  error
}

// demoNow is the fixed day the demo history ends on, so pages are the same on
// every run.
var demoNow = time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)

func TestMain(m *testing.M) {
	code := m.Run()
	if demoDB.dir != "" {
		os.RemoveAll(demoDB.dir)
	}
	os.Exit(code)
}

// newDemoServer serves the whole b2x handler over the demo data.
func newDemoServer(t *testing.T) *httptest.Server {
	t.Helper()
	a := newDemoApp(t)
	srv := httptest.NewServer(web.Handler(a, slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	return srv
}

func newDemoApp(t *testing.T) *app.App {
	t.Helper()
	demoDB.once.Do(func() {
		demoDB.dir, demoDB.err = seedDemo()
	})
	if demoDB.err != nil {
		t.Fatal(demoDB.err)
	}
	db, err := store.Open(context.Background(), "sqlite:"+filepath.Join(demoDB.dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return app.New(db, app.WithClock(func() time.Time { return demoNow.Add(10 * time.Hour) }))
}

func seedDemo() (string, error) {
	dir, err := os.MkdirTemp("", "b2x-shop-test-")
	if err != nil {
		return "", err
	}
	db, err := store.Open(context.Background(), "sqlite:"+filepath.Join(dir, "demo.db"))
	if err != nil {
		return "", err
	}
	defer db.Close()
	if err := db.Migrate(context.Background()); err != nil {
		return "", err
	}
	a := app.New(db, app.WithClock(func() time.Time { return demoNow }))
	return dir, a.SeedDemo(context.Background(), demo.Generate(1, demoNow))
}
