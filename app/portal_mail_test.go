package app_test

import (
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/party"
	"b2x/qty"
	"b2x/recurring"
	"b2x/store"
	"b2x/store/storetest"
)

// portalMail is a notify fixture with a company, its buyer with an email, and
// bricks and a licence for sale to companies.
type portalMail struct {
	*notifyFixture
	org   party.Organization
	buyer party.Contact
}

func newPortalMail(t *testing.T, db *store.DB) *portalMail {
	t.Helper()
	f := &portalMail{notifyFixture: newNotifyFixture(t, db, true)}
	f.product("BRK", 1000)
	_, err := f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
		Product: catalog.Product{SKU: "LIC-CAD", Name: "CAD <suite>", Category: "bricks", Kind: catalog.Licence, Unit: "seat",
			Channels: catalog.Channels{catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2B: money.MustNew(40000, "EUR")},
	})
	f.must(err)
	f.org, err = f.app.CreateOrganization(f.ctx, staffActor, party.Organization{LegalName: "Buyer <GmbH>", PaymentTerms: party.Net30,
		CreditLimit: money.MustNew(10_000_000, "EUR")})
	f.must(err)
	f.buyer, err = f.app.CreateContact(f.ctx, staffActor, party.Contact{OrganizationID: f.org.ID, Name: "Vera <b>V</b>",
		Email: "vera@buyer.example"})
	f.must(err)
	return f
}

var signInLink = regexp.MustCompile(`https://shop\.example/portal/sign-in\?token=([A-Za-z0-9_\-]+)`)

// Staff mail a contact a one-time sign-in link in the language they choose:
// refused without customers.edit or an address, audited without the link, and
// the link signs in once.
func TestPortalSignInLinkByMail(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newPortalMail(t, db)
		warehouse := app.Actor{UserID: "w", Role: "warehouse"}
		_, err := f.app.SendPortalSignInLink(f.ctx, warehouse, f.buyer.ID, "ru")
		expectCode(t, "warehouse", err, errs.Forbidden)
		noMail, err := f.app.CreateContact(f.ctx, staffActor, party.Contact{OrganizationID: f.org.ID, Name: "No Mail"})
		f.must(err)
		_, err = f.app.SendPortalSignInLink(f.ctx, staffActor, noMail.ID, "ru")
		expectField(t, "no address", err, "email")
		_, err = f.app.SendPortalSignInLink(f.ctx, staffActor, "0190aaaa-0000-7000-8000-000000000000", "ru")
		expectCode(t, "no such contact", err, errs.NotFound)
		if n := f.jobCount("mail.portal_link"); n != 0 {
			t.Fatalf("%d links queued by refusals", n)
		}
		tokens, err := db.CountRows(f.ctx, "contact_tokens")
		f.must(err)
		if tokens != 0 {
			t.Fatalf("refusals made %d tokens", tokens)
		}

		c, err := f.app.SendPortalSignInLink(f.ctx, staffActor, f.buyer.ID, "ru")
		f.must(err)
		if c.ID != f.buyer.ID {
			t.Errorf("returned %+v", c)
		}
		m := f.smtp.Wait(t, 1)[0]
		if len(m.To) != 1 || m.To[0] != "vera@buyer.example" || !strings.Contains(m.Subject, "Ссылка для входа") ||
			!strings.Contains(m.Subject, "Buyer <GmbH>") {
			t.Errorf("letter to %v: %q", m.To, m.Subject)
		}
		if strings.Contains(m.HTML, "<b>V</b>") || strings.Contains(m.HTML, "<GmbH>") {
			t.Errorf("markup not escaped: %s", m.HTML)
		}
		found := signInLink.FindStringSubmatch(m.Text)
		if found == nil {
			t.Fatalf("no link in %q", m.Text)
		}
		in, err := f.app.ContactSignIn(f.ctx, found[1], "")
		f.must(err)
		if in.Actor.ContactID != f.buyer.ID || in.Actor.OrganizationID != f.org.ID {
			t.Errorf("signed in as %+v", in.Actor)
		}
		_, err = f.app.ContactSignIn(f.ctx, found[1], "")
		expectField(t, "the link again", err, "token")
		log, err := f.app.AuditLog(f.ctx, staffActor, app.AuditQuery{Entity: "contact", ID: f.buyer.ID, Limit: 10})
		f.must(err)
		if len(log) == 0 || log[0].Action != "contact.portal_link" || strings.Contains(string(log[0].Change), found[1]) {
			t.Errorf("audit %+v", log)
		}
	})
}

