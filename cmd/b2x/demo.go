package main

import (
	"context"
	"fmt"
	"time"

	"b2x/app"
	"b2x/demo"
	"b2x/errs"
)

// defaultDemoSeed is the seed of the demo data set when none is given.
const defaultDemoSeed = 1

// cmdDemo seeds the deterministic demo data set into an empty database.
func cmdDemo(ctx context.Context, e *env, args []string) error {
	fs, dsn := flags("demo", e)
	seed := fs.Uint64("seed", defaultDemoSeed, "seed of the data set: the same seed and --now give the same data")
	nowFlag := fs.String("now", "", "end of the order history, RFC 3339 (default: the start of today, UTC)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("demo takes no arguments, got %q: %w", fs.Args(), errUsage)
	}
	now := today()
	if *nowFlag != "" {
		t, err := time.Parse(time.RFC3339, *nowFlag)
		if err != nil {
			return errs.Field("now", "must be a time like 2025-06-15T12:00:00Z")
		}
		now = t
	}
	a, closeDB, err := open(ctx, e, *dsn)
	if err != nil {
		return err
	}
	defer closeDB()
	return seedDemoWith(ctx, e, a, *seed, now, true)
}

// seedDemo seeds the default demo data set for serve --demo, skipping a database
// that already has products. With force, as when the operator runs b2x demo, a
// database that has products is an error instead of a skip: the demo SKUs would
// clash with its catalog.
func seedDemo(ctx context.Context, e *env, a *app.App, force bool) error {
	return seedDemoWith(ctx, e, a, defaultDemoSeed, today(), force)
}

func seedDemoWith(ctx context.Context, e *env, a *app.App, seed uint64, now time.Time, force bool) error {
	has, err := a.HasProducts(ctx)
	if err != nil {
		return err
	}
	if has {
		if force {
			return errs.E(errs.Conflict, "the database already has products; demo data is seeded only into an empty database (give another --db)")
		}
		fmt.Fprintln(e.stdout, "demo data: skipped, the database already has products")
		return nil
	}
	start := time.Now()
	d := demo.Generate(seed, now)
	if err := a.SeedDemo(ctx, d); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "demo data (seed %d, orders %s to %s) seeded in %v: %s\n", seed,
		d.Start.Format(time.DateOnly), d.Now.Format(time.DateOnly), time.Since(start).Round(time.Millisecond), d.Counts())
	return nil
}

// today is the default end of the demo history: the start of the current UTC day,
// so that every run on one day seeds the same data while the history stays recent.
func today() time.Time { return time.Now().UTC().Truncate(24 * time.Hour) }
