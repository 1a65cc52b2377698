package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"b2x/account"
	"b2x/errs"
)

const accountColumns = `id, person_id, email, email_key, password_hash, newsletter, newsletter_at, newsletter_source,
	created_at, updated_at, password_changed_at`

func scanAccount(row scanner) (account.Account, error) {
	var a account.Account
	var key string
	var consentAt *time.Time
	err := row.Scan(&a.ID, &a.PersonID, &a.Email, &key, &a.PasswordHash, &a.Newsletter.Subscribed, &consentAt,
		&a.Newsletter.Source, &a.CreatedAt, &a.UpdatedAt, &a.PasswordChangedAt)
	if consentAt != nil {
		a.Newsletter.At = consentAt.UTC()
	}
	a.CreatedAt, a.UpdatedAt, a.PasswordChangedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC(), a.PasswordChangedAt.UTC()
	return a, err
}

// InsertAccount adds a customer account. An email another account has in any
// case is a field error on email; a person with an account already is a conflict.
func (tx *Tx) InsertAccount(ctx context.Context, a *account.Account) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO accounts (`+accountColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		a.ID, a.PersonID, a.Email, account.EmailKey(a.Email), a.PasswordHash, a.Newsletter.Subscribed,
		nullTime(utcOrZero(a.Newsletter.At)), a.Newsletter.Source, utc(a.CreatedAt), utc(a.UpdatedAt), utc(a.PasswordChangedAt))
	switch {
	case !uniqueViolation(err):
		return err
	case strings.Contains(err.Error(), "email_key"): // the constraint's name on PostgreSQL, the column on SQLite
		return errs.FieldKey("email", "err.email.taken", "is already registered; sign in or reset the password")
	default:
		return errs.E(errs.Conflict, "person %s has an account already", a.PersonID)
	}
}

// AccountByEmail finds an account by its email in any case.
func (tx *Tx) AccountByEmail(ctx context.Context, email string) (account.Account, error) {
	a, err := scanAccount(tx.q.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE email_key = $1`,
		account.EmailKey(email)))
	return a, notFound(err, "no account for %s", email)
}

// AccountOfPerson finds the account of a person.
func (tx *Tx) AccountOfPerson(ctx context.Context, personID string) (account.Account, error) {
	a, err := scanAccount(tx.q.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE person_id = $1`, personID))
	return a, notFound(err, "no account for person %s", personID)
}

// Account finds an account by id.
func (tx *Tx) Account(ctx context.Context, id string) (account.Account, error) {
	a, err := scanAccount(tx.q.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE id = $1`, id))
	return a, notFound(err, "no account %s", id)
}

// SetPasswordHash replaces an account's password hash.
func (tx *Tx) SetPasswordHash(ctx context.Context, accountID, hash string, at time.Time) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE accounts SET password_hash = $2, password_changed_at = $3, updated_at = $3
		WHERE id = $1`, accountID, hash, utc(at))
	return affectedOne(res, err, "no account %s", accountID)
}

// SetNewsletter records the account's newsletter consent.
func (tx *Tx) SetNewsletter(ctx context.Context, accountID string, c account.Consent) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE accounts SET newsletter = $2, newsletter_at = $3, newsletter_source = $4,
		updated_at = $3 WHERE id = $1`, accountID, c.Subscribed, utc(c.At), c.Source)
	return affectedOne(res, err, "no account %s", accountID)
}

// LockAccountOfPerson takes the person's account row until the transaction ends,
// so changes bounded per account (the address book) queue on it.
func (tx *Tx) LockAccountOfPerson(ctx context.Context, personID string) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE accounts SET updated_at = updated_at WHERE person_id = $1`, personID)
	return affectedOne(res, err, "no account for person %s", personID)
}

func utcOrZero(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return utc(t)
}

// affectedOne turns an update that matched no row into not_found.
func affectedOne(res sql.Result, err error, format string, args ...any) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return errs.E(errs.NotFound, format, args...)
	}
	return nil
}
