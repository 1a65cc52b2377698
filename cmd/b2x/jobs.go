package main

import (
	"context"
	"log/slog"
	"time"

	"b2x/app"
	"b2x/jobs"
)

// The periodic sweeps of b2x serve, as durable periodic jobs. Each is an
// idempotent use case that reads its work from the database. River's elected
// leader among the processes sharing the database enqueues them, so with many
// b2x processes a sweep still runs once per interval; and a sweep a stopped
// process did not finish is run again by another.

type expireReservationsJob struct{}

func (expireReservationsJob) Kind() string { return "sweep.expire_reservations" }

type expireQuotesJob struct{}

func (expireQuotesJob) Kind() string { return "sweep.expire_quotes" }

type expireSessionsJob struct{}

func (expireSessionsJob) Kind() string { return "sweep.expire_sessions" }

type expireCartsJob struct{}

func (expireCartsJob) Kind() string { return "sweep.expire_carts" }

// recurringOrdersJob places the recurring orders that are due; a run's order
// carries the key of its schedule and date, so running it twice places nothing
// twice.
// tenderRemindersJob queues the tender deadline reminders that fall due; each
// tender and deadline is reminded once.
type tenderRemindersJob struct{}

func (tenderRemindersJob) Kind() string { return "sweep.tender_reminders" }

type recurringOrdersJob struct{}

func (recurringOrdersJob) Kind() string { return "sweep.recurring_orders" }

// recurringNoticesJob mails the notices before recurring runs; each run's
// notice is claimed with its letter, so it goes once.
type recurringNoticesJob struct{}

func (recurringNoticesJob) Kind() string { return "sweep.recurring_notices" }

// licenceRemindersJob mails the reminders before licences' maintenance ends,
// each licence, end and threshold once.
type licenceRemindersJob struct{}

func (licenceRemindersJob) Kind() string { return "sweep.licence_reminders" }

// announceJob makes the network-sales announcement drafts (S23) of the catalog
// events of the days that ended: it runs hourly, so a day missed while no
// process ran is announced at the next start, and each day's events are
// listed once, in one draft per category, which a person checks, test-sends
// and sends.
type announceJob struct{}

func (announceJob) Kind() string { return "sweep.announce_catalog_changes" }

// sweepInterval is how often each sweep runs.
const sweepInterval = time.Minute

// scheduleSweeps registers the sweeps on the App's queue; call it before the
// queue starts. A new sweep is a job type, a Handle and an Every line here.
func scheduleSweeps(a *app.App, log *slog.Logger) {
	q := a.Jobs()
	jobs.Handle(q, func(ctx context.Context, _ expireReservationsJob) error {
		n, err := a.ExpireReservations(ctx)
		if n > 0 {
			log.Info("released expired reservations", "count", n)
		}
		return err
	})
	jobs.Handle(q, func(ctx context.Context, _ expireQuotesJob) error {
		n, err := a.ExpireQuotes(ctx)
		if n > 0 {
			log.Info("expired quotes", "count", n)
		}
		return err
	})
	jobs.Handle(q, func(ctx context.Context, _ recurringOrdersJob) error {
		runs, err := a.RunDueRecurringOrders(ctx, time.Now())
		for _, r := range runs {
			log.Info("recurring order", "schedule", r.ScheduleID, "run_on", r.RunOn.Format(time.DateOnly),
				"outcome", r.Outcome, "order", r.OrderID, "problem", r.Problem)
		}
		return err
	})
	jobs.Handle(q, func(ctx context.Context, _ expireSessionsJob) error {
		n, err := a.ExpireSessions(ctx)
		if n > 0 {
			log.Info("deleted ended sessions, reset links and sign-in attempts", "count", n)
		}
		return err
	})
	jobs.Handle(q, func(ctx context.Context, _ expireCartsJob) error {
		n, err := a.ExpireCarts(ctx)
		if n > 0 {
			log.Info("deleted abandoned guest carts", "count", n)
		}
		return err
	})
	jobs.Handle(q, func(ctx context.Context, _ recurringNoticesJob) error {
		n, err := a.QueueRecurringNotices(ctx, time.Now())
		if n > 0 {
			log.Info("queued notices of recurring orders", "count", n)
		}
		return err
	})
	jobs.Handle(q, func(ctx context.Context, _ licenceRemindersJob) error {
		n, err := a.QueueLicenceReminders(ctx, time.Now())
		if n > 0 {
			log.Info("queued licence renewal reminders", "count", n)
		}
		return err
	})
	jobs.Handle(q, func(ctx context.Context, _ announceJob) error {
		vs, err := a.AnnounceCatalogChanges(ctx, time.Now().UTC().Truncate(24*time.Hour))
		for _, v := range vs {
			log.Info("network-sales announcement drafted", "campaign", v.ID, "name", v.Name, "lint_errors", v.LintErrors)
		}
		return err
	})
	jobs.Every(q, time.Hour, announceJob{})
	jobs.Every(q, sweepInterval, expireReservationsJob{})
	jobs.Every(q, sweepInterval, recurringNoticesJob{})
	jobs.Every(q, sweepInterval, licenceRemindersJob{})
	jobs.Every(q, sweepInterval, expireQuotesJob{})
	jobs.Every(q, sweepInterval, recurringOrdersJob{})
	jobs.Every(q, sweepInterval, expireSessionsJob{})
	jobs.Every(q, sweepInterval, expireCartsJob{})
	jobs.Handle(q, func(ctx context.Context, _ tenderRemindersJob) error {
		n, err := a.QueueTenderReminders(ctx)
		if n > 0 {
			log.Info("queued tender reminders", "count", n)
		}
		return err
	})
	jobs.Every(q, sweepInterval, tenderRemindersJob{})
}
