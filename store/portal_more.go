package store

import (
	"context"
	"time"
)

// ContactLanguage is the language a contact reads letters in; "" when unknown.
func (tx *Tx) ContactLanguage(ctx context.Context, contactID string) (string, error) {
	langs, err := queryAll(ctx, tx.q, scanString, `SELECT lang FROM contacts WHERE id = $1`, contactID)
	if err != nil || len(langs) == 0 {
		return "", err
	}
	return langs[0], nil
}

// SetContactLanguage keeps the language a contact reads letters in.
func (tx *Tx) SetContactLanguage(ctx context.Context, contactID, lang string) error {
	_, err := tx.q.ExecContext(ctx, `UPDATE contacts SET lang = $2 WHERE id = $1 AND lang <> $2`, contactID, lang)
	return err
}

// ClaimLicenceReminder records that the reminder "days before what ends at
// endsAt" of a licence is being sent; false when it was claimed already, so of
// two callers one sends it.
func (tx *Tx) ClaimLicenceReminder(ctx context.Context, licenceID, what string, endsAt time.Time, days int, at time.Time) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `INSERT INTO licence_reminders (licence_id, what, ends_at, days, sent_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (licence_id, what, ends_at, days) DO NOTHING`,
		licenceID, what, utc(endsAt), days, utc(at))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// LockSavedList locks a saved list's row on PostgreSQL (SQLite's single writer
// already serializes), so two additions to one list run one after the other.
func (tx *Tx) LockSavedList(ctx context.Context, id string) error {
	if tx.engine != Postgres {
		return nil
	}
	var got string
	err := tx.q.QueryRowContext(ctx, `SELECT id FROM saved_lists WHERE id = $1 FOR UPDATE`, id).Scan(&got)
	return notFound(err, "no saved list %s", id)
}
