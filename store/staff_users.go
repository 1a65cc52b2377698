package store

import (
	"context"
	"time"

	"b2x/staff"
)

// LockUser loads a staff user for a change, locking the row on PostgreSQL so two
// owners changing one user at once take turns.
func (tx *Tx) LockUser(ctx context.Context, id string) (staff.User, error) {
	lock := ""
	if tx.engine == Postgres {
		lock = " FOR UPDATE"
	}
	u, err := scanUser(tx.q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`+lock, id))
	return u, notFound(err, "no staff user %s", id)
}

// UpdateUser sets a staff user's name and role.
func (tx *Tx) UpdateUser(ctx context.Context, id, name string, role staff.Role) error {
	_, err := tx.q.ExecContext(ctx, `UPDATE users SET name = $2, role = $3 WHERE id = $1`, id, name, string(role))
	return err
}

// SetUserDisabled disables a staff user from at, or enables them when at is zero.
func (tx *Tx) SetUserDisabled(ctx context.Context, id string, at time.Time) error {
	_, err := tx.q.ExecContext(ctx, `UPDATE users SET disabled_at = $2 WHERE id = $1`, id, nullTime(at))
	return err
}

// SetUserPassword replaces a staff user's password hash.
func (tx *Tx) SetUserPassword(ctx context.Context, id, hash string) error {
	_, err := tx.q.ExecContext(ctx, `UPDATE users SET password_hash = $2 WHERE id = $1`, id, hash)
	return err
}

// LockEnabledOwners returns the ids of the enabled users with the owner's role,
// locked on PostgreSQL, so two owners demoting or disabling each other at once
// take turns and the last one is never removed (SQLite has one writer anyway).
func (tx *Tx) LockEnabledOwners(ctx context.Context) ([]string, error) {
	lock := ""
	if tx.engine == Postgres {
		lock = " FOR UPDATE"
	}
	return queryAll(ctx, tx.q, func(row scanner) (id string, err error) {
		err = row.Scan(&id)
		return id, err
	}, `SELECT id FROM users WHERE role = $1 AND disabled_at IS NULL ORDER BY id`+lock, string(staff.Owner))
}
