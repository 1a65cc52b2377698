package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/crm"
	"b2x/errs"
	"b2x/jobs"
	"b2x/mail"
	"b2x/mail/mailtest"
	"b2x/staff"
	"b2x/store"
	"b2x/store/storetest"
)

const staffPassword = "correct horse battery"

// The owner changes a user's role and status and sets a new password: each
// change is in the audit log with its old and new value, a disabled user's
// session ends at once and their sign-in is refused, and the last owner stays.
func TestStaffAdministration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		owner := f.owner()
		u, err := f.app.CreateStaffUser(f.ctx, owner, "eva@example.com", "Eva", staff.Support, staffPassword)
		f.must(err)
		in, err := f.app.StaffSignIn(f.ctx, app.Credentials{Email: "eva@example.com", Password: staffPassword})
		f.must(err)

		// Only the owner manages staff; a refusal writes nothing.
		before := f.rows()
		mk := staff.Marketing
		_, err = f.app.UpdateStaffUser(f.ctx, f.sales(), u.ID, app.StaffChange{Role: &mk})
		crmWantCode(t, err, errs.Forbidden)
		bad := staff.Role("boss")
		_, err = f.app.UpdateStaffUser(f.ctx, owner, u.ID, app.StaffChange{Role: &bad})
		crmWantField(t, err, "role")
		if after := f.rows(); !mapsEqual(before, after) {
			t.Fatalf("refused changes wrote: %v → %v", before, after)
		}

		got, err := f.app.UpdateStaffUser(f.ctx, owner, u.ID, app.StaffChange{Role: &mk})
		f.must(err)
		if got.Role != staff.Marketing {
			t.Fatalf("role = %s", got.Role)
		}
		es := f.audits("user", u.ID)
		if len(es) != 2 || es[0].Action != "staff.update" || es[0].Actor != owner.UserID {
			t.Fatalf("audit = %+v", es)
		}
		var ch map[string]app.FieldChange
		f.must(json.Unmarshal(es[0].Change, &ch))
		if len(ch) != 1 || ch["role"].From != "support" || ch["role"].To != "marketing" {
			t.Fatalf("change = %s", es[0].Change)
		}
		// The session takes the new role at once.
		a, err := f.app.SessionActor(f.ctx, in.Token)
		f.must(err)
		if a.Role != "marketing" {
			t.Fatalf("session role = %s", a.Role)
		}

		off := true
		_, err = f.app.UpdateStaffUser(f.ctx, owner, u.ID, app.StaffChange{Disabled: &off})
		f.must(err)
		if _, err := f.app.SessionActor(f.ctx, in.Token); errs.CodeOf(err) != errs.Unauthorized {
			t.Fatalf("a disabled user's session still works: %v", err)
		}
		if n, _ := db.CountRows(f.ctx, "sessions"); n != 0 {
			t.Fatalf("%d sessions left after disabling", n)
		}
		_, err = f.app.StaffSignIn(f.ctx, app.Credentials{Email: "eva@example.com", Password: staffPassword})
		crmWantCode(t, err, errs.Forbidden)
		on := false
		_, err = f.app.UpdateStaffUser(f.ctx, owner, u.ID, app.StaffChange{Disabled: &on})
		f.must(err)

		// A new password ends the sessions and replaces the old one.
		in, err = f.app.StaffSignIn(f.ctx, app.Credentials{Email: "eva@example.com", Password: staffPassword})
		f.must(err)
		crmWantField(t, f.app.ResetStaffPassword(f.ctx, owner, u.ID, "short"), "password")
		f.must(f.app.ResetStaffPassword(f.ctx, owner, u.ID, "another long password"))
		if _, err := f.app.SessionActor(f.ctx, in.Token); errs.CodeOf(err) != errs.Unauthorized {
			t.Fatalf("the session outlived the password: %v", err)
		}
		_, err = f.app.StaffSignIn(f.ctx, app.Credentials{Email: "eva@example.com", Password: staffPassword})
		crmWantCode(t, err, errs.Unauthorized)
		_, err = f.app.StaffSignIn(f.ctx, app.Credentials{Email: "eva@example.com", Password: "another long password"})
		f.must(err)
		es = f.audits("user", u.ID)
		if es[0].Action != "staff.reset_password" || strings.Contains(string(es[0].Change), "another") {
			t.Fatalf("reset audit = %s %s", es[0].Action, es[0].Change)
		}

		// The last enabled owner can be neither demoted nor disabled.
		sm := staff.SalesManager
		_, err = f.app.UpdateStaffUser(f.ctx, owner, owner.UserID, app.StaffChange{Role: &sm})
		crmWantField(t, err, "role")
		_, err = f.app.UpdateStaffUser(f.ctx, owner, owner.UserID, app.StaffChange{Disabled: &off})
		crmWantField(t, err, "disabled")
		adm := staff.Owner
		_, err = f.app.UpdateStaffUser(f.ctx, owner, u.ID, app.StaffChange{Role: &adm})
		f.must(err)
		_, err = f.app.UpdateStaffUser(f.ctx, owner, owner.UserID, app.StaffChange{Role: &sm})
		f.must(err)
	})
}