// A standing order's notice is claimed and mailed once per run, in the language
// the contact signed in with, whoever sweeps and however often.
func TestRecurringNoticeMailedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newPortalMail(t, db)
		tok, err := f.app.CreateContactToken(f.ctx, f.buyer.ID, "test")
		f.must(err)
		_, err = f.app.ContactSignIn(app.WithLang(f.ctx, "fa"), tok, "")
		f.must(err)
		buyer := app.Actor{ContactID: f.buyer.ID, OrganizationID: f.org.ID}
		today := recurring.DayOf(time.Now())
		soon, err := f.app.CreateRecurringOrder(f.ctx, buyer, app.RecurringOrderInput{Name: "Weekly <bricks>", Every: 1, Unit: recurring.Week,
			StartsOn: today.AddDate(0, 0, 5), NoticeDays: 7, Lines: []recurring.Line{{SKU: "BRK", Quantity: qty.Units(40)}}})
		f.must(err)
		_, err = f.app.CreateRecurringOrder(f.ctx, buyer, app.RecurringOrderInput{Name: "Later", Every: 1, Unit: recurring.Month,
			StartsOn: today.AddDate(0, 0, 5), NoticeDays: 2, Lines: []recurring.Line{{SKU: "BRK", Quantity: qty.Units(1)}}})
		f.must(err)

		var wg sync.WaitGroup
		counts := make([]int, 4)
		for i := range counts {
			wg.Add(1)
			go func() {
				defer wg.Done()
				n, err := f.app.QueueRecurringNotices(f.ctx, time.Now())
				if err != nil {
					t.Error(err)
				}
				counts[i] = n
			}()
		}
		wg.Wait()
		if total := counts[0] + counts[1] + counts[2] + counts[3]; total != 1 {
			t.Errorf("four sweeps queued %v notices, want 1 in all", counts)
		}
		m := f.smtp.Wait(t, 1)[0]
		f.idle()
		if got := len(f.smtp.Messages()); got != 1 {
			t.Errorf("%d letters", got)
		}
		if !strings.Contains(m.Subject, "سفارش دوره\u200cای") || !strings.Contains(m.Subject, "Weekly <bricks>") {
			t.Errorf("subject %q", m.Subject)
		}
		if !strings.Contains(m.Text, "BRK") || !strings.Contains(m.Text, "https://shop.example/portal/recurring/"+soon.ID) {
			t.Errorf("text %q", m.Text)
		}
		if strings.Contains(m.HTML, "<bricks>") {
			t.Errorf("markup not escaped: %s", m.HTML)
		}
		// The later one's notice comes two days before its run.
		n, err := f.app.QueueRecurringNotices(f.ctx, today.AddDate(0, 0, 3).Add(time.Hour))
		f.must(err)
		if n != 1 {
			t.Errorf("%d notices three days on, want the later one's", n)
		}
	})
}

// Reminders before a licence's maintenance ends go at 60, 30 and 7 days, each
// once; a licence first seen late gets only the nearest.
func TestLicenceRenewalReminders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newPortalMail(t, db)
		buyer := app.Actor{ContactID: f.buyer.ID, OrganizationID: f.org.ID}
		_, _, err := f.app.PlaceCompanyOrder(f.ctx, buyer, "lic-1", app.CompanyOrderInput{Lines: []app.CheckoutLine{{SKU: "LIC-CAD", Quantity: qty.Units(3)}}})
		f.must(err)
		ls, err := f.app.Licences(f.ctx, buyer, app.LicenceQuery{Limit: 10})
		f.must(err)
		until := ls[0].MaintenanceUntil
		day := 24 * time.Hour
		for _, step := range []struct {
			before time.Duration
			want   int
		}{{61 * day, 0}, {50 * day, 1}, {45 * day, 0}, {20 * day, 1}, {19 * day, 0}, {3 * day, 1}, {day, 0}, {-day, 0}} {
			n, err := f.app.QueueLicenceReminders(f.ctx, until.Add(-step.before))
			f.must(err)
			if n != step.want {
				t.Errorf("%v before the end: %d reminders, want %d", step.before, n, step.want)
			}
		}
		f.smtp.Wait(t, 4) // the order's confirmation and three reminders
		f.idle()
		ms := withSubject(f.smtp.Messages(), "Maintenance of your")
		if len(ms) != 3 {
			t.Errorf("%d reminders", len(ms))
		}
		texts := ""
		for _, m := range ms {
			texts += m.Text
			if !strings.Contains(m.Subject, "CAD <suite>") || strings.Contains(m.HTML, "<suite>") {
				t.Errorf("letter %q: %s", m.Subject, m.HTML)
			}
		}
		for _, want := range []string{"in 50 days", "in 20 days", "in 3 days", "for 3 seats", "/portal/licences/" + ls[0].ID} {
			if !strings.Contains(texts, want) {
				t.Errorf("letters do not say %q: %s", want, texts)
			}
		}
		// A licence first seen five days before gets only the 7-day reminder.
		_, _, err = f.app.PlaceCompanyOrder(f.ctx, buyer, "lic-2", app.CompanyOrderInput{Lines: []app.CheckoutLine{{SKU: "LIC-CAD", Quantity: qty.Units(1)}}})
		f.must(err)
		ls, err = f.app.Licences(f.ctx, buyer, app.LicenceQuery{Limit: 10})
		f.must(err)
		n, err := f.app.QueueLicenceReminders(f.ctx, ls[1].MaintenanceUntil.Add(-5*day))
		f.must(err)
		if n != 1 {
			t.Errorf("late licence: %d reminders", n)
		}
		if n, _ := f.app.QueueLicenceReminders(f.ctx, ls[1].MaintenanceUntil.Add(-4*day)); n != 0 {
			t.Errorf("late licence again: %d reminders", n)
		}
	})
}
