package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/campaign"
	"b2x/errs"
	"b2x/jobs"
	"b2x/mail"
	"b2x/mail/mailtest"
	"b2x/party"
	"b2x/store"
	"b2x/store/storetest"
)

// campaignFixture is an App sending campaigns to a real SMTP server in the test.
type campaignFixture struct {
	*notifyFixture
}

var acme = campaign.Sender{Organization: "Acme Bricks", Representative: "Anna Petrova", Address: "12 Brick Street, London EC1A 1BB",
	Phones: []string{"+44 20 7946 0958"}, Emails: []string{"anna@acme-bricks.example"}}

func newCampaignFixture(t *testing.T, db *store.DB, cfg app.CampaignConfig) *campaignFixture {
	t.Helper()
	srv := mailtest.Start(t)
	sender, err := mail.NewSMTP(srv.URL())
	if err != nil {
		t.Fatal(err)
	}
	q := jobs.New(db, jobs.Config{Poll: 50 * time.Millisecond, Cooldown: 10 * time.Millisecond,
		Backoff: func(int) time.Duration { return 100 * time.Millisecond },
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil))})
	cfg.Secret = []byte("test secret")
	cfg.Internal = []string{"@b2x.test"}
	cfg.Lint.Sender = acme
	a := app.New(db, app.WithJobs(q), app.WithCampaigns(cfg),
		app.WithMail(sender, app.MailConfig{From: mail.Address{Name: "Acme Bricks", Email: "news@acme-bricks.example"}, BaseURL: "https://acme-bricks.example/"}))
	f := &fixture{t: t, ctx: context.Background(), app: a, db: db}
	nf := &notifyFixture{fixture: f, smtp: srv}
	nf.start()
	return &campaignFixture{nf}
}

// goodLetter is the lint's good English letter with personal fields.
func goodLetter(t testing.TB) app.CampaignInput {
	t.Helper()
	src, err := os.ReadFile("../campaign/testdata/good_en.md")
	if err != nil {
		t.Fatal(err)
	}
	d, err := campaign.ParseMarkdown(src)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Replace(d.Text, "Your representative,", "{{first_name}} of {{organization}}: your representative,", 1)
	return app.CampaignInput{Name: "Spring prices", List: "newsletter", Subject: d.Subject, Preheader: d.Preheader, Body: body, Lang: "en"}
}

func (f *campaignFixture) list(slug string) {
	f.t.Helper()
	_, err := f.app.CreateMailingList(f.ctx, staffActor, app.MailingListInput{Slug: slug, Name: strings.ToUpper(slug[:1]) + slug[1:]})
	f.must(err)
}

func (f *campaignFixture) consent(list, email string) {
	f.t.Helper()
	f.must(f.app.GiveConsent(f.ctx, staffActor, app.ConsentInput{List: list, Email: email, Source: "import"}))
}

// waitFinished waits until the campaign is finished.
func (f *campaignFixture) waitFinished(id string) app.CampaignReport {
	f.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		r, err := f.app.CampaignReport(f.ctx, staffActor, id)
		f.must(err)
		if r.Campaign.Status == store.CampaignFinished {
			if !r.Done {
				f.t.Fatalf("finished with rows open: %+v", r.Counts)
			}
			return r
		}
		if time.Now().After(deadline) {
			f.t.Fatalf("campaign not finished: %s %+v", r.Campaign.Status, r.Counts)
		}
		time.Sleep(30 * time.Millisecond)
	}
}

var hrefRe = regexp.MustCompile(`href="([^"]+)"`)

func TestCampaignFromDraftToReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCampaignFixture(t, db, app.CampaignConfig{BatchSize: 2, Workers: 2, OpenPixel: true})
		f.list("newsletter")
		f.list("new-arrivals")
		org, err := f.app.CreateOrganization(f.ctx, staffActor, party.Organization{LegalName: "Builders & Co <b>", Industry: "construction", Employees: 40})
		f.must(err)
		for _, c := range []party.Contact{
			{Name: "<script>alert(1)</script> Ann", Email: "ann@client.test"},
			{Name: "Bob\r\nBcc: evil@attacker.test", Email: "bob@client.test"},
		} {
			c.OrganizationID = org.ID
			_, err := f.app.CreateContact(f.ctx, staffActor, c)
			f.must(err)
		}
		for _, e := range []string{"ann@client.test", "bob@client.test", "Cid@Client.test", "dan@client.test", "eve@client.test"} {
			f.consent("newsletter", e)
		}
		f.consent("newsletter", " cid@client.TEST") // the same address: one copy
		f.consent("new-arrivals", "ann@client.test")
		f.must(f.app.Suppress(f.ctx, staffActor, app.SuppressInput{Email: "dan@client.test", Reason: "manual"}))
		if _, err := f.app.WithdrawConsent(f.ctx, staffActor, "newsletter", "eve@client.test"); err != nil {
			t.Fatal(err)
		}
		p, err := f.app.PreviewAudience(f.ctx, staffActor, "newsletter", campaign.Segment{})
		f.must(err)
		if p.Count != 3 {
			t.Fatalf("preview: %+v, want ann, bob, cid", p)
		}
		if p, _ := f.app.PreviewAudience(f.ctx, staffActor, "newsletter", campaign.Segment{Audience: campaign.AudienceB2B, Industries: []string{"Construction"}}); p.Count != 2 {
			t.Fatalf("b2b preview: %+v", p)
		}

		// A letter that breaks S13 is kept with its findings, and cannot be sent.
		bad := goodLetter(t)
		bad.Subject = "SPECIAL OFFER JUST FOR YOU!!!"
		bv, err := f.app.CreateCampaign(f.ctx, staffActor, bad)
		f.must(err)
		if bv.LintErrors == 0 || len(bv.Findings) == 0 {
			t.Fatalf("bad letter: %d errors, findings %+v", bv.LintErrors, bv.Findings)
		}
		if _, err := f.app.SendCampaign(f.ctx, staffActor, bv.ID); errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "quality check") {
			t.Fatalf("send with lint errors: %v", err)
		}
		if _, err := f.app.CreateCampaign(f.ctx, staffActor, app.CampaignInput{Name: "x", List: "newsletter", Subject: "Hi {{password}}", Body: "x"}); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("unknown field: %v", err)
		}

		v, err := f.app.CreateCampaign(f.ctx, staffActor, goodLetter(t))
		f.must(err)
		if v.LintErrors != 0 {
			t.Fatalf("good letter: %+v", v.Findings)
		}
		if _, err := f.app.SendCampaign(f.ctx, staffActor, v.ID); errs.CodeOf(err) != errs.Conflict || !strings.Contains(err.Error(), "test send") {
			t.Fatalf("send before a test send: %v", err)
		}

		// The test send goes to colleagues only; their answers sit on the campaign.
		if _, err := f.app.TestSendCampaign(f.ctx, staffActor, v.ID, app.TestSendInput{To: []string{"someone@gmail.example"}}); errs.CodeOf(err) != errs.Invalid {
			t.Fatalf("test send outside: %v", err)
		}
		ts, err := f.app.TestSendCampaign(f.ctx, staffActor, v.ID, app.TestSendInput{To: []string{"maria@b2x.test"}})
		f.must(err)
		got := f.smtp.Wait(t, 1)
		if len(ts) != 1 || !strings.HasPrefix(got[0].Subject, "[Test] ") {
			t.Fatalf("test send: %+v, subject %q", ts, got[0].Subject)
		}
		review := ""
		for _, m := range hrefRe.FindAllStringSubmatch(got[0].HTML, -1) {
			if strings.Contains(m[1], "answer=not_clear") {
				review = strings.ReplaceAll(m[1], "&amp;", "&")
			}
		}
		u, err := url.Parse(review)
		f.must(err)
		token := strings.TrimPrefix(u.Path, "/letters/r/")
		if _, err := f.app.AnswerTestSend(f.ctx, token+"x", "clear", ""); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("forged answer: %v", err)
		}
		_, err = f.app.AnswerTestSend(f.ctx, token, "not_clear", "the second paragraph is long")
		f.must(err)
		cv, err := f.app.Campaign(f.ctx, staffActor, v.ID)
		f.must(err)
		if len(cv.TestSends) != 1 || cv.TestSends[0].Answer != "not_clear" || cv.TestSends[0].Comment == "" {
			t.Fatalf("answers: %+v", cv.TestSends)
		}

		if _, err := f.app.SendCampaign(f.ctx, staffActor, v.ID); err != nil {
			t.Fatal(err)
		}
		r := f.waitFinished(v.ID)
		if c := r.Counts; c.Recipients != 3 || c.Sent != 2 || c.Failed != 1 {
			t.Fatalf("counts %+v", c)
		}
		msgs := f.smtp.Wait(t, 3)[1:]
		if len(msgs) != 2 {
			t.Fatalf("%d campaign messages", len(msgs))
		}
		var ann mailtest.Received
		for _, m := range msgs {
			if strings.Contains(strings.Join(m.To, ","), "bob@") || strings.Contains(string(m.Raw), "evil@attacker") {
				t.Fatalf("the name with a line break went out: %s", m.Raw)
			}
			if m.To[0] == "ann@client.test" {
				ann = m
			}
		}
		if ann.Raw == nil {
			t.Fatal("no letter to ann")
		}
		h := ann.Header
		if lu := h.Get("List-Unsubscribe"); !strings.Contains(lu, "<https://acme-bricks.example/letters/u/") || !strings.Contains(lu, "<mailto:unsubscribe@acme-bricks.example?subject=") ||
			h.Get("List-Unsubscribe-Post") != "List-Unsubscribe=One-Click" || h.Get("X-B2X-Delivery") == "" {
			t.Fatalf("headers %v", h)
		}
		if strings.Contains(ann.HTML, "<script>") || !strings.Contains(ann.HTML, "&lt;script&gt;alert(1)&lt;/script&gt; of Builders &amp; Co &lt;b&gt;") {
			t.Fatalf("HTML part does not escape the name:\n%s", ann.HTML)
		}
		if !strings.Contains(ann.Text, "<script>alert(1)</script> of Builders & Co <b>") || !strings.Contains(ann.Text, "/letters/c/") {
			t.Fatalf("text part:\n%s", ann.Text)
		}
		ds, err := f.app.CampaignDeliveries(f.ctx, staffActor, v.ID, store.DeliveryFailed, "", 10)
		f.must(err)
		if len(ds) != 1 || ds[0].Email != "bob@client.test" || !strings.Contains(ds[0].Detail, "line break") {
			t.Fatalf("failed deliveries %+v", ds)
		}

		// A click goes through the signed redirect to where the letter pointed only.
		var click *url.URL
		for _, m := range hrefRe.FindAllStringSubmatch(ann.HTML, -1) {
			if strings.Contains(m[1], "/letters/c/") {
				click, _ = url.Parse(strings.ReplaceAll(m[1], "&amp;", "&"))
				break
			}
		}
		ctoken, dest := strings.TrimPrefix(click.Path, "/letters/c/"), click.Query().Get("u")
		if got, err := f.app.CampaignClick(f.ctx, ctoken, dest); err != nil || got != "https://acme-bricks.example/specs" {
			t.Fatalf("click: %q %v", got, err)
		}
		if _, err := f.app.CampaignClick(f.ctx, ctoken, "https://evil.example/"); errs.CodeOf(err) != errs.NotFound {
			t.Fatalf("redirect elsewhere: %v", err)
		}
		f.app.CampaignClick(f.ctx, ctoken, dest)
		pixel := regexp.MustCompile(`<img src="([^"]+)"`).FindStringSubmatch(ann.HTML)
		pu, _ := url.Parse(pixel[1])
		f.must(f.app.CampaignOpen(f.ctx, strings.TrimPrefix(pu.Path, "/letters/o/")))

		// Unsubscribing: the page changes nothing; the POST ends this list only.
		lu, _ := url.Parse(strings.Trim(strings.Split(h.Get("List-Unsubscribe"), ",")[0], "<> "))
		utoken := strings.TrimPrefix(lu.Path, "/letters/u/")
		page, err := f.app.CampaignUnsubscribePage(f.ctx, utoken)
		f.must(err)
		if page.Unsubscribed || page.List.Slug != "newsletter" || page.Email != "a***@client.test" {
			t.Fatalf("page %+v", page)
		}
		cs, _ := f.app.Consents(f.ctx, staffActor, "ann@client.test")
		if len(cs) != 2 || !cs[0].WithdrawnAt.IsZero() || !cs[1].WithdrawnAt.IsZero() {
			t.Fatalf("the page changed consents: %+v", cs)
		}
		for range 2 {
			if page, err = f.app.UnsubscribeCampaign(f.ctx, utoken); err != nil || !page.Unsubscribed {
				t.Fatalf("unsubscribe: %+v %v", page, err)
			}
		}
		cs, _ = f.app.Consents(f.ctx, staffActor, "ann@client.test")
		withdrawn := map[bool]int{}
		for _, c := range cs {
			withdrawn[!c.WithdrawnAt.IsZero()]++
		}
		if withdrawn[true] != 1 || withdrawn[false] != 1 {
			t.Fatalf("after unsubscribing: %+v", cs)
		}

		// Bounces: soft ones count, a hard one suppresses at once.
		cid, err := f.app.CampaignDeliveries(f.ctx, staffActor, v.ID, store.DeliverySent, "", 10)
		f.must(err)
		for _, d := range cid {
			if campaign.EmailKey(d.Email) == "cid@client.test" {
				if s, err := f.app.RecordBounce(f.ctx, d.ID, app.BounceSoft, "4.2.2 mailbox full"); err != nil || s {
					t.Fatalf("soft bounce: %v %v", s, err)
				}
				if s, err := f.app.RecordBounce(f.ctx, "cid@client.test", app.BounceHard, "5.1.1 no such user"); err != nil || !s {
					t.Fatalf("hard bounce: %v %v", s, err)
				}
			}
		}
		r, err = f.app.CampaignReport(f.ctx, staffActor, v.ID)
		f.must(err)
		if c := r.Counts; c.Bounced != 1 || c.Unsubscribed != 1 || c.Clicked != 1 || c.Clicks != 2 || c.Opened != 1 {
			t.Fatalf("report %+v", c)
		}
		if p, _ := f.app.PreviewAudience(f.ctx, staffActor, "newsletter", campaign.Segment{}); p.Count != 1 {
			t.Fatalf("after unsubscribe and bounce: %+v", p)
		}
	})
}

func TestCampaignRetriesAndPauses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCampaignFixture(t, db, app.CampaignConfig{BatchSize: 5, Workers: 2, Rate: 40, MaxAttempts: 2,
			Backoff: func(int) time.Duration { return 50 * time.Millisecond }})
		f.list("newsletter")
		const n = 30
		for i := range n {
			f.consent("newsletter", "r"+itoa(i)+"@client.test")
		}
		f.smtp.Refuse("r3@client.test", 450)
		f.smtp.Refuse("r4@client.test", 550)
		v, err := f.app.CreateCampaign(f.ctx, staffActor, goodLetter(t))
		f.must(err)
		_, err = f.app.TestSendCampaign(f.ctx, staffActor, v.ID, app.TestSendInput{To: []string{"maria@b2x.test"}})
		f.must(err)
		f.smtp.Wait(t, 1)
		_, err = f.app.SendCampaign(f.ctx, staffActor, v.ID)
		f.must(err)
		f.smtp.Wait(t, 4)
		_, err = f.app.PauseCampaign(f.ctx, staffActor, v.ID)
		f.must(err)
		time.Sleep(time.Second) // what was in flight lands (jobs see the pause within 100 ms)
		paused := len(f.smtp.Messages())
		time.Sleep(500 * time.Millisecond)
		if now := len(f.smtp.Messages()); now != paused || paused >= n {
			t.Fatalf("paused at %d messages, then %d", paused, now)
		}
		if r, _ := f.app.CampaignReport(f.ctx, staffActor, v.ID); r.Campaign.Status != store.CampaignPaused || r.Done {
			t.Fatalf("paused campaign %s, done %v", r.Campaign.Status, r.Done)
		}
		_, err = f.app.ResumeCampaign(f.ctx, staffActor, v.ID)
		f.must(err)
		r := f.waitFinished(v.ID)
		if c := r.Counts; c.Sent != n-2 || c.Failed != 2 {
			t.Fatalf("counts %+v", c)
		}
		seen := map[string]int{}
		for _, m := range f.smtp.Messages()[1:] {
			seen[m.To[0]]++
		}
		for addr, k := range seen {
			if k != 1 {
				t.Errorf("%s got %d copies", addr, k)
			}
		}
		ds, _ := f.app.CampaignDeliveries(f.ctx, staffActor, v.ID, store.DeliveryFailed, "", 10)
		for _, d := range ds {
			if d.Email == "r3@client.test" && d.Attempts != 2 {
				t.Errorf("temporary failure tried %d times, want 2", d.Attempts)
			}
		}
	})
}

func itoa(i int) string { return strconv.Itoa(i) }
