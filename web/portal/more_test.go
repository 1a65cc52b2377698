package portal_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
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
)

// tenant is one of everything Buyer GmbH owns in the portal's new pages, with
// names no one else has, so that a leak to Other AG's buyer shows.
type tenant struct {
	contract, licence, schedule, list, order, quote string
	secrets                                         []string
}

func (f *fixture) tenantData() tenant {
	f.t.Helper()
	f.product("LIC", "CAD seat", catalog.Licence, 40000, 0)
	tess := buyerOf(f.tech)
	now := time.Now().UTC()
	eur := func(m int64) money.Amount { return money.MustNew(m, "EUR") }
	cv, err := f.app.CreateContract(f.ctx, staffActor, contract.Contract{OrganizationID: f.org.ID, Name: "Alpha frame <deal>",
		Currency: "EUR", Prices: []pricing.Entry{{SKU: "BRK", Price: eur(80)}},
		Commitment: contract.Commitment{Kind: contract.AmountKind, Amount: eur(400000)}, StartsAt: now.AddDate(0, -1, 0), EndsAt: now.AddDate(0, 11, 0)})
	f.must(err)
	o, _, err := f.app.PlaceCompanyOrder(f.ctx, tess, "t-1", app.CompanyOrderInput{Note: "Alpha secret note",
		Lines: []app.CheckoutLine{{SKU: "BRK", Quantity: qty.Units(1000)}, {SKU: "LIC", Quantity: qty.Units(4)}}})
	f.must(err)
	ls, err := f.app.Licences(f.ctx, tess, app.LicenceQuery{Limit: 5})
	f.must(err)
	s, err := f.app.CreateRecurringOrder(f.ctx, tess, app.RecurringOrderInput{Name: "Alpha weekly", Every: 2, Unit: recurring.Week,
		StartsOn: recurring.DayOf(now).AddDate(0, 0, 3), NoticeDays: 2, Lines: []recurring.Line{{SKU: "BRK", Quantity: qty.Units(300)}}})
	f.must(err)
	l, err := f.app.SaveList(f.ctx, tess, app.SavedListInput{Name: "Alpha list", Shared: true,
		Lines: []app.QuickOrderLine{{SKU: "BRK", Quantity: qty.Units(77)}}})
	f.must(err)
	q := f.sentQuote(f.tech)
	_, err = f.app.AddQuoteComment(f.ctx, tess, q.ID, "Alpha secret comment", "")
	f.must(err)
	return tenant{contract: cv.Contract.ID, licence: ls[0].ID, schedule: s.ID, list: l.ID, order: o.ID, quote: q.ID,
		secrets: []string{"Alpha frame", "Alpha secret note", "Alpha weekly", "Alpha list", "Alpha secret comment", "Buyer GmbH",
			cv.Contract.ID, ls[0].ID, s.ID, l.ID, o.ID, o.Number, q.ID, q.Number}}
}

func (f *fixture) counts() string {
	f.t.Helper()
	var b strings.Builder
	for _, table := range []string{"orders", "saved_lists", "quote_comments", "quotes", "recurring_orders", "licences",
		"licence_seat_changes", "audit_log", "idempotency_keys"} {
		n, err := f.app.DB().CountRows(f.ctx, table)
		f.must(err)
		fmt.Fprintf(&b, "%s=%d ", table, n)
	}
	return b.String()
}

