package app_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/crm"
	"b2x/errs"
	"b2x/money"
	"b2x/party"
	"b2x/qty"
	"b2x/quote"
	"b2x/staff"
	"b2x/store"
	"b2x/store/storetest"
)

// quote makes a draft quote for the fixture's organization.
func (f *crmFixture) quote() quote.Quote {
	f.t.Helper()
	f.must(f.app.UpsertCategory(f.ctx, f.owner(), catalog.Category{Slug: "kilns", Name: "Kilns"}))
	if _, err := f.app.Product(f.ctx, f.owner(), "KILN-1"); err != nil {
		_, err := f.app.CreateProduct(f.ctx, f.owner(), app.NewProduct{
			Product: catalog.Product{SKU: "KILN-1", Name: "Kiln", Category: "kilns", Kind: catalog.Goods, Unit: "pcs",
				Channels: catalog.Channels{catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000},
			Prices: map[catalog.Channel]money.Amount{catalog.B2B: money.MustNew(5_000_00, "EUR")}})
		f.must(err)
	}
	q, err := f.app.CreateQuote(f.ctx, f.sales(), app.NewQuote{OrganizationID: f.org.ID,
		Lines: []app.QuoteLineInput{{SKU: "KILN-1", Quantity: qty.Units(2)}}, ValidUntil: f.now.AddDate(0, 1, 0)})
	f.must(err)
	return q
}

func TestTenderLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		q := f.quote()
		in := app.NewTender{OrganizationID: f.org.ID, Title: "Two kilns for the plant", PublishedAt: f.now.AddDate(0, 0, -1),
			Deadline: f.now.AddDate(0, 0, 5), Requirements: []crm.Requirement{{Text: "ISO 9001"}, {Text: "Delivery in 30 days"}},
			Documents: []store.TenderDocument{{Name: "Terms", URL: "https://buyer.example/terms.pdf"}, {Name: "Spec", Text: "1200 °C"}}}
		_, err := f.app.CreateTender(f.ctx, f.users[staff.AccountManager], in)
		crmWantCode(t, err, errs.Forbidden)
		bad := in
		bad.Deadline = bad.PublishedAt
		bad.Documents = []store.TenderDocument{{Name: "x", URL: "javascript:alert(1)"}}
		_, err = f.app.CreateTender(f.ctx, f.sales(), bad)
		crmWantField(t, err, "deadline")
		crmWantField(t, err, "documents[0].url")

		tv, err := f.app.CreateTender(f.ctx, f.sales(), in)
		f.must(err)
		if tv.Status != crm.TenderOpen || len(tv.Documents) != 2 || tv.Owner != f.sales().UserID {
			t.Fatalf("tender = %+v", tv)
		}

		// Deadline in 5 days: the 7-day reminder is due.
		rs, err := f.app.TenderReminders(f.ctx, f.users[staff.Support])
		f.must(err)
		if len(rs) != 1 || rs[0].TenderID != tv.ID || rs[0].Lead != 7*24*time.Hour {
			t.Fatalf("reminders = %+v", rs)
		}

		// No-bid needs its reason.
		nb := crm.NoBid
		_, err = f.app.UpdateTender(f.ctx, f.sales(), tv.ID, app.TenderPatch{Decision: &nb})
		crmWantField(t, err, "decision_reason")

		bid := crm.Bid
		tv, err = f.app.UpdateTender(f.ctx, f.sales(), tv.ID, app.TenderPatch{Decision: &bid, SubmitQuoteID: &q.ID})
		f.must(err)
		if tv.Status != crm.TenderSubmitted || tv.QuoteID != q.ID || !tv.SubmittedAt.Equal(f.now) {
			t.Fatalf("submitted = %+v", tv)
		}
		rs, err = f.app.TenderReminders(f.ctx, f.sales())
		f.must(err)
		if len(rs) != 0 {
			t.Fatalf("a submitted tender needs no reminder: %+v", rs)
		}

		// A deal from the tender: once.
		d, err := f.app.CreateDealFromTender(f.ctx, f.sales(), tv.ID, app.TenderDeal{Amount: money.MustNew(10_000_00, "EUR")})
		f.must(err)
		if d.Source != crm.SourceTender || d.TenderID != tv.ID || d.OrganizationID != f.org.ID || !d.ExpectedClose.Equal(tv.Deadline) ||
			d.Title != in.Title {
			t.Fatalf("deal = %+v", d)
		}
		_, err = f.app.CreateDealFromTender(f.ctx, f.sales(), tv.ID, app.TenderDeal{Amount: money.MustNew(1, "EUR")})
		crmWantCode(t, err, errs.Conflict)

		// Lost needs the winner.
		lost := crm.OutcomeLost
		_, err = f.app.UpdateTender(f.ctx, f.sales(), tv.ID, app.TenderPatch{Outcome: &lost})
		crmWantField(t, err, "winner_name")
		winner := "Rival Ltd"
		tv, err = f.app.UpdateTender(f.ctx, f.sales(), tv.ID, app.TenderPatch{Outcome: &lost, WinnerName: &winner,
			WinningPrice: ptr(money.MustNew(9_500_00, "EUR")), Version: tv.Version})
		f.must(err)
		if tv.Status != crm.TenderLost || tv.OpportunityID != d.ID || tv.WinningPrice.Minor != 9_500_00 {
			t.Fatalf("lost = %+v", tv)
		}
		_, err = f.app.UpdateTender(f.ctx, f.sales(), tv.ID, app.TenderPatch{Outcome: &lost, WinnerName: &winner, Version: 1})
		crmWantCode(t, err, errs.Conflict)

		list, err := f.app.Tenders(f.ctx, f.sales(), app.TenderQuery{OrganizationID: f.org.ID, Limit: 10})
		f.must(err)
		if len(list) != 1 || list[0].ID != tv.ID {
			t.Fatalf("list = %+v", list)
		}
		es := f.audits("tender", tv.ID)
		if len(es) != 3 {
			t.Fatalf("%d tender audits", len(es))
		}
		if c := changeOf(t, es[0]); c["outcome"] == nil || c["winner_name"] == nil || c["status"] == nil {
			t.Fatalf("close change = %v", c)
		}
	})
}

