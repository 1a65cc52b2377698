package store

import (
	"context"
	"time"

	"b2x/errs"
	"b2x/recurring"
)

const scheduleColumns = `id, organization_id, COALESCE(contact_id, ''), name, lines, every_n, unit, starts_on, next_run,
	notice_days, active, delivery_method, delivery_address, created_by, created_at, updated_at, version`

func scanSchedule(row scanner) (recurring.Schedule, error) {
	var s recurring.Schedule
	var lines string
	err := row.Scan(&s.ID, &s.OrganizationID, &s.ContactID, &s.Name, &lines, &s.Every, &s.Unit, &s.StartsOn, &s.NextRun,
		&s.NoticeDays, &s.Active, &s.DeliveryMethod, &s.DeliveryAddress, &s.CreatedBy, &s.CreatedAt, &s.UpdatedAt, &s.Version)
	if err != nil {
		return s, err
	}
	s.StartsOn, s.NextRun, s.CreatedAt, s.UpdatedAt = s.StartsOn.UTC(), s.NextRun.UTC(), s.CreatedAt.UTC(), s.UpdatedAt.UTC()
	return s, fromJSON(lines, &s.Lines)
}

func scheduleArgs(s *recurring.Schedule) []any {
	return []any{s.ID, s.OrganizationID, null(s.ContactID), s.Name, toJSON(s.Lines), s.Every, string(s.Unit),
		utc(s.StartsOn), utc(s.NextRun), s.NoticeDays, s.Active, string(s.DeliveryMethod), s.DeliveryAddress, s.CreatedBy,
		utc(s.CreatedAt), utc(s.UpdatedAt), s.Version}
}

// InsertSchedule writes a recurring order at version 1.
func (tx *Tx) InsertSchedule(ctx context.Context, s *recurring.Schedule) error {
	s.Version = 1
	_, err := tx.q.ExecContext(ctx, `INSERT INTO recurring_orders (id, organization_id, contact_id, name, lines, every_n, unit, starts_on, next_run,
		notice_days, active, delivery_method, delivery_address, created_by, created_at, updated_at, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`, scheduleArgs(s)...)
	return err
}

