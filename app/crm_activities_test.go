package app_test

import (
	"maps"
	"strings"
	"sync"
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

func TestActivitiesAndFollowUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		d := f.deal("Kiln", 9_000_00, "EUR")
		acct := f.users[staff.AccountManager]
		f.manage(f.org.ID, acct) // an account manager works their own accounts

		// A meeting logged as done comes back with the thank-you proposal, not stored.
		res, err := f.app.CreateActivity(f.ctx, acct, app.NewActivity{Kind: crm.KindMeeting, Subject: "Site visit",
			Due: f.now.Add(-2 * time.Hour), Done: true, OrganizationID: f.org.ID, ContactIDs: []string{f.ceo.ID},
			OpportunityID: d.ID})
		f.must(err)
		fu := res.FollowUp
		if fu == nil || fu.Kind != crm.KindTask || !fu.Due.Equal(f.now.AddDate(0, 0, 2)) || fu.OpportunityID != d.ID ||
			len(fu.ContactIDs) != 1 || !strings.Contains(fu.Subject, "Site visit") {
			t.Fatalf("proposal = %+v", fu)
		}
		if n := f.rows()["activities"]; n != 1 {
			t.Fatalf("%d activities; the proposal must not be stored", n)
		}
		// Confirming it is creating it, linked to the meeting.
		conf, err := f.app.CreateActivity(f.ctx, acct, app.NewActivity{Kind: fu.Kind, Subject: fu.Subject, Due: fu.Due,
			OrganizationID: fu.OrganizationID, ContactIDs: fu.ContactIDs, OpportunityID: fu.OpportunityID,
			FollowUpOf: res.Activity.ID})
		f.must(err)
		if conf.FollowUp != nil || conf.Activity.FollowUpOf != res.Activity.ID {
			t.Fatalf("confirmed = %+v", conf)
		}

		// A call planned, then done: the proposal comes with the completion.
		call, err := f.app.CreateActivity(f.ctx, acct, app.NewActivity{Kind: crm.KindCall, Subject: "Price call",
			Due: f.now.Add(time.Hour), PersonID: ""})
		f.must(err)
		if call.FollowUp != nil {
			t.Fatal("a call not yet done has no follow-up")
		}
		f.advance(2 * time.Hour)
		done, err := f.app.CompleteActivity(f.ctx, acct, call.Activity.ID)
		f.must(err)
		if !done.Activity.Done() || done.FollowUp == nil {
			t.Fatalf("completed = %+v", done)
		}
		_, err = f.app.CompleteActivity(f.ctx, acct, call.Activity.ID)
		crmWantCode(t, err, errs.Conflict)

		// Overdue: the follow-up task is due in two working days; move past it.
		f.advance(5 * 24 * time.Hour)
		groups, err := f.app.OverdueActivities(f.ctx, f.users[staff.Support], "")
		f.must(err)
		if len(groups) != 1 || groups[0].Owner != acct.UserID || len(groups[0].Activities) != 1 ||
			groups[0].Activities[0].ID != conf.Activity.ID {
			t.Fatalf("overdue = %+v", groups)
		}

		// Filters.
		list, err := f.app.Activities(f.ctx, f.sales(), app.ActivityQuery{ContactID: f.ceo.ID, Limit: 10})
		f.must(err)
		if len(list) != 2 { // the meeting and its confirmed follow-up
			t.Fatalf("by contact: %d", len(list))
		}
		open := false
		list, err = f.app.Activities(f.ctx, f.sales(), app.ActivityQuery{Owner: acct.UserID, Done: &open, Limit: 10})
		f.must(err)
		if len(list) != 1 {
			t.Fatalf("open: %d", len(list))
		}

		// The calendar has the meeting and call as events and the task as a to-do.
		ics, err := f.app.ActivitiesCalendar(f.ctx, acct, "")
		f.must(err)
		s := string(ics)
		if strings.Count(s, "BEGIN:VEVENT") != 2 || strings.Count(s, "BEGIN:VTODO") != 1 ||
			!strings.Contains(s, "UID:"+res.Activity.ID+"@b2x") {
			t.Fatalf("calendar:\n%s", s)
		}

		// Edit and audit.
		notes := "Brought samples"
		v, err := f.app.UpdateActivity(f.ctx, acct, res.Activity.ID, app.ActivityPatch{Notes: &notes})
		f.must(err)
		if v.Notes != notes || len(v.ContactIDs) != 1 {
			t.Fatalf("updated = %+v", v)
		}
		es := f.audits("activity", res.Activity.ID)
		if len(es) != 2 || es[0].Action != "activity.update" {
			t.Fatalf("audit = %+v", es)
		}
		if c := changeOf(t, es[0]); len(c) != 1 || c["notes"] == nil {
			t.Fatalf("update change = %v", c)
		}
	})
}

func TestActivityRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		other, err := f.app.CreateOrganization(f.ctx, f.owner(), partyOrg("Other AG"))
		f.must(err)
		before := f.rows()
		tests := []struct {
			in    app.NewActivity
			field string
		}{
			{app.NewActivity{Kind: "lunch", Subject: "x"}, "kind"},
			{app.NewActivity{Kind: crm.KindTask, Subject: "no due"}, "due"},
			{app.NewActivity{Kind: crm.KindNote, Subject: "n", Due: f.now}, "due"},
			{app.NewActivity{Kind: crm.KindNote, Subject: "n", OrganizationID: other.ID, ContactIDs: []string{f.ceo.ID}}, "contact_ids[0]"},
			{app.NewActivity{Kind: crm.KindNote, Subject: "n", OpportunityID: "0190c8c1-0000-7000-8000-000000000000"}, "opportunity_id"},
			{app.NewActivity{Kind: crm.KindNote, Subject: "n", FollowUpOf: "nope"}, "follow_up_of"},
		}
		for _, tt := range tests {
			_, err := f.app.CreateActivity(f.ctx, f.sales(), tt.in)
			crmWantField(t, err, tt.field)
		}
		_, err = f.app.CreateActivity(f.ctx, f.users[staff.Warehouse], app.NewActivity{Kind: crm.KindNote, Subject: "n"})
		crmWantCode(t, err, errs.Forbidden)
		if after := f.rows(); !maps.Equal(before, after) {
			t.Fatalf("refusals wrote: %v → %v", before, after)
		}
	})
}

