package api_test

import (
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/contract"
	"b2x/money"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
	"b2x/recurring"
	"b2x/store"
	"b2x/store/storetest"
	"b2x/web/api"
)

// b2bEnv is the quote environment with a licence product and, for organization B,
// one of everything a tenant owns: a sent quote, an order, a licence, a contract
// with its price list, a recurring order; each with names and amounts no other
// organization has, so a leak is visible in any answer.
type b2bEnv struct {
	*quoteEnv
	bBuyer                                                  app.Actor
	bContact                                                party.Contact
	bQuote, bQuoteNumber, bOrder, bOrderNumber, bLicence    string
	bContract, bPriceList, bRecurring, aLicence, aRecurring string
	aContract, bSavedList                                   string
	secrets                                                 []string
}

func newB2BEnv(t *testing.T, db *store.DB) *b2bEnv {
	t.Helper()
	e := &b2bEnv{quoteEnv: newQuoteEnv(t, db)}
	ctx := t.Context()
	_, err := e.app.CreateProduct(ctx, operator, app.NewProduct{
		Product: catalog.Product{SKU: "LIC-CAD", Name: "CAD suite", Category: "bricks", Kind: catalog.Licence, Unit: "seat",
			Channels: catalog.Channels{catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2B: money.MustNew(40000, "EUR")},
	})
	must(t, err)
	contacts, err := e.app.Contacts(ctx, operator, e.orgB.ID)
	must(t, err)
	e.bContact = contacts[0]
	e.bBuyer = app.Actor{ContactID: e.bContact.ID, OrganizationID: e.orgB.ID}
	aContacts, err := e.app.Contacts(ctx, operator, e.orgA.ID)
	must(t, err)
	aBuyer := app.Actor{ContactID: aContacts[0].ID, OrganizationID: e.orgA.ID}

	q, err := e.app.CreateQuote(ctx, operator, app.NewQuote{OrganizationID: e.orgB.ID, ValidUntil: time.Now().Add(24 * time.Hour),
		DeliveryTerms: "Beta secret terms", Lines: []app.QuoteLineInput{{SKU: "BRK-RED", Quantity: qty.Units(3)}}})
	must(t, err)
	_, err = e.app.SendQuote(ctx, operator, q.ID)
	must(t, err)
	_, err = e.app.AddQuoteComment(ctx, e.bBuyer, q.ID, "Beta secret comment", "")
	must(t, err)
	o, _, err := e.app.PlaceCompanyOrder(ctx, e.bBuyer, "b-order", app.CompanyOrderInput{Note: "Beta secret note",
		Lines: []app.CheckoutLine{{SKU: "BRK-RED", Quantity: qty.Units(1)}, {SKU: "LIC-CAD", Quantity: qty.Units(7)}}})
	must(t, err)
	ls, err := e.app.Licences(ctx, e.bBuyer, app.LicenceQuery{Limit: 10})
	must(t, err)
	eur := func(m int64) money.Amount { return money.MustNew(m, "EUR") }
	now := time.Now().UTC()
	cv, err := e.app.CreateContract(ctx, operator, contract.Contract{OrganizationID: e.orgB.ID, Name: "Beta framework", Currency: "EUR",
		Prices:     []pricing.Entry{{SKU: "BRK-RED", Price: eur(77)}},
		Commitment: contract.Commitment{Kind: contract.AmountKind, Amount: eur(1234567)}, StartsAt: now, EndsAt: now.AddDate(1, 0, 0)})
	must(t, err)
	rs, err := e.app.CreateRecurringOrder(ctx, e.bBuyer, app.RecurringOrderInput{Name: "Beta weekly", Every: 1, Unit: recurring.Week,
		StartsOn: recurring.DayOf(now).AddDate(0, 0, 1), Lines: []recurring.Line{{SKU: "BRK-RED", Quantity: qty.Units(2)}}})
	must(t, err)
	sl, err := e.app.SaveList(ctx, e.bBuyer, app.SavedListInput{Name: "Beta secret list", Shared: true,
		Lines: []app.QuickOrderLine{{SKU: "BRK-RED", Quantity: qty.Units(4)}}})
	must(t, err)
	e.bSavedList = sl.ID
	e.bQuote, e.bQuoteNumber, e.bOrder, e.bOrderNumber = q.ID, q.Number, o.ID, o.Number
	e.bLicence, e.bContract, e.bPriceList, e.bRecurring = ls[0].ID, cv.Contract.ID, cv.Contract.PriceListID, rs.ID

	// A's own things, so that a filter naming B that were obeyed would show.
	ao, _, err := e.app.PlaceCompanyOrder(ctx, aBuyer, "a-order", app.CompanyOrderInput{Lines: []app.CheckoutLine{{SKU: "LIC-CAD", Quantity: qty.Units(2)}}})
	must(t, err)
	al, err := e.app.Licences(ctx, aBuyer, app.LicenceQuery{Limit: 10})
	must(t, err)
	if len(al) != 1 || al[0].OrderID != ao.ID {
		t.Fatalf("A's licences %+v", al)
	}
	ac, err := e.app.CreateContract(ctx, operator, contract.Contract{OrganizationID: e.orgA.ID, Name: "Alpha framework", Currency: "EUR",
		StartsAt: now, EndsAt: now.AddDate(1, 0, 0)})
	must(t, err)
	ar, err := e.app.CreateRecurringOrder(ctx, aBuyer, app.RecurringOrderInput{Name: "Alpha weekly", Every: 1, Unit: recurring.Week,
		StartsOn: recurring.DayOf(now).AddDate(0, 0, 1), Lines: []recurring.Line{{SKU: "BRK-RED", Quantity: qty.Units(1)}}})
	must(t, err)
	e.aLicence, e.aContract, e.aRecurring = al[0].ID, ac.Contract.ID, ar.ID

	e.secrets = []string{e.orgB.ID, "Beta LLC", e.bContact.ID, e.bContact.Name, e.bQuote, e.bQuoteNumber, "Beta secret terms",
		// Amounts as JSON strings, so a timestamp's fraction (20:38:10.779948) is no leak.
		e.bOrder, e.bOrderNumber, "Beta secret note", e.bLicence, e.bContract, "Beta framework", `"12345.67"`, e.bPriceList, `"0.77"`,
		e.bRecurring, "Beta weekly", "Beta secret comment", e.bSavedList, "Beta secret list"}
	return e
}

// b2bCounts counts the rows of every table a request could write.
func (e *b2bEnv) b2bCounts() map[string]int {
	e.t.Helper()
	out := e.counts()
	for _, table := range []string{"quotes", "quote_approvals", "quote_revisions", "quote_comments", "credit_locks", "contracts",
		"price_list_entries", "licences", "licence_seat_changes", "recurring_orders", "recurring_runs", "saved_lists", "contact_tokens",
		"audit_log", "delivery_rates", "loyalty_cards", "loyalty_entries", "opportunities", "opportunity_stage_changes", "activities",
		"tenders", "winning_points", "winning_point_uses"} {
		n, err := e.db.CountRows(e.t.Context(), table)
		must(e.t, err)
		out[table] = n
	}
	return out
}

// leaks reports B's data in an answer to c; what c itself sent (an id in its
// path, echoed as the problem's instance) is not a leak.
func (e *b2bEnv) leaks(t *testing.T, what string, c call, r reply) {
	t.Helper()
	for _, s := range e.secrets {
		if strings.Contains(c.path+c.body, s) {
			continue
		}
		if strings.Contains(string(r.body), s) {
			t.Errorf("%s leaks %q of organization B: %s", what, s, r.body)
		}
	}
}

// TestTenantIsolationFromRouteTable: a buyer of organization A calls every route
// of the table that takes an id, with organization B's id of that kind: every
// answer is a 403 or 404 without a byte of B's data, and nothing is written. A
// route added to the table with a path parameter must be classified below, or the
// test fails.
func TestTenantIsolationFromRouteTable(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newB2BEnv(t, db)
		person, err := e.app.CreatePerson(t.Context(), operator, party.Person{Name: "Beta's private person"})
		must(t, err)
		card, err := e.app.IssueLoyaltyCard(t.Context(), operator, "+79161234567", person.ID)
		must(t, err)
		e.secrets = append(e.secrets, person.ID, card.ID)
		const nobody = "00000000-0000-7000-8000-000000000000"
		// B's value of each kind of path parameter; catalog paths are nobody's
		// tenant data.
		tenant := map[string]string{
			"/api/v1/orders/{id}":           e.bOrder,
			"/api/v1/organizations/{id}":    e.orgB.ID,
			"/api/v1/contacts/{id}":         e.bContact.ID,
			"/api/v1/persons/{id}":          person.ID,
			"/api/v1/quotes/{id}":           e.bQuote,
			"/api/v1/contracts/{id}":        e.bContract,
			"/api/v1/licences/{id}":         e.bLicence,
			"/api/v1/recurring-orders/{id}": e.bRecurring,
			"/api/v1/saved-lists/{id}":      e.bSavedList,
			"/api/v1/customers/{id}":        e.orgB.ID,
			// Consumers' records, not an organization's: staff only, any id will do.
			"/api/v1/reviews/{id}":                nobody,
			"/api/v1/warranty/registrations/{id}": nobody,
			"/api/v1/warranty/claims/{id}":        nobody,
			// A consumer's loyalty card, staff only: a real one, so a leak shows.
			"/api/v1/loyalty-cards/{phone}": card.Phone,
			// The CRM is the seller's own work: staff only, any id will do.
			"/api/v1/opportunities/{id}":  nobody,
			"/api/v1/activities/{id}":     nobody,
			"/api/v1/tenders/{id}":        nobody,
			"/api/v1/winning-points/{id}": nobody,
			// Campaigns and their audiences are the seller's marketing: staff only.
			"/api/v1/campaigns/{id}":       nobody,
			"/api/v1/segments/{id}":        nobody,
			"/api/v1/mailing-lists/{list}": "newsletter",
			// The company's own staff: the owner's, any id will do.
			"/api/v1/staff/{id}": nobody,
			// The shop's delivery settings: staff only to change.
			"/api/v1/delivery-methods/{method}": "carrier",
		}
		catalogPaths := map[string]string{"{sku}": "BRK-RED", "{slug}": "bricks", "{code}": "MAIN"}
		bodies := map[string]string{
			"/approvals": `{"decision":"approve"}`, "/comments": `{"body":"mole"}`, "/transitions": `{"to":"cancelled"}`, "/seats": `{"seats":1}`,
			"/contacts": `{"name":"Mole"}`, "/adjustments": `{"points":5,"note":"mole"}`,
			"/moves": `{"to":"lost","lost_reason":"mole"}`, "/uses": `{"used_in":"quote:` + e.bQuote + `"}`,
			"/referred-by": `{"referred_by":"` + person.ID + `"}`, "/deal": `{"amount":{"amount":"1.00","currency":"EUR"}}`,
			"{method}": `{"name":"Mole","fee":{"amount":"0.01","currency":"EUR"}}`,
			"/lines":   `{"sku":"BRK-RED","quantity":1}`,
			// A valid replacement, so that the refusal is the list's owner, not the body.
			"/saved-lists/{id}": `{"name":"Mole","lines":[{"sku":"BRK-RED","quantity":1}]}`,
		}
		before := e.b2bCounts()
		tried := 0
		for i, rt := range api.RouteTable() {
			if !strings.Contains(rt.Pattern, "{") {
				continue
			}
			path, what := rt.Pattern, ""
			for prefix, id := range tenant {
				if strings.HasPrefix(rt.Pattern, prefix) {
					param := prefix[strings.LastIndex(prefix, "{"):]
					path, what = strings.Replace(rt.Pattern, param, id, 1), prefix
				}
			}
			if what == "" {
				for param, v := range catalogPaths {
					path = strings.Replace(path, param, v, 1)
				}
				if strings.Contains(path, "{") {
					t.Errorf("%s %s: classify this route's path parameter in TestTenantIsolationFromRouteTable", rt.Method, rt.Pattern)
				}
			}
			body := ""
			if rt.Method != "GET" {
				body = "{}"
				for suffix, b := range bodies {
					if strings.HasSuffix(rt.Pattern, suffix) {
						body = b
					}
				}
			}
			if strings.HasSuffix(rt.Pattern, "/seat-price") {
				path += "?seats=1"
			}
			c := call{rt.Method, path, body, false, bearer(e.techTok, "Idempotency-Key", fmt.Sprintf("iso-%d", i))}
			r := e.do(c)
			e.leaks(t, rt.Method+" "+path, c, r)
			if what != "" {
				tried++
				if r.status != 403 && r.status != 404 {
					t.Errorf("%s %s as A's buyer: %d %s", rt.Method, path, r.status, r.body)
				}
			}
		}
		if tried < 20 {
			t.Errorf("only %d routes with a tenant's id were tried", tried)
		}

		// List filters naming B are ignored: A's buyer gets A's own items.
		for path, own := range map[string]string{
			"/api/v1/contracts?organization=" + e.orgB.ID:        e.aContract,
			"/api/v1/licences?organization=" + e.orgB.ID:         e.aLicence,
			"/api/v1/recurring-orders?organization=" + e.orgB.ID: e.aRecurring,
			"/api/v1/quotes?organization=" + e.orgB.ID:           "",
		} {
			c := call{"GET", path, "", false, bearer(e.techTok)}
			r := e.do(c)
			e.leaks(t, path, c, r)
			if r.status != 200 || !strings.Contains(string(r.body), own) {
				t.Errorf("%s as A's buyer: %d %s", path, r.status, r.body)
			}
		}

		// Fields a buyer may not set are refused.
		recurringBody := func(extra string) string {
			return `{"name":"Mine","every":1,"unit":"week","starts_on":"` + recurring.DayOf(time.Now()).AddDate(0, 0, 2).Format(time.DateOnly) +
				`","lines":[{"sku":"BRK-RED","quantity":1` + extra
		}
		for _, c := range []struct {
			name   string
			call   call
			status int
			field  string
		}{
			{"recurring order for B", call{"POST", "/api/v1/recurring-orders", recurringBody(`}],"organization_id":"` + e.orgB.ID + `"}`), false, bearer(e.techTok)}, 422, "organization_id"},
			{"recurring order for B's contact", call{"POST", "/api/v1/recurring-orders", recurringBody(`}],"contact_id":"` + e.bContact.ID + `"}`), false, bearer(e.techTok)}, 422, "contact_id"},
			{"a price on a line", call{"POST", "/api/v1/recurring-orders", recurringBody(`,"unit_price":{"amount":"0.01","currency":"EUR"}}]}`), false, bearer(e.techTok)}, 422, "unit_price"},
			{"a status", call{"POST", "/api/v1/recurring-orders", recurringBody(`}],"status":"active"}`), false, bearer(e.techTok)}, 422, "status"},
			{"moving a recurring order to B", call{"PATCH", "/api/v1/recurring-orders/" + e.aRecurring, `{"organization_id":"` + e.orgB.ID + `"}`, false, bearer(e.techTok)}, 422, "organization_id"},
			{"a price for seats", call{"POST", "/api/v1/licences/" + e.aLicence + "/seats", `{"seats":1,"price":{"amount":"0.01","currency":"EUR"}}`, false, bearer(e.techTok, "Idempotency-Key", "p-1")}, 422, "price"},
			{"own credit limit", call{"PATCH", "/api/v1/organizations/" + e.orgA.ID, `{"credit_limit":{"amount":"999999.00","currency":"EUR"}}`, false, bearer(e.techTok)}, 403, ""},
			{"own permissions", call{"PATCH", "/api/v1/contacts/" + e.bContact.ID, `{"permissions":["view","order"]}`, false, bearer(e.techTok)}, 403, ""},
			{"a contract with prices", call{"POST", "/api/v1/contracts", `{"organization_id":"` + e.orgA.ID + `","name":"Mine","currency":"EUR","starts_at":"2026-01-01T00:00:00Z","ends_at":"2027-01-01T00:00:00Z","prices":[{"sku":"BRK-RED","price":{"amount":"0.01","currency":"EUR"}}]}`, false, bearer(e.techTok)}, 403, ""},
			{"an order for B", call{"POST", "/api/v1/orders", `{"channel":"b2b","organization_id":"` + e.orgB.ID + `","lines":[{"sku":"BRK-RED","quantity":1}]}`, false, bearer(e.techTok, "Idempotency-Key", "o-1")}, 401, ""},
		} {
			r := e.do(c.call)
			e.leaks(t, c.name, c.call, r)
			if r.status != c.status || (c.field != "" && !problemNames(r.json(t), c.field)) {
				t.Errorf("%s: %d %s, want %d naming %q", c.name, r.status, r.body, c.status, c.field)
			}
		}
		if after := e.b2bCounts(); !maps.Equal(before, after) {
			t.Errorf("A's buyer changed rows:\nbefore %v\nafter  %v", before, after)
		}
	})
}

