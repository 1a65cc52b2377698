package store

import (
	"context"
	"time"
)

// ClaimAttempt claims one attempt under key in the window that starts after
// since: it locks the key's row (concurrent claims of one key queue there until
// this transaction ends), forgets the key's attempts before the window, and
// records an attempt with id when fewer than max remain. When max remain it
// records nothing and returns the time of the oldest, which leaves the window
// first.
func (tx *Tx) ClaimAttempt(ctx context.Context, key string, max int, id string, now, since time.Time) (ok bool, oldest time.Time, err error) {
	if _, err := tx.q.ExecContext(ctx, `INSERT INTO sign_in_throttles (key, locked_at) VALUES ($1, $2)
		ON CONFLICT (key) DO UPDATE SET locked_at = excluded.locked_at`, key, utc(now)); err != nil {
		return false, time.Time{}, err
	}
	if _, err := tx.q.ExecContext(ctx, `DELETE FROM sign_in_attempts WHERE key = $1 AND at <= $2`, key, utc(since)); err != nil {
		return false, time.Time{}, err
	}
	ats, err := queryAll(ctx, tx.q, scanTime, `SELECT at FROM sign_in_attempts WHERE key = $1 ORDER BY at LIMIT $2`, key, max)
	if err != nil {
		return false, time.Time{}, err
	}
	if len(ats) >= max {
		return false, ats[0], nil
	}
	_, err = tx.q.ExecContext(ctx, `INSERT INTO sign_in_attempts (id, key, at) VALUES ($1, $2, $3)`, id, key, utc(now))
	return err == nil, time.Time{}, err
}

// RefundAttempts deletes attempts by id: a password check that succeeded gives
// its claims back, so only failures count against the limits.
func (tx *Tx) RefundAttempts(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	_, err := tx.q.ExecContext(ctx, `DELETE FROM sign_in_attempts WHERE id IN (`+placeholders(1, len(ids))+`)`, args...)
	return err
}

// ClearAttempts deletes every attempt under key.
func (tx *Tx) ClearAttempts(ctx context.Context, key string) error {
	_, err := tx.q.ExecContext(ctx, `DELETE FROM sign_in_attempts WHERE key = $1`, key)
	return err
}

// DeleteOldAttempts deletes attempts and key rows not touched since a time.
func (tx *Tx) DeleteOldAttempts(ctx context.Context, before time.Time) (int, error) {
	res, err := tx.q.ExecContext(ctx, `DELETE FROM sign_in_attempts WHERE at <= $1`, utc(before))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, err
	}
	_, err = tx.q.ExecContext(ctx, `DELETE FROM sign_in_throttles WHERE locked_at <= $1`, utc(before))
	return int(n), err
}

func scanTime(row scanner) (time.Time, error) {
	var t time.Time
	err := row.Scan(&t)
	return t.UTC(), err
}
