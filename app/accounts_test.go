package app_test

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"b2x/account"
	"b2x/app"
	"b2x/errs"
	"b2x/party"
	"b2x/store"
	"b2x/store/storetest"
)

// accountFixture is a fixture whose clock the test moves.
type accountFixture struct {
	*fixture
	now atomic.Int64 // unix nanoseconds
}

var accountStart = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newAccountFixture(t *testing.T, db *store.DB) *accountFixture {
	t.Helper()
	f := &accountFixture{fixture: newFixture(t, db)}
	f.now.Store(accountStart.UnixNano())
	f.app = app.New(db, app.WithClock(func() time.Time { return time.Unix(0, f.now.Load()).UTC() }))
	return f
}

func (f *accountFixture) advance(d time.Duration) { f.now.Add(int64(d)) }

const annPassword = "correct horse battery"

func (f *accountFixture) signUp(name, email string) app.SignedIn {
	f.t.Helper()
	s, err := f.app.SignUp(f.ctx, app.SignUpInput{Name: name, Email: email, Password: annPassword})
	f.must(err)
	return s
}

func (f *accountFixture) actor(token string) (app.Actor, error) {
	return f.app.SessionActor(f.ctx, token)
}

func (f *accountFixture) accountCounts() map[string]int {
	f.t.Helper()
	out := map[string]int{}
	for _, table := range []string{"persons", "accounts", "sessions", "password_resets", "addresses", "carts", "cart_lines"} {
		n, err := f.db.CountRows(f.ctx, table)
		f.must(err)
		out[table] = n
	}
	return out
}

func wantCode(t *testing.T, err error, code errs.Code) *errs.Error {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Code != code {
		t.Fatalf("got %v, want a %s error", err, code)
	}
	return e
}

func wantFields(t *testing.T, err error, fields ...string) {
	t.Helper()
	e := wantCode(t, err, errs.Invalid)
	var got []string
	for _, f := range e.Fields {
		got = append(got, f.Field)
	}
	if !slices.Equal(got, fields) {
		t.Fatalf("fields %v, want %v (%v)", got, fields, err)
	}
}

func TestSignUpSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		up, err := f.app.SignUp(f.ctx, app.SignUpInput{Name: " Ann Example ", Email: "Ann@Example.com", Password: annPassword,
			Phone: "+43 316 123456", Newsletter: true})
		f.must(err)
		if up.Actor.PersonID == "" || up.Actor.Staff() || !account.WellFormed(up.Token) ||
			!up.Expires.Equal(accountStart.Add(account.Lifetimes[account.Customer].Absolute)) {
			t.Fatalf("signed up %+v", up)
		}
		if a, err := f.actor(up.Token); err != nil || a != up.Actor {
			t.Fatalf("session actor %+v %v", a, err)
		}
		acc, err := f.app.Account(f.ctx, up.Actor)
		f.must(err)
		want := account.Consent{Subscribed: true, At: accountStart, Source: "signup"}
		if acc.Email != "Ann@Example.com" || acc.Name != "Ann Example" || acc.Phone != "+43 316 123456" || acc.Newsletter != want {
			t.Errorf("account %+v", acc)
		}
		p, err := f.app.Person(f.ctx, staffActor, up.Actor.PersonID)
		f.must(err)
		if p.Trade || p.Group != "" || p.Email != "Ann@Example.com" {
			t.Errorf("person %+v: a sign-up makes a private customer", p)
		}

		checks := app.CountPasswordChecks(f.app)
		in, err := f.app.SignIn(f.ctx, app.Credentials{Email: "  ann@EXAMPLE.com", Password: annPassword})
		f.must(err)
		if in.Actor != up.Actor || in.Token == up.Token {
			t.Errorf("sign-in %+v", in)
		}
		_, wrong := f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: "not the password"})
		_, unknown := f.app.SignIn(f.ctx, app.Credentials{Email: "bob@example.com", Password: annPassword})
		we, ue := wantCode(t, wrong, errs.Unauthorized), wantCode(t, unknown, errs.Unauthorized)
		if we.Message != ue.Message {
			t.Errorf("a wrong password (%q) and an unknown email (%q) must answer alike", we.Message, ue.Message)
		}
		if n := checks.Load(); n != 3 {
			t.Errorf("%d password checks, want 3: an unknown email must cost a hash too", n)
		}
		wantFields(t, errOf(f.app.SignIn(f.ctx, app.Credentials{})), "email", "password")
	})
}

