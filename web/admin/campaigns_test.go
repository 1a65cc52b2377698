package admin_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/campaign"
	"b2x/jobs"
	"b2x/mail"
	"b2x/mail/mailtest"
	"b2x/staff"
	"b2x/store"
	"b2x/web/admin"
	"b2x/web/page"
)

// campaignFixture is the admin fixture with campaigns sent through a real
// SMTP server run in the test, a user per role, the newsletter list and three
// people opted in to it. Jobs do not run until startJobs, so a sent campaign
// stays "sending" for the pause and resume cases.
type campaignFixture struct {
	*fixture
	smtp *mailtest.Server
}

var acme = campaign.Sender{Organization: "Acme Bricks", Representative: "Anna Petrova", Address: "12 Brick Street, London EC1A 1BB",
	Phones: []string{"+44 20 7946 0958"}, Emails: []string{"anna@acme-bricks.example"}}

func newCampaignFixture(t *testing.T) *campaignFixture {
	t.Helper()
	srv := mailtest.Start(t)
	sender, err := mail.NewSMTP(srv.URL())
	must(t, err)
	f := &campaignFixture{smtp: srv}
	f.fixture = newFixtureWith(t, "Depot GmbH", func(db *store.DB) []app.Option {
		q := jobs.New(db, jobs.Config{Poll: 50 * time.Millisecond, Cooldown: 10 * time.Millisecond,
			Backoff: func(int) time.Duration { return 100 * time.Millisecond }, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		return []app.Option{app.WithJobs(q),
			app.WithCampaigns(app.CampaignConfig{Secret: []byte("test secret"), Internal: []string{"@b2x.test"}, Lint: campaign.Config{Sender: acme}}),
			app.WithMail(sender, app.MailConfig{From: mail.Address{Name: "Acme Bricks", Email: "news@acme-bricks.example"}, BaseURL: "https://acme-bricks.example/"})}
	})
	f.ops(t)
	ctx := context.Background()
	_, err = f.app.CreateMailingList(ctx, f.owner, app.MailingListInput{Slug: "newsletter", Name: "Newsletter"})
	must(t, err)
	for _, e := range []string{"a@client.example", "b@client.example", "c@client.example"} {
		must(t, f.app.GiveConsent(ctx, f.owner, app.ConsentInput{List: "newsletter", Email: e, Source: "import"}))
	}
	return f
}

func (f *campaignFixture) startJobs(t *testing.T) {
	t.Helper()
	must(t, f.app.Jobs().Start(context.Background()))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		f.app.Jobs().Stop(ctx)
	})
}

// goodLetter is the quality check's good English letter as the editor's form.
func goodLetter(t *testing.T) url.Values {
	t.Helper()
	src, err := os.ReadFile("../../campaign/testdata/good_en.md")
	must(t, err)
	d, err := campaign.ParseMarkdown(src)
	must(t, err)
	return url.Values{"name": {"Spring prices"}, "list": {"newsletter"}, "subject": {d.Subject}, "preheader": {d.Preheader},
		"body": {d.Text}, "lang": {"en"}}
}

// draft saves the good letter through the use case.
func (f *campaignFixture) draft(t *testing.T) app.CampaignView {
	t.Helper()
	form := goodLetter(t)
	v, err := f.app.CreateCampaign(context.Background(), f.owner, app.CampaignInput{Name: form.Get("name") + fmt.Sprint(f.n()),
		List: "newsletter", Subject: form.Get("subject"), Preheader: form.Get("preheader"), Body: form.Get("body"), Lang: "en"})
	must(t, err)
	if v.LintErrors != 0 {
		t.Fatalf("the good letter has errors: %+v", v.Findings)
	}
	return v
}

// tested is a draft with a test send to the owner.
func (f *campaignFixture) tested(t *testing.T) app.CampaignView {
	t.Helper()
	v := f.draft(t)
	_, err := f.app.TestSendCampaign(context.Background(), f.owner, v.ID, app.TestSendInput{To: []string{"owner@example.com"}})
	must(t, err)
	return v
}

func (f *campaignFixture) sending(t *testing.T) app.CampaignView {
	t.Helper()
	v := f.tested(t)
	_, err := f.app.SendCampaign(context.Background(), f.owner, v.ID)
	must(t, err)
	return v
}

var campaignTables = []string{"campaigns", "campaign_test_sends", "campaign_deliveries", "audit_log",
	"mailing_lists", "list_consents", "segments", "suppressions"}

