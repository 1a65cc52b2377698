package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"b2x/account"
	"b2x/errs"
	"b2x/ids"
	"b2x/party"
	"b2x/store"
	"b2x/store/storetest"
)

func TestAccountRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		at := partyTime.UTC().Truncate(time.Microsecond)
		p := party.Person{ID: ids.New(), Name: "Ann", Email: "Ann@Example.com", CreatedAt: at, UpdatedAt: at}
		a := account.Account{ID: ids.New(), PersonID: p.ID, Email: "Ann@Example.com", PasswordHash: "$argon2id$x",
			Newsletter: account.Consent{Subscribed: true, At: at, Source: "signup"}, CreatedAt: at, UpdatedAt: at, PasswordChangedAt: at}
		partyWrite(t, db, func(tx *store.Tx) error {
			if err := tx.InsertPerson(ctx, &p); err != nil {
				return err
			}
			return tx.InsertAccount(ctx, &a)
		})
		for _, get := range []func(tx *store.Tx) (account.Account, error){
			func(tx *store.Tx) (account.Account, error) { return tx.AccountByEmail(ctx, " ann@EXAMPLE.com") },
			func(tx *store.Tx) (account.Account, error) { return tx.AccountOfPerson(ctx, p.ID) },
			func(tx *store.Tx) (account.Account, error) { return tx.Account(ctx, a.ID) },
		} {
			var got account.Account
			partyWrite(t, db, func(tx *store.Tx) (err error) { got, err = get(tx); return err })
			if !reflect.DeepEqual(got, a) {
				t.Errorf("read back\n got %+v\nwant %+v", got, a)
			}
		}
		// One email in another case, or a second account for one person, is refused.
		q := party.Person{ID: ids.New(), Name: "Bob", CreatedAt: at, UpdatedAt: at}
		b := account.Account{ID: ids.New(), PersonID: q.ID, Email: "ANN@example.COM", PasswordHash: "h", CreatedAt: at, UpdatedAt: at, PasswordChangedAt: at}
		err := db.Write(ctx, func(tx *store.Tx) error {
			if err := tx.InsertPerson(ctx, &q); err != nil {
				return err
			}
			return tx.InsertAccount(ctx, &b)
		})
		if e, ok := errs.As(err); !ok || len(e.Fields) != 1 || e.Fields[0].Field != "email" {
			t.Errorf("a second account for one email in another case: %v", err)
		}
		b.Email, b.PersonID = "bob@example.com", p.ID
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.InsertAccount(ctx, &b) }); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("a second account for one person: %v", err)
		}
		err = db.Read(ctx, func(tx *store.Tx) error { _, err := tx.AccountByEmail(ctx, "nobody@example.com"); return err })
		if errs.CodeOf(err) != errs.NotFound {
			t.Errorf("unknown email: %v", err)
		}
	})
}

func TestSessionStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		at := partyTime.UTC().Truncate(time.Microsecond)
		_, s, err := account.NewSession(account.Staff, "no-such-user", at)
		if err != nil {
			t.Fatal(err)
		}
		partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertSession(ctx, &s) })
		read := func() store.SessionRecord {
			t.Helper()
			var r store.SessionRecord
			if err := db.Read(ctx, func(tx *store.Tx) (err error) { r, err = tx.SessionByHash(ctx, s.TokenHash); return err }); err != nil {
				t.Fatal(err)
			}
			return r
		}
		if r := read(); r.Session != s || r.Role != "" || r.PersonID != "" {
			t.Errorf("read back %+v, want %+v with no role (the user does not exist)", r, s)
		}
		// A touch within TouchEvery of the last one writes nothing.
		touch := func(now time.Time) bool {
			t.Helper()
			next := s
			next.Touch(now)
			var ok bool
			partyWrite(t, db, func(tx *store.Tx) (err error) { ok, err = tx.TouchSession(ctx, next); return err })
			return ok
		}
		if touch(at.Add(account.TouchEvery - time.Microsecond)) {
			t.Error("touched within TouchEvery")
		}
		if !touch(at.Add(account.TouchEvery)) || read().LastSeenAt != at.Add(account.TouchEvery) {
			t.Error("not touched after TouchEvery")
		}
		var n int
		partyWrite(t, db, func(tx *store.Tx) (err error) { n, err = tx.DeleteExpiredSessions(ctx, s.ExpiresAt); return err })
		if n != 0 {
			t.Error("a touched session expired at its first expiry")
		}
		partyWrite(t, db, func(tx *store.Tx) (err error) {
			n, err = tx.DeleteSessionsOf(ctx, account.Staff, "no-such-user", s.TokenHash)
			return err
		})
		if n != 0 {
			t.Error("the kept session was deleted")
		}
		var gone bool
		partyWrite(t, db, func(tx *store.Tx) (err error) { gone, err = tx.DeleteSession(ctx, s.TokenHash); return err })
		if !gone {
			t.Error("no session deleted")
		}
	})
}

// The throttle is a sliding window: attempts leave it one by one as they age.
func TestClaimAttemptWindow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		t0 := partyTime.UTC().Truncate(time.Microsecond)
		claim := func(now time.Time) (bool, time.Time) {
			t.Helper()
			var ok bool
			var oldest time.Time
			partyWrite(t, db, func(tx *store.Tx) (err error) {
				ok, oldest, err = tx.ClaimAttempt(ctx, "k", 3, ids.New(), now, now.Add(-time.Minute))
				return err
			})
			return ok, oldest
		}
		for i := range 3 {
			if ok, _ := claim(t0.Add(time.Duration(i) * 10 * time.Second)); !ok {
				t.Fatalf("claim %d refused", i)
			}
		}
		if ok, oldest := claim(t0.Add(59 * time.Second)); ok || !oldest.Equal(t0) {
			t.Errorf("4th claim in the window: ok %v oldest %v", ok, oldest)
		}
		if ok, _ := claim(t0.Add(60 * time.Second)); !ok {
			t.Error("the first attempt left the window, yet the claim was refused")
		}
		if ok, oldest := claim(t0.Add(61 * time.Second)); ok || !oldest.Equal(t0.Add(10*time.Second)) {
			t.Errorf("claim at 61 s: ok %v oldest %v", ok, oldest)
		}
		var n int
		partyWrite(t, db, func(tx *store.Tx) (err error) { n, err = tx.DeleteOldAttempts(ctx, t0.Add(time.Hour)); return err })
		if n != 3 {
			t.Errorf("swept %d attempts", n)
		}
	})
}
