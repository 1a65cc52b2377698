package store

import (
	"context"
	"time"
)

// InsertPasswordReset stores a reset token's hash for an account.
func (tx *Tx) InsertPasswordReset(ctx context.Context, hash, accountID string, at, expires time.Time) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO password_resets (token_hash, account_id, created_at, expires_at)
		VALUES ($1, $2, $3, $4)`, hash, accountID, utc(at), utc(expires))
	return err
}

// PasswordResetsSince counts the resets made for an account since a time.
func (tx *Tx) PasswordResetsSince(ctx context.Context, accountID string, since time.Time) (int, error) {
	var n int
	err := tx.q.QueryRowContext(ctx, `SELECT count(*) FROM password_resets WHERE account_id = $1 AND created_at > $2`,
		accountID, utc(since)).Scan(&n)
	return n, err
}

// UsePasswordReset marks an unused, unexpired reset token used and returns its
// account. The guarded update lets exactly one of two concurrent uses through;
// ok is false for an unknown, used or expired token.
func (tx *Tx) UsePasswordReset(ctx context.Context, hash string, now time.Time) (accountID string, ok bool, err error) {
	rows, err := queryAll(ctx, tx.q, scanString, `UPDATE password_resets SET used_at = $2
		WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING account_id`, hash, utc(now))
	if err != nil || len(rows) == 0 {
		return "", false, err
	}
	return rows[0], true, nil
}

// EndPasswordResets marks every outstanding reset of an account used, so a
// second mail's link dies with the first one's use.
func (tx *Tx) EndPasswordResets(ctx context.Context, accountID string, now time.Time) error {
	_, err := tx.q.ExecContext(ctx, `UPDATE password_resets SET used_at = $2 WHERE account_id = $1 AND used_at IS NULL`,
		accountID, utc(now))
	return err
}

// DeleteOldPasswordResets deletes resets that expired before a time.
func (tx *Tx) DeleteOldPasswordResets(ctx context.Context, before time.Time) (int, error) {
	res, err := tx.q.ExecContext(ctx, `DELETE FROM password_resets WHERE expires_at < $1`, utc(before))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// PasswordResetLive reports whether a reset token is unused and unexpired.
func (tx *Tx) PasswordResetLive(ctx context.Context, hash string, now time.Time) (bool, error) {
	var n int
	err := tx.q.QueryRowContext(ctx, `SELECT count(*) FROM password_resets WHERE token_hash = $1 AND used_at IS NULL
		AND expires_at > $2`, hash, utc(now)).Scan(&n)
	return n > 0, err
}