func (f *campaignFixture) counts(t *testing.T) map[string]int {
	t.Helper()
	out := audienceCounts(t, f.fixture)
	out["smtp"] = f.smtp.Count()
	return out
}

// audienceCounts counts the campaign and audience tables' rows and the
// consents in force (a withdrawal changes no row count).
func audienceCounts(t *testing.T, f *fixture) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range campaignTables {
		n, err := f.db.CountRows(context.Background(), table)
		must(t, err)
		out[table] = n
	}
	ls, err := f.app.MailingListCounts(context.Background(), f.owner)
	must(t, err)
	for _, l := range ls {
		out["in_force"] += l.OptedIn
	}
	return out
}

// listID is the id of a list of the fixture.
func listID(t *testing.T, f *fixture, slug string) string {
	t.Helper()
	ls, err := f.app.MailingLists(context.Background(), f.owner)
	must(t, err)
	for _, l := range ls {
		if l.Slug == slug {
			return l.ID
		}
	}
	t.Fatalf("no list %s", slug)
	return ""
}

// fresh is an address no case has used.
func (f *campaignFixture) fresh() string { return fmt.Sprintf("p%d@client.example", f.n()) }

type campaignCase func(f *campaignFixture, t *testing.T) (path string, form url.Values)

// segment stores a segment through the use case.
func (f *campaignFixture) segment(t *testing.T) store.Segment {
	t.Helper()
	sg, err := f.app.CreateSegment(context.Background(), f.owner, app.SegmentInput{Name: fmt.Sprint("Card holders ", f.n()),
		Filter: campaign.Segment{Audience: campaign.AudienceConsumers, CardHolders: true}})
	must(t, err)
	return sg
}

var campaignCases = map[string]campaignCase{
	"GET /admin/campaigns":    func(*campaignFixture, *testing.T) (string, url.Values) { return "/admin/campaigns", nil },
	"GET /admin/new-campaign": func(*campaignFixture, *testing.T) (string, url.Values) { return "/admin/new-campaign", nil },
	"POST /admin/campaigns": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/campaigns", goodLetter(t)
	},
	"GET /admin/campaigns/{id}": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/campaigns/" + f.tested(t).ID, nil
	},
	"POST /admin/campaigns/{id}": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		v := f.draft(t)
		form := goodLetter(t)
		form.Set("version", fmt.Sprint(v.Version))
		return "/admin/campaigns/" + v.ID, form
	},
	"POST /admin/campaigns/{id}/test-sends": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/campaigns/" + f.draft(t).ID + "/test-sends", url.Values{"to": {"owner@example.com, team@b2x.test"}}
	},
	"POST /admin/campaigns/{id}/send": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/campaigns/" + f.tested(t).ID + "/send", url.Values{"confirm": {"yes"}}
	},
	"POST /admin/campaigns/{id}/pause": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/campaigns/" + f.sending(t).ID + "/pause", url.Values{}
	},
	"POST /admin/campaigns/{id}/resume": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		v := f.sending(t)
		_, err := f.app.PauseCampaign(context.Background(), f.owner, v.ID)
		must(t, err)
		return "/admin/campaigns/" + v.ID + "/resume", url.Values{}
	},
	"GET /admin/suppressions": func(f *campaignFixture, t *testing.T) (string, url.Values) { return "/admin/suppressions", nil },
	"POST /admin/suppressions": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/suppressions", url.Values{"email": {f.fresh()}, "reason": {"manual"}, "detail": {"asked by phone"}}
	},
	"GET /admin/suppressions/remove": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		e := f.fresh()
		must(t, f.app.Suppress(context.Background(), f.owner, app.SuppressInput{Email: e, Reason: "complaint"}))
		return "/admin/suppressions/remove?email=" + url.QueryEscape(e), nil
	},
	"POST /admin/suppressions/remove": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		e := f.fresh()
		must(t, f.app.Suppress(context.Background(), f.owner, app.SuppressInput{Email: e, Reason: "manual"}))
		return "/admin/suppressions/remove", url.Values{"email": {e}, "confirm": {"yes"}}
	},
	"GET /admin/address": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/address?email=a%40client.example", nil
	},
	"GET /admin/mailing-lists": func(f *campaignFixture, t *testing.T) (string, url.Values) { return "/admin/mailing-lists", nil },
	"POST /admin/mailing-lists": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/mailing-lists", url.Values{"slug": {fmt.Sprintf("list-%d", f.n())}, "name": {"Offers"}}
	},
	"GET /admin/mailing-lists/{id}": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/mailing-lists/" + listID(t, f.fixture, "newsletter"), nil
	},
	"POST /admin/mailing-lists/{id}/consents": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/mailing-lists/" + listID(t, f.fixture, "newsletter") + "/consents", url.Values{"email": {f.fresh()}, "source": {"admin"}}
	},
	"POST /admin/mailing-lists/{id}/import": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/mailing-lists/" + listID(t, f.fixture, "newsletter") + "/import",
			url.Values{"emails": {f.fresh() + "\n" + f.fresh()}, "source": {"import"}}
	},
	"POST /admin/mailing-lists/{id}/withdraw": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		e := f.fresh()
		must(t, f.app.GiveConsent(context.Background(), f.owner, app.ConsentInput{List: "newsletter", Email: e, Source: "form"}))
		return "/admin/mailing-lists/" + listID(t, f.fixture, "newsletter") + "/withdraw", url.Values{"email": {e}}
	},
	"GET /admin/segments": func(f *campaignFixture, t *testing.T) (string, url.Values) { return "/admin/segments", nil },
	"GET /admin/new-segment": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/new-segment?preview=1&audience=b2c&card_holders=yes", nil
	},
	"POST /admin/segments": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/segments", url.Values{"name": {"Decision makers"}, "audience": {"b2b"}, "roles": {"decision_maker"}, "min_employees": {"10"}}
	},
	"GET /admin/segments/{id}": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/segments/" + f.segment(t).ID, nil
	},
	"POST /admin/segments/{id}": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/segments/" + f.segment(t).ID, url.Values{"name": {"Gold customers"}, "audience": {"b2c"}, "loyalty_tiers": {"gold"}}
	},
	"GET /admin/campaigns/{id}/report": func(f *campaignFixture, t *testing.T) (string, url.Values) {
		return "/admin/campaigns/" + f.sending(t).ID + "/report?state=queued", nil
	},
}

// Every role against every campaign route of the table: an allowed call
// works (and a change is audited), any other gets 403 and changes nothing —
// no row, no message to the SMTP server.
func TestCampaignRoutesPermissions(t *testing.T) {
	f := newCampaignFixture(t)
	cookies := map[staff.Role]*http.Cookie{}
	for _, r := range staff.Roles {
		cookies[r] = f.session(t, emailOf[r])
	}
	for _, rt := range admin.CampaignRoutes() {
		key := rt.Method + " " + rt.Pattern
		c, ok := campaignCases[key]
		if !ok {
			t.Errorf("%s has no case in campaignCases", key)
			continue
		}
		for _, role := range staff.Roles {
			path, form := c(f, t)
			before := f.counts(t)
			status, _, body := f.do(t, rt.Method, path, form, cookies[role])
			after := f.counts(t)
			if !staff.Can(role, staff.Permission(rt.Perm)) {
				if status != http.StatusForbidden {
					t.Errorf("%s as %s: %d, want 403", key, role, status)
				}
				if fmt.Sprint(after) != fmt.Sprint(before) {
					t.Errorf("%s as %s (refused) changed %v → %v", key, role, before, after)
				}
				continue
			}
			if status != http.StatusOK && status != http.StatusSeeOther {
				t.Errorf("%s as %s: %d, want it to work: %.300s", key, role, status, body)
				continue
			}
			if rt.Method == "POST" && after["audit_log"] != before["audit_log"]+1 {
				t.Errorf("%s as %s: %d audit rows written, want 1", key, role, after["audit_log"]-before["audit_log"])
			}
		}
	}
}

// The layout links the campaigns only for roles that may edit them.
func TestCampaignsNavLink(t *testing.T) {
	f := newCampaignFixture(t)
	for _, role := range staff.Roles {
		_, _, body := f.do(t, "GET", "/admin/", nil, f.session(t, emailOf[role]))
		if got, want := strings.Contains(body, `href="/admin/campaigns"`), staff.Can(role, staff.CampaignsEdit); got != want {
			t.Errorf("%s: campaigns link shown %v, want %v", role, got, want)
		}
	}
}

var reviewRe = regexp.MustCompile(`/letters/r/([^?\s"]+)`)