// Two owners demoting each other at once: one wins, so an owner is left.
func TestLastOwnerUnderConcurrency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		second, err := f.app.CreateStaffUser(f.ctx, f.owner(), "second@example.com", "Second", staff.Owner, staffPassword)
		f.must(err)
		other := app.Actor{UserID: second.ID, Role: string(staff.Owner)}
		sm := staff.SalesManager
		var wg sync.WaitGroup
		errsOut := make([]error, 2)
		for i, pair := range [][2]app.Actor{{f.owner(), other}, {other, f.owner()}} {
			wg.Go(func() {
				_, errsOut[i] = f.app.UpdateStaffUser(context.Background(), pair[0], pair[1].UserID, app.StaffChange{Role: &sm})
			})
		}
		wg.Wait()
		us, err := f.app.StaffUsers(f.ctx, app.Actor{UserID: "cli", Role: string(staff.Owner)})
		f.must(err)
		owners := 0
		for _, u := range us {
			if u.Role == staff.Owner && !u.Disabled {
				owners++
			}
		}
		if owners != 1 || (errsOut[0] == nil) == (errsOut[1] == nil) {
			t.Fatalf("%d owners left; errors %v", owners, errsOut)
		}
	})
}

// An account manager sees and changes only the organizations assigned to them
// now; another's look like they do not exist, and a refusal writes nothing.
func TestAccountManagerLimitedToOwnAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		am := f.users[staff.AccountManager]
		other, err := f.app.CreateOrganization(f.ctx, f.owner(), partyOrg("Other AG"))
		f.must(err)
		f.manage(f.org.ID, am)
		mine := f.deal("Mine", 100_00, "EUR")
		theirs, err := f.app.CreateOpportunity(f.ctx, f.sales(), app.NewOpportunity{OrganizationID: other.ID, Title: "Theirs",
			Amount: mine.Amount, ExpectedClose: f.now.AddDate(0, 1, 0), Source: crm.SourceWeb})
		f.must(err)
		_, err = f.app.CreateActivity(f.ctx, f.sales(), app.NewActivity{Kind: crm.KindNote, Subject: "About them",
			OrganizationID: other.ID})
		f.must(err)

		_, err = f.app.Opportunity(f.ctx, am, theirs.ID)
		crmWantCode(t, err, errs.NotFound)
		_, err = f.app.CustomerView(f.ctx, am, other.ID)
		crmWantCode(t, err, errs.NotFound)
		_, err = f.app.BuyingCenterMap(f.ctx, am, other.ID)
		crmWantCode(t, err, errs.NotFound)
		before := f.rows()
		_, err = f.app.MoveOpportunity(f.ctx, am, theirs.ID, app.Move{To: "qualified"})
		crmWantCode(t, err, errs.NotFound)
		_, err = f.app.CreateOpportunity(f.ctx, am, app.NewOpportunity{OrganizationID: other.ID, Title: "Grab",
			Amount: mine.Amount, ExpectedClose: f.now.AddDate(0, 1, 0), Source: crm.SourceWeb})
		crmWantField(t, err, "organization_id")
		_, err = f.app.CreateActivity(f.ctx, am, app.NewActivity{Kind: crm.KindCall, Subject: "Call", OpportunityID: theirs.ID, Due: f.now})
		crmWantField(t, err, "organization_id")
		if after := f.rows(); !mapsEqual(before, after) {
			t.Fatalf("refused changes wrote: %v → %v", before, after)
		}

		ds, err := f.app.Opportunities(f.ctx, am, app.OpportunityQuery{Limit: 10})
		f.must(err)
		if len(ds) != 1 || ds[0].ID != mine.ID {
			t.Fatalf("the account manager lists %d deals", len(ds))
		}
		b, err := f.app.Board(f.ctx, am, app.BoardQuery{})
		f.must(err)
		cards := 0
		for _, c := range b.Columns {
			cards += c.Count
		}
		if cards != 1 {
			t.Fatalf("board counts %d deals for the account manager", cards)
		}
		acts, err := f.app.Activities(f.ctx, am, app.ActivityQuery{Limit: 10})
		f.must(err)
		if len(acts) != 0 {
			t.Fatalf("the account manager sees %d activities of another account", len(acts))
		}
		// Their own task about no customer is theirs.
		_, err = f.app.CreateActivity(f.ctx, am, app.NewActivity{Kind: crm.KindTask, Subject: "Plan the week", Due: f.now})
		f.must(err)
		_, err = f.app.MoveOpportunity(f.ctx, am, mine.ID, app.Move{To: "qualified"})
		f.must(err)
		if _, err := f.app.CustomerView(f.ctx, am, f.org.ID); err != nil {
			t.Fatal(err)
		}
		// The sales manager sees everything.
		all, err := f.app.Opportunities(f.ctx, f.sales(), app.OpportunityQuery{Limit: 10})
		f.must(err)
		if len(all) != 2 {
			t.Fatalf("sales manager lists %d deals", len(all))
		}
		// Reassigned away, the account is no longer theirs.
		f.advance(time.Minute)
		f.manage(f.org.ID, f.sales())
		_, err = f.app.Opportunity(f.ctx, am, mine.ID)
		crmWantCode(t, err, errs.NotFound)
	})
}

