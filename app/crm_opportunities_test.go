package app_test

import (
	"maps"
	"reflect"
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

func TestOpportunityLifecycle(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		d := f.deal("Bricks for the depot", 1_000_00, "EUR")
		if d.Stage != "lead" || d.ChanceOfWinning != 10 || d.Owner != f.sales().UserID || d.Version != 1 {
			t.Fatalf("new deal = %+v", d)
		}

		f.advance(48 * time.Hour)
		d, err := f.app.MoveOpportunity(f.ctx, f.sales(), d.ID, app.Move{To: "meeting"})
		f.must(err)
		f.advance(24 * time.Hour)
		_, err = f.app.MoveOpportunity(f.ctx, f.sales(), d.ID, app.Move{To: "lost"})
		crmWantField(t, err, "lost_reason")
		_, err = f.app.MoveOpportunity(f.ctx, f.sales(), d.ID, app.Move{To: "proposal", Version: 1})
		crmWantCode(t, err, errs.Conflict) // stale version
		d, err = f.app.MoveOpportunity(f.ctx, f.sales(), d.ID, app.Move{To: "lost", LostReason: "over budget"})
		f.must(err)
		if d.LostReason != "over budget" || d.ChanceOfWinning != 0 || len(d.History) != 2 {
			t.Fatalf("lost deal = %+v", d)
		}
		_, err = f.app.MoveOpportunity(f.ctx, f.sales(), d.ID, app.Move{To: "proposal"})
		crmWantCode(t, err, errs.Conflict) // a closed deal is reopened deliberately
		f.advance(time.Hour)
		d, err = f.app.MoveOpportunity(f.ctx, f.sales(), d.ID, app.Move{To: "proposal", Reopen: true})
		f.must(err)
		if d.LostReason != "" || d.Stage != "proposal" {
			t.Fatalf("reopened deal = %+v", d)
		}

		got, err := f.app.Opportunity(f.ctx, f.users[staff.Support], d.ID)
		f.must(err)
		want := map[string]time.Duration{"lead": 48 * time.Hour, "meeting": 24 * time.Hour, "lost": time.Hour, "proposal": 0}
		if !maps.Equal(got.TimeInStages, want) {
			t.Errorf("time in stages = %v, want %v", got.TimeInStages, want)
		}
		if len(got.History) != 3 || got.History[2].From != "lost" || got.History[0].By != f.sales().UserID {
			t.Errorf("history = %+v", got.History)
		}

		// Every allowed change is in the log, newest first, with what changed.
		es := f.audits("opportunity", d.ID)
		var actions []string
		for _, e := range es {
			actions = append(actions, e.Action)
		}
		if !reflect.DeepEqual(actions, []string{"opportunity.reopen", "opportunity.move", "opportunity.move", "opportunity.create"}) {
			t.Fatalf("audit actions = %v", actions)
		}
		if c := changeOf(t, es[1]); c["stage"] == nil || c["lost_reason"] == nil {
			t.Errorf("move to lost recorded %v", c)
		}
		if es[0].Actor != f.sales().UserID {
			t.Errorf("actor = %s", es[0].Actor)
		}

		p := 55
		d, err = f.app.UpdateOpportunity(f.ctx, f.sales(), d.ID, app.OpportunityPatch{Probability: &p,
			Amount: ptr(money.MustNew(2_000_00, "EUR"))})
		f.must(err)
		if d.ChanceOfWinning != 55 || d.Amount.Minor != 2_000_00 {
			t.Errorf("patched = %+v", d)
		}
		if c := changeOf(t, f.audits("opportunity", d.ID)[0]); len(c) != 3 { // amount, probability, updated
			t.Logf("update change = %v", c)
		}
	})
}

func ptr[T any](v T) *T { return &v }

func TestOpportunityRefusalsWriteNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		d := f.deal("Kept", 5_00, "EUR")
		before := f.rows()
		in := app.NewOpportunity{OrganizationID: f.org.ID, Title: "x", Amount: money.MustNew(1, "EUR"),
			ExpectedClose: f.now, Source: "web"}
		for _, role := range []staff.Role{staff.Warehouse, staff.Marketing, staff.Support} {
			_, err := f.app.CreateOpportunity(f.ctx, f.users[role], in)
			crmWantCode(t, err, errs.Forbidden)
			_, err = f.app.MoveOpportunity(f.ctx, f.users[role], d.ID, app.Move{To: "won"})
			crmWantCode(t, err, errs.Forbidden)
		}
		_, err := f.app.CreateOpportunity(f.ctx, app.Actor{}, in)
		crmWantCode(t, err, errs.Unauthorized)
		_, err = f.app.CreateOpportunity(f.ctx, app.Actor{ContactID: f.ceo.ID, OrganizationID: f.org.ID}, in)
		crmWantCode(t, err, errs.Forbidden)

		bad := in
		bad.Source, bad.Owner, bad.OrganizationID, bad.Title = "gossip", "b5d2a1d8-0000-7000-8000-000000000000", "", " "
		_, err = f.app.CreateOpportunity(f.ctx, f.sales(), bad)
		for _, field := range []string{"source", "organization_id", "title"} {
			crmWantField(t, err, field)
		}
		bad = in
		bad.Owner = "b5d2a1d8-0000-7000-8000-000000000000"
		_, err = f.app.CreateOpportunity(f.ctx, f.sales(), bad)
		crmWantField(t, err, "owner")
		bad = in
		bad.Stage = "dreaming"
		_, err = f.app.CreateOpportunity(f.ctx, f.sales(), bad)
		crmWantField(t, err, "stage")
		_, err = f.app.MoveOpportunity(f.ctx, f.sales(), d.ID, app.Move{To: "nowhere"})
		crmWantField(t, err, "to")
		if after := f.rows(); !maps.Equal(before, after) {
			t.Fatalf("refusals wrote: %v → %v", before, after)
		}
	})
}

// TestConcurrentMovesKeepOneHistory moves one deal from two goroutines at once:
// both moves land one after the other, and the history stays a chain.
func TestConcurrentMovesKeepOneHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		d := f.deal("Race", 1_00, "EUR")
		var wg sync.WaitGroup
		errsCh := make(chan error, 2)
		for _, to := range []string{"qualified", "meeting"} {
			wg.Go(func() {
				_, err := f.app.MoveOpportunity(f.ctx, f.sales(), d.ID, app.Move{To: to})
				errsCh <- err
			})
		}
		wg.Wait()
		close(errsCh)
		for err := range errsCh {
			f.must(err)
		}
		got, err := f.app.Opportunity(f.ctx, f.sales(), d.ID)
		f.must(err)
		if len(got.History) != 2 || got.History[1].From != got.History[0].To || got.Stage != got.History[1].To {
			t.Fatalf("history = %+v, stage %s", got.History, got.Stage)
		}
	})
}

func TestBoardAndForecast(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		a := f.deal("A", 100_00, "EUR")
		f.deal("B", 300_00, "EUR")
		f.deal("C", 50_00, "USD")
		won := f.deal("D", 1_000_00, "EUR")
		_, err := f.app.MoveOpportunity(f.ctx, f.sales(), a.ID, app.Move{To: "proposal"})
		f.must(err)
		_, err = f.app.MoveOpportunity(f.ctx, f.sales(), won.ID, app.Move{To: "won"})
		f.must(err)

		b, err := f.app.Board(f.ctx, f.users[staff.Marketing], app.BoardQuery{CardsPerStage: 1})
		f.must(err)
		cols := map[string]app.BoardColumn{}
		for _, c := range b.Columns {
			cols[c.Stage.Key] = c
		}
		lead := cols["lead"]
		if lead.Count != 2 || len(lead.Cards) != 1 || len(lead.Totals) != 2 ||
			lead.Totals[0] != money.MustNew(300_00, "EUR") || lead.Totals[1] != money.MustNew(50_00, "USD") {
			t.Fatalf("lead column = %+v", lead)
		}
		if cols["proposal"].Count != 1 || cols["won"].Count != 1 || cols["lost"].Count != 0 || len(b.Columns) != 7 {
			t.Fatalf("board = %+v", b)
		}
		b, err = f.app.Board(f.ctx, f.sales(), app.BoardQuery{Text: "b"})
		f.must(err)
		if b.Columns[0].Count != 1 || b.Columns[0].Cards[0].Title != "B" {
			t.Fatalf("filtered board = %+v", b.Columns[0])
		}

		// The forecast is crm's Forecast over the same deals.
		from, to := crmStart.AddDate(0, -1, 0), crmStart.AddDate(0, 3, 0)
		rows, err := f.app.Forecast(f.ctx, f.sales(), app.ForecastQuery{From: from, To: to})
		f.must(err)
		var all []crm.Opportunity
		list, err := f.app.Opportunities(f.ctx, f.sales(), app.OpportunityQuery{Limit: 100})
		f.must(err)
		for _, v := range list {
			full, err := f.app.Opportunity(f.ctx, f.sales(), v.ID)
			f.must(err)
			all = append(all, full.Opportunity)
		}
		want, err := crm.DefaultPipeline().Forecast(all, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC))
		f.must(err)
		if !reflect.DeepEqual(rows, want) || len(rows) != 3 {
			t.Fatalf("forecast = %+v, want %+v", rows, want)
		}
		_, err = f.app.Forecast(f.ctx, f.sales(), app.ForecastQuery{From: to, To: from})
		crmWantField(t, err, "to")
		_, err = f.app.Forecast(f.ctx, f.users[staff.Warehouse], app.ForecastQuery{From: from, To: to})
		crmWantCode(t, err, errs.Forbidden)
	})
}

