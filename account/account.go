// Package account holds what a shop customer keeps between visits: the customer
// account (email and password over a party.Person), sessions of customers and staff
// stored in the database, password resets, sign-in throttling, the address book,
// newsletter consent and the cart. Pure rules; app persists them through store.
package account

import (
	"strings"
	"time"
	"unicode/utf8"

	"b2x/errs"
)

// Account is a customer's sign-in to the shop. It belongs to one party.Person,
// which holds the name, phone and the trade flag; the account never changes the
// trade flag (staff set it on the person).
type Account struct {
	ID                string
	PersonID          string
	Email             string // as the customer typed it; unique case-insensitively
	PasswordHash      string // argon2id, see staff.HashPassword
	Newsletter        Consent
	CreatedAt         time.Time
	UpdatedAt         time.Time
	PasswordChangedAt time.Time
}

// EmailKey is the form under which an email is unique and looked up: two
// addresses that differ only in case are one account. Go folds the case on both
// engines, so the rule does not depend on the database's collation.
func EmailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// Consent is the newsletter consent of an account: whether it is given, when and
// where (the form or page that asked), so a campaign can prove it.
type Consent struct {
	Subscribed bool
	At         time.Time // when it was last given or withdrawn; zero if never asked
	Source     string    // where: "signup", "account", "checkout" …
}

// MaxSourceLength bounds a consent's source.
const MaxSourceLength = 100

// CheckSource validates where a consent was given or withdrawn.
func CheckSource(fs *errs.Fields, field, source string) {
	switch {
	case strings.TrimSpace(source) == "":
		fs.Add(field, "is required: say where the consent was given, e.g. signup")
	case !utf8.ValidString(source) || utf8.RuneCountInString(source) > MaxSourceLength:
		fs.Add(field, "must be at most %d characters", MaxSourceLength)
	}
}
