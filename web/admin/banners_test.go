package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"b2x/staff"
	"b2x/web/page"
)

// Marketing writes a banner, sees a bad one refused beside its fields in its
// own language with nothing written, edits and takes one down.
func TestBannerPages(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	ctx := context.Background()
	_, err := f.app.CreateStaffUser(ctx, f.owner, "mk@example.com", "Mark", staff.Marketing, password)
	must(t, err)
	mk := f.session(t, "mk@example.com")
	ru := &http.Cookie{Name: page.LangCookie, Value: "ru"}
	count := func() int {
		n, err := f.db.CountRows(ctx, "banners")
		must(t, err)
		return n
	}

	bad := url.Values{"lang": {"ru"}, "title": {"Распродажа"}, "link": {"javascript:alert(1)"}, "starts_at": {"2026-01-05T10:00"},
		"ends_at": {"2026-01-01T10:00"}, "position": {"first"}}
	status, _, body := f.do(t, "POST", "/admin/banners", bad, mk, ru)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("bad banner: %d", status)
	}
	if !strings.Contains(body, "должна быть путём на этом сайте") || !strings.Contains(body, "должно быть целым числом") {
		t.Errorf("the refusal is not beside its fields in Russian: %s", body)
	}
	if count() != 0 {
		t.Fatal("a refused banner was written")
	}
	bad.Set("position", "1")
	if status, _, body = f.do(t, "POST", "/admin/banners", bad, mk, ru); status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, "должно быть позже начала") || !strings.Contains(body, `value="Распродажа"`) {
		t.Errorf("bad link and end: %d, the form must keep what was typed: %s", status, body)
	}

	good := url.Values{"lang": {""}, "title": {"<b>Open</b> on Sunday"}, "link": {"/en/c/tools"}, "starts_at": {"2026-01-05T10:00"}, "position": {"2"}}
	status, loc, _ := f.do(t, "POST", "/admin/banners", good, mk)
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/banners/") {
		t.Fatalf("create: %d → %q", status, loc)
	}
	_, _, body = f.do(t, "GET", "/admin/banners", nil, mk)
	if !strings.Contains(body, "&lt;b&gt;Open&lt;/b&gt; on Sunday") || !strings.Contains(body, "Running now") {
		t.Errorf("the list does not show the running banner, escaped: %s", body)
	}
	good.Set("ends_at", "2026-01-06T10:00")
	if status, _, _ = f.do(t, "POST", loc, good, mk); status != http.StatusSeeOther {
		t.Fatalf("update: %d", status)
	}
	if _, _, body = f.do(t, "GET", loc, nil, mk); !strings.Contains(body, "Not running now") {
		t.Error("an ended banner's page says it runs")
	}
	if status, _, _ = f.do(t, "POST", loc+"/delete", url.Values{"confirm": {"yes"}}, mk); status != http.StatusSeeOther || count() != 0 {
		t.Fatalf("delete: %d, %d left", status, count())
	}

	// Support may not write banners.
	_, err = f.app.CreateStaffUser(ctx, f.owner, "sup@example.com", "Sue", staff.Support, password)
	must(t, err)
	sup := f.session(t, "sup@example.com")
	if status, _, _ := f.do(t, "POST", "/admin/banners", good, sup); status != http.StatusForbidden || count() != 0 {
		t.Fatalf("support writes a banner: %d", status)
	}
}
