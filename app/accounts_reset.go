package app

import (
	"context"
	"strings"
	"time"

	"b2x/account"
	"b2x/errs"
	"b2x/staff"
	"b2x/store"
)

// ResetRequest is what the password-reset mail needs. The caller queues the mail;
// the token is in no log and is stored only as its hash.
type ResetRequest struct {
	Email     string // the account's email as registered
	Name      string // the person's name, to greet
	Token     string // goes into the link; ResetPassword takes it back
	ExpiresAt time.Time
}

// RequestPasswordReset makes a reset link for the account of email. It does not
// reveal whether the address has an account: for an unknown address (and past
// account.MaxResetsPerHour for a known one) it returns a zero ResetRequest and
// nil, and the caller sends nothing but answers as if it had.
func (a *App) RequestPasswordReset(ctx context.Context, email string) (ResetRequest, error) {
	email = strings.TrimSpace(email)
	if !validEmail(email) {
		return ResetRequest{}, errs.FieldKey("email", "err.email", "is not an email address")
	}
	token, hash, err := account.NewToken()
	if err != nil {
		return ResetRequest{}, err
	}
	var out ResetRequest
	err = a.write(ctx, func(tx *store.Tx) error {
		out = ResetRequest{}
		acc, err := tx.AccountByEmail(ctx, email)
		if errs.CodeOf(err) == errs.NotFound {
			return nil
		}
		if err != nil {
			return err
		}
		// Concurrent requests for one account queue on its row, so the hourly
		// bound holds.
		if err := tx.LockAccountOfPerson(ctx, acc.PersonID); err != nil {
			return err
		}
		now := a.clock()
		if n, err := tx.PasswordResetsSince(ctx, acc.ID, now.Add(-time.Hour)); err != nil || n >= account.MaxResetsPerHour {
			return err
		}
		p, err := tx.Person(ctx, acc.PersonID)
		if err != nil {
			return err
		}
		expires := now.Add(account.ResetTTL)
		if err := tx.InsertPasswordReset(ctx, hash, acc.ID, now, expires); err != nil {
			return err
		}
		out = ResetRequest{Email: acc.Email, Name: p.Name, Token: token, ExpiresAt: expires}
		return nil
	})
	if err != nil {
		return ResetRequest{}, err
	}
	return out, nil
}

// ResetPassword sets a new password with a reset link's token. The token works
// once and for account.ResetTTL; using it ends every session of the account,
// the account's other reset links and its failed sign-in attempts.
func (a *App) ResetPassword(ctx context.Context, token, newPassword string) error {
	var fs errs.Fields
	checkPasswordShape(&fs, "password", newPassword, staff.MinPasswordLength)
	if err := fs.Err(); err != nil {
		return err
	}
	badToken := errs.FieldKey("token", "err.reset.token", "is not valid or has expired; ask for a new link")
	if !account.WellFormed(token) {
		return badToken
	}
	hash := account.HashToken(token)
	// A token that cannot work is refused before the new password is hashed.
	var live bool
	if err := a.read(ctx, func(tx *store.Tx) (err error) {
		live, err = tx.PasswordResetLive(ctx, hash, a.clock())
		return err
	}); err != nil {
		return err
	}
	if !live {
		return badToken
	}
	pwHash, err := staff.HashPassword(newPassword)
	if err != nil {
		return passwordError("password", err)
	}
	return a.write(ctx, func(tx *store.Tx) error {
		now := a.clock()
		accountID, ok, err := tx.UsePasswordReset(ctx, hash, now)
		if err != nil {
			return err
		}
		if !ok {
			return badToken // used or expired since the check above
		}
		acc, err := tx.Account(ctx, accountID)
		if err != nil {
			return err
		}
		if err := tx.SetPasswordHash(ctx, acc.ID, pwHash, now); err != nil {
			return err
		}
		if err := tx.EndPasswordResets(ctx, acc.ID, now); err != nil {
			return err
		}
		if _, err := tx.DeleteSessionsOf(ctx, account.Customer, acc.ID, ""); err != nil {
			return err
		}
		// Whoever was locked out by someone guessing can sign in at once.
		return tx.ClearAttempts(ctx, account.SignInLimits(account.Customer, acc.Email, "")[0].Key)
	})
}
