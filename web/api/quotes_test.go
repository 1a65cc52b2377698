package api_test

import (
	"maps"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/money"
	"b2x/party"
	"b2x/store"
	"b2x/store/storetest"
)

// quoteEnv is an API server with a delivery service, organization A (with a
// technical evaluator and a CFO) and organization B (with one buyer), and a buyer
// token for each of those contacts.
type quoteEnv struct {
	*env
	orgA, orgB            party.Organization
	techTok, cfoTok, bTok string
}

func newQuoteEnv(t *testing.T, db *store.DB) *quoteEnv {
	t.Helper()
	e := &quoteEnv{env: newEnv(t, db)}
	ctx := t.Context()
	_, err := e.app.CreateProduct(ctx, operator, app.NewProduct{
		Product: catalog.Product{SKU: "SVC-DLV", Name: "Delivery", Category: "bricks", Kind: catalog.Service, Unit: "h",
			Channels: catalog.Channels{catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2B: money.MustNew(5000, "EUR")},
	})
	must(t, err)
	org := func(name string) party.Organization {
		o, err := e.app.CreateOrganization(ctx, operator, party.Organization{LegalName: name, PaymentTerms: party.Net30,
			CreditLimit: money.MustNew(1_000_000, "EUR")})
		must(t, err)
		return o
	}
	token := func(orgID, name string, role party.Role) string {
		c, err := e.app.CreateContact(ctx, operator, party.Contact{OrganizationID: orgID, Name: name, Role: role, Influence: 3})
		must(t, err)
		tok, err := e.app.CreateContactToken(ctx, c.ID, "tests")
		must(t, err)
		return tok
	}
	e.orgA, e.orgB = org("Alpha GmbH"), org("Beta LLC")
	e.techTok = token(e.orgA.ID, "Tess Tech", party.TechnicalEvaluator)
	e.cfoTok = token(e.orgA.ID, "Carl CFO", party.FinancialApprover)
	e.bTok = token(e.orgB.ID, "Bob Beta", party.FinancialApprover)
	return e
}

func bearer(token string, more ...string) map[string]string {
	h := map[string]string{"Authorization": "Bearer " + token}
	for i := 0; i+1 < len(more); i += 2 {
		h[more[i]] = more[i+1]
	}
	return h
}

// quoteBody is 8 red bricks at 80.00 (640.00 net, above the CFO's 500.00) with
// delivery, for organization org.
func quoteBody(org string) string {
	valid := time.Now().Add(30 * 24 * time.Hour).UTC().Format(time.RFC3339)
	return `{"organization_id":"` + org + `","valid_until":"` + valid + `","delivery_terms":"to site",
		"winning_points":["next-day delivery"],
		"lines":[{"sku":"BRK-RED","quantity":8,"unit_price":{"amount":"80.00","currency":"EUR"}},
		         {"sku":"SVC-DLV","quantity":1,"service_kind":"delivery"}],
		"rules":[{"role":"financial_approver","above":{"amount":"500.00","currency":"EUR"}},{"role":"technical_evaluator"}]}`
}

// sentQuote creates and sends a quote for organization A and returns its id and number.
func (e *quoteEnv) sentQuote(t *testing.T) (id, number string) {
	t.Helper()
	r := e.do(call{"POST", "/api/v1/quotes", quoteBody(e.orgA.ID), true, nil})
	if r.status != 201 {
		t.Fatalf("create quote: %d %s", r.status, r.body)
	}
	q := r.json(t)
	id, number = q["id"].(string), q["number"].(string)
	if q["status"] != "draft" || len(q["lines"].([]any)) != 2 || q["net"].(map[string]any)["amount"] != "690.00" {
		t.Errorf("created quote: %s", r.body)
	}
	// A draft is the seller's work in progress: its buyer does not see it yet.
	if r := e.do(call{"GET", "/api/v1/quotes/" + id, "", false, bearer(e.techTok)}); r.status != 404 {
		t.Errorf("the buyer read a draft: %d", r.status)
	}
	if r := e.do(call{"GET", "/api/v1/quotes", "", false, bearer(e.techTok)}); strings.Contains(string(r.body), id) {
		t.Errorf("the buyer listed a draft: %s", r.body)
	}
	if r := e.do(call{"POST", "/api/v1/quotes/" + id + "/send", "", true, nil}); r.status != 200 || r.json(t)["status"] != "sent" {
		t.Fatalf("send: %d %s", r.status, r.body)
	}
	return id, number
}

// TestQuoteFlowOverHTTP: staff quote, buyers approve one by one, the buyer accepts
// into an order, and a retry is answered with the same order.
func TestQuoteFlowOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newQuoteEnv(t, db)
		id, _ := e.sentQuote(t)

		r := e.do(call{"GET", "/api/v1/quotes/" + id, "", false, bearer(e.techTok)})
		if r.status != 200 {
			t.Fatalf("buyer reads the quote: %d %s", r.status, r.body)
		}
		q := r.json(t)
		if q["verdict"].(map[string]any)["can_accept"] != false || len(q["participants"].([]any)) != 2 {
			t.Errorf("quote as the buyer sees it: %s", r.body)
		}
		if strings.Contains(string(r.body), `"stance"`) {
			t.Errorf("a buyer sees the seller's stances: %s", r.body)
		}
		r = e.do(call{"POST", "/api/v1/quotes/" + id + "/approvals", `{"decision":"approve"}`, false, bearer(e.techTok, "Idempotency-Key", "tech-1")})
		if r.status != 200 {
			t.Fatalf("evaluator approves: %d %s", r.status, r.body)
		}
		v := r.json(t)["verdict"].(map[string]any)
		if missing := v["missing"].([]any); len(missing) != 1 || missing[0] != "financial_approver" {
			t.Errorf("verdict after the evaluator: %s", r.body)
		}
		if r := e.do(call{"POST", "/api/v1/quotes/" + id + "/approvals", `{"decision":"approve"}`, true, nil}); r.status != 403 {
			t.Errorf("staff approves for a buyer: %d %s", r.status, r.body)
		}
		r = e.do(call{"POST", "/api/v1/quotes/" + id + "/accept", "", false, bearer(e.techTok, "Idempotency-Key", "acc-0")})
		if r.status != 409 || !strings.Contains(string(r.body), "financial_approver") {
			t.Errorf("accept before the CFO: %d %s", r.status, r.body)
		}
		r = e.do(call{"POST", "/api/v1/quotes/" + id + "/approvals", `{"decision":"approve"}`, false, bearer(e.cfoTok)})
		if r.status != 200 || r.json(t)["verdict"].(map[string]any)["can_accept"] != true || r.json(t)["status"] != "approved" {
			t.Fatalf("CFO approves: %d %s", r.status, r.body)
		}
		accept := call{"POST", "/api/v1/quotes/" + id + "/accept", "", false, bearer(e.cfoTok, "Idempotency-Key", "acc-1")}
		first := e.do(accept)
		if first.status != 201 {
			t.Fatalf("accept: %d %s", first.status, first.body)
		}
		o := first.json(t)
		if o["channel"] != "b2b" || o["organization_id"] != e.orgA.ID || o["delivery_method"] != "own_delivery" || len(o["lines"].([]any)) != 2 {
			t.Errorf("order: %s", first.body)
		}
		again := e.do(accept)
		if again.status != 201 || string(again.body) != string(first.body) || again.header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("replay: %d %s", again.status, again.body)
		}
		if n, _ := db.CountRows(t.Context(), "orders"); n != 1 {
			t.Errorf("%d orders", n)
		}
		if r := e.do(call{"GET", "/api/v1/stock/BRK-RED", "", false, nil}); r.json(t)["on_hand"] != float64(2) {
			t.Errorf("stock after the order: %s", r.body)
		}
		r = e.do(call{"GET", "/api/v1/quotes/" + id, "", true, nil})
		if q := r.json(t); q["status"] != "ordered" || q["order_id"] != o["id"] {
			t.Errorf("quote after the order: %s", r.body)
		}
		r = e.do(call{"GET", "/api/v1/quotes/" + id + "/revisions", "", false, bearer(e.techTok)})
		if r.status != 200 || len(r.json(t)["items"].([]any)) != 1 {
			t.Errorf("revisions: %d %s", r.status, r.body)
		}
	})
}

