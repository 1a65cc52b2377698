package store

import (
	"context"
	"time"

	"b2x/account"
	"b2x/staff"
)

// SessionRecord is a session with who is behind it.
type SessionRecord struct {
	account.Session
	PersonID string // a customer session's person; empty when the account is gone
	Role     string // a staff session's role; empty when the user is disabled or gone
	// OrganizationID is a contact session's organization; empty when the contact is gone.
	OrganizationID string
}

// InsertSession stores a new session.
func (tx *Tx) InsertSession(ctx context.Context, s *account.Session) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO sessions (token_hash, kind, subject_id, created_at, last_seen_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`,
		s.TokenHash, string(s.Kind), s.SubjectID, utc(s.CreatedAt), utc(s.LastSeenAt), utc(s.ExpiresAt))
	return err
}

// SessionByHash finds a session by its token's hash, with the person or staff
// role behind it, in one query: every signed-in request makes it.
func (tx *Tx) SessionByHash(ctx context.Context, hash string) (SessionRecord, error) {
	var r SessionRecord
	s := &r.Session
	err := tx.q.QueryRowContext(ctx, `SELECT s.token_hash, s.kind, s.subject_id, s.created_at, s.last_seen_at, s.expires_at,
			COALESCE(a.person_id, ''), COALESCE(u.role, ''), COALESCE(c.organization_id, '')
		FROM sessions s
		LEFT JOIN accounts a ON s.kind = 'customer' AND a.id = s.subject_id
		LEFT JOIN users u ON s.kind = 'staff' AND u.id = s.subject_id AND u.disabled_at IS NULL
		LEFT JOIN contacts c ON s.kind = 'contact' AND c.id = s.subject_id
		WHERE s.token_hash = $1`, hash).Scan(&s.TokenHash, &s.Kind, &s.SubjectID, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt,
		&r.PersonID, &r.Role, &r.OrganizationID)
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = s.CreatedAt.UTC(), s.LastSeenAt.UTC(), s.ExpiresAt.UTC()
	return r, notFound(err, "no session")
}

// TouchSession writes a session's new last-seen time and expiry unless another
// request did within account.TouchEvery; of concurrent requests one writes.
func (tx *Tx) TouchSession(ctx context.Context, s account.Session) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $2, expires_at = $3
		WHERE token_hash = $1 AND last_seen_at <= $4 AND expires_at > $2`,
		s.TokenHash, utc(s.LastSeenAt), utc(s.ExpiresAt), utc(s.LastSeenAt.Add(-account.TouchEvery)))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// DeleteSession ends a session; it reports whether there was one.
func (tx *Tx) DeleteSession(ctx context.Context, hash string) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hash)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// DeleteSessionsOf ends every session of a subject except the one whose hash is
// keep (empty: all of them) and returns how many ended.
func (tx *Tx) DeleteSessionsOf(ctx context.Context, kind account.Kind, subjectID, keep string) (int, error) {
	res, err := tx.q.ExecContext(ctx, `DELETE FROM sessions WHERE kind = $1 AND subject_id = $2 AND token_hash <> $3`,
		string(kind), subjectID, keep)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// DeleteExpiredSessions deletes the sessions that ended by now.
func (tx *Tx) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	res, err := tx.q.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, utc(now))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// StaffUserByEmail finds a staff user by email in any case, for signing in;
// should two users' emails differ only in case, the exact match wins.
func (tx *Tx) StaffUserByEmail(ctx context.Context, email string) (staff.User, error) {
	var u staff.User
	var disabled *time.Time
	err := tx.q.QueryRowContext(ctx, `SELECT id, email, name, role, password_hash, created_at, disabled_at FROM users
		WHERE lower(email) = $1 ORDER BY CASE WHEN email = $2 THEN 0 ELSE 1 END, id LIMIT 1`,
		account.EmailKey(email), email).Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.CreatedAt, &disabled)
	u.Disabled = disabled != nil
	u.CreatedAt = u.CreatedAt.UTC()
	return u, notFound(err, "no user %s", email)
}
