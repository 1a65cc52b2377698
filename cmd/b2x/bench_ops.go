package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/demo"
	"b2x/order"
	"b2x/qty"
	"b2x/staff"
	"b2x/web"
	"b2x/web/page"
)

// cmdBenchOps seeds the demo data set with many orders and measures the back
// office's order pages — the order list with its filters, the fulfilment board,
// the time-per-status report, the low-stock list — as whole pages rendered by
// the admin handler in-process (server time: use cases, SQL and templates; no
// network), one request at a time. It writes benchmark data, so point it at an
// empty database made for the purpose.
//
//	b2x bench ops --orders 50000 --runs 200
func cmdBenchOps(ctx context.Context, e *env, args []string) error {
	fs, dsn := flags("bench ops", e)
	orders := fs.Int("orders", 50_000, "orders to seed (demo data, both channels, 18 months)")
	runs := fs.Int("runs", 200, "requests of each page measured")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("bench ops takes no arguments, got %q: %w", fs.Args(), errUsage)
	}
	a, closeDB, err := open(ctx, e, *dsn)
	if err != nil {
		return err
	}
	defer closeDB()

	start := time.Now()
	d := demo.GenerateSized(1, time.Now(), demo.Size{Persons: max(*orders/10, 1), Organizations: max(*orders/250, 1), Orders: *orders, Months: 18})
	if err := a.SeedDemo(ctx, d); err != nil {
		return err
	}
	const password = "bench password, not for use"
	u, err := a.AddUser(ctx, "ops-bench@example.com", "Ops bench", staff.Owner, password)
	if err != nil {
		return err
	}
	owner := app.Actor{UserID: u.ID, Role: string(staff.Owner)}
	// A reorder point on every goods SKU in the first warehouse, a third of
	// them above what is there, so the low-stock list has rows to show.
	for i, p := range d.Products {
		if p.Kind != catalog.Goods {
			continue
		}
		point := qty.Units(5)
		if i%3 == 0 {
			point = qty.Units(1_000_000)
		}
		if _, err := a.SetReorderPoint(ctx, owner, app.ReorderPointInput{SKU: p.SKU, Warehouse: d.Warehouses[0].Code, Point: point,
			Quantity: qty.Units(50)}); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "engine %s: seeded %d orders, %d products in %s\n", a.DB().Engine(), len(d.Orders), len(d.Products),
		time.Since(start).Round(time.Millisecond))
	in, err := a.StaffSignIn(ctx, app.Credentials{Email: "ops-bench@example.com", Password: password})
	if err != nil {
		return err
	}
	h := web.Handler(a, e.log)
	mid := d.Orders[len(d.Orders)/2]
	month := mid.PlacedAt.Format("2006-01")
	pages := []struct{ name, path string }{
		{"order list, newest 50", "/admin/orders"},
		{"order list, b2b delivered", "/admin/orders?channel=b2b&status=" + string(order.Delivered)},
		{"order list, one month", "/admin/orders?from=" + month + "-01&to=" + month + "-28"},
		{"order list, by number", "/admin/orders?number=" + mid.Number},
		{"order list, page deep in", "/admin/orders?before_at=" + mid.PlacedAt.Format(time.RFC3339Nano) + "&before_id=" + mid.ID},
		{"order page", "/admin/orders/" + mid.ID},
		{"fulfilment board", "/admin/fulfilment"},
		{"fulfilment board, b2c", "/admin/fulfilment?channel=b2c"},
		{"time in status, 30 days", "/admin/order-times"},
		{"time in status, a year", "/admin/order-times?from=" + time.Now().AddDate(-1, 0, 1).Format(time.DateOnly)},
		{"low-stock list", "/admin/low-stock"},
		{"dashboard", "/admin/"},
	}
	get := func(path string) error {
		r := httptest.NewRequest(http.MethodGet, path, nil)
		r.AddCookie(&http.Cookie{Name: page.SessionCookie, Value: in.Token})
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			return fmt.Errorf("GET %s: %d", path, w.Code)
		}
		return nil
	}
	fmt.Fprintf(e.stdout, "%-28s %10s %10s %10s   (%d requests each, one at a time)\n", "page", "p50", "p99", "max", *runs)
	for _, p := range pages {
		for range 5 {
			if err := get(p.path); err != nil {
				return err
			}
		}
		times := make([]time.Duration, *runs)
		for i := range times {
			t0 := time.Now()
			if err := get(p.path); err != nil {
				return err
			}
			times[i] = time.Since(t0)
		}
		slices.Sort(times)
		fmt.Fprintf(e.stdout, "%-28s %10s %10s %10s\n", p.name, ms(pct(times, 50)), ms(pct(times, 99)), ms(times[len(times)-1]))
	}
	return nil
}