// TestQuoteRevisionOverHTTP: a staff revision of a sent quote starts a new
// revision in draft with what changed.
func TestQuoteRevisionOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newQuoteEnv(t, db)
		id, _ := e.sentQuote(t)
		r := e.do(call{"PATCH", "/api/v1/quotes/" + id, `{"lines":[{"sku":"BRK-RED","quantity":4,"unit_price":{"amount":"80.00","currency":"EUR"}}],"delivery_terms":"pick-up"}`, true, nil})
		if r.status != 200 {
			t.Fatalf("revise: %d %s", r.status, r.body)
		}
		if q := r.json(t); q["revision"] != float64(2) || q["status"] != "draft" || q["net"].(map[string]any)["amount"] != "320.00" {
			t.Errorf("revised: %s", r.body)
		}
		r = e.do(call{"GET", "/api/v1/quotes/" + id + "/revisions", "", true, nil})
		items := r.json(t)["items"].([]any)
		if len(items) != 2 || len(items[1].(map[string]any)["changes"].([]any)) == 0 {
			t.Errorf("revisions: %s", r.body)
		}
		if r := e.do(call{"PATCH", "/api/v1/quotes/" + id, `{"delivery_terms":"x"}`, false, bearer(e.techTok)}); r.status != 403 {
			t.Errorf("buyer revises: %d %s", r.status, r.body)
		}
		if r := e.do(call{"POST", "/api/v1/quotes/" + id + "/withdraw", "", true, nil}); r.status != 200 || r.json(t)["status"] != "withdrawn" {
			t.Errorf("withdraw: %d %s", r.status, r.body)
		}
	})
}