func TestWinningPoints(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		q := f.quote()
		mk := f.users[staff.Marketing]
		_, err := f.app.CreateWinningPoint(f.ctx, f.users[staff.Support], app.WinningPointInput{Title: "t", Text: "x"})
		crmWantCode(t, err, errs.Forbidden)
		_, err = f.app.CreateWinningPoint(f.ctx, mk, app.WinningPointInput{Title: " ", Tags: []string{"a", "a"}})
		crmWantField(t, err, "title")
		crmWantField(t, err, "text")
		crmWantField(t, err, "tags[1]")
		p, err := f.app.CreateWinningPoint(f.ctx, mk, app.WinningPointInput{Title: "Installed in a day",
			Text: "Our crew installs and commissions a kiln in one working day.", Tags: []string{"service"}})
		f.must(err)

		// Marketing may edit the library but not a quote; the sales manager may.
		_, err = f.app.UseWinningPoint(f.ctx, mk, p.ID, "quote:"+q.ID)
		crmWantCode(t, err, errs.Forbidden)
		p, err = f.app.UseWinningPoint(f.ctx, f.sales(), p.ID, "quote:"+q.ID)
		f.must(err)
		if len(p.Uses) != 1 || p.Uses[0].UsedIn != "quote:"+q.ID || p.Uses[0].By != f.sales().UserID {
			t.Fatalf("uses = %+v", p.Uses)
		}
		_, err = f.app.UseWinningPoint(f.ctx, f.sales(), p.ID, "quote:"+q.ID)
		crmWantCode(t, err, errs.Conflict)
		_, err = f.app.UseWinningPoint(f.ctx, f.sales(), p.ID, "quote:0190c8c1-0000-7000-8000-000000000000")
		crmWantField(t, err, "used_in")
		_, err = f.app.UseWinningPoint(f.ctx, mk, p.ID, "campaign:0190c8c1-0000-7000-8000-000000000000")
		f.must(err)
		_, err = f.app.UseWinningPoint(f.ctx, f.owner(), p.ID, "billboard:1")
		crmWantField(t, err, "used_in")

		list, err := f.app.WinningPoints(f.ctx, f.users[staff.AccountManager], "service")
		f.must(err)
		none, err := f.app.WinningPoints(f.ctx, f.sales(), "price")
		f.must(err)
		if len(list) != 1 || len(none) != 0 {
			t.Fatalf("by tag: %d, %d", len(list), len(none))
		}
		p, err = f.app.UpdateWinningPoint(f.ctx, mk, p.ID, app.WinningPointInput{Title: "Installed in one day",
			Text: p.Text, Tags: []string{"service", "terms"}})
		f.must(err)
		got, err := f.app.WinningPoint(f.ctx, f.sales(), p.ID)
		f.must(err)
		if got.Title != "Installed in one day" || len(got.Uses) != 2 || len(got.Tags) != 2 {
			t.Fatalf("point = %+v", got)
		}
		if es := f.audits("winning_point", p.ID); len(es) != 4 {
			t.Fatalf("%d audits", len(es))
		}
	})
}

