package app

import (
	"context"
	"encoding/json"
	"reflect"
	"time"

	"b2x/errs"
	"b2x/ids"
	"b2x/staff"
	"b2x/store"
)

// audit records an allowed staff change in the transaction that makes it, so the
// log holds a change exactly when the change was committed. change is what
// changed: a diff(before, after), or the input of a creation or an action.
func (a *App) audit(ctx context.Context, tx *store.Tx, actor Actor, action, entity, id string, change any) error {
	b, err := json.Marshal(auditValue(change))
	if err != nil {
		return errs.E(errs.Internal, "audit %s: %v", action, err)
	}
	now := a.clock()
	return tx.InsertAudit(ctx, store.AuditEntry{ID: ids.At(now), At: now, Actor: actor.Label(), Action: action,
		Entity: entity, EntityID: id, Change: string(b)})
}

// FieldChange is one field's value before and after a change.
type FieldChange struct {
	From any `json:"from"`
	To   any `json:"to"`
}

// diff returns the fields whose JSON values differ between before and after (two
// values of one type), keyed by their JSON names. Comparing the JSON forms makes
// the diff what a reader of the API would see change, and keeps secrets out as
// far as the types' JSON does.
func diff(before, after any) map[string]FieldChange {
	b, a := jsonFields(before), jsonFields(after)
	out := map[string]FieldChange{}
	for k, av := range a {
		if bv, ok := b[k]; !ok || !reflect.DeepEqual(bv, av) {
			out[k] = FieldChange{From: b[k], To: av}
		}
	}
	for k, bv := range b {
		if _, ok := a[k]; !ok {
			out[k] = FieldChange{From: bv, To: nil}
		}
	}
	return out
}

func jsonFields(v any) map[string]any {
	m := map[string]any{}
	raw, err := json.Marshal(auditValue(v))
	if err == nil {
		err = json.Unmarshal(raw, &m)
	}
	if err != nil {
		return map[string]any{"value": string(raw)}
	}
	return m
}

// AuditEntry is one recorded staff change.
type AuditEntry struct {
	ID       string          `json:"id"`
	At       time.Time       `json:"at"`
	Actor    string          `json:"actor"`
	Action   string          `json:"action"`
	Entity   string          `json:"entity"`
	EntityID string          `json:"entity_id"`
	Change   json.RawMessage `json:"change"`
}

// AuditQuery selects a page of the audit log, newest first.
type AuditQuery struct {
	Entity string // e.g. opportunity, product, organization
	ID     string // the entity's id
	Actor  string // a staff user id, or cli
	From   time.Time
	To     time.Time
	Before string // cursor: the last id of the previous page
	Limit  int
}

// AuditLog returns a page of the audit log, newest first.
func (a *App) AuditLog(ctx context.Context, actor Actor, q AuditQuery) ([]AuditEntry, error) {
	if err := require(actor, staff.AuditRead); err != nil {
		return nil, err
	}
	var fs errs.Fields
	if q.Before != "" && !ids.Valid(q.Before) {
		fs.Add("cursor", "is not a cursor this API gave out")
	}
	if !q.From.IsZero() && !q.To.IsZero() && !q.To.After(q.From) {
		fs.Add("to", "must be after from")
	}
	checkLimit(&fs, q.Limit)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []AuditEntry
	err := a.read(ctx, func(tx *store.Tx) error {
		es, err := tx.ListAudit(ctx, store.AuditFilter{Entity: q.Entity, EntityID: q.ID, Actor: q.Actor, From: q.From,
			To: q.To, Before: q.Before, Limit: q.Limit})
		out = make([]AuditEntry, len(es))
		for i, e := range es {
			out[i] = AuditEntry{ID: e.ID, At: e.At, Actor: e.Actor, Action: e.Action, Entity: e.Entity,
				EntityID: e.EntityID, Change: json.RawMessage(e.Change)}
		}
		return err
	})
	return out, err
}
