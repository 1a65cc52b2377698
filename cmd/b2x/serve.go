package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"time"

	"b2x/app"
	"b2x/web"
)

func cmdServe(ctx context.Context, e *env, args []string) error {
	fs, dsn := flags("serve", e)
	def := os.Getenv("B2X_ADDR")
	if def == "" {
		def = "127.0.0.1:8080"
	}
	addr := fs.String("addr", def, "listen address (env B2X_ADDR)")
	demo := fs.Bool("demo", false, "seed the demo data set first when the database has no products")
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, closeDB, err := open(ctx, e, *dsn)
	if err != nil {
		return err
	}
	defer closeDB()
	// The funnel event writer; Close writes what is still buffered before the
	// database closes.
	a.Start()
	defer func() {
		done, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := a.Close(done); err != nil {
			e.log.Error("write buffered funnel events", "err", err)
		}
	}()
	if *demo {
		if err := seedDemo(ctx, e, a, false); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: web.Handler(a, e.log), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute}
	fmt.Fprintf(e.stdout, "b2x serving on http://%s (database %s)\n", ln.Addr(), redact(*dsn))
	go sweep(ctx, e, a)
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// sweep releases expired stock reservations, expires quotes past their date and
// places the recurring orders that are due, once a minute. All are idempotent and
// read their work from the database (a recurring run's order carries the key of
// its schedule and date), so several b2x processes may sweep at once and none has
// to remember anything across a restart. The notices before recurring runs and
// the licence renewal reminders are mail, for the job queue to send.
func sweep(ctx context.Context, e *env, a *app.App) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n, err := a.ExpireReservations(ctx); err != nil {
				e.log.Error("expire reservations", "err", err)
			} else if n > 0 {
				e.log.Info("released expired reservations", "count", n)
			}
			if n, err := a.ExpireQuotes(ctx); err != nil {
				e.log.Error("expire quotes", "err", err)
			} else if n > 0 {
				e.log.Info("expired quotes", "count", n)
			}
			runs, err := a.RunDueRecurringOrders(ctx, time.Now())
			if err != nil {
				e.log.Error("recurring orders", "err", err)
			}
			for _, r := range runs {
				e.log.Info("recurring order", "schedule", r.ScheduleID, "run_on", r.RunOn.Format(time.DateOnly),
					"outcome", r.Outcome, "order", r.OrderID, "problem", r.Problem)
			}
		}
	}
}