func TestCampaignFromDraftToReport(t *testing.T) {
	f := newCampaignFixture(t)
	mk := f.session(t, "marketing@example.com")
	// A letter with stock phrases, shouting and no footer: saved, with its
	// findings shown beside the form and the send blocked.
	bad := url.Values{"name": {"Shouting"}, "list": {"newsletter"}, "subject": {"SPECIAL OFFER JUST FOR YOU!!!"},
		"body": {"Don't miss the chance! Special offer just for you."}, "lang": {"en"}}
	status, loc, body := f.do(t, "POST", "/admin/campaigns", bad, mk)
	if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/admin/campaigns/") {
		t.Fatalf("create: %d → %q %.300s", status, loc, body)
	}
	_, _, body = f.do(t, "GET", loc, nil, mk)
	if !strings.Contains(body, `id="lint-blocks"`) || !strings.Contains(body, `class="finding finding-error"`) || !strings.Contains(body, "S13") {
		t.Fatalf("the findings are not shown with the errors blocking: %.2000s", body)
	}
	if !strings.Contains(body, `id="audience"><b class="count">3</b>`) {
		t.Error("the audience count is not 3")
	}
	if !strings.Contains(body, `sandbox="" srcdoc="`) {
		t.Error("no sandboxed preview")
	}
	id := strings.TrimPrefix(loc[:strings.Index(loc, "?")], "/admin/campaigns/")
	// The send is refused while errors stand, with the reason shown.
	status, _, body = f.do(t, "POST", "/admin/campaigns/"+id+"/send", url.Values{"confirm": {"yes"}}, mk)
	if status != http.StatusConflict || !regexp.MustCompile(`id="refusal">\d+ errors? blocks? the send`).MatchString(body) {
		t.Fatalf("send with errors: %d %.500s", status, body)
	}
	// A field error sits next to its field and writes nothing; a stale version is refused.
	before := f.counts(t)
	form := goodLetter(t)
	form.Set("subject", "")
	form.Set("version", "1")
	status, _, body = f.do(t, "POST", "/admin/campaigns/"+id, form, mk)
	if i := strings.Index(body, `name="subject"`); status != http.StatusUnprocessableEntity || i < 0 || !strings.Contains(body[i:i+300], "field-error") {
		t.Fatalf("empty subject: %d", status)
	}
	form = goodLetter(t)
	form.Set("version", "7")
	status, _, body = f.do(t, "POST", "/admin/campaigns/"+id, form, mk)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "reload it") {
		t.Fatalf("stale version: %d", status)
	}
	if after := f.counts(t); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("refused saves wrote: %v → %v", before, after)
	}
	// Fixed: no errors; the send is still refused before a test send.
	form.Set("version", "1")
	if status, _, body = f.do(t, "POST", "/admin/campaigns/"+id, form, mk); status != http.StatusSeeOther {
		t.Fatalf("save the good letter: %d %.500s", status, body)
	}
	_, _, body = f.do(t, "GET", "/admin/campaigns/"+id, nil, mk)
	if !strings.Contains(body, `id="lint-ok"`) {
		t.Fatal("the good letter still shows errors")
	}
	status, _, body = f.do(t, "POST", "/admin/campaigns/"+id+"/send", url.Values{}, mk)
	if status != http.StatusConflict || !strings.Contains(body, "Tick the box") {
		t.Fatalf("send without confirmation: %d", status)
	}
	status, _, body = f.do(t, "POST", "/admin/campaigns/"+id+"/send", url.Values{"confirm": {"yes"}}, mk)
	if status != http.StatusConflict || !strings.Contains(body, `id="refusal">No test send yet`) || f.smtp.Count() != 0 {
		t.Fatalf("send before a test send: %d %.500s", status, body)
	}
	_, _, ru := f.do(t, "POST", "/admin/campaigns/"+id+"/send", url.Values{"confirm": {"yes"}}, mk, &http.Cookie{Name: page.LangCookie, Value: "ru"})
	if !strings.Contains(ru, `id="refusal">Тестовых отправок ещё не было`) {
		t.Error("the refusal is not said in Russian")
	}
	// The test-send form starts with the signed-in user's address; an outside
	// address is refused next to the field.
	if !strings.Contains(body, `<textarea name="to" rows="3" required>marketing@example.com</textarea>`) {
		t.Error("the test-send form does not default to the signed-in user")
	}
	status, _, body = f.do(t, "POST", "/admin/campaigns/"+id+"/test-sends", url.Values{"to": {"stranger@elsewhere.example"}}, mk)
	if i := strings.Index(body, `name="to"`); status != http.StatusUnprocessableEntity || i < 0 || !strings.Contains(body[i:i+300], "field-error") || f.smtp.Count() != 0 {
		t.Fatalf("test send outside: %d", status)
	}
	status, _, _ = f.do(t, "POST", "/admin/campaigns/"+id+"/test-sends", url.Values{"to": {"marketing@example.com"}}, mk)
	if status != http.StatusSeeOther {
		t.Fatalf("test send: %d", status)
	}
	got := f.smtp.Wait(t, 1)
	m := reviewRe.FindStringSubmatch(got[0].Text)
	if m == nil {
		t.Fatalf("no answer link in the test copy: %s", got[0].Text)
	}
	_, err := f.app.AnswerTestSend(context.Background(), m[1], "not_clear", "Which prices <b>exactly</b>?")
	must(t, err)
	_, _, body = f.do(t, "GET", "/admin/campaigns/"+id, nil, mk)
	if !strings.Contains(body, `<tr data-answer="not_clear"><td>marketing@example.com</td><td>User marketing</td>`) || !strings.Contains(body, "Which prices &lt;b&gt;exactly&lt;/b&gt;?") {
		t.Fatal("the answer is not listed, escaped")
	}
	// Sent through the real SMTP server to the three opted-in people.
	f.startJobs(t)
	status, loc, _ = f.do(t, "POST", "/admin/campaigns/"+id+"/send", url.Values{"confirm": {"yes"}}, mk)
	if status != http.StatusSeeOther || loc != "/admin/campaigns/"+id+"?done=sent" {
		t.Fatalf("send: %d → %q", status, loc)
	}
	f.smtp.Wait(t, 4)
	deadline := time.Now().Add(20 * time.Second)
	for {
		r, err := f.app.CampaignReport(context.Background(), f.owner, id)
		must(t, err)
		if r.Campaign.Status == store.CampaignFinished {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not finished: %+v", r)
		}
		time.Sleep(30 * time.Millisecond)
	}
	_, _, body = f.do(t, "GET", "/admin/campaigns/"+id+"/report", nil, mk)
	for _, want := range []string{`data-figure="recipients">3<`, `data-figure="sent">3<`, `data-figure="failed">0<`, "b@client.example"} {
		if !strings.Contains(body, want) {
			t.Errorf("the report lacks %s", want)
		}
	}
	_, _, body = f.do(t, "GET", "/admin/campaigns/"+id+"/report?state=failed", nil, mk)
	if strings.Contains(body, "b@client.example") {
		t.Error("the state filter does not filter")
	}
	_, _, body = f.do(t, "GET", "/admin/campaigns", nil, mk)
	if !strings.Contains(body, `<td class="sent">3 / 3</td>`) {
		t.Error("the list does not show sent / recipients")
	}
}