func errOf[T any](_ T, err error) error { return err }

func TestSignUpValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		before := f.accountCounts()
		checks := app.CountPasswordChecks(f.app)
		for _, tc := range []struct {
			in     app.SignUpInput
			fields []string
		}{
			{app.SignUpInput{}, []string{"name", "email", "password"}},
			{app.SignUpInput{Name: "Ann", Email: "not an email", Password: "short", Phone: "call me"}, []string{"email", "phone", "password"}},
			{app.SignUpInput{Name: "Ann", Email: "ann@example.com", Password: string(make([]byte, 1025))}, []string{"password"}},
		} {
			wantFields(t, errOf(f.app.SignUp(f.ctx, tc.in)), tc.fields...)
		}
		if after := f.accountCounts(); !mapsEqual(before, after) || checks.Load() != 0 {
			t.Errorf("refused sign-ups wrote %v → %v", before, after)
		}
	})
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// Concurrent sign-ups with one email in different cases: exactly one wins, the
// others get a field error on email, and no orphan person is left.
func TestSignUpConcurrentEmail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		emails := []string{"ann@example.com", "Ann@example.com", "ANN@EXAMPLE.COM", "ann@Example.com", "aNN@example.com", "ann@example.COM"}
		var wg sync.WaitGroup
		errsOf := make([]error, len(emails))
		for i, e := range emails {
			wg.Go(func() {
				_, errsOf[i] = f.app.SignUp(f.ctx, app.SignUpInput{Name: "Ann", Email: e, Password: annPassword})
			})
		}
		wg.Wait()
		won := 0
		for _, err := range errsOf {
			if err == nil {
				won++
				continue
			}
			wantFields(t, err, "email")
		}
		c := f.accountCounts()
		if won != 1 || c["accounts"] != 1 || c["persons"] != 1 || c["sessions"] != 1 {
			t.Fatalf("%d sign-ups won, counts %v", won, c)
		}
	})
}

// Sign-up never makes or claims a trade customer: a person staff flagged as
// trade with the same email stays apart and unchanged, and the customer's own
// changes never touch the flag staff set.
func TestSignUpLeavesTradeToStaff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		trade, err := f.app.CreatePerson(f.ctx, staffActor, party.Person{Name: "Ann Builder", Email: "ann@example.com", Trade: true})
		f.must(err)
		s := f.signUp("Ann", "ann@example.com")
		if s.Actor.PersonID == trade.ID {
			t.Fatal("sign-up took over the trade person with the same email")
		}
		yes := true
		_, err = f.app.UpdatePerson(f.ctx, staffActor, s.Actor.PersonID, app.PersonPatch{Trade: &yes})
		f.must(err)
		_, err = f.app.UpdateProfile(f.ctx, s.Actor, "Ann B.", "+43 316 999999")
		f.must(err)
		_, err = f.app.SetNewsletter(f.ctx, s.Actor, true, "account")
		f.must(err)
		p, err := f.app.Person(f.ctx, staffActor, s.Actor.PersonID)
		f.must(err)
		if !p.Trade || p.Name != "Ann B." {
			t.Errorf("person %+v: the trade flag staff set was lost", p)
		}
		if old, _ := f.app.Person(f.ctx, staffActor, trade.ID); old != trade {
			t.Errorf("trade person changed: %+v", old)
		}
	})
}

func TestSessionRotationAndSignOut(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		first := f.signUp("Ann", "ann@example.com")
		other, err := f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: annPassword})
		f.must(err)
		// Signing in again in the first browser rotates its token.
		again, err := f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: annPassword, PreviousToken: first.Token})
		f.must(err)
		if _, err := f.actor(first.Token); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("the token from before sign-in still works: %v", err)
		}
		for _, tok := range []string{other.Token, again.Token} {
			if a, err := f.actor(tok); err != nil || a.PersonID != first.Actor.PersonID {
				t.Errorf("session %v %v", a, err)
			}
		}
		f.must(f.app.SignOut(f.ctx, again.Token))
		if _, err := f.actor(again.Token); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("signed out, the token still works: %v", err)
		}
		f.must(f.app.SignOut(f.ctx, again.Token)) // twice is fine
		f.must(f.app.SignOut(f.ctx, "garbage"))
		if _, err := f.actor(other.Token); err != nil {
			t.Errorf("signing out one browser ended another: %v", err)
		}
		// A well-formed token that differs from the real one in its last character.
		last := "A"
		if strings.HasSuffix(other.Token, last) {
			last = "B"
		}
		for _, bad := range []string{"", "x", other.Token[:len(other.Token)-1] + last} {
			if _, err := f.actor(bad); errs.CodeOf(err) != errs.Unauthorized {
				t.Errorf("token %q: %v", bad, err)
			}
		}
	})
}