// Documents uploaded to a tender are checked by their bytes and size, kept in
// the database, audited, and served back as they were.
func TestTenderFiles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		tn, err := f.app.CreateTender(f.ctx, f.sales(), app.NewTender{OrganizationID: f.org.ID, Title: "Racks",
			PublishedAt: f.now, Deadline: f.now.AddDate(0, 0, 20)})
		f.must(err)
		pdf := []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
		before := f.rows()
		for _, c := range []struct {
			name string
			data []byte
		}{{"virus.exe", []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff")}, {"empty.pdf", nil},
			{"huge.txt", bytes.Repeat([]byte("a"), app.MaxTenderFile+1)}, {"", pdf}} {
			_, err := f.app.UploadTenderFile(f.ctx, f.sales(), tn.ID, c.name, c.data)
			crmWantField(t, err, "file")
		}
		_, err = f.app.UploadTenderFile(f.ctx, f.users[staff.Marketing], tn.ID, "spec.pdf", pdf)
		crmWantCode(t, err, errs.Forbidden)
		n, _ := db.CountRows(f.ctx, "tender_files")
		if after := f.rows(); !mapsEqual(before, after) || n != 0 {
			t.Fatalf("refused uploads wrote: %d files, %v → %v", n, before, after)
		}
		up, err := f.app.UploadTenderFile(f.ctx, f.sales(), tn.ID, `C:\Users\me\spec.pdf`, pdf)
		f.must(err)
		if up.Name != "spec.pdf" || up.ContentType != "application/pdf" || up.Size != len(pdf) {
			t.Fatalf("uploaded = %+v", up)
		}
		files, err := f.app.TenderFiles(f.ctx, f.users[staff.Support], tn.ID)
		f.must(err)
		got, err := f.app.TenderFile(f.ctx, f.users[staff.Support], tn.ID, up.ID)
		f.must(err)
		if len(files) != 1 || !bytes.Equal(got.Data, pdf) {
			t.Fatalf("files = %+v, bytes equal %v", files, bytes.Equal(got.Data, pdf))
		}
		if es := f.audits("tender", tn.ID); es[0].Action != "tender.file_add" {
			t.Fatalf("audit = %+v", es[0])
		}
	})
}

