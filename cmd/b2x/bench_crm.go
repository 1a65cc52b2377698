package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"b2x/app"
	"b2x/demo"
	"b2x/staff"
)

// cmdBenchCRM seeds a large book of deals and activities and measures the back
// office's heaviest pages as use cases, without HTTP: the board, the customer view
// of the biggest and of a random account, the forecast, a filtered deal list, the
// workload and the overdue list. It writes benchmark data, so point it at an empty
// database made for the purpose.
//
//	b2x bench crm --deals 10000 --activities 100000 --organizations 500 --runs 200
func cmdBenchCRM(ctx context.Context, e *env, args []string) error {
	fs, dsn := flags("bench crm", e)
	deals := fs.Int("deals", 10_000, "deals to seed")
	activities := fs.Int("activities", 100_000, "activities to seed")
	orgs := fs.Int("organizations", 500, "organizations the deals and activities belong to (a few big ones carry most)")
	managers := fs.Int("managers", 20, "account managers who own them")
	runs := fs.Int("runs", 200, "calls of each use case measured")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("bench crm takes no arguments, got %q: %w", fs.Args(), errUsage)
	}
	a, closeDB, err := open(ctx, e, *dsn)
	if err != nil {
		return err
	}
	defer closeDB()

	now := time.Now().UTC()
	start := time.Now()
	customers, contacts := demo.CRMCustomers(1, now, *orgs)
	d := demo.GenerateCRM(1, now, demo.CRMSize{Managers: *managers, Opportunities: *deals, Activities: *activities,
		Tenders: 50, Months: 24}, customers, contacts)
	d.Organizations, d.Contacts = customers, contacts
	if err := a.SeedCRM(ctx, d); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "engine %s: seeded %d organizations, %d deals, %d activities in %s\n", a.DB().Engine(),
		len(customers), len(d.Opportunities), len(d.Activities), time.Since(start).Round(time.Millisecond))

	owner := app.Actor{UserID: d.Users[0].ID, Role: string(staff.Owner)}
	manager := d.Users[len(d.Users)-1].ID
	biggest, deals0, acts0 := customers[0].ID, 0, 0
	for _, o := range d.Opportunities {
		if o.OrganizationID == biggest {
			deals0++
		}
	}
	for _, x := range d.Activities {
		if x.OrganizationID == biggest {
			acts0++
		}
	}
	fmt.Fprintf(e.stdout, "the biggest account has %d deals and %d activities\n", deals0, acts0)
	rng := rand.New(rand.NewPCG(2, 2))
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		call func() error
	}{
		{"board, all deals", func() error { _, err := a.Board(ctx, owner, app.BoardQuery{}); return err }},
		{"board, one owner", func() error { _, err := a.Board(ctx, owner, app.BoardQuery{Owner: manager}); return err }},
		{"customer view, biggest account", func() error { _, err := a.CustomerView(ctx, owner, biggest); return err }},
		{"customer view, random account", func() error {
			_, err := a.CustomerView(ctx, owner, customers[rng.IntN(len(customers))].ID)
			return err
		}},
		{"forecast, 12 months", func() error {
			_, err := a.Forecast(ctx, owner, app.ForecastQuery{From: from, To: from.AddDate(1, 0, 0)})
			return err
		}},
		{"deal list, stage + text, 50", func() error {
			_, err := a.Opportunities(ctx, owner, app.OpportunityQuery{Stage: "proposal", Text: "kiln", Limit: 51})
			return err
		}},
		{"workload", func() error { _, err := a.Workload(ctx, owner); return err }},
		{"overdue, everyone", func() error { _, err := a.OverdueActivities(ctx, owner, ""); return err }},
	}
	fmt.Fprintf(e.stdout, "%-32s %10s %10s %10s   (%d calls each, one at a time)\n", "use case", "p50", "p99", "max", *runs)
	for _, c := range cases {
		for range 5 { // warm the statement caches and the page cache
			if err := c.call(); err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
		}
		times := make([]time.Duration, *runs)
		for i := range times {
			t0 := time.Now()
			if err := c.call(); err != nil {
				return fmt.Errorf("%s: %w", c.name, err)
			}
			times[i] = time.Since(t0)
		}
		slices.Sort(times)
		fmt.Fprintf(e.stdout, "%-32s %10s %10s %10s\n", c.name, ms(pct(times, 50)), ms(pct(times, 99)), ms(times[len(times)-1]))
	}
	return nil
}

func pct(sorted []time.Duration, p int) time.Duration {
	return sorted[min(len(sorted)-1, (len(sorted)*p+99)/100-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }
