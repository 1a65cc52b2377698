package admin_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/crm"
	"b2x/money"
	"b2x/party"
	"b2x/staff"
	"b2x/store"
	"b2x/web"
	"b2x/web/page"
)

// fixture is an empty b2x with an owner, a sales manager and a warehouse user,
// one organization and one tender.
type fixture struct {
	srv     *httptest.Server
	app     *app.App
	db      *store.DB
	owner   app.Actor
	manager app.Actor
	org     party.Organization
	tender  app.TenderView
}

const password = "correct horse battery"

func newFixture(t *testing.T, orgName string) *fixture {
	t.Helper()
	return newFixtureWith(t, orgName, nil)
}

// newFixtureWith is newFixture with the App's options made from its database.
func newFixtureWith(t *testing.T, orgName string, opts func(*store.DB) []app.Option) *fixture {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "admin.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return newFixtureOn(t, db, orgName, opts)
}

// newFixtureOn is newFixtureWith on a migrated database of any engine.
func newFixtureOn(t *testing.T, db *store.DB, orgName string, opts func(*store.DB) []app.Option) *fixture {
	t.Helper()
	ctx := context.Background()
	var o []app.Option
	if opts != nil {
		o = opts(db)
	}
	f := &fixture{app: app.New(db, o...), db: db}
	for _, u := range []struct {
		email string
		role  staff.Role
		to    *app.Actor
	}{{"owner@example.com", staff.Owner, &f.owner}, {"manager@example.com", staff.SalesManager, &f.manager},
		{"warehouse@example.com", staff.Warehouse, nil}} {
		su, err := f.app.AddUser(ctx, u.email, "User "+string(u.role), u.role, password)
		must(t, err)
		if u.to != nil {
			*u.to = app.Actor{UserID: su.ID, Role: string(su.Role)}
		}
	}
	var err error
	f.org, err = f.app.CreateOrganization(ctx, f.owner, party.Organization{LegalName: orgName})
	must(t, err)
	f.tender, err = f.app.CreateTender(ctx, f.owner, app.NewTender{OrganizationID: f.org.ID, Title: "Shelving for 12 stores",
		PublishedAt: time.Now().Add(-24 * time.Hour), Deadline: time.Now().Add(20 * 24 * time.Hour),
		Requirements: []crm.Requirement{{Text: "ISO 9001"}}})
	must(t, err)
	f.srv = httptest.NewServer(web.Handler(f.app, slog.New(slog.DiscardHandler)))
	t.Cleanup(f.srv.Close)
	return f
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// session signs a staff user in through the use case and returns the cookie.
func (f *fixture) session(t *testing.T, email string) *http.Cookie {
	t.Helper()
	in, err := f.app.StaffSignIn(context.Background(), app.Credentials{Email: email, Password: password})
	must(t, err)
	return &http.Cookie{Name: page.SessionCookie, Value: in.Token}
}

// do sends a request without following redirects and returns the status, the
// Location and the body.
func (f *fixture) do(t *testing.T, method, path string, form url.Values, cookies ...*http.Cookie) (int, string, string) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, f.srv.URL+path, body)
	must(t, err)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	must(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	must(t, err)
	return res.StatusCode, res.Header.Get("Location"), string(b)
}

func (f *fixture) deal(t *testing.T, title string) app.OpportunityView {
	t.Helper()
	d, err := f.app.CreateOpportunity(context.Background(), f.owner, app.NewOpportunity{OrganizationID: f.org.ID,
		Title: title, Amount: money.MustNew(500000, "EUR"), ExpectedClose: time.Now().Add(30 * 24 * time.Hour),
		Source: crm.SourceWeb})
	must(t, err)
	return d
}

func TestUnauthenticatedIsSentToSignIn(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	d := f.deal(t, "Racks")
	for _, p := range []string{"/admin/", "/admin/pipeline", "/admin/deals/" + d.ID, "/admin/tenders", "/admin/nowhere"} {
		status, loc, _ := f.do(t, "GET", p, nil)
		if status != http.StatusSeeOther || loc != "/admin/sign-in?next="+url.QueryEscape(p) {
			t.Errorf("GET %s: %d → %q, want 303 to sign-in", p, status, loc)
		}
	}
	status, loc, _ := f.do(t, "POST", "/admin/deals/"+d.ID+"/move", url.Values{"to": {"proposal"}})
	if status != http.StatusSeeOther || loc != "/admin/sign-in" {
		t.Errorf("POST move: %d → %q", status, loc)
	}
	after, err := f.app.Opportunity(context.Background(), f.owner, d.ID)
	must(t, err)
	if after.Stage != d.Stage {
		t.Fatalf("an unauthenticated move changed the stage to %s", after.Stage)
	}
	if status, loc, _ := f.do(t, "GET", "/admin", nil); status != http.StatusMovedPermanently || loc != "/admin/" {
		t.Errorf("/admin: %d → %q", status, loc)
	}
}

func TestSignInAndOut(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	status, _, body := f.do(t, "POST", "/admin/sign-in", url.Values{"email": {"manager@example.com"}, "password": {"wrong password!"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `role="alert"`) {
		t.Fatalf("wrong password: %d", status)
	}
	req, _ := http.NewRequest("POST", f.srv.URL+"/admin/sign-in", strings.NewReader(url.Values{"email": {"MANAGER@example.com"},
		"password": {password}, "next": {"/admin/pipeline"}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
	must(t, err)
	res.Body.Close()
	var cookie *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == page.SessionCookie {
			cookie = c
		}
	}
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/admin/pipeline" || cookie == nil || !cookie.HttpOnly {
		t.Fatalf("sign-in: %d → %q, cookie %v", res.StatusCode, res.Header.Get("Location"), cookie)
	}
	if status, _, body := f.do(t, "GET", "/admin/", nil, cookie); status != http.StatusOK || !strings.Contains(body, `href="/admin/pipeline"`) {
		t.Fatalf("dashboard after sign-in: %d", status)
	}
	// An open redirect is refused: next outside the back office goes to the dashboard.
	status, loc, _ := f.do(t, "POST", "/admin/sign-in", url.Values{"email": {"owner@example.com"}, "password": {password}, "next": {"//evil.example/"}})
	if status != http.StatusSeeOther || loc != "/admin/" {
		t.Fatalf("next=//evil: %d → %q", status, loc)
	}
	if status, _, _ := f.do(t, "POST", "/admin/sign-out", url.Values{}, cookie); status != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", status)
	}
	if status, _, _ := f.do(t, "GET", "/admin/", nil, cookie); status != http.StatusSeeOther {
		t.Fatalf("the signed-out session still opens the dashboard: %d", status)
	}
}

func TestWarehouseMayNotChangeThePipeline(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	d := f.deal(t, "Racks")
	wh := f.session(t, "warehouse@example.com")
	status, _, body := f.do(t, "POST", "/admin/deals/"+d.ID+"/move", url.Values{"to": {"proposal"}, "back": {"/admin/pipeline"}}, wh)
	if status != http.StatusForbidden || !strings.Contains(body, "You do not have access") {
		t.Fatalf("warehouse move: %d", status)
	}
	status, _, _ = f.do(t, "POST", "/admin/deals/"+d.ID+"/activities", url.Values{"kind": {"note"}, "subject": {"x"}}, wh)
	if status != http.StatusForbidden {
		t.Fatalf("warehouse logs an activity: %d", status)
	}
	status, _, _ = f.do(t, "POST", "/admin/tenders/"+f.tender.ID+"/deal", url.Values{"amount": {"100"}}, wh)
	if status != http.StatusForbidden {
		t.Fatalf("warehouse makes a deal of a tender: %d", status)
	}
	after, err := f.app.Opportunity(context.Background(), f.owner, d.ID)
	must(t, err)
	if after.Stage != d.Stage || after.Version != d.Version {
		t.Fatalf("a refused move changed the deal: %s v%d", after.Stage, after.Version)
	}
	acts, err := f.app.Activities(context.Background(), f.owner, app.ActivityQuery{OpportunityID: d.ID, Limit: 10})
	must(t, err)
	tender, err := f.app.Tender(context.Background(), f.owner, f.tender.ID)
	must(t, err)
	if len(acts) != 0 || tender.OpportunityID != "" {
		t.Fatalf("refused posts wrote: %d activities, tender deal %q", len(acts), tender.OpportunityID)
	}
	if status, _, _ := f.do(t, "GET", "/admin/pipeline", nil, wh); status != http.StatusForbidden {
		t.Fatalf("warehouse reads the pipeline: %d", status)
	}
	status, _, body = f.do(t, "GET", "/admin/", nil, wh)
	if status != http.StatusOK || strings.Contains(body, `href="/admin/pipeline"`) || !strings.Contains(body, `id="orders-today"`) {
		t.Fatalf("warehouse dashboard: %d, pipeline link or orders missing", status)
	}
}

func TestMarkupInNamesIsEscaped(t *testing.T) {
	const evil = `<script>alert("x")</script>`
	f := newFixture(t, "Depot "+evil)
	d := f.deal(t, "Racks "+evil)
	_, err := f.app.CreateContact(context.Background(), f.owner, party.Contact{OrganizationID: f.org.ID, Name: "Eve " + evil,
		Role: party.DecisionMaker, Influence: 4})
	must(t, err)
	mgr := f.session(t, "manager@example.com")
	for _, p := range []string{"/admin/customers/" + f.org.ID, "/admin/deals/" + d.ID, "/admin/pipeline", "/admin/deals"} {
		status, _, body := f.do(t, "GET", p, nil, mgr)
		if status != http.StatusOK {
			t.Fatalf("%s: %d", p, status)
		}
		if strings.Contains(body, evil) || !strings.Contains(body, "&lt;script&gt;") {
			t.Errorf("%s: markup not escaped", p)
		}
	}
	_, _, body := f.do(t, "GET", "/admin/customers/"+f.org.ID, nil, mgr)
	if !strings.Contains(body, `id="missing-roles"`) || !strings.Contains(body, "Financial approver") {
		t.Error("the buying-center map does not say who is missing")
	}
}

func TestLanguageSwitchAndPersian(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	mgr := f.session(t, "manager@example.com")
	status, loc, _ := f.do(t, "POST", "/admin/language", url.Values{"lang": {"fa"}, "back": {"/admin/tenders"}}, mgr)
	if status != http.StatusSeeOther || loc != "/admin/tenders" {
		t.Fatalf("switch: %d → %q", status, loc)
	}
	_, _, body := f.do(t, "GET", "/admin/tenders", nil, mgr, &http.Cookie{Name: page.LangCookie, Value: "fa"})
	if !strings.Contains(body, `dir="rtl"`) || !strings.Contains(body, "\u0645\u0646\u0627\u0642\u0635\u0647\u200c\u0647\u0627") {
		t.Fatal("the Persian back office is not right to left in Persian")
	}
}
