package quote

import "time"

// CanExpire reports whether a quote in s lapses when its validity runs out: one
// that was sent, approved, accepted (its stock reservation is then released) or
// rejected. Drafts never do (the buyer has not seen the date), and final quotes are
// done.
func CanExpire(s Status) bool { return CheckTransition(s, StatusExpired) == nil }

// Expired reports whether the background job should move q to expired: it can
// expire and now is past ValidUntil (the quote holds up to and including that
// instant).
func Expired(q Quote, now time.Time) bool {
	return CanExpire(q.Status) && now.After(q.ValidUntil)
}