// TestQuoteTenantIsolation: organization B's buyer learns nothing of A's quote.
func TestQuoteTenantIsolation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newQuoteEnv(t, db)
		id, number := e.sentQuote(t)
		// A's own buyers approve, so that accepting would succeed for them.
		for _, tok := range []string{e.techTok, e.cfoTok} {
			if r := e.do(call{"POST", "/api/v1/quotes/" + id + "/approvals", `{"decision":"approve"}`, false, bearer(tok)}); r.status != 200 {
				t.Fatalf("approve: %d %s", r.status, r.body)
			}
		}
		before := e.counts()
		missing := "/api/v1/quotes/00000000-0000-7000-8000-000000000000"
		nothing := e.do(call{"GET", missing, "", false, bearer(e.bTok)})
		for _, c := range []call{
			{"GET", "/api/v1/quotes/" + id, "", false, bearer(e.bTok)},
			{"POST", "/api/v1/quotes/" + id + "/approvals", `{"decision":"reject","reason":"mine now"}`, false, bearer(e.bTok, "Idempotency-Key", "b-1")},
			{"POST", "/api/v1/quotes/" + id + "/accept", "", false, bearer(e.bTok, "Idempotency-Key", "b-2")},
			{"GET", "/api/v1/quotes/" + id + "/revisions", "", false, bearer(e.bTok)},
		} {
			r := e.do(c)
			if r.status != 404 {
				t.Errorf("%s %s as B: %d %s", c.method, c.path, r.status, r.body)
			}
			if strings.Contains(string(r.body), number) || strings.Contains(string(r.body), id) || strings.Contains(string(r.body), e.orgA.ID) {
				t.Errorf("%s %s as B leaks: %s", c.method, c.path, r.body)
			}
			if c.method == "GET" && c.path == "/api/v1/quotes/"+id && string(r.body) != string(nothing.body) {
				t.Errorf("A's quote and no quote answer differently: %s vs %s", r.body, nothing.body)
			}
		}
		for _, path := range []string{"/api/v1/quotes", "/api/v1/quotes?organization=" + e.orgA.ID} {
			r := e.do(call{"GET", path, "", false, bearer(e.bTok)})
			if r.status != 200 || len(r.json(t)["items"].([]any)) != 0 || strings.Contains(string(r.body), id) || strings.Contains(string(r.body), number) {
				t.Errorf("%s as B: %d %s", path, r.status, r.body)
			}
		}
		r := e.do(call{"GET", "/api/v1/quotes?organization=" + e.orgB.ID, "", false, bearer(e.techTok)})
		if items := r.json(t)["items"].([]any); len(items) != 1 || items[0].(map[string]any)["id"] != id {
			t.Errorf("A's buyer with B's filter sees: %s", r.body)
		}
		if r := e.do(call{"GET", "/api/v1/quotes", "", true, nil}); len(r.json(t)["items"].([]any)) != 1 {
			t.Errorf("staff list: %s", r.body)
		}
		// A buyer token opens only the quote routes.
		for _, c := range []call{
			{"POST", "/api/v1/products", `{"sku":"X1","name":"X","channels":["b2c"]}`, false, bearer(e.techTok)},
			{"GET", "/api/v1/orders", "", false, bearer(e.techTok)},
			{"GET", "/api/v1/organizations/" + e.orgA.ID, "", false, bearer(e.techTok)},
			{"POST", "/api/v1/quotes", quoteBody(e.orgA.ID), false, bearer(e.techTok)},
			{"POST", "/api/v1/quotes/" + id + "/send", "", false, bearer(e.techTok)},
		} {
			if r := e.do(c); r.status != 403 {
				t.Errorf("%s %s as a buyer: %d %s", c.method, c.path, r.status, r.body)
			}
		}
		if r := e.do(call{"GET", "/api/v1/quotes/" + id, "", false, nil}); r.status != 401 {
			t.Errorf("the public reads a quote: %d", r.status)
		}
		if after := e.counts(); !maps.Equal(before, after) {
			t.Errorf("B's requests changed rows:\nbefore %v\nafter  %v", before, after)
		}
	})
}