// A tender's owner is reminded once before its deadline, however often and
// however concurrently the sweep runs; submitted or far-off tenders are not.
func TestTenderRemindersQueuedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		tender := func(title string, deadline time.Time) app.TenderView {
			v, err := f.app.CreateTender(f.ctx, f.sales(), app.NewTender{OrganizationID: f.org.ID, Title: title,
				PublishedAt: f.now.AddDate(0, 0, -1), Deadline: deadline})
			f.must(err)
			return v
		}
		soon := tender("Soon", f.now.Add(2*24*time.Hour))
		tender("Later", f.now.Add(10*24*time.Hour))
		no := tender("Declined", f.now.Add(24*time.Hour))
		nb := crm.NoBid
		reason := "too small"
		_, err := f.app.UpdateTender(f.ctx, f.sales(), no.ID, app.TenderPatch{Decision: &nb, DecisionReason: &reason})
		f.must(err)

		var wg sync.WaitGroup
		counts := make([]int, 4)
		for i := range counts {
			wg.Go(func() {
				var err error
				counts[i], err = f.app.QueueTenderReminders(context.Background())
				if err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		total := 0
		for _, n := range counts {
			total += n
		}
		js, err := f.app.Jobs().List(f.ctx, "mail.tender_reminder", 10)
		f.must(err)
		if total != 1 || len(js) != 1 || !strings.Contains(string(js[0].Args), soon.ID) {
			t.Fatalf("queued %v, %d jobs", counts, len(js))
		}
		f.advance(time.Hour)
		if n, err := f.app.QueueTenderReminders(f.ctx); n != 0 || err != nil {
			t.Fatalf("a second sweep queued %d (%v)", n, err)
		}
		// A moved deadline is reminded again.
		dl := soon.Deadline.Add(12 * time.Hour)
		_, err = f.app.UpdateTender(f.ctx, f.sales(), soon.ID, app.TenderPatch{Deadline: &dl})
		f.must(err)
		if n, err := f.app.QueueTenderReminders(f.ctx); n != 1 || err != nil {
			t.Fatalf("after moving the deadline queued %d (%v)", n, err)
		}
	})
}

// News, reviews, warranty and the funnel check their own permissions, and
// their changes are audited.
func TestContentPermissionsAndAudit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		in := app.NewsInput{Slug: "spring", Lang: "en", Title: "Spring", Body: "New bricks"}
		_, err := f.app.CreateNewsPost(f.ctx, f.users[staff.Warehouse], in)
		crmWantCode(t, err, errs.Forbidden)
		_, err = f.app.NewsPosts(f.ctx, f.users[staff.Support], app.NewsQuery{Drafts: true, Limit: 10})
		crmWantCode(t, err, errs.Forbidden)
		p, err := f.app.CreateNewsPost(f.ctx, f.users[staff.Marketing], in)
		f.must(err)
		title := "Spring sale"
		_, err = f.app.UpdateNewsPost(f.ctx, f.users[staff.Marketing], "spring", app.NewsChanges{Title: &title})
		f.must(err)
		es := f.audits("news", p.Post.ID)
		if len(es) != 2 || es[0].Action != "news.update" || !strings.Contains(string(es[0].Change), `"to":"Spring sale"`) {
			t.Fatalf("news audit = %+v", es)
		}
		// A draft is not public, and staff without news.edit see what the public sees.
		_, err = f.app.NewsPost(f.ctx, f.users[staff.Warehouse], "spring")
		crmWantCode(t, err, errs.NotFound)

		_, err = f.app.Funnel(f.ctx, f.users[staff.Warehouse], f.now.AddDate(0, 0, -7), f.now)
		crmWantCode(t, err, errs.Forbidden)
		_, err = f.app.Funnel(f.ctx, f.users[staff.Marketing], f.now.AddDate(0, 0, -7), f.now)
		f.must(err)
		_, err = f.app.WarrantyClaims(f.ctx, f.users[staff.Marketing], app.ClaimQuery{Limit: 10})
		crmWantCode(t, err, errs.Forbidden)
		_, err = f.app.WarrantyClaims(f.ctx, f.users[staff.Warehouse], app.ClaimQuery{Limit: 10})
		f.must(err)
		_, err = f.app.RecordDefect(f.ctx, f.users[staff.Warehouse], app.DefectInput{SKU: "X", Code: "c", Category: "other"})
		crmWantCode(t, err, errs.Forbidden)
		_, err = f.app.ModerateReview(f.ctx, f.sales(), "019cadc6-9a80-7223-89ab-ff2d96142a5e", "approved", "")
		crmWantCode(t, err, errs.Forbidden)
		_, err = f.app.Reviews(f.ctx, f.sales(), "", app.ReviewQuery{Status: "pending", Limit: 10})
		crmWantCode(t, err, errs.Forbidden)
	})
}