func lastSeen(t *testing.T, f *accountFixture, token string) time.Time {
	t.Helper()
	var rec store.SessionRecord
	f.must(f.db.Read(f.ctx, func(tx *store.Tx) (err error) {
		rec, err = tx.SessionByHash(f.ctx, account.HashToken(token))
		return err
	}))
	return rec.LastSeenAt
}

func TestSessionTouchAndIdleExpiry(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		s := f.signUp("Ann", "ann@example.com")
		f.advance(account.TouchEvery - time.Second)
		_, err := f.actor(s.Token)
		f.must(err)
		if got := lastSeen(t, f, s.Token); !got.Equal(accountStart) {
			t.Errorf("last seen %v: a request within %v must not write", got, account.TouchEvery)
		}
		f.advance(time.Second)
		_, err = f.actor(s.Token)
		f.must(err)
		touched := accountStart.Add(account.TouchEvery)
		if got := lastSeen(t, f, s.Token); !got.Equal(touched) {
			t.Errorf("last seen %v, want %v", got, touched)
		}
		idle := account.Lifetimes[account.Customer].Idle
		f.advance(idle - time.Second)
		if _, err := f.actor(s.Token); err != nil {
			t.Errorf("a session used %v ago ended: %v", idle-time.Second, err)
		}
		f.advance(idle)
		if _, err := f.actor(s.Token); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("idle for %v, the session still works: %v", idle, err)
		}
		n, err := f.app.ExpireSessions(f.ctx)
		if err != nil || n != 1 {
			t.Errorf("expired %d sessions, %v", n, err)
		}
	})
}

func TestStaffSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		u, err := f.app.AddUser(f.ctx, "Owner@Example.com", "Olga", "admin", annPassword)
		f.must(err)
		s, err := f.app.StaffSignIn(f.ctx, app.Credentials{Email: "owner@example.com", Password: annPassword, CartToken: "ignored"})
		f.must(err)
		want := app.Actor{UserID: u.ID, Role: "admin"}
		if a, err := f.actor(s.Token); err != nil || a != want || s.Actor != want {
			t.Fatalf("staff session %+v %v", a, err)
		}
		if !s.Expires.Equal(accountStart.Add(account.Lifetimes[account.Staff].Absolute)) {
			t.Errorf("staff session expires %v", s.Expires)
		}
		// A staff user's email is not a customer account, and back.
		wantCode(t, errOf(f.app.SignIn(f.ctx, app.Credentials{Email: "owner@example.com", Password: annPassword})), errs.Unauthorized)
		f.signUp("Ann", "ann@example.com")
		wantCode(t, errOf(f.app.StaffSignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: annPassword})), errs.Unauthorized)

		f.must(db.ExecRaw(f.ctx, `UPDATE users SET disabled_at = $1 WHERE id = $2`, accountStart, u.ID))
		if _, err := f.actor(s.Token); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("a disabled user's session still works: %v", err)
		}
		wantCode(t, errOf(f.app.StaffSignIn(f.ctx, app.Credentials{Email: "owner@example.com", Password: annPassword})), errs.Forbidden)
		wantCode(t, errOf(f.app.StaffSignIn(f.ctx, app.Credentials{Email: "owner@example.com", Password: "wrong password"})), errs.Unauthorized)
	})
}

func TestChangePassword(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		here := f.signUp("Ann", "ann@example.com")
		there, err := f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: annPassword})
		f.must(err)
		const newPassword = "a much better passphrase"
		wantFields(t, f.app.ChangePassword(f.ctx, here.Actor, app.PasswordChange{Current: "wrong one", New: newPassword}), "current_password")
		wantFields(t, f.app.ChangePassword(f.ctx, here.Actor, app.PasswordChange{Current: annPassword, New: "short"}), "new_password")
		wantCode(t, f.app.ChangePassword(f.ctx, app.Actor{}, app.PasswordChange{Current: annPassword, New: newPassword}), errs.Unauthorized)
		f.must(f.app.ChangePassword(f.ctx, here.Actor, app.PasswordChange{Current: annPassword, New: newPassword, KeepToken: here.Token}))
		if _, err := f.actor(here.Token); err != nil {
			t.Errorf("the session that changed the password ended: %v", err)
		}
		if _, err := f.actor(there.Token); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("another session survived a password change: %v", err)
		}
		wantCode(t, errOf(f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: annPassword})), errs.Unauthorized)
		_, err = f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: newPassword})
		f.must(err)
	})
}

