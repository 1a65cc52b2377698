package store

import (
	"context"
	"strings"
	"time"

	"b2x/funnel"
)

// maxFunnelRows is the most events one INSERT writes.
const maxFunnelRows = 256

// InsertFunnelEvents writes events with multi-row INSERTs. A batch is cut into
// statements of a power-of-two number of rows (256, 128, …, 1), so at most nine
// statement texts exist: the SQLite statement cache (512 entries) would otherwise
// fill with one text per batch size and stop caching everything else.
func (tx *Tx) InsertFunnelEvents(ctx context.Context, events []funnel.Event) error {
	for len(events) > 0 {
		n := maxFunnelRows
		for n > len(events) {
			n /= 2
		}
		if err := tx.insertFunnelRows(ctx, events[:n]); err != nil {
			return err
		}
		events = events[n:]
	}
	return nil
}

func (tx *Tx) insertFunnelRows(ctx context.Context, events []funnel.Event) error {
	const cols = 5
	args := make([]any, 0, cols*len(events))
	rows := make([]string, len(events))
	for i, e := range events {
		rows[i] = "(" + placeholders(i*cols+1, cols) + ")"
		args = append(args, utc(e.At), string(e.Step), e.Session, e.SKU, e.PersonID)
	}
	_, err := tx.q.ExecContext(ctx, `INSERT INTO funnel_events (at, step, session, sku, person_id) VALUES `+
		strings.Join(rows, ", "), args...)
	return err
}

// FunnelCounts counts, per step, the events in [from, to) and the distinct
// sessions that took the step.
func (tx *Tx) FunnelCounts(ctx context.Context, from, to time.Time) ([]funnel.StepCount, error) {
	return queryAll(ctx, tx.q, func(row scanner) (c funnel.StepCount, err error) {
		err = row.Scan(&c.Step, &c.Sessions, &c.Events)
		return c, err
	}, `SELECT step, count(DISTINCT session), count(*) FROM funnel_events WHERE at >= $1 AND at < $2 GROUP BY step`,
		utc(from), utc(to))
}