func TestOpportunityListing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		var made []string
		for i := range 5 {
			made = append(made, f.deal("Deal "+string(rune('A'+i)), int64(i+1)*100, "EUR").ID)
			f.advance(time.Millisecond)
		}
		var got []string
		after := ""
		f.manage(f.org.ID, f.users[staff.AccountManager]) // an account manager lists their own accounts' deals
		for {
			page, err := f.app.Opportunities(f.ctx, f.users[staff.AccountManager], app.OpportunityQuery{After: after, Limit: 2})
			f.must(err)
			for _, o := range page {
				got = append(got, o.ID)
			}
			if len(page) < 2 {
				break
			}
			after = page[len(page)-1].ID
		}
		if !reflect.DeepEqual(got, made) {
			t.Fatalf("pages = %v, want %v", got, made)
		}
		page, err := f.app.Opportunities(f.ctx, f.sales(), app.OpportunityQuery{Stage: "lead", Source: "referral",
			Owner: f.sales().UserID, OrganizationID: f.org.ID, Text: "deal c", Limit: 10})
		f.must(err)
		if len(page) != 1 || page[0].Title != "Deal C" {
			t.Fatalf("filtered = %+v", page)
		}
		_, err = f.app.Opportunities(f.ctx, f.sales(), app.OpportunityQuery{After: "x", Limit: 0})
		crmWantField(t, err, "cursor")
	})
}

func TestPipelineChange(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCRMFixture(t, db)
		f.deal("In meeting", 1, "EUR")
		p := crm.DefaultPipeline()
		p.Stages = append(p.Stages[:0:0], p.Stages[0], p.Stages[1], p.Stages[3], p.Stages[5], p.Stages[6]) // no meeting, negotiation
		p.Stages = append(p.Stages, crm.Stage{Key: "lost_no_budget", Name: "No budget", Lost: true})
		_, err := f.app.SetPipeline(f.ctx, f.users[staff.AccountManager], p)
		crmWantCode(t, err, errs.Forbidden)
		_, err = f.app.SetPipeline(f.ctx, f.sales(), p)
		f.must(err)
		got, err := f.app.Pipeline(f.ctx, f.sales())
		f.must(err)
		if !reflect.DeepEqual(got, p) {
			t.Fatalf("pipeline = %+v", got)
		}
		// "lead" still holds a deal, so it cannot go.
		p2 := p
		p2.Stages = p.Stages[1:]
		_, err = f.app.SetPipeline(f.ctx, f.sales(), p2)
		crmWantCode(t, err, errs.Conflict)
		_, err = f.app.SetPipeline(f.ctx, f.sales(), crm.Pipeline{})
		crmWantField(t, err, "stages")
		if n := len(f.audits("pipeline", "1")); n != 1 {
			t.Fatalf("%d pipeline audits", n)
		}
	})
}
