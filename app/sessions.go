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

// Sessions live in the database, so any b2x process can serve any request. The
// browser holds a random token; the database holds its SHA-256.

// SessionActor turns a session cookie into the actor behind it: a customer
// (PersonID), a staff user (UserID, Role) or a company buyer (ContactID,
// OrganizationID). An unknown, ended or signed-out
// token, a deleted account and a disabled staff user are unauthorized. The
// session's last-seen time is written at most once per account.TouchEvery.
func (a *App) SessionActor(ctx context.Context, token string) (Actor, error) {
	ended := errs.E(errs.Unauthorized, "the session has ended; sign in again")
	if !account.WellFormed(token) {
		return Actor{}, ended
	}
	var rec store.SessionRecord
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		rec, err = tx.SessionByHash(ctx, account.HashToken(token))
		return err
	})
	if errs.CodeOf(err) == errs.NotFound {
		return Actor{}, ended
	}
	if err != nil {
		return Actor{}, err
	}
	now := a.clock()
	var actor Actor
	switch rec.Kind {
	case account.Customer:
		actor = Actor{PersonID: rec.PersonID}
	case account.Staff:
		if rec.Role != "" {
			actor = Actor{UserID: rec.SubjectID, Role: rec.Role}
		}
	case account.Contact:
		if rec.OrganizationID != "" {
			actor = Actor{ContactID: rec.SubjectID, OrganizationID: rec.OrganizationID}
		}
	}
	if !rec.Active(now) || (actor.PersonID == "" && actor.UserID == "" && actor.ContactID == "") {
		return Actor{}, ended
	}
	if rec.NeedsTouch(now) {
		s := rec.Session
		s.Touch(now)
		if err := a.write(ctx, func(tx *store.Tx) error {
			_, err := tx.TouchSession(ctx, s)
			return err
		}); err != nil {
			return Actor{}, err
		}
	}
	return actor, nil
}

// SignOut ends the session of a token. Signing out twice, or with a token that
// is not a session, is not an error: the outcome is the same.
func (a *App) SignOut(ctx context.Context, token string) error {
	if !account.WellFormed(token) {
		return nil
	}
	return a.write(ctx, func(tx *store.Tx) error {
		_, err := tx.DeleteSession(ctx, account.HashToken(token))
		return err
	})
}

// StaffSignIn signs a staff user in to the back office with the email (any case)
// and password of their user (see AddUser), with the same session store and the
// same throttling as customers under their own keys. A disabled user is told so
// only after giving the right password.
func (a *App) StaffSignIn(ctx context.Context, c Credentials) (SignedIn, error) {
	c.Email = strings.TrimSpace(c.Email)
	c.CartToken = "" // staff have no cart
	if err := c.validate(); err != nil {
		return SignedIn{}, err
	}
	claimed, err := a.claimAttempts(ctx, account.SignInLimits(account.Staff, c.Email, c.RemoteAddr))
	if err != nil {
		return SignedIn{}, err
	}
	var u staff.User
	err = a.read(ctx, func(tx *store.Tx) (err error) {
		u, err = tx.StaffUserByEmail(ctx, c.Email)
		return err
	})
	found := err == nil
	if err != nil && errs.CodeOf(err) != errs.NotFound {
		return SignedIn{}, err
	}
	hash := u.PasswordHash
	if !found {
		hash = dummyHash()
	}
	if ok := a.checkPassword(hash, c.Password); !ok || !found {
		return SignedIn{}, wrongCredentials()
	}
	if u.Disabled {
		return SignedIn{}, errs.E(errs.Forbidden, "this user is disabled")
	}
	return a.startSession(ctx, account.Staff, u.ID, Actor{UserID: u.ID, Role: string(u.Role)}, c, claimed, nil)
}

// ExpireSessions deletes ended sessions, reset links expired for a day,
// sign-in attempts that left their window and phone codes older than two
// hours; a sweep runs it. It returns the number of sessions deleted.
func (a *App) ExpireSessions(ctx context.Context) (int, error) {
	var n int
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		now := a.clock()
		if n, err = tx.DeleteExpiredSessions(ctx, now); err != nil {
			return err
		}
		if _, err = tx.DeleteOldPasswordResets(ctx, now.Add(-24*time.Hour)); err != nil {
			return err
		}
		if _, err = tx.DeleteOldAttempts(ctx, now.Add(-account.ThrottleWindow)); err != nil {
			return err
		}
		// phone codes outlive their 10 minutes only for the hourly sending limit
		_, err = tx.DeleteOldPhoneCodes(ctx, now.Add(-2*time.Hour))
		return err
	})
	return n, err
}