// TestQuoteBadInputWritesNothing: refused quote requests name the field and
// write nothing.
func TestQuoteBadInputWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newQuoteEnv(t, db)
		id, _ := e.sentQuote(t)
		approvals := "/api/v1/quotes/" + id + "/approvals"
		tests := []struct {
			name   string
			c      call
			status int
			field  string
		}{
			{"create unknown field", call{"POST", "/api/v1/quotes", `{"organization_id":"` + e.orgA.ID + `","discount":"50%"}`, true, nil}, 422, "discount"},
			{"create no valid_until", call{"POST", "/api/v1/quotes", `{"organization_id":"` + e.orgA.ID + `","lines":[{"sku":"BRK-RED","quantity":1}]}`, true, nil}, 422, "valid_until"},
			{"create quantity as string", call{"POST", "/api/v1/quotes", `{"organization_id":"` + e.orgA.ID + `","valid_until":"2099-01-01T00:00:00Z","lines":[{"sku":"BRK-RED","quantity":"1"}]}`, true, nil}, 422, "lines[0].quantity"},
			{"create bad price", call{"POST", "/api/v1/quotes", `{"organization_id":"` + e.orgA.ID + `","valid_until":"2099-01-01T00:00:00Z","lines":[{"sku":"BRK-RED","quantity":1,"unit_price":{"amount":"1.001","currency":"EUR"}}]}`, true, nil}, 422, "lines[0].unit_price"},
			{"create unknown organization", call{"POST", "/api/v1/quotes", quoteBody("00000000-0000-7000-8000-000000000000"), true, nil}, 422, "organization_id"},
			{"revise unknown field", call{"PATCH", "/api/v1/quotes/" + id, `{"status":"ordered"}`, true, nil}, 422, "status"},
			{"approval unknown field", call{"POST", approvals, `{"decision":"approve","contact_id":"x"}`, false, bearer(e.techTok)}, 422, "contact_id"},
			{"bad decision", call{"POST", approvals, `{"decision":"maybe"}`, false, bearer(e.techTok)}, 422, "decision"},
			{"reject without reason", call{"POST", approvals, `{"decision":"reject"}`, false, bearer(e.techTok)}, 422, "reason"},
			{"accept without key", call{"POST", "/api/v1/quotes/" + id + "/accept", "", false, bearer(e.techTok)}, 400, "Idempotency-Key"},
			{"accept not approved", call{"POST", "/api/v1/quotes/" + id + "/accept", "", false, bearer(e.techTok, "Idempotency-Key", "x-1")}, 409, ""},
			{"approve without a token", call{"POST", approvals, `{"decision":"approve"}`, false, nil}, 401, ""},
		}
		before := e.counts()
		qbefore, _ := db.CountRows(t.Context(), "quote_approvals")
		for _, tt := range tests {
			r := e.do(tt.c)
			if r.status != tt.status {
				t.Errorf("%s: status %d, want %d: %s", tt.name, r.status, tt.status, r.body)
				continue
			}
			if tt.field != "" && !problemNames(r.json(t), tt.field) {
				t.Errorf("%s: problem does not name %q: %s", tt.name, tt.field, r.body)
			}
		}
		if after := e.counts(); !maps.Equal(before, after) {
			t.Errorf("bad input changed rows:\nbefore %v\nafter  %v", before, after)
		}
		for _, table := range []string{"quotes", "quote_approvals"} {
			n, err := db.CountRows(t.Context(), table)
			must(t, err)
			if table == "quotes" && n != 1 || table == "quote_approvals" && n != qbefore {
				t.Errorf("%s: %d rows after bad input", table, n)
			}
		}
	})
}