func TestCustomerViewAndBuyingCenter(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		q := f.quote()
		cfo, err := f.app.CreateContact(f.ctx, f.owner(), party.Contact{OrganizationID: f.org.ID, Name: "Carl CFO",
			Role: party.FinancialApprover, Influence: 4})
		f.must(err)
		_, err = f.app.CreateContact(f.ctx, f.owner(), party.Contact{OrganizationID: f.org.ID, Name: "Front desk"})
		f.must(err)
		crmWantCode(t, f.app.SetContactStance(f.ctx, f.users[staff.Warehouse], cfo.ID, quote.Sceptic), errs.Forbidden)
		crmWantField(t, f.app.SetContactStance(f.ctx, f.sales(), cfo.ID, "hostile"), "stance")
		f.must(f.app.SetContactStance(f.ctx, f.sales(), cfo.ID, quote.Sceptic))

		bc, err := f.app.BuyingCenterMap(f.ctx, f.users[staff.Marketing], f.org.ID)
		f.must(err)
		if len(bc.Members) != 2 || len(bc.Others) != 1 || len(bc.MissingRoles) != 0 || !bc.Members[1].Doubter ||
			bc.Members[0].Stance != quote.Neutral {
			t.Fatalf("buying center = %+v", bc)
		}

		referrer, err := f.app.CreatePerson(f.ctx, f.owner(), party.Person{Name: "Rita Referrer"})
		f.must(err)
		crmWantField(t, f.app.SetReferredBy(f.ctx, f.sales(), f.org.ID, f.org.ID), "referred_by")
		crmWantField(t, f.app.SetReferredBy(f.ctx, f.sales(), f.org.ID, "0190c8c1-0000-7000-8000-000000000000"), "referred_by")
		f.must(f.app.SetReferredBy(f.ctx, f.sales(), f.org.ID, referrer.ID))

		d := f.deal("Kilns", 10_000_00, "EUR")
		_, err = f.app.CreateActivity(f.ctx, f.sales(), app.NewActivity{Kind: crm.KindTask, Subject: "Send brochure",
			Due: f.now.Add(-time.Hour), OrganizationID: f.org.ID, OpportunityID: d.ID})
		f.must(err)
		_, err = f.app.ReassignAccount(f.ctx, f.sales(), f.org.ID, f.users[staff.AccountManager].UserID)
		f.must(err)
		f.advance(time.Minute)

		_, err = f.app.CustomerView(f.ctx, f.users[staff.Warehouse], f.org.ID)
		crmWantCode(t, err, errs.Forbidden)
		v, err := f.app.CustomerView(f.ctx, f.users[staff.Support], f.org.ID)
		f.must(err)
		if v.Kind != "organization" || v.ReferredBy != referrer.ID || v.AccountManager != f.users[staff.AccountManager].UserID ||
			v.QuoteCount != 1 || v.Quotes[0].ID != q.ID || v.DealCount != 1 || v.ActivityCount != 1 || len(v.Overdue) != 1 ||
			v.BuyingCenter == nil || len(v.BuyingCenter.Members) != 2 || v.OrderCount != 0 {
			t.Fatalf("customer view = %+v", v)
		}
		pv, err := f.app.CustomerView(f.ctx, f.sales(), referrer.ID)
		f.must(err)
		if pv.Kind != "person" || len(pv.Referrals) != 1 || pv.Referrals[0] != f.org.ID || pv.BuyingCenter != nil {
			t.Fatalf("person view = %+v", pv)
		}
		_, err = f.app.CustomerView(f.ctx, f.sales(), "0190c8c1-0000-7000-8000-000000000000")
		crmWantCode(t, err, errs.NotFound)

		// Without a CFO the map says whom to find.
		other, err := f.app.CreateOrganization(f.ctx, f.owner(), partyOrg("Lonely AG"))
		f.must(err)
		bc, err = f.app.BuyingCenterMap(f.ctx, f.sales(), other.ID)
		f.must(err)
		if len(bc.MissingRoles) != 2 {
			t.Fatalf("missing = %v", bc.MissingRoles)
		}
	})
}

