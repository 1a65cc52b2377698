package app

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"b2x/account"
	"b2x/errs"
	"b2x/ids"
	"b2x/party"
	"b2x/staff"
	"b2x/store"
)

// Customer accounts of the shop: sign-up, sign-in, the account page's data,
// password change and newsletter consent. Sessions are in sessions.go, resets in
// accounts_reset.go, the address book in accounts_addresses.go.

// MaxPasswordLength bounds a password, so nobody makes us hash megabytes.
const MaxPasswordLength = 1024

// Credentials is a sign-in form.
type Credentials struct {
	Email    string
	Password string
	// RemoteAddr is the client's address (http.Request.RemoteAddr, or the
	// proxy's client address), for the per-address limit; empty skips that limit.
	RemoteAddr string
	// PreviousToken is the session cookie the browser sent with the form, if any:
	// signing in ends it and starts a new session, so a token planted before
	// sign-in is worth nothing after it.
	PreviousToken string
	// CartToken is the guest cart cookie, if any: a customer's sign-in merges
	// that cart into the person's and deletes it (see MergeCartIntoAccount).
	CartToken string
}

func (c *Credentials) validate() error {
	var fs errs.Fields
	if strings.TrimSpace(c.Email) == "" || len(c.Email) > 254 {
		fs.AddKey("email", "err.email.required", "is required and at most 254 characters")
	}
	checkPasswordShape(&fs, "password", c.Password, 1)
	return fs.Err()
}

// checkPasswordShape checks a password's length without hashing it.
func checkPasswordShape(fs *errs.Fields, field, password string, minimum int) {
	n := utf8.RuneCountInString(password)
	switch {
	case password == "" && minimum > 0:
		fs.AddKey(field, "err.required", "is required")
	case n < minimum:
		fs.AddKey(field, "err.password.short", "needs at least {min} characters", "min", minimum)
	case len(password) > MaxPasswordLength:
		fs.AddKey(field, "err.password.long", "has at most {max} characters", "max", MaxPasswordLength)
	}
}

// passwordError puts staff.HashPassword's refusal under field, keeping its
// catalog key so a page shows it in the page's language.
func passwordError(field string, err error) error {
	var fs errs.Fields
	fs.Wrap(field, err)
	return fs.Err()
}

// SignedIn is a new session.
type SignedIn struct {
	Token   string    // the session cookie's value; only its hash is stored, so it is shown once
	Expires time.Time // the latest the session lasts (the cookie's expiry); idleness ends it sooner
	Actor   Actor     // who is signed in: PersonID for a customer, UserID and Role for staff
	// CartDropped lists SKUs of the guest cart that did not fit the person's cart.
	CartDropped []string
}

// SignUpInput is the shop's sign-up form.
type SignUpInput struct {
	Name       string
	Email      string
	Password   string
	Phone      string // optional
	Newsletter bool   // the consent box; recorded with the time and source "signup"
	// RemoteAddr, PreviousToken and CartToken mean what they do in Credentials.
	RemoteAddr    string
	PreviousToken string
	CartToken     string
}

// SignUp makes a customer account: a new party.Person (never a trade customer:
// only staff set that) and the account over it, and signs the customer in. An
// email another account has, in any case, is a field error on email; of two
// concurrent sign-ups with one email exactly one succeeds.
func (a *App) SignUp(ctx context.Context, in SignUpInput) (SignedIn, error) {
	in.Email, in.Name, in.Phone = strings.TrimSpace(in.Email), strings.TrimSpace(in.Name), strings.TrimSpace(in.Phone)
	now := a.clock()
	p := party.Person{ID: ids.New(), Name: in.Name, Email: in.Email, Phone: in.Phone, CreatedAt: now, UpdatedAt: now}
	var fs errs.Fields
	fs.Wrap("", p.Validate())
	if in.Email == "" {
		fs.AddKey("email", "err.required", "is required")
	}
	checkPasswordShape(&fs, "password", in.Password, staff.MinPasswordLength)
	if err := fs.Err(); err != nil {
		return SignedIn{}, err
	}
	// Hashing costs 19 MiB and tens of milliseconds, so sign-ups are throttled
	// per address like sign-ins; they are not refunded.
	if _, err := a.claimAttempts(ctx, account.SignUpLimits(in.RemoteAddr)); err != nil {
		return SignedIn{}, err
	}
	hash, err := staff.HashPassword(in.Password)
	if err != nil {
		return SignedIn{}, passwordError("password", err)
	}
	acc := account.Account{ID: ids.New(), PersonID: p.ID, Email: in.Email, PasswordHash: hash,
		Newsletter: account.Consent{Subscribed: in.Newsletter, At: now, Source: "signup"},
		CreatedAt:  now, UpdatedAt: now, PasswordChangedAt: now}
	creds := Credentials{PreviousToken: in.PreviousToken, CartToken: in.CartToken}
	return a.startSession(ctx, account.Customer, acc.ID, Actor{PersonID: p.ID}, creds, nil, func(tx *store.Tx) error {
		if err := tx.InsertPerson(ctx, &p); err != nil {
			return err
		}
		return tx.InsertAccount(ctx, &acc)
	})
}