// UpdateSchedule writes a recurring order's fields (not its organization or
// creation) if its stored version is still s.Version, and bumps it.
func (tx *Tx) UpdateSchedule(ctx context.Context, s *recurring.Schedule) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE recurring_orders SET contact_id = $3, name = $4, lines = $5, every_n = $6,
		unit = $7, starts_on = $8, next_run = $9, notice_days = $10, active = $11, delivery_method = $12,
		delivery_address = $13, updated_at = $14, version = version + 1 WHERE id = $1 AND version = $2`,
		s.ID, s.Version, null(s.ContactID), s.Name, toJSON(s.Lines), s.Every, string(s.Unit), utc(s.StartsOn),
		utc(s.NextRun), s.NoticeDays, s.Active, string(s.DeliveryMethod), s.DeliveryAddress, utc(s.UpdatedAt))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "the recurring order changed meanwhile; reload it and try again")
	}
	s.Version++
	return nil
}

// Schedule loads a recurring order.
func (tx *Tx) Schedule(ctx context.Context, id string) (recurring.Schedule, error) {
	s, err := scanSchedule(tx.q.QueryRowContext(ctx, `SELECT `+scheduleColumns+` FROM recurring_orders WHERE id = $1`, id))
	return s, notFound(err, "no recurring order %s", id)
}

// SchedulesOf lists an organization's recurring orders in creation order.
func (tx *Tx) SchedulesOf(ctx context.Context, organizationID string) ([]recurring.Schedule, error) {
	return queryAll(ctx, tx.q, scanSchedule, `SELECT `+scheduleColumns+` FROM recurring_orders
		WHERE organization_id = $1 ORDER BY id`, organizationID)
}

// DueSchedules lists the active recurring orders whose next run is at or before
// now, oldest run first.
func (tx *Tx) DueSchedules(ctx context.Context, now time.Time) ([]recurring.Schedule, error) {
	return queryAll(ctx, tx.q, scanSchedule, `SELECT `+scheduleColumns+` FROM recurring_orders
		WHERE active AND next_run <= $1 ORDER BY next_run, id`, utc(now))
}

// AdvanceSchedule moves a recurring order's next run from from to to, if it is
// still at from, and reports whether it moved: of two sweeps making the same run,
// one moves it.
func (tx *Tx) AdvanceSchedule(ctx context.Context, id string, from, to, at time.Time) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `UPDATE recurring_orders SET next_run = $3, updated_at = $4, version = version + 1
		WHERE id = $1 AND next_run = $2`, id, utc(from), utc(to), utc(at))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RecurringRun is what became of one run of a recurring order.
type RecurringRun struct {
	ScheduleID string
	RunOn      time.Time
	Outcome    string // "ordered" or "failed"
	OrderID    string // the order placed, when ordered
	Problem    string // why it failed, for people to read
	At         time.Time
}

// InsertRecurringRun records a run and reports whether it stored anything: a run
// is recorded once, except that an order placed for a run date replaces a failure
// recorded for it before (a schedule moved back to a date that had failed).
func (tx *Tx) InsertRecurringRun(ctx context.Context, r RecurringRun) (bool, error) {
	conflict := `DO NOTHING`
	if r.Outcome == "ordered" {
		conflict = `DO UPDATE SET outcome = excluded.outcome, order_id = excluded.order_id, problem = excluded.problem,
			at = excluded.at WHERE recurring_runs.outcome = 'failed'`
	}
	res, err := tx.q.ExecContext(ctx, `INSERT INTO recurring_runs (schedule_id, run_on, outcome, order_id, problem, at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (schedule_id, run_on) `+conflict,
		r.ScheduleID, utc(r.RunOn), r.Outcome, null(r.OrderID), r.Problem, utc(r.At))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RecurringRuns lists a recurring order's runs, latest first, at most limit.
func (tx *Tx) RecurringRuns(ctx context.Context, scheduleID string, limit int) ([]RecurringRun, error) {
	return queryAll(ctx, tx.q, func(row scanner) (r RecurringRun, err error) {
		err = row.Scan(&r.ScheduleID, &r.RunOn, &r.Outcome, &r.OrderID, &r.Problem, &r.At)
		r.RunOn, r.At = r.RunOn.UTC(), r.At.UTC()
		return r, err
	}, `SELECT schedule_id, run_on, outcome, COALESCE(order_id, ''), problem, at FROM recurring_runs
		WHERE schedule_id = $1 ORDER BY run_on DESC LIMIT $2`, scheduleID, limit)
}

// NoticeCandidates lists the active recurring orders with notice whose next run
// is after now and not more than their notice days away, and whose notice of that
// run is not recorded yet. The notice window is checked by the caller.
func (tx *Tx) NoticeCandidates(ctx context.Context, now, horizon time.Time) ([]recurring.Schedule, error) {
	return queryAll(ctx, tx.q, scanSchedule, `SELECT `+scheduleColumns+` FROM recurring_orders r
		WHERE r.active AND r.notice_days > 0 AND r.next_run > $1 AND r.next_run <= $2
		  AND NOT EXISTS (SELECT 1 FROM recurring_notices n WHERE n.schedule_id = r.id AND n.run_on = r.next_run)
		ORDER BY r.next_run, r.id`, utc(now), utc(horizon))
}

// ClaimRecurringNotice records that the notice of one run went out, once: it
// returns false when it was recorded before (by this or another process).
func (tx *Tx) ClaimRecurringNotice(ctx context.Context, scheduleID string, runOn, at time.Time) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `INSERT INTO recurring_notices (schedule_id, run_on, noticed_at) VALUES ($1, $2, $3)
		ON CONFLICT (schedule_id, run_on) DO NOTHING`, scheduleID, utc(runOn), utc(at))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