func TestPasswordReset(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		s := f.signUp("Ann Example", "Ann@Example.com")
		if r, err := f.app.RequestPasswordReset(f.ctx, "nobody@example.com"); err != nil || r != (app.ResetRequest{}) {
			t.Fatalf("unknown address: %+v %v", r, err)
		}
		wantFields(t, errOf(f.app.RequestPasswordReset(f.ctx, "not an email")), "email")
		r, err := f.app.RequestPasswordReset(f.ctx, "ann@example.com")
		f.must(err)
		if r.Email != "Ann@Example.com" || r.Name != "Ann Example" || !account.WellFormed(r.Token) ||
			!r.ExpiresAt.Equal(accountStart.Add(account.ResetTTL)) {
			t.Fatalf("reset request %+v", r)
		}
		const newPassword = "a much better passphrase"
		wantFields(t, f.app.ResetPassword(f.ctx, r.Token, "short"), "password")
		wantFields(t, f.app.ResetPassword(f.ctx, "not-a-token", newPassword), "token")
		f.must(f.app.ResetPassword(f.ctx, r.Token, newPassword))
		if _, err := f.actor(s.Token); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("a session survived the reset: %v", err)
		}
		wantFields(t, f.app.ResetPassword(f.ctx, r.Token, "yet another passphrase"), "token") // single use
		wantCode(t, errOf(f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: annPassword})), errs.Unauthorized)
		_, err = f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: newPassword})
		f.must(err)

		// A link works for an hour.
		late, err := f.app.RequestPasswordReset(f.ctx, "ann@example.com")
		f.must(err)
		f.advance(account.ResetTTL)
		wantFields(t, f.app.ResetPassword(f.ctx, late.Token, "yet another passphrase"), "token")

		// Past the hourly bound nothing is made, and the answer looks the same as
		// for an unknown address.
		f.advance(time.Hour)
		for i := range account.MaxResetsPerHour + 1 {
			r, err := f.app.RequestPasswordReset(f.ctx, "ann@example.com")
			f.must(err)
			if (r.Token != "") != (i < account.MaxResetsPerHour) {
				t.Errorf("request %d: token %q", i+1, r.Token)
			}
		}
	})
}

// Two links: using one kills the other.
func TestPasswordResetEndsOtherLinks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		f.signUp("Ann", "ann@example.com")
		r1, err := f.app.RequestPasswordReset(f.ctx, "ann@example.com")
		f.must(err)
		r2, err := f.app.RequestPasswordReset(f.ctx, "ann@example.com")
		f.must(err)
		f.must(f.app.ResetPassword(f.ctx, r2.Token, "a much better passphrase"))
		wantFields(t, f.app.ResetPassword(f.ctx, r1.Token, "yet another passphrase"), "token")
	})
}

// The newsletter consent keeps when and where it was last given or withdrawn.
func TestNewsletterConsent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		ann := f.signUp("Ann", "ann@example.com").Actor
		acc, err := f.app.Account(f.ctx, ann)
		f.must(err)
		if want := (account.Consent{At: accountStart, Source: "signup"}); acc.Newsletter != want {
			t.Errorf("after sign-up without the box: %+v", acc.Newsletter)
		}
		f.advance(time.Hour)
		c, err := f.app.SetNewsletter(f.ctx, ann, true, "checkout")
		f.must(err)
		acc, err = f.app.Account(f.ctx, ann)
		f.must(err)
		if want := (account.Consent{Subscribed: true, At: accountStart.Add(time.Hour), Source: "checkout"}); c != want || acc.Newsletter != want {
			t.Errorf("consent %+v, stored %+v", c, acc.Newsletter)
		}
		wantFields(t, errOf(f.app.SetNewsletter(f.ctx, ann, false, "")), "source")
		wantCode(t, errOf(f.app.SetNewsletter(f.ctx, app.Actor{}, false, "account")), errs.Unauthorized)
	})
}
