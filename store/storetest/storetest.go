// Package storetest gives tests a fresh, migrated database on every engine under
// test: SQLite always, PostgreSQL when B2X_TEST_POSTGRES holds a DSN. Each call
// makes its own database (a temporary file, or a new PostgreSQL database dropped at
// cleanup), so tests run in parallel and leave nothing behind.
//
// Both are copies of a database migrated once per test process: SQLite's is a
// file kept in memory; PostgreSQL's is a template database that Main drops when
// the package's tests end (a package without a TestMain calling Main migrates
// each PostgreSQL database itself).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"b2x/store"
)

// EnvPostgres names the variable that holds the PostgreSQL DSN for tests.
const EnvPostgres = "B2X_TEST_POSTGRES"

// Engines lists the engines the tests run on here.
func Engines() []store.Engine {
	if os.Getenv(EnvPostgres) != "" {
		return []store.Engine{store.SQLite, store.Postgres}
	}
	return []store.Engine{store.SQLite}
}

// Each runs fn as a subtest once per engine, with a fresh database.
func Each(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	for _, e := range Engines() {
		t.Run(string(e), func(t *testing.T) {
			fn(t, Open(t, e))
		})
	}
}

// Open makes a fresh migrated database on engine e.
func Open(t testing.TB, e store.Engine) *store.DB {
	t.Helper()
	ctx := context.Background()
	var dsn string
	switch {
	case e == store.SQLite:
		dsn = sqliteFromTemplate(t)
	case pgTemplate.enabled:
		dsn = postgresFromTemplate(t)
	default:
		dsn = DSN(t, e)
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("open %s: %v", e, err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", e, err)
	}
	return db
}

// DSN makes an empty database on engine e and returns its DSN.
func DSN(t testing.TB, e store.Engine) string {
	t.Helper()
	if e == store.SQLite {
		return "sqlite:" + filepath.Join(t.TempDir(), "b2x.db")
	}
	admin := os.Getenv(EnvPostgres)
	if admin == "" {
		t.Fatalf("%s is not set", EnvPostgres)
	}
	name := "b2x_test_" + randomHex(8)
	if err := createDatabase(admin, name, ""); err != nil {
		t.Fatalf("create database (is PostgreSQL at %s up?): %v", admin, err)
	}
	t.Cleanup(func() { dropDatabase(admin, name) })
	return withDatabase(t, admin, name)
}

func withDatabase(t testing.TB, admin, name string) string {
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

func createDatabase(admin, name, template string) error {
	conn, err := sql.Open("pgx", admin)
	if err != nil {
		return err
	}
	defer conn.Close()
	q := "CREATE DATABASE " + name
	if template != "" {
		q += " TEMPLATE " + template
	}
	// A template must have no sessions; the one that migrated it may take a
	// moment to end after it closed.
	for try := 0; ; try++ {
		_, err = conn.Exec(q)
		if err == nil || template == "" || try == 50 || !strings.Contains(err.Error(), "being accessed by other users") {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func dropDatabase(admin, name string) {
	c, err := sql.Open("pgx", admin)
	if err != nil {
		return
	}
	defer c.Close()
	c.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
}

// pgTemplate is the migrated PostgreSQL database of this test process, made at
// the first test that asks for one when the package's TestMain calls Main.
var pgTemplate struct {
	enabled bool
	once    sync.Once
	name    string
	err     error
}

// Main runs a package's tests and then drops the PostgreSQL template they were
// copied from: func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }.
func Main(m *testing.M) int {
	pgTemplate.enabled = os.Getenv(EnvPostgres) != ""
	code := m.Run()
	if pgTemplate.name != "" {
		dropDatabase(os.Getenv(EnvPostgres), pgTemplate.name)
	}
	return code
}

// postgresFromTemplate makes a database from the process's migrated template.
func postgresFromTemplate(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(EnvPostgres)
	pgTemplate.once.Do(func() { pgTemplate.name, pgTemplate.err = migratedPostgres(t, admin) })
	if pgTemplate.err != nil {
		t.Fatalf("migrate the PostgreSQL template (is PostgreSQL at %s up?): %v", admin, pgTemplate.err)
	}
	name := "b2x_test_" + randomHex(8)
	if err := createDatabase(admin, name, pgTemplate.name); err != nil {
		t.Fatalf("create database from the template: %v", err)
	}
	t.Cleanup(func() { dropDatabase(admin, name) })
	return withDatabase(t, admin, name)
}

func migratedPostgres(t testing.TB, admin string) (string, error) {
	name := "b2x_template_" + randomHex(8)
	if err := createDatabase(admin, name, ""); err != nil {
		return "", err
	}
	ctx := context.Background()
	db, err := store.Open(ctx, withDatabase(t, admin, name))
	if err == nil {
		err = db.Migrate(ctx)
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		dropDatabase(admin, name)
		return "", err
	}
	return name, nil
}

// sqliteTemplate is a migrated SQLite database file, made once per test process
// and kept in memory: migrating took seconds per test under the race detector,
// copying the file takes milliseconds. Nothing of it stays on disk.
var sqliteTemplate struct {
	once sync.Once
	file []byte
	err  error
}

// sqliteFromTemplate writes a copy of the migrated template into the test's
// temporary directory and returns its DSN.
func sqliteFromTemplate(t testing.TB) string {
	t.Helper()
	sqliteTemplate.once.Do(func() {
		sqliteTemplate.file, sqliteTemplate.err = migratedSQLite()
	})
	if sqliteTemplate.err != nil {
		t.Fatalf("migrate the SQLite template: %v", sqliteTemplate.err)
	}
	path := filepath.Join(t.TempDir(), "b2x.db")
	if err := os.WriteFile(path, sqliteTemplate.file, 0o600); err != nil {
		t.Fatal(err)
	}
	return "sqlite:" + path
}

func migratedSQLite() ([]byte, error) {
	dir, err := os.MkdirTemp("", "b2x-storetest-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "template.db")
	ctx := context.Background()
	db, err := store.Open(ctx, "sqlite:"+path)
	if err != nil {
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	// Closing the last connection checkpoints the write-ahead log into the file.
	if err := db.Close(); err != nil {
		return nil, err
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		return nil, errors.New("the template's write-ahead log was not checkpointed")
	}
	return os.ReadFile(path)
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