// A quote that inserts a library point is where that point was used, once per
// quote however often the quote is revised.
func TestQuotesRecordWinningPointsTheyInsert(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		p, err := f.app.CreateWinningPoint(f.ctx, f.sales(), app.WinningPointInput{Title: "Next-day delivery",
			Text: "We deliver the next working day, or the delivery is free."})
		f.must(err)
		other, err := f.app.CreateWinningPoint(f.ctx, f.sales(), app.WinningPointInput{Title: "Unused", Text: "Never quoted."})
		f.must(err)
		q := f.quote()
		points := []string{p.Text, "Something said only once"}
		for range 2 {
			_, err = f.app.ReviseQuote(f.ctx, f.sales(), q.ID, app.QuoteChanges{WinningPoints: &points})
			f.must(err)
			f.advance(time.Minute)
		}
		got, err := f.app.WinningPoint(f.ctx, f.sales(), p.ID)
		f.must(err)
		if len(got.Uses) != 1 || got.Uses[0].UsedIn != "quote:"+q.ID || got.Uses[0].By != f.sales().UserID {
			t.Fatalf("uses = %+v", got.Uses)
		}
		unused, err := f.app.WinningPoint(f.ctx, f.sales(), other.ID)
		f.must(err)
		if len(unused.Uses) != 0 {
			t.Fatalf("an unused point has uses %+v", unused.Uses)
		}
		if es := f.audits("winning_point", p.ID); es[0].Action != "winning_point.use" {
			t.Fatalf("audit = %+v", es[0])
		}
	})
}

// The reminder is a letter to the tender's owner, sent by the durable job.
func TestTenderReminderLetter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		srv := mailtest.Start(t)
		sender, err := mail.NewSMTP(srv.URL())
		f.must(err)
		q := jobs.New(db, jobs.Config{Poll: 50 * time.Millisecond, Cooldown: 10 * time.Millisecond,
			Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		a := app.New(db, app.WithClock(func() time.Time { return f.now }), app.WithJobs(q),
			app.WithMail(sender, app.MailConfig{From: mail.Address{Email: "crm@example.com"}, BaseURL: "https://b2x.example"}))
		tn, err := a.CreateTender(f.ctx, f.sales(), app.NewTender{OrganizationID: f.org.ID, Title: "Shelving for 12 stores",
			PublishedAt: f.now.AddDate(0, 0, -1), Deadline: f.now.Add(36 * time.Hour)})
		f.must(err)
		n, err := a.QueueTenderReminders(f.ctx)
		if n != 1 || err != nil {
			t.Fatalf("queued %d (%v)", n, err)
		}
		f.must(q.Start(f.ctx))
		t.Cleanup(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			q.Stop(ctx)
		})
		deadline := time.Now().Add(10 * time.Second)
		for len(srv.Messages()) == 0 && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		ms := srv.Messages()
		if len(ms) != 1 || ms[0].To[0] != "sales_manager@example.com" || !strings.Contains(ms[0].Subject, "Shelving for 12 stores") ||
			!strings.Contains(ms[0].Text, "https://b2x.example/admin/tenders/"+tn.ID) {
			t.Fatalf("letters = %+v", ms)
		}
	})
}