// TestAuditOfExistingUseCases checks that the older use cases now record what
// changed, and that only the owner reads the log.
func TestAuditOfExistingUseCases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		_, err := f.app.AuditLog(f.ctx, f.sales(), app.AuditQuery{Limit: 10})
		crmWantCode(t, err, errs.Forbidden)

		name := "Depot and Sons GmbH"
		_, err = f.app.UpdateOrganization(f.ctx, f.users[staff.Support], f.org.ID, app.OrganizationPatch{LegalName: &name})
		f.must(err)
		es := f.audits("organization", f.org.ID)
		if len(es) != 2 || es[0].Action != "organization.update" || es[1].Action != "organization.create" {
			t.Fatalf("audits = %+v", es)
		}
		c := changeOf(t, es[0])
		if len(c) != 1 {
			t.Fatalf("change = %v", c)
		}
		if lc, _ := json.Marshal(c["LegalName"]); !strings.Contains(string(lc), name) {
			t.Fatalf("legal name change = %s", lc)
		}

		q := f.quote()
		f.manage(f.org.ID, f.users[staff.AccountManager])
		_, err = f.app.SendQuote(f.ctx, f.users[staff.Marketing], q.ID)
		crmWantCode(t, err, errs.Forbidden)
		_, err = f.app.SendQuote(f.ctx, f.users[staff.AccountManager], q.ID)
		f.must(err)
		qs := f.audits("quote", q.ID)
		if len(qs) != 2 || qs[0].Action != "quote.send" || changeOf(t, qs[0])["Status"] == nil {
			t.Fatalf("quote audits = %+v", qs)
		}
		if ps := f.audits("product", "KILN-1"); len(ps) != 1 || ps[0].Action != "product.create" {
			t.Fatalf("product audits = %+v", ps)
		}

		// Filters: by actor and time.
		mine, err := f.app.AuditLog(f.ctx, f.owner(), app.AuditQuery{Actor: f.users[staff.AccountManager].UserID, Limit: 10})
		f.must(err)
		if len(mine) != 1 {
			t.Fatalf("by actor: %+v", mine)
		}
		all, err := f.app.AuditLog(f.ctx, f.owner(), app.AuditQuery{From: crmStart, To: crmStart.Add(time.Second), Limit: 2})
		f.must(err)
		next, err := f.app.AuditLog(f.ctx, f.owner(), app.AuditQuery{Before: all[1].ID, Limit: app.MaxPageSize})
		f.must(err)
		total := f.rows()["audit_log"]
		if len(all) != 2 || len(next) != total-2 {
			t.Fatalf("pages %d + %d of %d", len(all), len(next), total)
		}
		seen := map[string]bool{}
		for _, e := range append(all, next...) {
			seen[e.ID] = true
		}
		if len(seen) != total {
			t.Fatal("pages overlap")
		}
	})
}