// SignIn signs a customer in with email (any case) and password and starts a
// new session. Each check first claims a slot under the email's and the
// address's limits (account.MaxFailuresPerAccount, MaxFailuresPerAddress per
// minute, stored in the database so they hold across processes); beyond them
// the answer is too_many_requests with Detail["retry_after_seconds"], and no
// hash is computed. An unknown email costs a hash like a known one, and both
// failures answer the same.
func (a *App) SignIn(ctx context.Context, c Credentials) (SignedIn, error) {
	c.Email = strings.TrimSpace(c.Email)
	if err := c.validate(); err != nil {
		return SignedIn{}, err
	}
	claimed, err := a.claimAttempts(ctx, account.SignInLimits(account.Customer, c.Email, c.RemoteAddr))
	if err != nil {
		return SignedIn{}, err
	}
	var acc account.Account
	err = a.read(ctx, func(tx *store.Tx) (err error) {
		acc, err = tx.AccountByEmail(ctx, c.Email)
		return err
	})
	found := err == nil
	if err != nil && errs.CodeOf(err) != errs.NotFound {
		return SignedIn{}, err
	}
	hash := acc.PasswordHash
	if !found {
		hash = dummyHash()
	}
	if ok := a.checkPassword(hash, c.Password); !ok || !found {
		return SignedIn{}, wrongCredentials()
	}
	return a.startSession(ctx, account.Customer, acc.ID, Actor{PersonID: acc.PersonID}, c, claimed, nil)
}

// startSession writes a new session in one transaction with before (the sign-up's
// rows), gives back the sign-in's claims, ends the browser's previous session
// and, for a customer, merges the guest cart.
func (a *App) startSession(ctx context.Context, kind account.Kind, subjectID string, actor Actor, c Credentials,
	claimed []string, before func(*store.Tx) error) (SignedIn, error) {
	now := a.clock()
	token, s, err := account.NewSession(kind, subjectID, now)
	if err != nil {
		return SignedIn{}, err
	}
	out := SignedIn{Token: token, Expires: s.End(), Actor: actor}
	err = a.write(ctx, func(tx *store.Tx) error {
		out.CartDropped = nil
		if before != nil {
			if err := before(tx); err != nil {
				return err
			}
		}
		if err := tx.RefundAttempts(ctx, claimed); err != nil {
			return err
		}
		if account.WellFormed(c.PreviousToken) {
			if _, err := tx.DeleteSession(ctx, account.HashToken(c.PreviousToken)); err != nil {
				return err
			}
		}
		if err := tx.InsertSession(ctx, &s); err != nil {
			return err
		}
		if kind == account.Customer && c.CartToken != "" {
			var err error
			out.CartDropped, err = mergeCart(ctx, tx, c.CartToken, actor.PersonID, now)
			return err
		}
		return nil
	})
	if err != nil {
		return SignedIn{}, err
	}
	return out, nil
}

// requireCustomer lets only a signed-in shop customer through.
func requireCustomer(actor Actor) error {
	if actor.PersonID == "" {
		return errs.EKey(errs.Unauthorized, "err.sign_in_account", "sign in to your account to do this")
	}
	return nil
}

// AccountView is what the account page shows.
type AccountView struct {
	ID         string
	PersonID   string
	Email      string
	Name       string
	Phone      string
	Newsletter account.Consent
	CreatedAt  time.Time
}

// Account returns the signed-in customer's account.
func (a *App) Account(ctx context.Context, actor Actor) (AccountView, error) {
	if err := requireCustomer(actor); err != nil {
		return AccountView{}, err
	}
	var v AccountView
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		v, err = accountView(ctx, tx, actor.PersonID)
		return err
	})
	return v, err
}

