package admin_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"b2x/app"
	"b2x/crm"
	"b2x/party"
	"b2x/staff"
	"b2x/web/page"
)

// upload posts a file to the tender's upload form.
func (f *fixture) upload(t *testing.T, tenderID, name string, data []byte, c *http.Cookie) (int, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	fw, err := w.CreateFormFile("file", name)
	must(t, err)
	_, err = fw.Write(data)
	must(t, err)
	must(t, w.Close())
	req, err := http.NewRequest("POST", f.srv.URL+"/admin/tenders/"+tenderID+"/files", &b)
	must(t, err)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.AddCookie(c)
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	must(t, err)
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

func TestStaffPage(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	ctx := context.Background()
	owner := f.session(t, "owner@example.com")
	status, _, body := f.do(t, "GET", "/admin/staff", nil, owner)
	if status != http.StatusOK || !strings.Contains(body, "manager@example.com") || !strings.Contains(body, `href="/admin/staff"`) {
		t.Fatalf("staff page: %d", status)
	}
	// A bad form is shown again with the field's error and adds nobody.
	status, _, body = f.do(t, "POST", "/admin/staff", url.Values{"email": {"eve@example.com"}, "role": {"support"}, "password": {"short"}}, owner)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `class="field-error"`) {
		t.Fatalf("short password: %d", status)
	}
	status, loc, _ := f.do(t, "POST", "/admin/staff", url.Values{"email": {"eve@example.com"}, "name": {"Eve <b>"},
		"role": {"support"}, "password": {password}}, owner)
	if status != http.StatusSeeOther || loc != "/admin/staff" {
		t.Fatalf("add: %d → %q", status, loc)
	}
	us, err := f.app.StaffUsers(ctx, f.owner)
	must(t, err)
	var eve staff.User
	for _, u := range us {
		if u.Email == "eve@example.com" {
			eve = u
		}
	}
	if eve.ID == "" || eve.Role != staff.Support {
		t.Fatalf("eve = %+v", eve)
	}
	eveSession := f.session(t, "eve@example.com")
	if status, _, _ := f.do(t, "GET", "/admin/", nil, eveSession); status != http.StatusOK {
		t.Fatalf("eve's dashboard: %d", status)
	}
	f.do(t, "POST", "/admin/staff/"+eve.ID, url.Values{"role": {"marketing"}}, owner)
	f.do(t, "POST", "/admin/staff/"+eve.ID, url.Values{"disabled": {"1"}}, owner)
	if status, loc, _ := f.do(t, "GET", "/admin/", nil, eveSession); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/sign-in") {
		t.Fatalf("a disabled user's session: %d → %q", status, loc)
	}
	status, _, _ = f.do(t, "POST", "/admin/sign-in", url.Values{"email": {"eve@example.com"}, "password": {password}})
	if status != http.StatusForbidden && status != http.StatusUnprocessableEntity {
		t.Fatalf("a disabled user signs in: %d", status)
	}
	_, _, body = f.do(t, "GET", "/admin/staff", nil, owner)
	if !strings.Contains(body, `id="user-`+eve.ID+`" data-role="marketing" data-disabled="true"`) || strings.Contains(body, "Eve <b>") {
		t.Fatal("the staff page does not show eve as disabled marketing, or shows markup unescaped")
	}
	// The last owner stays an owner.
	status, _, body = f.do(t, "POST", "/admin/staff/"+f.owner.UserID, url.Values{"role": {"support"}}, owner)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "last enabled owner") {
		t.Fatalf("demoting the last owner: %d", status)
	}
	// The audit log page shows the changes with old and new values, filtered.
	status, _, body = f.do(t, "GET", "/admin/audit?entity=user&entity_id="+eve.ID, nil, owner)
	if status != http.StatusOK || strings.Count(body, "staff.update") != 2 || !strings.Contains(body, "&#34;from&#34;:&#34;support&#34;") {
		t.Fatalf("audit page: %d\n%s", status, body)
	}
	if status, _, _ := f.do(t, "GET", "/admin/audit?from=yesterday", nil, owner); status != http.StatusUnprocessableEntity {
		t.Fatalf("a bad date filter: %d", status)
	}
	// A sales manager may not manage staff nor read the log.
	mgr := f.session(t, "manager@example.com")
	for _, p := range []string{"/admin/staff", "/admin/audit"} {
		if status, _, _ := f.do(t, "GET", p, nil, mgr); status != http.StatusForbidden {
			t.Errorf("manager GET %s: %d", p, status)
		}
	}
}

