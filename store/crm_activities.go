package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"b2x/crm"
)

// ActivityRecord is an activity as stored: the domain activity, the tender it is
// about, and the meeting or call it follows up.
type ActivityRecord struct {
	Activity   crm.Activity
	TenderID   string
	FollowUpOf string
	UpdatedAt  time.Time
}

const activityColumns = `id, kind, subject, notes, due, done_at, owner, COALESCE(organization_id, ''),
	COALESCE(person_id, ''), COALESCE(opportunity_id, ''), COALESCE(tender_id, ''), COALESCE(follow_up_of, ''),
	created_at, updated_at`

func scanActivity(row scanner) (ActivityRecord, error) {
	var r ActivityRecord
	a := &r.Activity
	var due, done sql.NullTime
	err := row.Scan(&a.ID, &a.Kind, &a.Subject, &a.Notes, &due, &done, &a.Owner, &a.OrganizationID, &a.PersonID,
		&a.OpportunityID, &r.TenderID, &r.FollowUpOf, &a.CreatedAt, &r.UpdatedAt)
	if due.Valid {
		a.Due = due.Time.UTC()
	}
	if done.Valid {
		a.DoneAt = done.Time.UTC()
	}
	a.CreatedAt, r.UpdatedAt = a.CreatedAt.UTC(), r.UpdatedAt.UTC()
	return r, err
}

