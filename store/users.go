package store

import (
	"context"
	"time"

	"b2x/errs"
	"b2x/staff"
)

// InsertUser adds a staff user; a taken email is a conflict.
func (tx *Tx) InsertUser(ctx context.Context, u *staff.User) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		u.ID, u.Email, u.Name, string(u.Role), u.PasswordHash, utc(u.CreatedAt))
	if uniqueViolation(err) {
		return errs.E(errs.Conflict, "a user with email %s already exists", u.Email)
	}
	return err
}

// UserByEmail finds a staff user by email.
func (tx *Tx) UserByEmail(ctx context.Context, email string) (staff.User, error) {
	var u staff.User
	var disabled *time.Time
	err := tx.q.QueryRowContext(ctx, `SELECT id, email, name, role, password_hash, created_at, disabled_at FROM users WHERE email = $1`,
		email).Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.CreatedAt, &disabled)
	u.Disabled = disabled != nil
	return u, notFound(err, "no user %s", email)
}

// InsertToken stores an API token's hash for a user.
func (tx *Tx) InsertToken(ctx context.Context, id, userID, hash, name string, at time.Time) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO api_tokens (id, user_id, token_hash, name, created_at) VALUES ($1, $2, $3, $4, $5)`,
		id, userID, hash, name, utc(at))
	return err
}

// UserByTokenHash finds the enabled user that owns a token.
func (tx *Tx) UserByTokenHash(ctx context.Context, hash string) (staff.User, error) {
	var u staff.User
	err := tx.q.QueryRowContext(ctx, `SELECT u.id, u.email, u.name, u.role, u.created_at FROM api_tokens t
		JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND u.disabled_at IS NULL`,
		hash).Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.CreatedAt)
	return u, notFound(err, "unknown token")
}
