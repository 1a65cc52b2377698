package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"b2x/errs"
	"b2x/loyalty"
)

// LockPhoneCodes takes the phone's row in phone_code_locks, so that concurrent
// sends of codes to one phone count against the limits one after the other.
func (tx *Tx) LockPhoneCodes(ctx context.Context, phone string, now time.Time) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO phone_code_locks (phone, locked_at) VALUES ($1, $2)
		ON CONFLICT (phone) DO UPDATE SET locked_at = excluded.locked_at`, phone, utc(now))
	return err
}

// PhoneCodesSentSince returns when codes were sent to phone after since, oldest first.
func (tx *Tx) PhoneCodesSentSince(ctx context.Context, phone string, since time.Time) ([]time.Time, error) {
	return queryAll(ctx, tx.q, scanTime, `SELECT created_at FROM phone_codes WHERE phone = $1 AND created_at > $2
		ORDER BY created_at`, phone, utc(since))
}

// InsertPhoneCode stores a new code for its phone and ends the phone's other
// live codes: a phone has one code at a time.
func (tx *Tx) InsertPhoneCode(ctx context.Context, pc loyalty.PhoneCode) error {
	if _, err := tx.q.ExecContext(ctx, `UPDATE phone_codes SET used_at = $2 WHERE phone = $1 AND used_at IS NULL`,
		pc.Phone, utc(pc.CreatedAt)); err != nil {
		return err
	}
	_, err := tx.q.ExecContext(ctx, `INSERT INTO phone_codes (id, phone, code_hash, salt, tries, created_at, expires_at)
		VALUES ($1, $2, $3, $4, 0, $5, $6)`, pc.ID, pc.Phone, pc.Hash, pc.Salt, utc(pc.CreatedAt), utc(pc.ExpiresAt))
	return err
}

const phoneCodeCols = `id, phone, code_hash, salt, tries, created_at, expires_at, verified_at, used_at`

func scanPhoneCode(row scanner) (loyalty.PhoneCode, error) {
	var pc loyalty.PhoneCode
	var verified, used sql.NullTime
	err := row.Scan(&pc.ID, &pc.Phone, &pc.Hash, &pc.Salt, &pc.Tries, &pc.CreatedAt, &pc.ExpiresAt, &verified, &used)
	pc.CreatedAt, pc.ExpiresAt = pc.CreatedAt.UTC(), pc.ExpiresAt.UTC()
	pc.VerifiedAt, pc.UsedAt = nullUTC(verified), nullUTC(used)
	return pc, err
}

// ClaimPhoneCodeTry counts one try against the phone's live code and returns
// it, when it has one that has not expired and is not locked; ok is false
// otherwise. The guarded update takes the code's row, so concurrent tries of
// one code are counted one after the other and never pass the limit.
func (tx *Tx) ClaimPhoneCodeTry(ctx context.Context, phone string, now time.Time) (pc loyalty.PhoneCode, ok bool, err error) {
	pc, err = scanPhoneCode(tx.q.QueryRowContext(ctx, `UPDATE phone_codes SET tries = tries + 1
		WHERE phone = $1 AND used_at IS NULL AND expires_at > $2 AND tries < $3
		RETURNING `+phoneCodeCols, phone, utc(now), loyalty.MaxCodeTries))
	if errors.Is(err, sql.ErrNoRows) {
		return pc, false, nil
	}
	return pc, err == nil, err
}

// LivePhoneCode is the phone's code that has not been spent or replaced, if
// any (expired or locked included).
func (tx *Tx) LivePhoneCode(ctx context.Context, phone string) (loyalty.PhoneCode, error) {
	pc, err := scanPhoneCode(tx.q.QueryRowContext(ctx, `SELECT `+phoneCodeCols+` FROM phone_codes
		WHERE phone = $1 AND used_at IS NULL`, phone))
	return pc, notFound(err, "no code was sent to %s", phone)
}

// VerifyPhoneCode records that the code's right value was typed: the try
// claimed for it is given back (only wrong tries count) and the code becomes a
// proof that one use case may spend.
func (tx *Tx) VerifyPhoneCode(ctx context.Context, id string, now time.Time) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE phone_codes SET tries = tries - 1, verified_at = COALESCE(verified_at, $2)
		WHERE id = $1 AND tries > 0`, id, utc(now))
	return affectedOne(res, err, "no phone code %s", id)
}

// SpendPhoneProof uses a verified code up, in the transaction of what it
// proves. Of two transactions spending one proof, one does; the other gets a
// conflict.
func (tx *Tx) SpendPhoneProof(ctx context.Context, id string, now time.Time) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE phone_codes SET used_at = $2
		WHERE id = $1 AND verified_at IS NOT NULL AND used_at IS NULL`, id, utc(now))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return ErrProofSpent
	}
	return nil
}

// ErrProofSpent is returned by SpendPhoneProof when the code was used already.
var ErrProofSpent = errs.E(errs.Conflict, "the code was used already")

// DeleteOldPhoneCodes deletes codes sent, and phone locks taken, before a
// time; codes of the last hour are what the sending limits count.
func (tx *Tx) DeleteOldPhoneCodes(ctx context.Context, before time.Time) (int, error) {
	res, err := tx.q.ExecContext(ctx, `DELETE FROM phone_codes WHERE created_at <= $1`, utc(before))
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	_, err = tx.q.ExecContext(ctx, `DELETE FROM phone_code_locks WHERE locked_at <= $1`, utc(before))
	return int(n), err
}
