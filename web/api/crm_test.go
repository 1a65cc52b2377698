package api_test

import (
	"strings"
	"testing"
	"time"

	"b2x/store"
	"b2x/store/storetest"
)

// TestDealFlowOverHTTP opens a deal, moves it, reads the board and logs a meeting,
// checking the JSON shapes the back office and clients rely on.
func TestDealFlowOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		r := e.do(call{"POST", "/api/v1/organizations", `{"legal_name":"Kiln Buyers"}`, true, nil})
		if r.status != 201 {
			t.Fatalf("organization: %d %s", r.status, r.body)
		}
		org := r.json(t)["id"].(string)
		r = e.do(call{"POST", "/api/v1/opportunities", `{"organization_id":"` + org + `","title":"Two kilns",
			"amount":{"amount":"12000.00","currency":"EUR"},"expected_close":"2026-06-30T00:00:00Z","source":"tender","probability":30}`, true, nil})
		if r.status != 201 || r.header.Get("Location") == "" {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		deal := r.json(t)
		id := deal["id"].(string)
		if deal["stage"] != "lead" || deal["chance"] != float64(30) || deal["amount"].(map[string]any)["amount"] != "12000.00" {
			t.Fatalf("deal = %s", r.body)
		}

		r = e.do(call{"POST", "/api/v1/opportunities/" + id + "/moves", `{"to":"lost"}`, true, nil})
		if r.status != 422 || !strings.Contains(string(r.body), "lost_reason") {
			t.Fatalf("lost without reason: %d %s", r.status, r.body)
		}
		r = e.do(call{"PATCH", "/api/v1/opportunities/" + id, `{"stage":"won"}`, true, nil})
		if r.status != 422 {
			t.Fatalf("stage by patch: %d %s", r.status, r.body)
		}
		r = e.do(call{"POST", "/api/v1/opportunities/" + id + "/moves", `{"to":"proposal","version":1}`, true, nil})
		moved := r.json(t)
		if r.status != 200 || moved["chance"] != float64(60) || len(moved["history"].([]any)) != 1 {
			t.Fatalf("move: %d %s", r.status, r.body)
		}
		if tis, ok := moved["time_in_stages"].(map[string]any); !ok || tis["lead"] == nil {
			t.Fatalf("time_in_stages = %v", moved["time_in_stages"])
		}
		r = e.do(call{"POST", "/api/v1/opportunities/" + id + "/moves", `{"to":"won","version":1}`, true, nil})
		if r.status != 409 {
			t.Fatalf("stale version: %d %s", r.status, r.body)
		}

		r = e.do(call{"GET", "/api/v1/pipeline/board?q=kiln", "", true, nil})
		cols := r.json(t)["columns"].([]any)
		proposal := cols[3].(map[string]any)
		if r.status != 200 || len(cols) != 7 || proposal["count"] != float64(1) || len(proposal["cards"].([]any)) != 1 {
			t.Fatalf("board: %d %s", r.status, r.body)
		}

		r = e.do(call{"POST", "/api/v1/activities", `{"kind":"meeting","subject":"Plant visit","due":"` + time.Now().UTC().Add(-24*time.Hour).Format(time.RFC3339) + `",
			"done":true,"organization_id":"` + org + `","opportunity_id":"` + id + `"}`, true, nil})
		res := r.json(t)
		fu, ok := res["proposed_follow_up"].(map[string]any)
		if r.status != 201 || !ok || fu["kind"] != "task" || fu["opportunity_id"] != id {
			t.Fatalf("meeting: %d %s", r.status, r.body)
		}

		r = e.do(call{"GET", "/api/v1/activities.ics", "", true, nil})
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/calendar") ||
			!strings.Contains(string(r.body), "SUMMARY:Plant visit") {
			t.Fatalf("calendar: %d %s %s", r.status, r.header.Get("Content-Type"), r.body)
		}

		r = e.do(call{"GET", "/api/v1/customers/" + org, "", true, nil})
		cv := r.json(t)
		if r.status != 200 || cv["kind"] != "organization" || cv["deal_count"] != float64(1) || cv["activity_count"] != float64(1) ||
			cv["buying_center"].(map[string]any)["missing_roles"] == nil {
			t.Fatalf("customer: %d %s", r.status, r.body)
		}

		r = e.do(call{"GET", "/api/v1/audit?entity=opportunity&entity_id=" + id + "&limit=1", "", true, nil})
		page := r.json(t)
		items := page["items"].([]any)
		if r.status != 200 || len(items) != 1 || items[0].(map[string]any)["action"] != "opportunity.move" || page["next_cursor"] == nil {
			t.Fatalf("audit: %d %s", r.status, r.body)
		}
		r = e.do(call{"GET", "/api/v1/audit?entity=opportunity&entity_id=" + id + "&cursor=" + page["next_cursor"].(string), "", true, nil})
		items = r.json(t)["items"].([]any)
		if len(items) != 1 || items[0].(map[string]any)["action"] != "opportunity.create" {
			t.Fatalf("audit page 2: %s", r.body)
		}
	})
}
