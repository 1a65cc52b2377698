package app_test

import (
	"testing"
	"time"

	"b2x/app"
	"b2x/crm"
	"b2x/errs"
	"b2x/money"
	"b2x/staff"
	"b2x/store"
	"b2x/store/storetest"
)

// An account manager's lists and reports hold only the organizations assigned
// to them now (S14): the organization list and page, tenders, the forecast and
// the workload. Staff who see every account still see both.
func TestAccountManagerListsAndReportsHoldOnlyTheirAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		am, sales := f.users[staff.AccountManager], f.sales()
		f.manage(f.org.ID, am)
		other, err := f.app.CreateOrganization(f.ctx, f.owner(), partyOrg("Elsewhere Ltd"))
		f.must(err)

		orgs, err := f.app.Organizations(f.ctx, am, app.OrganizationQuery{Limit: 10})
		f.must(err)
		if len(orgs) != 1 || orgs[0].ID != f.org.ID {
			t.Errorf("account manager's organizations = %+v, want only %s", orgs, f.org.LegalName)
		}
		if orgs, err = f.app.Organizations(f.ctx, sales, app.OrganizationQuery{Limit: 10}); err != nil || len(orgs) != 2 {
			t.Errorf("sales manager's organizations = %d, %v; want 2", len(orgs), err)
		}
		_, err = f.app.Organization(f.ctx, am, other.ID)
		crmWantCode(t, err, errs.NotFound)
		if _, err = f.app.Organization(f.ctx, am, f.org.ID); err != nil {
			t.Errorf("own organization: %v", err)
		}

		tender := func(org string) app.TenderView {
			v, err := f.app.CreateTender(f.ctx, sales, app.NewTender{OrganizationID: org, Title: "Kilns " + org,
				PublishedAt: f.now.AddDate(0, 0, -1), Deadline: f.now.AddDate(0, 0, 5)})
			f.must(err)
			return v
		}
		mine, theirs := tender(f.org.ID), tender(other.ID)
		ts, err := f.app.Tenders(f.ctx, am, app.TenderQuery{Limit: 10})
		f.must(err)
		if len(ts) != 1 || ts[0].ID != mine.ID {
			t.Errorf("account manager's tenders = %d, want only %s", len(ts), mine.ID)
		}
		_, err = f.app.Tender(f.ctx, am, theirs.ID)
		crmWantCode(t, err, errs.NotFound)
		if _, err = f.app.Tender(f.ctx, am, mine.ID); err != nil {
			t.Errorf("own tender: %v", err)
		}

		// One deal on each account, both owned by the sales manager.
		f.deal("Mine", 100_00, "EUR")
		_, err = f.app.CreateOpportunity(f.ctx, sales, app.NewOpportunity{OrganizationID: other.ID, Title: "Theirs",
			Amount: money.MustNew(900_00, "EUR"), ExpectedClose: f.now.AddDate(0, 1, 0), Source: "referral"})
		f.must(err)
		q := app.ForecastQuery{From: f.now, To: f.now.AddDate(0, 3, 0)}
		count := func(actor app.Actor) (n int) {
			rows, err := f.app.Forecast(f.ctx, actor, q)
			f.must(err)
			for _, r := range rows {
				n += r.Count
			}
			return n
		}
		if got := count(am); got != 1 {
			t.Errorf("account manager's forecast counts %d deals, want 1", got)
		}
		if got := count(sales); got != 2 {
			t.Errorf("sales manager's forecast counts %d deals, want 2", got)
		}

		f.advance(time.Minute)
		rows, err := f.app.Workload(f.ctx, am)
		f.must(err)
		if len(rows) != 1 || rows[0].Manager != am.UserID || rows[0].Accounts != 1 {
			t.Errorf("account manager's workload = %+v, want only their own row", rows)
		}
		if rows, err = f.app.Workload(f.ctx, sales); err != nil || len(rows) < 2 {
			t.Errorf("sales manager's workload = %+v, %v; want every manager", rows, err)
		}

		_, err = f.app.CreateActivity(f.ctx, sales, app.NewActivity{Kind: crm.KindTask, Subject: "sales late", Due: f.now.Add(-time.Hour)})
		f.must(err)
		_, err = f.app.CreateActivity(f.ctx, am, app.NewActivity{Kind: crm.KindTask, Subject: "am late", Due: f.now.Add(-time.Hour)})
		f.must(err)
		f.advance(time.Minute)
		groups, err := f.app.OverdueActivities(f.ctx, am, "")
		f.must(err)
		if len(groups) != 1 || groups[0].Owner != am.UserID {
			t.Errorf("account manager's overdue list = %+v, want only their own", groups)
		}
		if groups, err = f.app.OverdueActivities(f.ctx, sales, ""); err != nil || len(groups) != 2 {
			t.Errorf("sales manager's overdue list = %d groups, %v; want 2", len(groups), err)
		}
	})
}