func TestAuditPages(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	for i := range 53 {
		_, err := f.app.CreateWinningPoint(context.Background(), f.manager, app.WinningPointInput{Title: fmt.Sprintf("Point %02d", i), Text: "t"})
		must(t, err)
	}
	owner := f.session(t, "owner@example.com")
	_, _, body := f.do(t, "GET", "/admin/audit?entity=winning_point&actor="+f.manager.UserID, nil, owner)
	if n := strings.Count(body, "winning_point.create"); n != 50 || !strings.Contains(body, `id="audit-next"`) {
		t.Fatalf("first page: %d entries", n)
	}
	i := strings.Index(body, `id="audit-next" href="`) + len(`id="audit-next" href="`)
	next := strings.ReplaceAll(body[i:i+strings.Index(body[i:], `"`)], "&amp;", "&")
	_, _, body = f.do(t, "GET", next, nil, owner)
	if n := strings.Count(body, "winning_point.create"); n != 3 || strings.Contains(body, `id="audit-next"`) {
		t.Fatalf("second page (%s): %d entries", next, n)
	}
}

func TestTenderForms(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	ctx := context.Background()
	mgr := f.session(t, "manager@example.com")
	status, _, body := f.do(t, "POST", "/admin/tenders", url.Values{"organization_id": {f.org.ID}, "title": {"Racks"},
		"published_at": {"2026-01-05"}, "deadline": {"soon"}}, mgr)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `class="field-error"`) {
		t.Fatalf("bad deadline: %d", status)
	}
	status, loc, _ := f.do(t, "POST", "/admin/tenders", url.Values{"organization_id": {f.org.ID}, "title": {"Racks"},
		"published_at": {"2026-01-05"}, "deadline": {"2099-02-01"}, "requirement": {"ISO 9001", "", "Delivery in May"}, "met": {"0"}}, mgr)
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/tenders/") {
		t.Fatalf("create: %d → %q", status, loc)
	}
	id := strings.TrimPrefix(loc, "/admin/tenders/")
	tn, err := f.app.Tender(ctx, f.owner, id)
	must(t, err)
	if len(tn.Requirements) != 2 || !tn.Requirements[0].Met || tn.Requirements[1].Met || tn.Owner != f.manager.UserID {
		t.Fatalf("tender = %+v", tn)
	}
	// The checklist is edited in place; a stale version is refused.
	status, _, _ = f.do(t, "POST", loc, url.Values{"version": {"1"}, "title": {"Racks"}, "published_at": {"2026-01-05"},
		"deadline": {"2099-02-01"}, "requirement": {"ISO 9001", "Delivery in May"}, "met": {"0", "1"}}, mgr)
	if status != http.StatusSeeOther {
		t.Fatalf("edit: %d", status)
	}
	status, _, _ = f.do(t, "POST", loc, url.Values{"version": {"1"}, "title": {"Stale"}, "published_at": {"2026-01-05"},
		"deadline": {"2099-02-01"}}, mgr)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("a stale edit: %d", status)
	}
	// No bid needs the reason.
	if status, _, _ := f.do(t, "POST", loc+"/decision", url.Values{"decision": {"no_bid"}}, mgr); status != http.StatusUnprocessableEntity {
		t.Fatalf("no bid without reason: %d", status)
	}
	if status, _, _ := f.do(t, "POST", loc+"/decision", url.Values{"decision": {"bid"}}, mgr); status != http.StatusSeeOther {
		t.Fatalf("bid: %d", status)
	}
	// Documents: the type comes from the bytes, the size is bounded.
	if status, body := f.upload(t, id, "invoice.pdf", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), mgr); status != http.StatusUnprocessableEntity || !strings.Contains(body, "field-error") {
		t.Fatalf("an executable named .pdf: %d", status)
	}
	if status, _ := f.upload(t, id, "big.txt", bytes.Repeat([]byte("a"), app.MaxTenderFile+1), mgr); status != http.StatusUnprocessableEntity {
		t.Fatalf("a file over the limit: %d", status)
	}
	if files, _ := f.app.TenderFiles(ctx, f.owner, id); len(files) != 0 {
		t.Fatalf("refused uploads stored %d files", len(files))
	}
	pdf := []byte("%PDF-1.4\n%%EOF\n")
	if status, _ := f.upload(t, id, "spec.pdf", pdf, mgr); status != http.StatusSeeOther {
		t.Fatalf("upload: %d", status)
	}
	files, err := f.app.TenderFiles(ctx, f.owner, id)
	must(t, err)
	req, _ := http.NewRequest("GET", f.srv.URL+loc+"/files/"+files[0].ID, nil)
	req.AddCookie(mgr)
	res, err := http.DefaultClient.Do(req)
	must(t, err)
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !bytes.Equal(got, pdf) || res.Header.Get("Content-Type") != "application/pdf" ||
		!strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("download: %q %q", res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
	}
	// Lost with the winner and their price.
	if status, _, body := f.do(t, "POST", loc+"/outcome", url.Values{"outcome": {"cancelled"}}, mgr); status != http.StatusSeeOther {
		t.Fatalf("cancel: %d %s", status, body)
	}
	tn, err = f.app.Tender(ctx, f.owner, id)
	must(t, err)
	if tn.Status != crm.TenderCancelled || !tn.Requirements[1].Met {
		t.Fatalf("after the forms: %s %+v", tn.Status, tn.Requirements)
	}
}

