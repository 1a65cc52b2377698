package store

import (
	"context"
	"slices"
	"strings"

	"b2x/crm"
	"b2x/staff"
)

// batchRows bounds the rows of one multi-row INSERT, well under both engines'
// limits on bound parameters.
const batchRows = 400

// insertRows writes rows of cols values each with multi-row INSERTs.
func (tx *Tx) insertRows(ctx context.Context, head string, cols int, rows [][]any) error {
	for chunk := range slices.Chunk(rows, batchRows) {
		vals := make([]string, len(chunk))
		args := make([]any, 0, cols*len(chunk))
		for i, r := range chunk {
			vals[i] = "(" + placeholders(i*cols+1, cols) + ")"
			args = append(args, r...)
		}
		if _, err := tx.q.ExecContext(ctx, head+" VALUES "+strings.Join(vals, ", "), args...); err != nil {
			return err
		}
	}
	return nil
}

// InsertOpportunities writes many deals with their histories at version 1, for
// seeding; each deal's stage_since is its last move, else its creation.
func (tx *Tx) InsertOpportunities(ctx context.Context, opps []crm.Opportunity) error {
	var rows, changes [][]any
	for _, o := range opps {
		since := o.CreatedAt
		if n := len(o.History); n > 0 {
			since = o.History[n-1].At
		}
		rows = append(rows, []any{o.ID, null(o.OrganizationID), null(o.PersonID), o.Title, o.Amount.Minor, o.Amount.Currency,
			o.Stage, nullInt(o.Probability), utc(o.ExpectedClose), o.Owner, string(o.Source), o.LostReason, utc(since),
			utc(o.CreatedAt), utc(since)})
		for i, c := range o.History {
			changes = append(changes, []any{o.ID, i + 1, c.From, c.To, utc(c.At), c.By})
		}
	}
	if err := tx.insertRows(ctx, `INSERT INTO opportunities (id, organization_id, person_id, title, amount, currency, stage,
		probability, expected_close, owner, source, lost_reason, stage_since, created_at, updated_at)`, 15, rows); err != nil {
		return err
	}
	return tx.insertRows(ctx, `INSERT INTO opportunity_stage_changes (opportunity_id, seq, from_stage, to_stage, at, by_user)`, 6, changes)
}

// InsertActivities writes many activities with their contacts, for seeding.
func (tx *Tx) InsertActivities(ctx context.Context, acts []crm.Activity) error {
	var rows, contacts [][]any
	for _, a := range acts {
		rows = append(rows, []any{a.ID, string(a.Kind), a.Subject, a.Notes, nullTime(a.Due), nullTime(a.DoneAt), a.Owner,
			null(a.OrganizationID), null(a.PersonID), null(a.OpportunityID), utc(a.CreatedAt), utc(a.CreatedAt)})
		for _, c := range a.ContactIDs {
			contacts = append(contacts, []any{a.ID, c})
		}
	}
	if err := tx.insertRows(ctx, `INSERT INTO activities (id, kind, subject, notes, due, done_at, owner, organization_id,
		person_id, opportunity_id, created_at, updated_at)`, 12, rows); err != nil {
		return err
	}
	return tx.insertRows(ctx, `INSERT INTO activity_contacts (activity_id, contact_id)`, 2, contacts)
}

// InsertAssignments writes account-manager history as it is, for seeding.
func (tx *Tx) InsertAssignments(ctx context.Context, as []crm.Assignment) error {
	rows := make([][]any, len(as))
	for i, a := range as {
		rows[i] = []any{a.OrganizationID + ":" + utc(a.From).Format("20060102150405.000000"), a.OrganizationID, a.Manager,
			utc(a.From), nullTime(a.To), a.By}
	}
	return tx.insertRows(ctx, `INSERT INTO account_assignments (id, organization_id, manager, from_at, to_at, by_user)`, 6, rows)
}

// InsertUsers writes staff users, for seeding.
func (tx *Tx) InsertUsers(ctx context.Context, us []staff.User) error {
	rows := make([][]any, len(us))
	for i, u := range us {
		rows[i] = []any{u.ID, u.Email, u.Name, string(u.Role), u.PasswordHash, utc(u.CreatedAt)}
	}
	return tx.insertRows(ctx, `INSERT INTO users (id, email, name, role, password_hash, created_at)`, 6, rows)
}