func accountView(ctx context.Context, tx *store.Tx, personID string) (AccountView, error) {
	acc, err := tx.AccountOfPerson(ctx, personID)
	if err != nil {
		return AccountView{}, err
	}
	p, err := tx.Person(ctx, personID)
	if err != nil {
		return AccountView{}, err
	}
	return AccountView{ID: acc.ID, PersonID: p.ID, Email: acc.Email, Name: p.Name, Phone: p.Phone,
		Newsletter: acc.Newsletter, CreatedAt: acc.CreatedAt}, nil
}

// UpdateProfile changes the signed-in customer's name and phone. The email (the
// sign-in) and the person's trade flag are not the customer's to change here.
func (a *App) UpdateProfile(ctx context.Context, actor Actor, name, phone string) (AccountView, error) {
	if err := requireCustomer(actor); err != nil {
		return AccountView{}, err
	}
	var v AccountView
	err := a.write(ctx, func(tx *store.Tx) error {
		p, err := tx.Person(ctx, actor.PersonID)
		if err != nil {
			return err
		}
		p.Name, p.Phone, p.UpdatedAt = strings.TrimSpace(name), strings.TrimSpace(phone), a.clock()
		if err := p.Validate(); err != nil {
			return err
		}
		if err := tx.UpdatePerson(ctx, &p); err != nil {
			return err
		}
		v, err = accountView(ctx, tx, actor.PersonID)
		return err
	})
	return v, err
}

// SetNewsletter records the signed-in customer's newsletter consent, with when
// and where (source: the form or page, e.g. "account", "checkout").
func (a *App) SetNewsletter(ctx context.Context, actor Actor, subscribed bool, source string) (account.Consent, error) {
	if err := requireCustomer(actor); err != nil {
		return account.Consent{}, err
	}
	var fs errs.Fields
	account.CheckSource(&fs, "source", source)
	if err := fs.Err(); err != nil {
		return account.Consent{}, err
	}
	c := account.Consent{Subscribed: subscribed, At: a.clock(), Source: strings.TrimSpace(source)}
	err := a.write(ctx, func(tx *store.Tx) error {
		acc, err := tx.AccountOfPerson(ctx, actor.PersonID)
		if err != nil {
			return err
		}
		return tx.SetNewsletter(ctx, acc.ID, c)
	})
	return c, err
}

// PasswordChange is the change-password form.
type PasswordChange struct {
	Current    string
	New        string
	KeepToken  string // the session making the change stays; every other one ends
	RemoteAddr string
}

// ChangePassword changes the signed-in customer's password after checking the
// current one (throttled like a sign-in, so a stolen session cannot guess it)
// and ends the account's other sessions and outstanding reset links.
func (a *App) ChangePassword(ctx context.Context, actor Actor, in PasswordChange) error {
	if err := requireCustomer(actor); err != nil {
		return err
	}
	var fs errs.Fields
	checkPasswordShape(&fs, "current_password", in.Current, 1)
	checkPasswordShape(&fs, "new_password", in.New, staff.MinPasswordLength)
	if err := fs.Err(); err != nil {
		return err
	}
	var acc account.Account
	if err := a.read(ctx, func(tx *store.Tx) (err error) {
		acc, err = tx.AccountOfPerson(ctx, actor.PersonID)
		return err
	}); err != nil {
		return err
	}
	claimed, err := a.claimAttempts(ctx, account.SignInLimits(account.Customer, acc.Email, in.RemoteAddr))
	if err != nil {
		return err
	}
	if !a.checkPassword(acc.PasswordHash, in.Current) {
		return errs.FieldKey("current_password", "err.password.wrong", "is wrong")
	}
	hash, err := staff.HashPassword(in.New)
	if err != nil {
		return passwordError("new_password", err)
	}
	keep := ""
	if account.WellFormed(in.KeepToken) {
		keep = account.HashToken(in.KeepToken)
	}
	return a.write(ctx, func(tx *store.Tx) error {
		now := a.clock()
		if err := tx.RefundAttempts(ctx, claimed); err != nil {
			return err
		}
		if err := tx.SetPasswordHash(ctx, acc.ID, hash, now); err != nil {
			return err
		}
		if err := tx.EndPasswordResets(ctx, acc.ID, now); err != nil {
			return err
		}
		_, err := tx.DeleteSessionsOf(ctx, account.Customer, acc.ID, keep)
		return err
	})
}
