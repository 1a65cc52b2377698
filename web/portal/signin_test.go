package portal_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"b2x/store"
	"b2x/store/storetest"
)

func TestSignInWithAOneTimeLink(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		anon := f.browser()
		if status, _, loc := anon.get("/portal/"); status != http.StatusSeeOther || loc != "/portal/sign-in" {
			t.Fatalf("signed out catalog: %d → %q", status, loc)
		}
		link, err := f.app.CreateContactToken(f.ctx, f.tech.ID, "link")
		f.must(err)
		// Opening the link fills in the form and uses nothing up.
		status, body, _ := anon.get("/portal/sign-in?token=" + url.QueryEscape(link))
		if status != http.StatusOK || !strings.Contains(body, `value="`+link+`"`) {
			t.Fatalf("sign-in link page: %d", status)
		}
		b := f.browser()
		if status, _, loc := b.post("/portal/sign-in", url.Values{"token": {link}}); status != http.StatusSeeOther || loc != "/portal/" {
			t.Fatalf("sign-in: %d → %q", status, loc)
		}
		status, body, _ = b.get("/portal/")
		if status != http.StatusOK || !strings.Contains(body, "Tess Tech, Buyer GmbH") || !strings.Contains(body, "BRK") {
			t.Fatalf("catalog after sign-in: %d\n%s", status, body)
		}
		// The link works once.
		status, body, _ = f.browser().post("/portal/sign-in", url.Values{"token": {link}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "used already") {
			t.Errorf("second use of the link: %d", status)
		}
		if status, _, loc := b.post("/portal/sign-out", nil); status != http.StatusSeeOther || loc != "/portal/sign-in" {
			t.Errorf("sign-out: %d → %q", status, loc)
		}
		if status, _, _ := b.get("/portal/"); status != http.StatusSeeOther {
			t.Errorf("catalog after sign-out: %d", status)
		}
	})
}