// TestB2BOverHTTP: a contract, a recurring order and a licence through the API as
// staff and buyer would use them.
func TestB2BOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newB2BEnv(t, db)
		r := e.do(call{"POST", "/api/v1/contracts", `{"organization_id":"` + e.orgA.ID + `","name":"Alpha 2027","currency":"EUR",
			"starts_at":"2026-01-01T00:00:00Z","ends_at":"2030-01-01T00:00:00Z",
			"prices":[{"sku":"BRK-RED","price":{"amount":"0.80","currency":"EUR"}},{"sku":"BRK-RED","min_quantity":100,"price":{"amount":"0.70","currency":"EUR"}}],
			"commitment":{"kind":"quantity","quantity":1000},"terms":"Quarterly review"}`, true, nil})
		if r.status != 201 {
			t.Fatalf("create contract: %d %s", r.status, r.body)
		}
		c := r.json(t)
		if c["commitment"].(map[string]any)["quantity"] != float64(1000) || len(c["prices"].([]any)) != 2 ||
			c["consumption"].(map[string]any)["remaining_quantity"] != float64(1000) || r.header.Get("Location") == "" {
			t.Errorf("contract %s", r.body)
		}
		id := c["id"].(string)
		r = e.do(call{"PATCH", "/api/v1/contracts/" + id, `{"commitment":{"kind":"amount","amount":{"amount":"500.00","currency":"EUR"}}}`, true, nil})
		if r.status != 200 || r.json(t)["consumption"].(map[string]any)["remaining_amount"].(map[string]any)["amount"] != "500.00" {
			t.Errorf("patch contract: %d %s", r.status, r.body)
		}
		r = e.do(call{"POST", "/api/v1/contracts", `{"organization_id":"` + e.orgA.ID + `","name":"x","currency":"EUR","starts_at":"2026-01-01T00:00:00Z"}`, true, nil})
		if r.status != 422 || !problemNames(r.json(t), "ends_at") {
			t.Errorf("contract without an end: %d %s", r.status, r.body)
		}
		if r := e.do(call{"GET", "/api/v1/contracts/" + id, "", false, bearer(e.cfoTok)}); r.status != 200 {
			t.Errorf("buyer reads the contract: %d %s", r.status, r.body)
		}
		if r := e.do(call{"GET", "/api/v1/contracts", "", true, nil}); r.status != 422 || !problemNames(r.json(t), "organization_id") {
			t.Errorf("staff list without organization: %d %s", r.status, r.body)
		}
		r = e.do(call{"GET", "/api/v1/organizations/" + e.orgA.ID + "/price-lists", "", false, bearer(e.cfoTok)})
		if r.status != 200 || !strings.Contains(string(r.body), "Contract: Alpha 2027") {
			t.Errorf("buyer's price lists: %d %s", r.status, r.body)
		}

		start := recurring.DayOf(time.Now()).AddDate(0, 0, 3).Format(time.DateOnly)
		r = e.do(call{"POST", "/api/v1/recurring-orders", `{"name":"Bricks weekly","every":2,"unit":"week","starts_on":"` + start + `",
			"notice_days":2,"lines":[{"sku":"BRK-RED","quantity":2}]}`, false, bearer(e.cfoTok)})
		if r.status != 201 {
			t.Fatalf("create recurring order: %d %s", r.status, r.body)
		}
		rec := r.json(t)
		if rec["next_run"] != start || rec["organization_id"] != e.orgA.ID || rec["active"] != true {
			t.Errorf("recurring order %s", r.body)
		}
		rid := rec["id"].(string)
		r = e.do(call{"PATCH", "/api/v1/recurring-orders/" + rid, `{"active":false}`, false, bearer(e.cfoTok)})
		if r.status != 200 || r.json(t)["active"] != false {
			t.Errorf("pause: %d %s", r.status, r.body)
		}
		r = e.do(call{"POST", "/api/v1/recurring-orders", `{"name":"x","every":1,"unit":"week","starts_on":"next week","lines":[{"sku":"BRK-RED","quantity":2}]}`, false, bearer(e.cfoTok)})
		if r.status != 422 || !problemNames(r.json(t), "starts_on") {
			t.Errorf("bad date: %d %s", r.status, r.body)
		}
		if r := e.do(call{"GET", "/api/v1/recurring-orders/" + rid, "", false, bearer(e.techTok)}); r.status != 200 || !strings.Contains(string(r.body), `"runs":[]`) {
			t.Errorf("read recurring order: %d %s", r.status, r.body)
		}

		r = e.do(call{"GET", "/api/v1/licences", "", false, bearer(e.cfoTok)})
		items := r.json(t)["items"].([]any)
		if r.status != 200 || len(items) != 1 || items[0].(map[string]any)["id"] != e.aLicence {
			t.Fatalf("licences: %d %s", r.status, r.body)
		}
		r = e.do(call{"GET", "/api/v1/licences/" + e.aLicence + "/seat-price?seats=3", "", false, bearer(e.cfoTok)})
		if r.status != 200 || r.json(t)["amount"].(map[string]any)["amount"] != "1200.00" {
			t.Errorf("seat price on the first day: %d %s", r.status, r.body)
		}
		add := call{"POST", "/api/v1/licences/" + e.aLicence + "/seats", `{"seats":3}`, false, bearer(e.cfoTok, "Idempotency-Key", "more-seats")}
		first := e.do(add)
		if first.status != 201 || first.json(t)["licence"].(map[string]any)["seats"] != float64(5) {
			t.Fatalf("add seats: %d %s", first.status, first.body)
		}
		again := e.do(add)
		if again.status != 201 || again.header.Get("Idempotent-Replayed") != "true" ||
			again.json(t)["order"].(map[string]any)["id"] != first.json(t)["order"].(map[string]any)["id"] {
			t.Errorf("replay: %d %s", again.status, again.body)
		}
		if r := e.do(call{"POST", "/api/v1/licences/" + e.aLicence + "/seats", `{"seats":1}`, false, bearer(e.cfoTok)}); r.status != 400 {
			t.Errorf("seats without a key: %d %s", r.status, r.body)
		}
		if r := e.do(call{"GET", "/api/v1/licences/renewals?within_days=400", "", true, nil}); r.status != 200 || len(r.json(t)["items"].([]any)) < 2 {
			t.Errorf("renewals: %d %s", r.status, r.body)
		}
		if r := e.do(call{"GET", "/api/v1/licences/renewals", "", false, bearer(e.cfoTok)}); r.status != 403 {
			t.Errorf("renewals as a buyer: %d", r.status)
		}

		id, _ = e.sentQuote(t)
		r = e.do(call{"GET", "/api/v1/quotes/" + id + "/pdf", "", false, bearer(e.techTok)})
		if r.status != 200 || r.header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(r.body), "%PDF-") {
			t.Errorf("pdf: %d %s %.20q", r.status, r.header.Get("Content-Type"), r.body)
		}

		// Staff narrow a contact: permissions and spending limit over the API.
		contacts, err := e.app.Contacts(t.Context(), operator, e.orgA.ID)
		must(t, err)
		cid := contacts[0].ID
		r = e.do(call{"PATCH", "/api/v1/contacts/" + cid, `{"permissions":["view"],"spending_limit":{"amount":"100.00","currency":"EUR"}}`, true, nil})
		if r.status != 200 || len(r.json(t)["permissions"].([]any)) != 1 || r.json(t)["spending_limit"].(map[string]any)["amount"] != "100.00" {
			t.Errorf("narrow a contact: %d %s", r.status, r.body)
		}
		r = e.do(call{"PATCH", "/api/v1/contacts/" + cid, `{"permissions":["admin"],"spending_limit":{"amount":"1.001","currency":"EUR"}}`, true, nil})
		if r.status != 422 || !problemNames(r.json(t), "spending_limit") {
			t.Errorf("bad limit: %d %s", r.status, r.body)
		}
		r = e.do(call{"PATCH", "/api/v1/contacts/" + cid, `{"spending_limit":null}`, true, nil})
		if r.status != 200 || r.json(t)["spending_limit"] != nil {
			t.Errorf("remove the limit: %d %s", r.status, r.body)
		}
	})
}