// InsertActivity writes an activity with its contacts.
func (tx *Tx) InsertActivity(ctx context.Context, r *ActivityRecord) error {
	a := &r.Activity
	_, err := tx.q.ExecContext(ctx, `INSERT INTO activities (id, kind, subject, notes, due, done_at, owner,
		organization_id, person_id, opportunity_id, tender_id, follow_up_of, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		a.ID, string(a.Kind), a.Subject, a.Notes, nullTime(a.Due), nullTime(a.DoneAt), a.Owner, null(a.OrganizationID),
		null(a.PersonID), null(a.OpportunityID), null(r.TenderID), null(r.FollowUpOf), utc(a.CreatedAt), utc(r.UpdatedAt))
	if err != nil {
		return err
	}
	return tx.insertActivityContacts(ctx, a.ID, a.ContactIDs)
}

func (tx *Tx) insertActivityContacts(ctx context.Context, id string, contacts []string) error {
	if len(contacts) == 0 {
		return nil
	}
	args := make([]any, 0, 2*len(contacts))
	rows := make([]string, len(contacts))
	for i, c := range contacts {
		rows[i] = "(" + placeholders(2*i+1, 2) + ")"
		args = append(args, id, c)
	}
	_, err := tx.q.ExecContext(ctx, `INSERT INTO activity_contacts (activity_id, contact_id) VALUES `+strings.Join(rows, ", "), args...)
	return err
}

// UpdateActivity writes an activity's fields and replaces its contacts.
func (tx *Tx) UpdateActivity(ctx context.Context, r *ActivityRecord) error {
	a := &r.Activity
	_, err := tx.q.ExecContext(ctx, `UPDATE activities SET kind = $2, subject = $3, notes = $4, due = $5, done_at = $6,
		owner = $7, organization_id = $8, person_id = $9, opportunity_id = $10, tender_id = $11, updated_at = $12
		WHERE id = $1`, a.ID, string(a.Kind), a.Subject, a.Notes, nullTime(a.Due), nullTime(a.DoneAt), a.Owner,
		null(a.OrganizationID), null(a.PersonID), null(a.OpportunityID), null(r.TenderID), utc(r.UpdatedAt))
	if err != nil {
		return err
	}
	if _, err := tx.q.ExecContext(ctx, `DELETE FROM activity_contacts WHERE activity_id = $1`, a.ID); err != nil {
		return err
	}
	return tx.insertActivityContacts(ctx, a.ID, a.ContactIDs)
}

// MarkActivityDone sets done_at on an activity not yet done, and reports whether it
// did: two people ticking one task at once leave one done time.
func (tx *Tx) MarkActivityDone(ctx context.Context, id string, at time.Time) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `UPDATE activities SET done_at = $2, updated_at = $2 WHERE id = $1 AND done_at IS NULL`,
		id, utc(at))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// Activity loads one activity with its contacts.
func (tx *Tx) Activity(ctx context.Context, id string) (ActivityRecord, error) {
	r, err := scanActivity(tx.q.QueryRowContext(ctx, `SELECT `+activityColumns+` FROM activities WHERE id = $1`, id))
	if err != nil {
		return r, notFound(err, "no activity %s", id)
	}
	rs := []ActivityRecord{r}
	err = tx.fillActivityContacts(ctx, rs)
	return rs[0], err
}

// fillActivityContacts loads the contacts of a page of activities in one query.
func (tx *Tx) fillActivityContacts(ctx context.Context, rs []ActivityRecord) error {
	if len(rs) == 0 {
		return nil
	}
	at := map[string]int{}
	args := make([]any, len(rs))
	for i, r := range rs {
		at[r.Activity.ID] = i
		args[i] = r.Activity.ID
	}
	type pair struct{ activity, contact string }
	pairs, err := queryAll(ctx, tx.q, func(row scanner) (p pair, err error) {
		return p, row.Scan(&p.activity, &p.contact)
	}, `SELECT activity_id, contact_id FROM activity_contacts WHERE activity_id IN (`+placeholders(1, len(args))+`)
		ORDER BY activity_id, contact_id`, args...)
	for _, p := range pairs {
		a := &rs[at[p.activity]].Activity
		a.ContactIDs = append(a.ContactIDs, p.contact)
	}
	return err
}

// ActivityFilter selects activities, newest first (by id).
type ActivityFilter struct {
	Owner          string
	Kind           crm.Kind
	OrganizationID string
	PersonID       string
	ContactID      string
	OpportunityID  string
	TenderID       string
	Done           *bool     // only done (true) or only open (false)
	DueFrom        time.Time // due at or after
	DueTo          time.Time // due before
	Before         string    // cursor: the last id of the previous page
	Limit          int
	ManagedBy      string // only activities of organizations this account manager has now
}

// ListActivities returns one page of activities with their contacts, newest first.
func (tx *Tx) ListActivities(ctx context.Context, f ActivityFilter) ([]ActivityRecord, error) {
	var c conditions
	if f.Owner != "" {
		c.add("owner = " + c.arg(f.Owner))
	}
	if f.Kind != "" {
		c.add("kind = " + c.arg(string(f.Kind)))
	}
	if f.OrganizationID != "" {
		c.add("organization_id = " + c.arg(f.OrganizationID))
	}
	if f.PersonID != "" {
		c.add("person_id = " + c.arg(f.PersonID))
	}
	if f.ContactID != "" {
		c.add("id IN (SELECT activity_id FROM activity_contacts WHERE contact_id = " + c.arg(f.ContactID) + ")")
	}
	if f.OpportunityID != "" {
		c.add("opportunity_id = " + c.arg(f.OpportunityID))
	}
	if f.TenderID != "" {
		c.add("tender_id = " + c.arg(f.TenderID))
	}
	if f.ManagedBy != "" {
		// The manager's accounts, and their own tasks about no organization.
		c.add("(" + managedBy(&c, f.ManagedBy) + " OR (organization_id IS NULL AND owner = " + c.arg(f.ManagedBy) + "))")
	}
	if f.Done != nil && *f.Done {
		c.add("done_at IS NOT NULL")
	} else if f.Done != nil {
		c.add("done_at IS NULL")
	}
	if !f.DueFrom.IsZero() {
		c.add("due >= " + c.arg(utc(f.DueFrom)))
	}
	if !f.DueTo.IsZero() {
		c.add("due < " + c.arg(utc(f.DueTo)))
	}
	if f.Before != "" {
		c.add("id < " + c.arg(f.Before))
	}
	rs, err := queryAll(ctx, tx.q, scanActivity, `SELECT `+activityColumns+` FROM activities`+c.where()+
		` ORDER BY id DESC LIMIT `+c.arg(f.Limit), c.args...)
	if err != nil {
		return nil, err
	}
	return rs, tx.fillActivityContacts(ctx, rs)
}

// OverdueActivities returns the open activities due before now, of one owner or
// (owner empty) of everyone, earliest first, at most limit. Notes have no due date,
// so they are never here.
func (tx *Tx) OverdueActivities(ctx context.Context, owner string, now time.Time, limit int) ([]ActivityRecord, error) {
	var c conditions
	c.add("done_at IS NULL")
	c.add("due < " + c.arg(utc(now)))
	if owner != "" {
		c.add("owner = " + c.arg(owner))
	}
	rs, err := queryAll(ctx, tx.q, scanActivity, `SELECT `+activityColumns+` FROM activities`+c.where()+
		` ORDER BY due, id LIMIT `+c.arg(limit), c.args...)
	if err != nil {
		return nil, err
	}
	return rs, tx.fillActivityContacts(ctx, rs)
}

// OverdueCounts counts each owner's overdue activities.
func (tx *Tx) OverdueCounts(ctx context.Context, now time.Time) (map[string]int, error) {
	type row struct {
		owner string
		n     int
	}
	rows, err := queryAll(ctx, tx.q, func(s scanner) (r row, err error) {
		return r, s.Scan(&r.owner, &r.n)
	}, `SELECT owner, count(*) FROM activities WHERE done_at IS NULL AND due < $1 GROUP BY owner`, utc(now))
	out := map[string]int{}
	for _, r := range rows {
		out[r.owner] = r.n
	}
	return out, err
}

// CalendarActivities returns an owner's meetings, calls and tasks due in [from, to),
// for the iCalendar feed, earliest first, at most limit.
func (tx *Tx) CalendarActivities(ctx context.Context, owner string, from, to time.Time, limit int) ([]ActivityRecord, error) {
	return queryAll(ctx, tx.q, scanActivity, `SELECT `+activityColumns+` FROM activities
		WHERE owner = $1 AND kind IN ('meeting', 'call', 'task') AND due >= $2 AND due < $3
		ORDER BY due, id LIMIT $4`, owner, utc(from), utc(to), limit)
}

// LastActivityAt returns when the newest activity about a deal was created (zero
// when none), for crm's Stale.
func (tx *Tx) LastActivityAt(ctx context.Context, opportunityID string) (time.Time, error) {
	var t time.Time
	err := tx.q.QueryRowContext(ctx, `SELECT created_at FROM activities WHERE opportunity_id = $1
		ORDER BY created_at DESC LIMIT 1`, opportunityID).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return t.UTC(), err
}