// A name and subject with markup are shown as text everywhere, the preview
// included (its srcdoc is the letter's escaped HTML, escaped once more).
func TestCampaignMarkupIsEscaped(t *testing.T) {
	f := newCampaignFixture(t)
	mk := f.session(t, "marketing@example.com")
	form := goodLetter(t)
	form.Set("name", `<script>alert("n")</script>`)
	form.Set("subject", `<script>alert("s")</script> bricks`)
	status, loc, body := f.do(t, "POST", "/admin/campaigns", form, mk)
	if status != http.StatusSeeOther {
		t.Fatalf("create: %d %.300s", status, body)
	}
	for _, path := range []string{loc, "/admin/campaigns"} {
		_, _, body = f.do(t, "GET", path, nil, mk)
		if strings.Contains(body, `<script>alert`) || !strings.Contains(body, `&lt;script&gt;alert(&#34;n&#34;)&lt;/script&gt;`) {
			t.Fatalf("%s: markup not escaped", path)
		}
	}
	_, _, body = f.do(t, "GET", loc, nil, mk)
	i := strings.Index(body, `srcdoc="`)
	if i < 0 || strings.Contains(body[i:strings.Index(body[i+8:], `"`)+i+8], "<") {
		t.Fatal("the preview's srcdoc holds a raw <")
	}
}

