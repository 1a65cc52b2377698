package app_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/party"
	"b2x/qty"
	"b2x/recurring"
	"b2x/store"
	"b2x/store/storetest"
)

func TestRecurringOrders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		buyer := buyerOf(f.tech)
		now := time.Now().UTC()
		today := recurring.DayOf(now)
		weekly := app.RecurringOrderInput{Name: "Consumables", Lines: []recurring.Line{{SKU: "BRK", Quantity: qty.Units(100)}},
			Every: 1, Unit: recurring.Week, StartsOn: today, NoticeDays: 2}
		other := f.organization("Other AG", 1_000_000)
		stranger := buyerOf(f.contact(other.ID, "Stranger", party.DecisionMaker, 1))

		for name, c := range map[string]struct {
			change func(in *app.RecurringOrderInput)
			field  string
		}{
			"start in the past":    {func(in *app.RecurringOrderInput) { in.StartsOn = today.AddDate(0, 0, -1) }, "starts_on"},
			"a b2c product":        {func(in *app.RecurringOrderInput) { in.Lines = []recurring.Line{{SKU: "TOY", Quantity: qty.Units(1)}} }, "lines[0].sku"},
			"another organization": {func(in *app.RecurringOrderInput) { in.OrganizationID = other.ID }, "organization_id"},
			"every zero":           {func(in *app.RecurringOrderInput) { in.Every = 0 }, "every"},
			"half a brick":         {func(in *app.RecurringOrderInput) { in.Lines[0].Quantity = qty.Units(1) / 2 }, "lines[0].quantity"},
		} {
			in := weekly
			in.Lines = []recurring.Line{weekly.Lines[0]}
			c.change(&in)
			_, err := f.app.CreateRecurringOrder(f.ctx, buyer, in)
			expectField(t, name, err, c.field)
		}
		s, err := f.app.CreateRecurringOrder(f.ctx, buyer, weekly)
		f.must(err)
		if s.OrganizationID != f.org.ID || s.ContactID != f.tech.ID || !s.NextRun.Equal(today) || !s.Active {
			t.Fatalf("schedule %+v", s)
		}

		runs, err := f.app.RunDueRecurringOrders(f.ctx, now)
		f.must(err)
		if len(runs) != 1 || runs[0].Outcome != "ordered" || runs[0].OrderID == "" || !runs[0].RunOn.Equal(today) {
			t.Fatalf("runs %+v", runs)
		}
		o, err := f.app.Order(f.ctx, staffActor, runs[0].OrderID)
		if err != nil || o.Customer.OrganizationID != f.org.ID || o.Customer.ContactID != f.tech.ID ||
			!strings.Contains(o.Note, "Consumables") || o.Lines[0].Quantity != qty.Units(100) {
			t.Errorf("order %v %+v", err, o)
		}
		if again, err := f.app.RunDueRecurringOrders(f.ctx, now); err != nil || len(again) != 0 {
			t.Errorf("second sweep: %v %+v", err, again)
		}
		v, err := f.app.RecurringOrder(f.ctx, buyer, s.ID)
		if err != nil || !v.Schedule.NextRun.Equal(today.AddDate(0, 0, 7)) || len(v.Runs) != 1 {
			t.Errorf("after the run: %v %+v", err, v)
		}

		// Notices: two days before the next run, once.
		early := today.AddDate(0, 0, 4)
		if ns, _ := f.app.DueRecurringNotices(f.ctx, early); len(ns) != 0 {
			t.Errorf("notice three days early: %+v", ns)
		}
		at := today.AddDate(0, 0, 5).Add(time.Hour)
		var wg sync.WaitGroup
		got := make(chan int, 4)
		for range 4 {
			wg.Go(func() {
				ns, err := f.app.DueRecurringNotices(f.ctx, at)
				if err != nil {
					t.Error(err)
				}
				for _, n := range ns {
					if n.Schedule.ID != s.ID || n.Contact == nil || n.Contact.ID != f.tech.ID || n.Organization.ID != f.org.ID ||
						n.Products[0].SKU != "BRK" || !n.RunOn.Equal(today.AddDate(0, 0, 7)) {
						t.Errorf("notice %+v", n)
					}
				}
				got <- len(ns)
			})
		}
		wg.Wait()
		close(got)
		total := 0
		for n := range got {
			total += n
		}
		if total != 1 {
			t.Errorf("%d notices from four callers at once, want 1", total)
		}

		// Two sweeps at once make each due run once.
		daily, err := f.app.CreateRecurringOrder(f.ctx, staffActor, app.RecurringOrderInput{OrganizationID: f.org.ID, Name: "Daily cement",
			Lines: []recurring.Line{{SKU: "CEM-KG", Quantity: qty.Units(5)}}, Every: 1, Unit: recurring.Day, StartsOn: today})
		f.must(err)
		ordersBefore, _ := db.CountRows(f.ctx, "orders")
		results := make(chan []store.RecurringRun, 4)
		for range 4 {
			wg.Go(func() {
				runs, err := f.app.RunDueRecurringOrders(f.ctx, now)
				if err != nil {
					t.Error(err)
				}
				results <- runs
			})
		}
		wg.Wait()
		close(results)
		made := 0
		for rs := range results {
			made += len(rs)
		}
		ordersAfter, _ := db.CountRows(f.ctx, "orders")
		if made != 1 || ordersAfter != ordersBefore+1 {
			t.Errorf("four sweeps at once: %d runs reported, %d orders placed; want 1 and 1", made, ordersAfter-ordersBefore)
		}

		// Runs missed while b2x was down are not made late: one run, then the next
		// date after now.
		later := now.AddDate(0, 0, 5)
		runs, err = f.app.RunDueRecurringOrders(f.ctx, later)
		f.must(err)
		if len(runs) != 1 || runs[0].ScheduleID != daily.ID || !runs[0].RunOn.Equal(today.AddDate(0, 0, 1)) {
			t.Errorf("after five days away: %+v", runs)
		}
		dv, _ := f.app.RecurringOrder(f.ctx, staffActor, daily.ID)
		if !dv.Schedule.NextRun.Equal(today.AddDate(0, 0, 6)) {
			t.Errorf("next run %s, want %s", dv.Schedule.NextRun, today.AddDate(0, 0, 6))
		}

		// A run that cannot be placed is recorded with its problem and moves on.
		paused := false
		_, err = f.app.UpdateRecurringOrder(f.ctx, buyer, daily.ID, app.RecurringChanges{Active: &paused})
		f.must(err)
		huge, err := f.app.CreateRecurringOrder(f.ctx, buyer, app.RecurringOrderInput{Name: "Too much",
			Lines: []recurring.Line{{SKU: "BRK", Quantity: qty.Units(1_000_000)}}, Every: 1, Unit: recurring.Month, StartsOn: today})
		f.must(err)
		runs, err = f.app.RunDueRecurringOrders(f.ctx, now)
		f.must(err)
		if len(runs) != 1 || runs[0].ScheduleID != huge.ID || runs[0].Outcome != "failed" || runs[0].OrderID != "" ||
			!strings.Contains(runs[0].Problem, "BRK") {
			t.Errorf("failed run %+v", runs)
		}
		hv, _ := f.app.RecurringOrder(f.ctx, buyer, huge.ID)
		if len(hv.Runs) != 1 || hv.Runs[0].Outcome != "failed" || !hv.Schedule.NextRun.Equal(recurring.RunDate(today, 1, recurring.Month, 1)) {
			t.Errorf("after the failure %+v", hv)
		}
		// A contact who may no longer order: the weekly run placed for them fails
		// and says why; the daily one, set up by staff for the organization without
		// a contact, is placed. Resuming keeps the daily run planned for six days
		// from today.
		f.restrict(f.tech, 0, party.View)
		active := true
		dv.Schedule, err = f.app.UpdateRecurringOrder(f.ctx, staffActor, daily.ID, app.RecurringChanges{Active: &active})
		f.must(err)
		if !dv.Schedule.NextRun.Equal(today.AddDate(0, 0, 6)) {
			t.Errorf("resumed: next run %s", dv.Schedule.NextRun)
		}
		runs, err = f.app.RunDueRecurringOrders(f.ctx, now.AddDate(0, 0, 7))
		f.must(err)
		if len(runs) != 2 {
			t.Errorf("runs %+v, want the daily and the weekly", runs)
		}
		for _, r := range runs {
			switch r.ScheduleID {
			case s.ID:
				if r.Outcome != "failed" || !strings.Contains(r.Problem, `"order" permission`) {
					t.Errorf("without the order permission: %+v", r)
				}
			case daily.ID:
				if r.Outcome != "ordered" || !r.RunOn.Equal(today.AddDate(0, 0, 6)) {
					t.Errorf("the organization's own schedule: %+v", r)
				}
			}
		}
		for name, err := range map[string]error{
			"read": func() error { _, err := f.app.RecurringOrder(f.ctx, stranger, s.ID); return err }(),
			"update": func() error {
				_, err := f.app.UpdateRecurringOrder(f.ctx, stranger, s.ID, app.RecurringChanges{Active: &paused})
				return err
			}(),
		} {
			expectCode(t, "another organization's recurring order: "+name, err, errs.NotFound)
		}
		if list, err := f.app.RecurringOrders(f.ctx, stranger, f.org.ID); err != nil || len(list) != 0 {
			t.Errorf("a filter naming another organization: %v %d", err, len(list))
		}
		if list, err := f.app.RecurringOrders(f.ctx, staffActor, f.org.ID); err != nil || len(list) != 3 {
			t.Errorf("staff list: %v %d", err, len(list))
		}
		f.ledgerBalanced()
	})
}
