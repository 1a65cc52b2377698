package store

import (
	"context"
	"database/sql"

	"b2x/staff"
)

const userColumns = `id, email, name, role, created_at, disabled_at`

func scanUser(row scanner) (staff.User, error) {
	var u staff.User
	var disabled sql.NullTime
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.CreatedAt, &disabled)
	u.CreatedAt, u.Disabled = u.CreatedAt.UTC(), disabled.Valid
	return u, err
}

// Users lists staff users by email, without password hashes.
func (tx *Tx) Users(ctx context.Context) ([]staff.User, error) {
	return queryAll(ctx, tx.q, scanUser, `SELECT `+userColumns+` FROM users ORDER BY email`)
}

// User loads one staff user by id, without the password hash.
func (tx *Tx) User(ctx context.Context, id string) (staff.User, error) {
	u, err := scanUser(tx.q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	return u, notFound(err, "no staff user %s", id)
}