// Every campaign page, in each language, with every status and answer shown,
// has all its words in the catalogs and is laid out right to left in Persian.
func TestCampaignPagesInEveryLanguage(t *testing.T) {
	f := newCampaignFixture(t)
	ctx := context.Background()
	draft := f.draft(t)
	bad, err := f.app.CreateCampaign(ctx, f.owner, app.CampaignInput{Name: "Shouting", List: "newsletter",
		Subject: "SPECIAL OFFER!!!", Body: "Don't miss the chance!", Lang: "fa"})
	must(t, err)
	sending := f.sending(t)
	paused := f.sending(t)
	_, err = f.app.PauseCampaign(ctx, f.owner, paused.ID)
	must(t, err)
	for _, r := range []string{"hard_bounce", "complaint", "manual", "unsubscribe_all"} {
		must(t, f.app.Suppress(ctx, f.owner, app.SuppressInput{Email: r + "@client.example", Reason: r, Detail: "<b>550</b>"}))
	}
	mk := f.session(t, "marketing@example.com")
	paths := []string{"/admin/campaigns", "/admin/new-campaign", "/admin/suppressions", "/admin/campaigns/" + draft.ID, "/admin/campaigns/" + bad.ID, "/admin/campaigns/" + sending.ID,
		"/admin/campaigns/" + paused.ID, "/admin/campaigns/" + sending.ID + "/report", "/admin/campaigns/" + sending.ID + "/report?state=queued"}
	// Each status offers only its own next step.
	for id, want := range map[string]string{draft.ID: "send-form", sending.ID: "pause-form", paused.ID: "resume-form"} {
		_, _, body := f.do(t, "GET", "/admin/campaigns/"+id, nil, mk)
		for _, form := range []string{"send-form", "pause-form", "resume-form"} {
			if strings.Contains(body, `id="`+form+`"`) != (form == want) {
				t.Errorf("campaign %s: %s shown %v, want only %s", id, form, !(form == want), want)
			}
		}
	}
	_, _, body := f.do(t, "GET", "/admin/campaigns?status=paused", nil, mk)
	if !strings.Contains(body, `data-id="`+paused.ID+`"`) || strings.Contains(body, `data-id="`+sending.ID+`"`) {
		t.Error("the status filter does not select the paused campaign")
	}
	for _, lang := range []string{"en", "ru", "fa"} {
		for _, p := range paths {
			status, _, body := f.do(t, "GET", p, nil, mk, &http.Cookie{Name: page.LangCookie, Value: lang})
			if status != http.StatusOK || strings.Contains(body, "⟦") {
				i := strings.Index(body, "⟦")
				t.Errorf("%s in %s: %d, missing %.80s", p, lang, status, body[max(i, 0):])
			}
			if strings.Contains(body, "<b>550") {
				t.Errorf("%s in %s: a suppression's detail is not escaped", p, lang)
			}
			if lang == "fa" && !strings.Contains(body, `dir="rtl"`) {
				t.Errorf("%s in fa is not right to left", p)
			}
		}
	}
}

// The report's deliveries come a page of 50 at a time, with a link to the next.
func TestCampaignReportPages(t *testing.T) {
	f := newCampaignFixture(t)
	ctx := context.Background()
	for i := range 50 {
		must(t, f.app.GiveConsent(ctx, f.owner, app.ConsentInput{List: "newsletter", Email: fmt.Sprintf("p%02d@client.example", i), Source: "import"}))
	}
	v := f.sending(t) // 53 recipients, queued: jobs are not running
	mk := f.session(t, "marketing@example.com")
	_, _, body := f.do(t, "GET", "/admin/campaigns/"+v.ID+"/report?state=queued", nil, mk)
	next := regexp.MustCompile(`<a rel="next" href="([^"]+)"`).FindStringSubmatch(body)
	if n := strings.Count(body, `<tr data-state="queued">`); n != 50 || next == nil || !strings.Contains(body, `data-figure="recipients">53<`) {
		t.Fatalf("first page: %d rows, next %v", n, next)
	}
	_, _, body2 := f.do(t, "GET", strings.ReplaceAll(next[1], "&amp;", "&"), nil, mk)
	if n := strings.Count(body2, `<tr data-state="queued">`); n != 3 || strings.Contains(body2, `rel="next"`) {
		t.Fatalf("second page: %d rows", n)
	}
	for _, m := range regexp.MustCompile(`<tr data-state="queued"><td>([^<]+)`).FindAllStringSubmatch(body2, -1) {
		if strings.Contains(body, "<td>"+m[1]+"</td>") || strings.Contains(body, "<td>"+m[1]+" ") {
			t.Errorf("%s is on both pages", m[1])
		}
	}
	_, _, body = f.do(t, "GET", "/admin/campaigns/"+v.ID+"/report?state=sent", nil, mk)
	if strings.Contains(body, `<tr data-state=`) {
		t.Error("the sent filter lists queued deliveries")
	}
}
