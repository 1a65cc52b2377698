package app

import (
	"context"
	"sync"
	"time"

	"b2x/account"
	"b2x/errs"
	"b2x/ids"
	"b2x/staff"
	"b2x/store"
)

// claimAttempts claims one attempt under each limit in one short transaction,
// before any password is hashed: a check beyond a limit is refused with
// too_many_requests and costs no hash. It returns the claims' ids so a check that
// succeeds can give them back (refund). The transaction ends before the hash is
// computed, so no lock is held during it.
func (a *App) claimAttempts(ctx context.Context, limits []account.Limit) ([]string, error) {
	var claimed []string
	err := a.write(ctx, func(tx *store.Tx) error {
		claimed = claimed[:0] // a retried transaction claims again from the start
		now := a.clock()
		for _, l := range limits {
			id := ids.New()
			ok, oldest, err := tx.ClaimAttempt(ctx, l.Key, l.Max, id, now, now.Add(-account.ThrottleWindow))
			if err != nil {
				return err
			}
			if !ok {
				return tooManyAttempts(account.RetryAfter(oldest, now))
			}
			claimed = append(claimed, id)
		}
		return nil
	})
	return claimed, err
}

func tooManyAttempts(wait time.Duration) error {
	secs := int(wait / time.Second)
	e := errs.EKey(errs.TooManyRequests, "err.throttled", "too many attempts; try again in {seconds} seconds", "seconds", secs)
	e.Detail = map[string]any{"retry_after_seconds": secs}
	return e
}

// dummyHash is checked in place of an unknown email's password hash, so a
// sign-in costs the same time whether or not the account exists.
var dummyHash = sync.OnceValue(func() string {
	h, err := staff.HashPassword(ids.New())
	if err != nil {
		panic(err)
	}
	return h
})

// wrongCredentials answers every failed sign-in alike, whichever part was wrong.
func wrongCredentials() error {
	return errs.EKey(errs.Unauthorized, "err.credentials", "the email or password is wrong")
}
