package app_test

import (
	"testing"

	"b2x/app"
	"b2x/errs"
	"b2x/store"
	"b2x/store/storetest"
)

func TestMeIsTheSignedInStaffUser(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		u, err := f.app.AddUser(f.ctx, "Mara@Example.com", "Mara", "marketing", annPassword)
		f.must(err)
		me, err := f.app.Me(f.ctx, app.Actor{UserID: u.ID, Role: "marketing"})
		f.must(err)
		if me.ID != u.ID || me.Email != u.Email || me.Name != "Mara" || me.PasswordHash != "" {
			t.Fatalf("me = %+v, want %+v without the hash", me, u)
		}
		wantCode(t, errOf(f.app.Me(f.ctx, app.Actor{})), errs.Unauthorized)
		names, err := f.app.StaffNames(f.ctx, app.Actor{UserID: u.ID, Role: "marketing"}, u.ID, "public", u.ID)
		f.must(err)
		if len(names) != 1 || names[u.ID] != "Mara" {
			t.Fatalf("names = %v", names)
		}
		wantCode(t, errOf(f.app.StaffNames(f.ctx, app.Actor{}, u.ID)), errs.Unauthorized)
		wantCode(t, errOf(f.app.Me(f.ctx, app.Actor{UserID: "01a0", Role: "marketing"})), errs.NotFound)
	})
}