// Every portal route that takes an id, called by another company's buyer with
// Buyer GmbH's ids: 404, none of its data, nothing written.
func TestPortalTenantIsolation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		d := f.tenantData()
		olga := f.signedIn(f.oth)
		before := f.counts()
		routes := []struct{ method, path string }{
			{"GET", "/portal/contracts/" + d.contract},
			{"GET", "/portal/licences/" + d.licence},
			{"POST", "/portal/licences/" + d.licence + "/seats"},
			{"GET", "/portal/recurring/" + d.schedule},
			{"POST", "/portal/recurring/" + d.schedule + "/pause"},
			{"POST", "/portal/recurring/" + d.schedule + "/resume"},
			{"GET", "/portal/recurring/new?order=" + d.order},
			{"GET", "/portal/recurring/new?list=" + d.list},
			{"GET", "/portal/lists/" + d.list},
			{"POST", "/portal/lists/" + d.list + "/order"},
			{"POST", "/portal/lists/" + d.list + "/quote"},
			{"POST", "/portal/lists/" + d.list + "/delete"},
			{"POST", "/portal/lists/add"},
			{"GET", "/portal/order?reorder=" + d.order},
			{"GET", "/portal/order?list=" + d.list},
			{"GET", "/portal/orders/" + d.order},
			{"GET", "/portal/quotes/" + d.quote},
			{"POST", "/portal/quotes/" + d.quote + "/comments"},
		}
		for _, rt := range routes {
			var status int
			var body string
			if rt.method == "GET" {
				status, body, _ = olga.get(rt.path)
			} else {
				status, body, _ = olga.post(rt.path, url.Values{"seats": {"1"}, "action": {"add"}, "key": {"iso-" + rt.path},
					"body": {"mole"}, "note": {"mole"}, "list": {d.list}, "sku": {"BRK"}, "qty": {"1"}})
			}
			if status != http.StatusNotFound {
				t.Errorf("%s %s as Other AG's buyer: %d", rt.method, rt.path, status)
			}
			for _, s := range d.secrets {
				if strings.Contains(body, s) && !strings.Contains(rt.path, s) {
					t.Errorf("%s %s leaks %q", rt.method, rt.path, s)
				}
			}
		}
		if after := f.counts(); after != before {
			t.Errorf("refused requests wrote: %s → %s", before, after)
		}
		// Her own lists of everything show none of Buyer GmbH's.
		for _, p := range []string{"/portal/contracts", "/portal/licences", "/portal/recurring", "/portal/lists", "/portal/", "/portal/orders", "/portal/quotes"} {
			status, body, _ := olga.get(p)
			if status != http.StatusOK {
				t.Errorf("%s: %d", p, status)
			}
			for _, s := range d.secrets {
				if strings.Contains(body, s) {
					t.Errorf("%s leaks %q", p, s)
				}
			}
		}
	})
}

func TestPortalContractsAndLicences(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		d := f.tenantData()
		tess := f.signedIn(f.tech)
		status, body, _ := tess.get("/portal/contracts")
		// The order of 1000 bricks at the contract's 0.80 is 800.00 of 4,000.00: 20%.
		for _, want := range []string{"Alpha frame &lt;deal&gt;", "€800.00 of €4,000.00 (20%)", "in force"} {
			if status != http.StatusOK || !strings.Contains(body, want) {
				t.Errorf("contracts page (%d) lacks %q", status, want)
			}
		}
		_, body, _ = tess.get("/portal/contracts/" + d.contract)
		for _, want := range []string{"€0.80", "Agreed prices", "€800.00 of €4,000.00 (20%)"} {
			if !strings.Contains(body, want) {
				t.Errorf("contract page lacks %q", want)
			}
		}
		_, body, _ = tess.get("/portal/licences")
		if !strings.Contains(body, "CAD seat") || !strings.Contains(body, "/portal/licences/"+d.licence) {
			t.Errorf("licences page: %s", body)
		}
		path := "/portal/licences/" + d.licence
		status, body, _ = tess.post(path+"/seats", url.Values{"seats": {"2"}, "action": {"price"}, "key": {"seats-1"}})
		if status != http.StatusOK || !regexp.MustCompile(`2 seats for the \d+ of \d+ days left: €`).MatchString(body) {
			t.Fatalf("seat price: %d %s", status, body)
		}
		status, _, _ = tess.post(path+"/seats", url.Values{"seats": {"two"}, "action": {"price"}})
		if status != http.StatusUnprocessableEntity {
			t.Errorf("seats two: %d", status)
		}
		status, _, loc := tess.post(path+"/seats", url.Values{"seats": {"2"}, "action": {"add"}, "key": {"seats-1"}})
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/portal/orders/") {
			t.Fatalf("add seats: %d → %q", status, loc)
		}
		if _, body, _ := tess.get(path); !strings.Contains(body, `<dd id="seats">6</dd>`) {
			t.Errorf("after adding 2 to 4 seats: %s", body)
		}
		// A second click with the same key adds nothing.
		tess.post(path+"/seats", url.Values{"seats": {"2"}, "action": {"add"}, "key": {"seats-1"}})
		if _, body, _ := tess.get(path); !strings.Contains(body, `<dd id="seats">6</dd>`) {
			t.Errorf("a double click added seats twice")
		}
		// A contact who may only view sees the licence but cannot add seats.
		viewer := f.contact(f.org.ID, "Vic Viewer", "", []party.Permission{party.View})
		status, _, _ = f.signedIn(viewer).post(path+"/seats", url.Values{"seats": {"1"}, "action": {"add"}, "key": {"seats-v"}})
		if status != http.StatusForbidden {
			t.Errorf("viewer adds seats: %d", status)
		}
	})
}

