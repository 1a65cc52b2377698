package store

import (
	"context"
	"database/sql"

	"b2x/crm"
	"b2x/errs"
	"b2x/ids"
)

func scanAssignment(row scanner) (crm.Assignment, error) {
	var a crm.Assignment
	var to sql.NullTime
	err := row.Scan(&a.OrganizationID, &a.Manager, &a.From, &to, &a.By)
	a.From = a.From.UTC()
	if to.Valid {
		a.To = to.Time.UTC()
	}
	return a, err
}

// Assignments returns an organization's account-manager history, oldest first.
func (tx *Tx) Assignments(ctx context.Context, organizationID string) ([]crm.Assignment, error) {
	return queryAll(ctx, tx.q, scanAssignment, `SELECT organization_id, manager, from_at, to_at, by_user
		FROM account_assignments WHERE organization_id = $1 ORDER BY from_at, id`, organizationID)
}

// Reassign ends the organization's current assignment at a.From, if it has one, and
// starts a. The unique index on current assignments makes two reassignments at once
// give one current manager; the loser gets a conflict.
func (tx *Tx) Reassign(ctx context.Context, a crm.Assignment) error {
	if _, err := tx.q.ExecContext(ctx, `UPDATE account_assignments SET to_at = $2 WHERE organization_id = $1 AND to_at IS NULL`,
		a.OrganizationID, utc(a.From)); err != nil {
		return err
	}
	_, err := tx.q.ExecContext(ctx, `INSERT INTO account_assignments (id, organization_id, manager, from_at, by_user)
		VALUES ($1, $2, $3, $4, $5)`, ids.At(a.From), a.OrganizationID, a.Manager, utc(a.From), a.By)
	if uniqueViolation(err) {
		return errs.E(errs.Conflict, "the organization was reassigned meanwhile; reload it and try again")
	}
	return err
}

// LockAssignments reads an organization's history for a reassignment; on
// PostgreSQL it first locks the organization's row, so two reassignments of one
// organization run one after the other.
func (tx *Tx) LockAssignments(ctx context.Context, organizationID string) ([]crm.Assignment, error) {
	if tx.engine == Postgres {
		var id string
		if err := tx.q.QueryRowContext(ctx, `SELECT id FROM organizations WHERE id = $1 FOR UPDATE`, organizationID).Scan(&id); err != nil {
			return nil, notFound(err, "no organization %s", organizationID)
		}
	}
	return tx.Assignments(ctx, organizationID)
}

// CurrentAssignments returns every current assignment, by manager then organization.
func (tx *Tx) CurrentAssignments(ctx context.Context) ([]crm.Assignment, error) {
	return queryAll(ctx, tx.q, scanAssignment, `SELECT organization_id, manager, from_at, to_at, by_user
		FROM account_assignments WHERE to_at IS NULL ORDER BY manager, organization_id`)
}

// CurrentManager returns the organization's current account manager, "" if none.
func (tx *Tx) CurrentManager(ctx context.Context, organizationID string) (string, error) {
	var m string
	err := tx.q.QueryRowContext(ctx, `SELECT manager FROM account_assignments WHERE organization_id = $1 AND to_at IS NULL`,
		organizationID).Scan(&m)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return m, err
}