func TestNewsAndWinningPointPages(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	_, err := f.app.CreateStaffUser(context.Background(), f.owner, "mk@example.com", "Mark", staff.Marketing, password)
	must(t, err)
	mk := f.session(t, "mk@example.com")
	status, loc, _ := f.do(t, "POST", "/admin/news", url.Values{"slug": {"spring"}, "lang": {"fa"}, "title": {"بهار"}, "body": {"**تخفیف**"}}, mk)
	if status != http.StatusSeeOther || loc != "/admin/news/spring" {
		t.Fatalf("create news: %d → %q", status, loc)
	}
	_, _, body := f.do(t, "GET", "/admin/news", nil, mk)
	if !strings.Contains(body, "بهار") || !strings.Contains(body, "Draft") {
		t.Fatal("the news list does not show the draft")
	}
	status, _, _ = f.do(t, "POST", "/admin/news/spring", url.Values{"lang": {"fa"}, "title": {"بهار"}, "body": {"x"}, "published_at": {"tomorrow"}}, mk)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("bad publish time: %d", status)
	}
	f.do(t, "POST", "/admin/news/spring", url.Values{"lang": {"fa"}, "title": {"بهار"}, "body": {"**تخفیف**"}, "published_at": {"2026-01-05T10:00"}}, mk)
	_, _, body = f.do(t, "GET", "/admin/news/spring", nil, mk)
	if !strings.Contains(body, "<strong>تخفیف</strong>") || strings.Contains(body, `id="news-state">Draft`) {
		t.Fatal("the published post's page")
	}
	// Winning points: the list, a point's page with where it was used.
	status, loc, _ = f.do(t, "POST", "/admin/winning-points", url.Values{"title": {"Fast"}, "text": {"Next-day delivery"}, "tags": {"service, terms"}}, mk)
	if status != http.StatusSeeOther {
		t.Fatalf("create point: %d", status)
	}
	_, _, body = f.do(t, "GET", "/admin/winning-points?tag=terms", nil, mk)
	if !strings.Contains(body, "Fast") {
		t.Fatal("the tag filter lost the point")
	}
	_, _, body = f.do(t, "GET", loc, nil, mk)
	if !strings.Contains(body, `id="uses"`) || !strings.Contains(body, "Not used") {
		t.Fatal("the point's page does not say where it was used")
	}
	// Support may not write news.
	_, err = f.app.CreateStaffUser(context.Background(), f.owner, "sup@example.com", "Sue", staff.Support, password)
	must(t, err)
	sup := f.session(t, "sup@example.com")
	if status, _, _ := f.do(t, "POST", "/admin/news", url.Values{"slug": {"x"}, "lang": {"en"}, "title": {"X"}}, sup); status != http.StatusForbidden {
		t.Fatalf("support writes news: %d", status)
	}
}

// An account manager opening another manager's customer gets a 404 page with
// none of its data.
func TestAccountManagerPages(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	ctx := context.Background()
	am, err := f.app.CreateStaffUser(ctx, f.owner, "am@example.com", "Ann", staff.AccountManager, password)
	must(t, err)
	mine, err := f.app.CreateOrganization(ctx, f.owner, party.Organization{LegalName: "Mine AG"})
	must(t, err)
	_, err = f.app.ReassignAccount(ctx, f.owner, mine.ID, am.ID)
	must(t, err)
	d := f.deal(t, "Secret deal")
	c := f.session(t, "am@example.com")
	for _, p := range []string{"/admin/customers/" + f.org.ID, "/admin/deals/" + d.ID} {
		status, _, body := f.do(t, "GET", p, nil, c)
		if status != http.StatusNotFound || strings.Contains(body, "Depot GmbH") || strings.Contains(body, "Secret deal") {
			t.Errorf("%s: %d", p, status)
		}
	}
	if status, _, _ := f.do(t, "GET", "/admin/customers/"+mine.ID, nil, c); status != http.StatusOK {
		t.Fatalf("own customer: %d", status)
	}
	_, _, body := f.do(t, "GET", "/admin/deals", nil, c)
	if strings.Contains(body, "Secret deal") {
		t.Fatal("the deal list shows another account's deal")
	}
	status, _, _ := f.do(t, "POST", "/admin/deals/"+d.ID+"/move", url.Values{"to": {"qualified"}}, c)
	after, err := f.app.Opportunity(ctx, f.owner, d.ID)
	must(t, err)
	if status != http.StatusNotFound || after.Stage != d.Stage {
		t.Fatalf("moving another account's deal: %d, stage %s", status, after.Stage)
	}
	_ = page.SessionCookie
}
