package store

import (
	"context"
	"time"
)

// InsertContactToken stores a buyer's API token hash for a contact.
func (tx *Tx) InsertContactToken(ctx context.Context, id, contactID, hash, name string, at time.Time) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO contact_tokens (id, contact_id, token_hash, name, created_at) VALUES ($1, $2, $3, $4, $5)`,
		id, contactID, hash, name, utc(at))
	return err
}

// ContactByTokenHash finds the contact that owns a buyer token and its organization.
func (tx *Tx) ContactByTokenHash(ctx context.Context, hash string) (contactID, organizationID string, err error) {
	err = tx.q.QueryRowContext(ctx, `SELECT c.id, c.organization_id FROM contact_tokens t
		JOIN contacts c ON c.id = t.contact_id WHERE t.token_hash = $1`, hash).Scan(&contactID, &organizationID)
	return contactID, organizationID, notFound(err, "unknown token")
}

// DeleteContactToken removes a contact token, so it cannot be used again; it
// reports whether there was one. Of two concurrent uses, one deletes it.
func (tx *Tx) DeleteContactToken(ctx context.Context, hash string) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `DELETE FROM contact_tokens WHERE token_hash = $1`, hash)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