func TestAccountManagersAndWorkload(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		acct, sales := f.users[staff.AccountManager], f.sales()
		_, err := f.app.ReassignAccount(f.ctx, acct, f.org.ID, acct.UserID)
		crmWantCode(t, err, errs.Forbidden)
		h, err := f.app.ReassignAccount(f.ctx, sales, f.org.ID, acct.UserID)
		f.must(err)
		if len(h) != 1 || !h[0].Current() || h[0].Manager != acct.UserID || h[0].By != sales.UserID {
			t.Fatalf("first assignment = %+v", h)
		}
		f.advance(time.Hour)
		_, err = f.app.ReassignAccount(f.ctx, sales, f.org.ID, acct.UserID)
		crmWantCode(t, err, errs.Conflict)
		_, err = f.app.ReassignAccount(f.ctx, sales, f.org.ID, "0190c8c1-0000-7000-8000-000000000000")
		crmWantField(t, err, "manager")
		h, err = f.app.ReassignAccount(f.ctx, sales, f.org.ID, sales.UserID)
		f.must(err)
		if len(h) != 2 || h[0].Current() || !h[1].Current() || h[1].Manager != sales.UserID || !h[0].To.Equal(h[1].From) {
			t.Fatalf("history = %+v", h)
		}
		got, err := f.app.AccountHistory(f.ctx, f.users[staff.Support], f.org.ID)
		f.must(err)
		if len(got) != 2 || got[0].Manager != acct.UserID {
			t.Fatalf("stored history = %+v", got)
		}
		if es := f.audits("organization", f.org.ID); es[0].Action != "account.reassign" {
			t.Fatalf("audit = %+v", es[0])
		}

		// Workload from the aggregates equals crm's Workload over every record.
		org2, err := f.app.CreateOrganization(f.ctx, f.owner(), partyOrg("Second GmbH"))
		f.must(err)
		_, err = f.app.ReassignAccount(f.ctx, sales, org2.ID, acct.UserID)
		f.must(err)
		a := f.deal("Open EUR", 100_00, "EUR")
		f.deal("Open USD", 5_00, "USD")
		lost := f.deal("Lost", 7_00, "EUR")
		_, err = f.app.MoveOpportunity(f.ctx, sales, lost.ID, app.Move{To: "lost", LostReason: "price"})
		f.must(err)
		_, err = f.app.UpdateOpportunity(f.ctx, sales, a.ID, app.OpportunityPatch{Owner: &acct.UserID})
		f.must(err)
		_, err = f.app.CreateActivity(f.ctx, acct, app.NewActivity{Kind: crm.KindTask, Subject: "late", Due: f.now.Add(-time.Hour)})
		f.must(err)
		_, err = f.app.CreateActivity(f.ctx, sales, app.NewActivity{Kind: crm.KindTask, Subject: "later", Due: f.now.Add(time.Hour)})
		f.must(err)
		f.advance(time.Minute)
		rows, err := f.app.Workload(f.ctx, sales)
		f.must(err)

		var opps []crm.Opportunity
		deals, err := f.app.Opportunities(f.ctx, sales, app.OpportunityQuery{Limit: 100})
		f.must(err)
		for _, d := range deals {
			opps = append(opps, d.Opportunity)
		}
		acts, err := f.app.Activities(f.ctx, sales, app.ActivityQuery{Limit: 100})
		f.must(err)
		var all []crm.Activity
		for _, x := range acts {
			all = append(all, x.Activity)
		}
		byManager := map[string][]string{acct.UserID: {org2.ID}, sales.UserID: {f.org.ID}}
		want, err := crm.DefaultPipeline().Workload(byManager, opps, all, f.now)
		f.must(err)
		if len(rows) != len(want) {
			t.Fatalf("workload = %+v, want %+v", rows, want)
		}
		for i := range rows {
			if rows[i].Manager != want[i].Manager || rows[i].Accounts != want[i].Accounts || rows[i].OpenDeals != want[i].OpenDeals ||
				rows[i].OverdueTasks != want[i].OverdueTasks || !equalAmounts(rows[i].OpenAmount, want[i].OpenAmount) {
				t.Fatalf("workload row %d = %+v, want %+v", i, rows[i], want[i])
			}
		}
	})
}

func equalAmounts(a, b []money.Amount) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestConcurrentReassignments gives one organization to two managers at once:
// exactly one assignment is current afterwards, whoever won.
func TestConcurrentReassignments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		var wg sync.WaitGroup
		for _, r := range []staff.Role{staff.AccountManager, staff.SalesManager, staff.Support} {
			wg.Go(func() {
				_, err := f.app.ReassignAccount(f.ctx, f.sales(), f.org.ID, f.users[r].UserID)
				if err != nil && errs.CodeOf(err) != errs.Conflict {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		h, err := f.app.AccountHistory(f.ctx, f.sales(), f.org.ID)
		f.must(err)
		current := 0
		for _, a := range h {
			if a.Current() {
				current++
			}
		}
		if current != 1 {
			t.Fatalf("%d current assignments: %+v", current, h)
		}
	})
}
