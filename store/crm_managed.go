package store

import "context"

// managedBy is the condition that a row's organization_id is an organization
// the account manager has now (S14), read through account_assignments_manager.
func managedBy(c *conditions, manager string) string {
	return managedIn(c, "organization_id", manager)
}

// managedIn is managedBy for a column of another name.
func managedIn(c *conditions, column, manager string) string {
	return column + " IN (SELECT organization_id FROM account_assignments WHERE manager = " + c.arg(manager) +
		" AND to_at IS NULL)"
}

// ManagedBy reports whether the organization is assigned to the account manager
// now.
func (tx *Tx) ManagedBy(ctx context.Context, organizationID, manager string) (bool, error) {
	var n int
	err := tx.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM account_assignments WHERE organization_id = $1 AND manager = $2
		AND to_at IS NULL`, organizationID, manager).Scan(&n)
	return n > 0, err
}
