package app

import (
	"context"
	"time"

	"b2x/errs"
	"b2x/funnel"
	"b2x/staff"
	"b2x/store"
)

// Start starts the App's background work: the writer of funnel events. Call
// Close when done so buffered events are written.
func (a *App) Start() { a.funnel.start(); a.startCampaignSweep() }

// Close stops the background work and writes the funnel events still buffered.
// It does not close the database.
func (a *App) Close(ctx context.Context) error { a.stopCampaignSweep(); return a.funnel.close(ctx) }

// RecordEvent records that a session took a funnel step, for the statistics of
// S21. It never waits for the database: the event joins an in-memory buffer that
// Start's writer flushes every second or every batch. It reports false when the
// event was not kept: the buffer is full, or the step or session key is not
// valid (an empty key, or one longer than funnel.MaxSessionKey). sku and
// personID are optional.
func (a *App) RecordEvent(step funnel.Step, sessionKey, sku, personID string) bool {
	if !step.Valid() || sessionKey == "" || len(sessionKey) > funnel.MaxSessionKey || len(sku) > 64 || len(personID) > 64 {
		a.funnel.invalid.Add(1)
		return false
	}
	return a.funnel.record(pendingEvent{step: step, session: sessionKey, sku: sku, person: personID, at: a.now()})
}

// FlushEvents writes the buffered funnel events now.
func (a *App) FlushEvents(ctx context.Context) error { return a.funnel.flush(ctx) }

// FunnelRecorderStats says how many funnel events were written, dropped or lost.
func (a *App) FunnelRecorderStats() FunnelRecorderStats { return a.funnel.stats() }

// MaxFunnelSpan bounds the period of one funnel report.
const MaxFunnelSpan = 2 * 366 * 24 * time.Hour

// Funnel reports, for [from, to), how many distinct sessions took each step and
// the conversion from step to step (staff).
func (a *App) Funnel(ctx context.Context, actor Actor, from, to time.Time) (funnel.Report, error) {
	if err := require(actor, staff.StatisticsRead); err != nil {
		return funnel.Report{}, err
	}
	var fs errs.Fields
	if from.IsZero() {
		fs.Add("from", "is required")
	}
	if to.IsZero() {
		fs.Add("to", "is required")
	}
	if !from.IsZero() && !to.IsZero() {
		if !from.Before(to) {
			fs.Add("to", "must be after from")
		} else if to.Sub(from) > MaxFunnelSpan {
			fs.Add("to", "is more than two years after from")
		}
	}
	if err := fs.Err(); err != nil {
		return funnel.Report{}, err
	}
	from, to = utcMicro(from), utcMicro(to)
	var counts []funnel.StepCount
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		counts, err = tx.FunnelCounts(ctx, from, to)
		return err
	})
	return funnel.Build(from, to, counts), err
}
