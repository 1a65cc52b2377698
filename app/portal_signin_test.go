package app_test

import (
	"testing"

	"b2x/errs"
	"b2x/store"
	"b2x/store/storetest"
)

func TestContactSignIn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		link, err := f.app.CreateContactToken(f.ctx, f.tech.ID, "portal link")
		f.must(err)

		signed, err := f.app.ContactSignIn(f.ctx, link, "")
		f.must(err)
		actor, err := f.app.SessionActor(f.ctx, signed.Token)
		f.must(err)
		if actor.ContactID != f.tech.ID || actor.OrganizationID != f.org.ID || actor.PersonID != "" || actor.UserID != "" {
			t.Fatalf("session actor %+v, want contact %s of %s", actor, f.tech.ID, f.org.ID)
		}
		if _, err := f.app.PortalAccount(f.ctx, actor); err != nil {
			t.Fatalf("portal account of the session: %v", err)
		}

		// The link is used up: a second use starts nothing.
		_, err = f.app.ContactSignIn(f.ctx, link, "")
		expectField(t, "second use of the link", err, "token")
		_, err = f.app.ContactSignIn(f.ctx, "", "")
		expectField(t, "no token", err, "token")

		// A new link rotates the session: the old cookie's session ends.
		link2, err := f.app.CreateContactToken(f.ctx, f.tech.ID, "again")
		f.must(err)
		again, err := f.app.ContactSignIn(f.ctx, link2, signed.Token)
		f.must(err)
		if _, err := f.app.SessionActor(f.ctx, signed.Token); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("previous session after a new sign-in: %v, want unauthorized", err)
		}
		f.must(f.app.SignOut(f.ctx, again.Token))
		if _, err := f.app.SessionActor(f.ctx, again.Token); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("session after sign-out: %v, want unauthorized", err)
		}
	})
}