func TestPortalRecurringOrders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		d := f.tenantData()
		tess := f.signedIn(f.tech)
		// The form is filled from a past order.
		status, body, _ := tess.get("/portal/recurring/new?order=" + d.order)
		if status != http.StatusOK || !strings.Contains(body, "BRK 1000") {
			t.Fatalf("form from an order: %d", status)
		}
		start := recurring.DayOf(time.Now()).AddDate(0, 0, 10).Format(time.DateOnly)
		form := url.Values{"name": {"Site <supply>"}, "lines": {"BRK 250\nNOPE 1"}, "every": {"1"}, "unit": {"month"},
			"starts_on": {start}, "notice_days": {"3"}, "delivery": {"pickup"}}
		status, body, _ = tess.post("/portal/recurring", form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "NOPE") {
			t.Errorf("unknown SKU: %d", status)
		}
		form.Set("lines", "BRK 250")
		form.Set("every", "x")
		if status, _, _ := tess.post("/portal/recurring", form); status != http.StatusUnprocessableEntity {
			t.Errorf("every x: %d", status)
		}
		form.Set("every", "1")
		status, _, loc := tess.post("/portal/recurring", form)
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/portal/recurring/") {
			t.Fatalf("create: %d → %q", status, loc)
		}
		_, body, _ = tess.get(loc)
		for _, want := range []string{"Site &lt;supply&gt;", "every month", "active", `id="next-run"`, "an email 3 days before"} {
			if !strings.Contains(body, want) {
				t.Errorf("standing order page lacks %q", want)
			}
		}
		if status, _, _ := tess.post(loc+"/pause", nil); status != http.StatusSeeOther {
			t.Fatalf("pause: %d", status)
		}
		if _, body, _ := tess.get(loc); !strings.Contains(body, `id="recurring-status">paused`) || strings.Contains(body, `id="next-run"`) {
			t.Errorf("after pause: %s", body)
		}
		if status, _, _ := tess.post(loc+"/resume", nil); status != http.StatusSeeOther {
			t.Fatalf("resume: %d", status)
		}
		_, body, _ = tess.get("/portal/recurring")
		if !strings.Contains(body, "Site &lt;supply&gt;") || !strings.Contains(body, "Alpha weekly") || !strings.Contains(body, "every 2 weeks") {
			t.Errorf("list: %s", body)
		}
		// A viewer may not set one up or pause one.
		viewer := f.signedIn(f.contact(f.org.ID, "Vic Viewer", "", []party.Permission{party.View}))
		if status, _, _ := viewer.post("/portal/recurring", form); status != http.StatusForbidden {
			t.Errorf("viewer creates: %d", status)
		}
		if status, _, _ := viewer.post(loc+"/pause", nil); status != http.StatusForbidden {
			t.Errorf("viewer pauses: %d", status)
		}
	})
}

