package store

import (
	"context"
	"time"
)

// AuditEntry is one recorded staff change.
type AuditEntry struct {
	ID       string
	At       time.Time
	Actor    string
	Action   string // e.g. opportunity.move
	Entity   string // e.g. opportunity
	EntityID string
	Change   string // JSON: the diff of before and after, or the input
}

// InsertAudit records a change in the transaction that makes it, so the log holds
// exactly the changes that were committed.
func (tx *Tx) InsertAudit(ctx context.Context, e AuditEntry) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO audit_log (id, at, actor, action, entity, entity_id, change)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, e.ID, utc(e.At), e.Actor, e.Action, e.Entity, e.EntityID, e.Change)
	return err
}

// AuditFilter selects log entries, newest first.
type AuditFilter struct {
	Entity   string
	EntityID string
	Actor    string
	From, To time.Time // at in [From, To)
	Before   string    // cursor: the last id of the previous page
	Limit    int
}

// ListAudit returns one page of the log, newest first.
func (tx *Tx) ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	var c conditions
	if f.Entity != "" {
		c.add("entity = " + c.arg(f.Entity))
	}
	if f.EntityID != "" {
		c.add("entity_id = " + c.arg(f.EntityID))
	}
	if f.Actor != "" {
		c.add("actor = " + c.arg(f.Actor))
	}
	if !f.From.IsZero() {
		c.add("at >= " + c.arg(utc(f.From)))
	}
	if !f.To.IsZero() {
		c.add("at < " + c.arg(utc(f.To)))
	}
	if f.Before != "" {
		c.add("seq < (SELECT seq FROM audit_log WHERE id = " + c.arg(f.Before) + ")")
	}
	q := `SELECT id, at, actor, action, entity, entity_id, change FROM audit_log` + c.where() +
		` ORDER BY seq DESC LIMIT ` + c.arg(f.Limit)
	return queryAll(ctx, tx.q, func(row scanner) (e AuditEntry, err error) {
		err = row.Scan(&e.ID, &e.At, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.Change)
		e.At = e.At.UTC()
		return e, err
	}, q, c.args...)
}
