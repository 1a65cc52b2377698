package app_test

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"b2x/account"
	"b2x/app"
	"b2x/errs"
	"b2x/staff"
	"b2x/store"
	"b2x/store/storetest"
)

// fastWrongPasswords makes checks of passwords starting with "wrong" fail
// without a real hash (ten of them are slow under the race detector) and counts
// every check; the count is what proves a throttled attempt checked nothing.
func fastWrongPasswords(a *app.App) *atomic.Int64 {
	app.SetPasswordCheck(a, func(hash, password string) bool {
		return !strings.HasPrefix(password, "wrong") && staff.CheckPassword(hash, password)
	})
	return app.CountPasswordChecks(a)
}

// The 11th failed attempt within a minute is refused before the password is
// hashed, even with the right password; a minute after the oldest failure the
// account can sign in again.
func TestSignInThrottlePerAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		f.signUp("Ann", "ann@example.com")
		checks := fastWrongPasswords(f.app)
		wrong := app.Credentials{Email: "ann@example.com", Password: "wrong password", RemoteAddr: "192.0.2.1:4000"}
		right := app.Credentials{Email: "ANN@example.com", Password: annPassword, RemoteAddr: "198.51.100.9:4000"}

		// A success gives its claim back: it does not count.
		_, err := f.app.SignIn(f.ctx, right)
		f.must(err)
		for i := range account.MaxFailuresPerAccount {
			f.advance(time.Second)
			wantCode(t, errOf(f.app.SignIn(f.ctx, wrong)), errs.Unauthorized)
			if i == 0 {
				f.advance(10 * time.Second) // the oldest failure is 11 s older than the others
			}
		}
		hashed := checks.Load()
		if hashed != int64(account.MaxFailuresPerAccount)+1 {
			t.Fatalf("%d hashes", hashed)
		}
		for _, c := range []app.Credentials{wrong, right} {
			e := wantCode(t, errOf(f.app.SignIn(f.ctx, c)), errs.TooManyRequests)
			// The oldest failure was 19 s ago: the window frees a slot in 41 s.
			if e.Detail["retry_after_seconds"] != 41 {
				t.Errorf("detail %v", e.Detail)
			}
		}
		if n := checks.Load(); n != hashed {
			t.Fatalf("a refused attempt computed %d hashes", n-hashed)
		}
		// Another email from the same addresses is not affected.
		wantCode(t, errOf(f.app.SignIn(f.ctx, app.Credentials{Email: "bob@example.com", Password: "x", RemoteAddr: wrong.RemoteAddr})), errs.Unauthorized)
		f.advance(40 * time.Second)
		wantCode(t, errOf(f.app.SignIn(f.ctx, right)), errs.TooManyRequests)
		f.advance(time.Second)
		if _, err := f.app.SignIn(f.ctx, right); err != nil {
			t.Fatalf("a minute after the oldest failure: %v", err)
		}
	})
}

// The per-address limit spans emails; another address is unaffected.
func TestSignInThrottlePerAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		checks := app.CountPasswordChecks(f.app)
		app.SetPasswordCheck(f.app, func(string, string) bool { checks.Add(1); return false }) // no real hashes: 50 of them are slow
		const addr = "[2001:db8:1:2::10]:443"
		for i := range account.MaxFailuresPerAddress {
			wantCode(t, errOf(f.app.SignIn(f.ctx, app.Credentials{Email: fmt.Sprintf("u%d@example.com", i), Password: "guess", RemoteAddr: addr})), errs.Unauthorized)
		}
		// Same /64, another host, another email: refused without a hash.
		hashed := checks.Load()
		wantCode(t, errOf(f.app.SignIn(f.ctx, app.Credentials{Email: "new@example.com", Password: "guess", RemoteAddr: "[2001:db8:1:2::99]:1"})), errs.TooManyRequests)
		wantCode(t, errOf(f.app.StaffSignIn(f.ctx, app.Credentials{Email: "new@example.com", Password: "guess", RemoteAddr: addr})), errs.TooManyRequests)
		if checks.Load() != hashed {
			t.Error("a refused attempt computed a hash")
		}
		wantCode(t, errOf(f.app.SignIn(f.ctx, app.Credentials{Email: "new@example.com", Password: "guess", RemoteAddr: "[2001:db8:1:3::1]:1"})), errs.Unauthorized)
	})
}

// 20 concurrent wrong passwords for one account: exactly 10 are checked, the
// others are refused, on either engine.
func TestSignInThrottleConcurrent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		f.signUp("Ann", "ann@example.com")
		checks := app.CountPasswordChecks(f.app)
		const n = 20
		results := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				_, results[i] = f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: "guess " + fmt.Sprint(i),
					RemoteAddr: fmt.Sprintf("192.0.2.%d:1", i)})
			})
		}
		wg.Wait()
		count := map[errs.Code]int{}
		for _, err := range results {
			count[errs.CodeOf(err)]++
		}
		if count[errs.Unauthorized] != account.MaxFailuresPerAccount || count[errs.TooManyRequests] != n-account.MaxFailuresPerAccount {
			t.Errorf("answers %v", count)
		}
		if c := checks.Load(); c != int64(account.MaxFailuresPerAccount) {
			t.Errorf("%d passwords checked, want %d", c, account.MaxFailuresPerAccount)
		}
	})
}

// Changing the password checks the current one under the account's limit, so
// a stolen session cannot guess it faster than the sign-in form.
func TestChangePasswordThrottled(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		s := f.signUp("Ann", "ann@example.com")
		app.SetPasswordCheck(f.app, func(string, string) bool { return false })
		for range account.MaxFailuresPerAccount {
			wantFields(t, f.app.ChangePassword(f.ctx, s.Actor, app.PasswordChange{Current: "guess", New: "a much better passphrase"}), "current_password")
		}
		wantCode(t, f.app.ChangePassword(f.ctx, s.Actor, app.PasswordChange{Current: "guess", New: "a much better passphrase"}), errs.TooManyRequests)
		wantCode(t, errOf(f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: annPassword})), errs.TooManyRequests)
	})
}

// A password reset lifts the lock someone else's guessing put on the account.
func TestResetClearsThrottle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		f.signUp("Ann", "ann@example.com")
		fastWrongPasswords(f.app)
		for range account.MaxFailuresPerAccount {
			wantCode(t, errOf(f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: "wrong guess"})), errs.Unauthorized)
		}
		wantCode(t, errOf(f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: annPassword})), errs.TooManyRequests)
		r, err := f.app.RequestPasswordReset(f.ctx, "ann@example.com")
		f.must(err)
		f.must(f.app.ResetPassword(f.ctx, r.Token, "a much better passphrase"))
		_, err = f.app.SignIn(f.ctx, app.Credentials{Email: "ann@example.com", Password: "a much better passphrase"})
		f.must(err)
	})
}
