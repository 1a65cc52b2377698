package account

import "time"

// Kind says whose session it is.
type Kind string

const (
	Customer Kind = "customer" // a shop customer; the subject is an account id
	Staff    Kind = "staff"    // a back-office user; the subject is a staff user id
	// Contact is a company buyer in the portal; the subject is a contact id. It
	// starts from a one-time sign-in link (a contact token), not a password.
	Contact Kind = "contact"
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == Customer || k == Staff || k == Contact }

// Lifetime bounds a session: it ends after Idle without a request, and after
// Absolute whatever happens, so a stolen cookie does not live for ever.
type Lifetime struct {
	Idle     time.Duration
	Absolute time.Duration
}

// Lifetimes per kind: customers stay signed in for weeks; staff, who can change
// prices and stock, and buyers, who can spend the company's money, for a working
// day and at most a week.
var Lifetimes = map[Kind]Lifetime{
	Customer: {Idle: 30 * 24 * time.Hour, Absolute: 180 * 24 * time.Hour},
	Staff:    {Idle: 12 * time.Hour, Absolute: 7 * 24 * time.Hour},
	// Buyers can order on the company's credit: a working week at most, as a
	// fresh sign-in link is cheap to ask for.
	Contact: {Idle: 12 * time.Hour, Absolute: 7 * 24 * time.Hour},
}

// TouchEvery is how stale last_seen may get before a request writes it: a page
// with many requests must not write the session row on each of them. The idle
// limit is therefore kept to within TouchEvery.
const TouchEvery = 5 * time.Minute

// Session is a signed-in browser. Only the token's hash is stored.
type Session struct {
	TokenHash  string
	Kind       Kind
	SubjectID  string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

// NewSession starts a session for subject at now and returns its token, which is
// given to the browser once.
func NewSession(kind Kind, subjectID string, now time.Time) (token string, s Session, err error) {
	token, hash, err := NewToken()
	if err != nil {
		return "", Session{}, err
	}
	s = Session{TokenHash: hash, Kind: kind, SubjectID: subjectID, CreatedAt: now, LastSeenAt: now}
	s.ExpiresAt = s.expiry(now)
	return token, s, nil
}

// End is the latest the session can last, however busy: the cookie's expiry.
func (s Session) End() time.Time { return s.CreatedAt.Add(Lifetimes[s.Kind].Absolute) }

// Active reports whether the session is still open at now.
func (s Session) Active(now time.Time) bool { return now.Before(s.ExpiresAt) }

// NeedsTouch reports whether a request at now should record that it was seen.
func (s Session) NeedsTouch(now time.Time) bool { return now.Sub(s.LastSeenAt) >= TouchEvery }

// Touch records a request at now and moves the idle expiry.
func (s *Session) Touch(now time.Time) {
	s.LastSeenAt = now
	s.ExpiresAt = s.expiry(now)
}

func (s Session) expiry(seen time.Time) time.Time {
	idle := seen.Add(Lifetimes[s.Kind].Idle)
	if end := s.End(); end.Before(idle) {
		return end
	}
	return idle
}
