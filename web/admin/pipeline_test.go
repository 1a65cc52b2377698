package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// Without JavaScript a card's move form moves the deal; a move to lost without
// a reason and a move from a stale board are refused and change nothing.
func TestBoardMovesWithoutJavaScript(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	d := f.deal(t, "Racks")
	mgr := f.session(t, "manager@example.com")
	status, _, body := f.do(t, "GET", "/admin/pipeline", nil, mgr)
	if status != http.StatusOK || !strings.Contains(body, `action="/admin/deals/`+d.ID+`/move"`) {
		t.Fatalf("board: %d, no move form for the deal", status)
	}
	v := strconv.Itoa(d.Version)
	status, loc, _ := f.do(t, "POST", "/admin/deals/"+d.ID+"/move", url.Values{"to": {"lost"}, "version": {v}, "back": {"/admin/pipeline"}}, mgr)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("lost without a reason: %d → %q", status, loc)
	}
	status, loc, _ = f.do(t, "POST", "/admin/deals/"+d.ID+"/move", url.Values{"to": {"qualified"}, "version": {v}, "back": {"/admin/pipeline"}}, mgr)
	if status != http.StatusSeeOther || loc != "/admin/pipeline" {
		t.Fatalf("move: %d → %q", status, loc)
	}
	status, _, _ = f.do(t, "POST", "/admin/deals/"+d.ID+"/move", url.Values{"to": {"proposal"}, "version": {v}}, mgr)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("a move from a stale board: %d, want 422", status)
	}
	after, err := f.app.Opportunity(context.Background(), f.owner, d.ID)
	must(t, err)
	if after.Stage != "qualified" || len(after.History) != 1 {
		t.Fatalf("after one accepted move: stage %s, %d history entries", after.Stage, len(after.History))
	}
	_, _, body = f.do(t, "GET", "/admin/pipeline", nil, mgr)
	col := body[strings.Index(body, `id="stage-qualified"`):]
	col = col[:strings.Index(col, "</section>")]
	if !strings.Contains(col, "Racks") || !strings.Contains(col, "€5,000.00") {
		t.Fatal("the qualified column does not show the moved deal and its sum")
	}
}

func TestForecastWorkloadAndCalendar(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	f.deal(t, "Racks")
	mgr := f.session(t, "manager@example.com")
	status, _, body := f.do(t, "GET", "/admin/forecast", nil, mgr)
	if status != http.StatusOK || !strings.Contains(body, "€5,000.00") {
		t.Fatalf("forecast: %d, without the deal's amount", status)
	}
	status, _, body = f.do(t, "GET", "/admin/workload", nil, mgr)
	if status != http.StatusOK || !strings.Contains(body, f.owner.UserID) {
		t.Fatalf("workload: %d, without the deal's owner", status)
	}
	status, _, body = f.do(t, "GET", "/admin/activities.ics", nil, mgr)
	if status != http.StatusOK || !strings.HasPrefix(body, "BEGIN:VCALENDAR") {
		t.Fatalf("calendar: %d %.40q", status, body)
	}
	wh := f.session(t, "warehouse@example.com")
	if status, _, _ := f.do(t, "GET", "/admin/forecast", nil, wh); status != http.StatusForbidden {
		t.Fatalf("warehouse reads the forecast: %d", status)
	}
}
