package api_test

import (
	"encoding/json"
	"strings"
	"testing"

	"b2x/store"
	"b2x/store/storetest"
)

// A buyer's system keeps a saved list, adds to it, orders it (once per
// Idempotency-Key) and reorders a past order; staff see the organization's
// lists; bad input names its field and writes nothing.
func TestSavedListsAndReorderThroughTheAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newQuoteEnv(t, db)
		rows := func(table string) int {
			n, err := db.CountRows(t.Context(), table)
			must(t, err)
			return n
		}
		buyer := func(more ...string) map[string]string { return bearer(e.cfoTok, more...) }

		for body, field := range map[string]string{
			`{"name":"","lines":[{"sku":"BRK-RED","quantity":1}]}`:         "name",
			`{"name":"Kit","lines":[]}`:                                    "lines",
			`{"name":"Kit","lines":[{"sku":"BRK-RED","quantity":0}]}`:      "line 1",
			`{"name":"Kit","lines":[{"sku":"BRK-RED","quantity":"lots"}]}`: "lines[0].quantity",
		} {
			r := e.do(call{"POST", "/api/v1/saved-lists", body, false, buyer()})
			if r.status != 422 || !strings.Contains(string(r.body), `"field":"`+field+`"`) {
				t.Errorf("%s: %d %s, want 422 naming %s", body, r.status, r.body, field)
			}
		}
		if n := rows("saved_lists"); n != 0 {
			t.Fatalf("refused lists wrote %d rows", n)
		}

		r := e.do(call{"POST", "/api/v1/saved-lists", `{"name":"Site kit","shared":true,"lines":[{"sku":"BRK-RED","quantity":2}]}`, false, buyer()})
		if r.status != 201 {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		var l struct {
			ID     string `json:"id"`
			Shared bool   `json:"shared"`
			Lines  []struct {
				SKU      string          `json:"sku"`
				Quantity json.RawMessage `json:"quantity"`
			} `json:"lines"`
		}
		must(t, json.Unmarshal(r.body, &l))
		if r.header.Get("Location") != "/api/v1/saved-lists/"+l.ID || !l.Shared {
			t.Fatalf("created %s at %q", r.body, r.header.Get("Location"))
		}
		path := "/api/v1/saved-lists/" + l.ID
		if r = e.do(call{"POST", path + "/lines", `{"sku":"SVC-DLV","quantity":3}`, false, buyer()}); r.status != 200 {
			t.Fatalf("add line: %d %s", r.status, r.body)
		}
		if r = e.do(call{"POST", path + "/lines", `{"sku":"NO-SUCH","quantity":1}`, false, buyer()}); r.status != 422 || !strings.Contains(string(r.body), `"field":"sku"`) {
			t.Errorf("add an unknown SKU: %d %s", r.status, r.body)
		}
		r = e.do(call{"GET", path, "", false, buyer()})
		must(t, json.Unmarshal(r.body, &l))
		if r.status != 200 || len(l.Lines) != 2 || l.Lines[1].SKU != "SVC-DLV" || string(l.Lines[1].Quantity) != "3" {
			t.Fatalf("list after adding: %d %s", r.status, r.body)
		}

		// A replacement keeps who sees the list: leaving "shared" out (false)
		// does not take a shared list from the organization.
		r = e.do(call{"PUT", path, `{"name":"Site kit","lines":[{"sku":"BRK-RED","quantity":2},{"sku":"SVC-DLV","quantity":3}]}`, false, buyer()})
		must(t, json.Unmarshal(r.body, &l))
		if r.status != 200 || !l.Shared {
			t.Fatalf("replace: %d %s, want the list still shared", r.status, r.body)
		}

		// Ordering the list twice with one key places one order.
		orders := rows("orders")
		first := e.do(call{"POST", path + "/orders", "", false, buyer("Idempotency-Key", "list-order-1")})
		again := e.do(call{"POST", path + "/orders", "", false, buyer("Idempotency-Key", "list-order-1")})
		if first.status != 201 || again.status != 201 || again.header.Get("Idempotent-Replayed") != "true" ||
			first.header.Get("Location") != again.header.Get("Location") {
			t.Fatalf("order the list twice: %d %s / %d %s", first.status, first.body, again.status, again.body)
		}
		if n := rows("orders"); n != orders+1 {
			t.Fatalf("two posts with one key made %d orders", n-orders)
		}
		if r = e.do(call{"POST", path + "/orders", "", false, buyer()}); r.status != 400 {
			t.Errorf("order without an Idempotency-Key: %d %s", r.status, r.body)
		}

		// The past order back: what would be ordered, then the order itself.
		orderPath := first.header.Get("Location")
		r = e.do(call{"GET", orderPath + "/reorder-draft", "", false, buyer()})
		var d struct {
			Lines []struct {
				SKU string `json:"sku"`
			} `json:"lines"`
			Gone []any `json:"gone"`
		}
		must(t, json.Unmarshal(r.body, &d))
		if r.status != 200 || len(d.Lines) != 2 || len(d.Gone) != 0 {
			t.Fatalf("reorder draft: %d %s", r.status, r.body)
		}
		if r = e.do(call{"POST", orderPath + "/reorder", "", false, buyer("Idempotency-Key", "reorder-1")}); r.status != 201 || r.header.Get("Location") == orderPath {
			t.Fatalf("reorder: %d %s", r.status, r.body)
		}
		if r = e.do(call{"POST", orderPath + "/reorder", "", true, map[string]string{"Idempotency-Key": "reorder-2"}}); r.status != 403 {
			t.Errorf("staff reorder a buyer's order: %d %s, want 403", r.status, r.body)
		}

		// Staff see the organization's lists; the buyer deletes theirs.
		r = e.do(call{"GET", "/api/v1/saved-lists?organization=" + e.orgA.ID, "", true, nil})
		if r.status != 200 || !strings.Contains(string(r.body), l.ID) {
			t.Errorf("staff list: %d %s", r.status, r.body)
		}
		if r = e.do(call{"DELETE", path, "", false, buyer()}); r.status != 204 {
			t.Fatalf("delete: %d %s", r.status, r.body)
		}
		if r = e.do(call{"GET", path, "", false, buyer()}); r.status != 404 {
			t.Errorf("deleted list: %d %s", r.status, r.body)
		}
	})
}