func TestPortalSavedListsAndReorder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		d := f.tenantData()
		tess, joe := f.signedIn(f.tech), f.signedIn(f.joe)
		// Tess saves her own list from the order form; Joe does not see it.
		status, _, loc := tess.post("/portal/order", url.Values{"lines": {"BRK 12"}, "action": {"save_list"}, "list_name": {"Tess <own>"}})
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/portal/lists/") {
			t.Fatalf("save list: %d → %q", status, loc)
		}
		own := strings.TrimPrefix(loc, "/portal/lists/")
		if _, body, _ := joe.get("/portal/lists"); strings.Contains(body, "Tess &lt;own&gt;") || !strings.Contains(body, "Alpha list") {
			t.Errorf("Joe's lists: %s", body)
		}
		if status, _, _ := joe.get(loc); status != http.StatusNotFound {
			t.Errorf("Joe opens Tess's own list: %d", status)
		}
		// A name taken is refused with the reason.
		status, body, _ := tess.post("/portal/lists", url.Values{"name": {"Alpha list"}, "lines": {"BRK 1"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "already has a list") {
			t.Errorf("duplicate name: %d", status)
		}
		// From the catalog: the row's form adds to the chosen list.
		if _, body, _ := tess.get("/portal/"); !strings.Contains(body, `action="/portal/lists/add"`) {
			t.Errorf("catalog has no add-to-list form")
		}
		status, _, loc = tess.post("/portal/lists/add", url.Values{"list": {own}, "sku": {"BRK"}, "qty": {"3"}})
		if status != http.StatusSeeOther {
			t.Fatalf("add to list: %d", status)
		}
		if _, body, _ := tess.get(loc); !strings.Contains(body, "<td>BRK</td><td class=\"num\">15</td>") {
			t.Errorf("list after adding 3 to 12: %s", body)
		}
		// Ordering the shared list places an order; asking a quote makes a request.
		status, _, loc = joe.post("/portal/lists/"+d.list+"/order", url.Values{"key": {"list-order-1"}})
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/portal/orders/") {
			t.Fatalf("order list: %d → %q", status, loc)
		}
		if _, body, _ := joe.get(loc); !strings.Contains(body, "77") {
			t.Errorf("the list's order: %s", body)
		}
		status, _, loc = joe.post("/portal/lists/"+d.list+"/quote", url.Values{"note": {"by Friday"}})
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/portal/quotes?requested=") {
			t.Errorf("quote list: %d → %q", status, loc)
		}
		// Reorder: the past order's lines in the form at today's prices, and a
		// line no longer sold named.
		status_ := catalog.Discontinued
		_, err := f.app.UpdateProduct(f.ctx, staffActor, "LIC", app.ProductPatch{Status: &status_})
		f.must(err)
		status, body, _ = tess.get("/portal/order?reorder=" + d.order)
		if status != http.StatusOK {
			t.Fatalf("reorder: %d", status)
		}
		for _, want := range []string{"BRK 1000\n</textarea>", `id="gone"`, "LIC — CAD seat", "€800.00", `id="reorder-notice"`} {
			if !strings.Contains(body, want) {
				t.Errorf("reorder form lacks %q", want)
			}
		}
		if _, body, _ := tess.get("/portal/orders/" + d.order); !strings.Contains(body, `href="/portal/order?reorder=`+d.order) {
			t.Errorf("order page has no reorder link")
		}
		if status, _, _ := tess.post("/portal/lists/"+own+"/delete", nil); status != http.StatusSeeOther {
			t.Errorf("delete: %d", status)
		}
		if status, _, _ := tess.get("/portal/lists/" + own); status != http.StatusNotFound {
			t.Errorf("deleted list: %d", status)
		}
	})
}

func TestPortalQuoteComments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		q := f.sentQuote(f.tech)
		path := "/portal/quotes/" + q.ID
		_, err := f.app.AddQuoteComment(f.ctx, app.Actor{UserID: "mgr", Role: "sales_manager"}, q.ID, "We can deliver on Monday.", "")
		f.must(err)
		tess := f.signedIn(f.tech)
		form := url.Values{"body": {"<script>alert(1)</script> Tuesday?"}, "key": {"c-1"}}
		status, _, loc := tess.post(path+"/comments", form)
		if status != http.StatusSeeOther || loc != path+"#comments" {
			t.Fatalf("comment: %d → %q", status, loc)
		}
		tess.post(path+"/comments", form) // a double post
		_, body, _ := tess.get(path)
		for _, want := range []string{"We can deliver on Monday.", "seller", "Tess Tech", "&lt;script&gt;alert(1)&lt;/script&gt; Tuesday?"} {
			if !strings.Contains(body, want) {
				t.Errorf("thread lacks %q", want)
			}
		}
		if strings.Contains(body, "<script>alert") || strings.Count(body, "Tuesday?") != 1 {
			t.Errorf("thread: escaped once? %d", strings.Count(body, "Tuesday?"))
		}
		if status, _, _ := tess.post(path+"/comments", url.Values{"body": {"  "}}); status != http.StatusUnprocessableEntity {
			t.Errorf("empty comment: %d", status)
		}
		viewer := f.signedIn(f.contact(f.org.ID, "Vic Viewer", "", []party.Permission{party.View}))
		if status, _, _ := viewer.post(path+"/comments", url.Values{"body": {"hi"}}); status != http.StatusForbidden {
			t.Errorf("viewer comments: %d", status)
		}
	})
}
