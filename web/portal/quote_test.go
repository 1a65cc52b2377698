package portal_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"b2x/app"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

func TestQuoteDecisions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		q := f.sentQuote(f.tech)
		path := "/portal/quotes/" + q.ID
		tess := f.signedIn(f.tech)
		status, body, _ := tess.get(path)
		if status != http.StatusOK {
			t.Fatalf("quote page: %d", status)
		}
		for _, want := range []string{q.Number, "0 of 2 key people approve", "Waiting for the financial approver: Carl CFO",
			"Delivery to site", "(Delivery)", "€950.00", path + "/pdf"} {
			if !strings.Contains(body, want) {
				t.Errorf("quote page lacks %q", want)
			}
		}

		// Joe may not approve: refused, and nothing recorded.
		status, body, _ = f.signedIn(f.joe).post(path+"/decision", url.Values{"decision": {"approve"}})
		if status != http.StatusForbidden || !strings.Contains(body, "approve") {
			t.Errorf("approval without the permission: %d", status)
		}
		if d, _ := f.app.Quote(f.ctx, staffActor, q.ID); len(d.Approvals) != 0 {
			t.Errorf("a refused approval was stored: %+v", d.Approvals)
		}
		// A rejection needs a reason.
		if status, _, _ := tess.post(path+"/decision", url.Values{"decision": {"reject"}}); status != http.StatusUnprocessableEntity {
			t.Errorf("rejection without a reason: %d", status)
		}
		if status, _, loc := tess.post(path+"/decision", url.Values{"decision": {"approve"}, "reason": {"meets <the> spec"}}); status != http.StatusSeeOther || loc != path {
			t.Fatalf("approve: %d → %q", status, loc)
		}
		_, body, _ = tess.get(path)
		if !strings.Contains(body, "1 of 2 key people approve") || !strings.Contains(body, "meets &lt;the&gt; spec") {
			t.Errorf("after the evaluator's approval the page does not say so")
		}
		// Above the CFO's threshold acceptance waits for the CFO.
		status, _, _ = tess.post(path+"/accept", url.Values{"key": {"accept-1"}})
		if status != http.StatusUnprocessableEntity {
			t.Errorf("acceptance without the CFO: %d", status)
		}
		if status, _, _ := f.signedIn(f.cfo).post(path+"/decision", url.Values{"decision": {"approve"}}); status != http.StatusSeeOther {
			t.Fatalf("CFO approves: %d", status)
		}
		status, _, loc := tess.post(path+"/accept", url.Values{"key": {"accept-2"}})
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/portal/orders/") {
			t.Fatalf("accept: %d → %q", status, loc)
		}
		o, err := f.app.PortalOrder(f.ctx, buyerOf(f.tech), strings.TrimPrefix(loc, "/portal/orders/"))
		if err != nil || o.Lines[0].Quantity != qty.Units(1000) {
			t.Errorf("order from the quote: %v %+v", err, o)
		}
		if status, _, _ := tess.get(path + "/pdf"); status != http.StatusOK {
			t.Errorf("pdf: %d", status)
		}
	})
}

// Another company's quotes and orders are not found, and the page says nothing
// of them.
func TestAnotherCompanysDataIsNotFound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		theirs := f.sentQuote(f.oth)
		o, _, err := f.app.QuickOrder(f.ctx, buyerOf(f.oth), "their-order", app.QuickOrderInput{CSV: "BRK 7"})
		f.must(err)
		b := f.signedIn(f.tech)
		for _, r := range []struct{ method, path string }{
			{"GET", "/portal/quotes/" + theirs.ID}, {"GET", "/portal/quotes/" + theirs.ID + "/pdf"},
			{"POST", "/portal/quotes/" + theirs.ID + "/decision"}, {"POST", "/portal/quotes/" + theirs.ID + "/accept"},
			{"GET", "/portal/orders/" + o.ID}, {"GET", "/portal/orders/not-an-id"},
		} {
			var status int
			var body string
			if r.method == "GET" {
				status, body, _ = b.get(r.path)
			} else {
				status, body, _ = b.post(r.path, url.Values{"decision": {"approve"}, "key": {"k"}})
			}
			if status != http.StatusNotFound {
				t.Errorf("%s %s: %d, want 404", r.method, r.path, status)
			}
			for _, leak := range []string{theirs.Number, o.Number, "Other AG", "Olga"} {
				if strings.Contains(body, leak) {
					t.Errorf("%s %s shows %q", r.method, r.path, leak)
				}
			}
		}
		for _, path := range []string{"/portal/quotes", "/portal/orders"} {
			_, body, _ := b.get(path)
			if strings.Contains(body, theirs.Number) || strings.Contains(body, o.Number) {
				t.Errorf("%s lists the other company's data", path)
			}
		}
		if d, _ := f.app.Quote(f.ctx, staffActor, theirs.ID); len(d.Approvals) != 0 || d.OrderID != "" {
			t.Errorf("the other company's quote changed: %+v", d)
		}
	})
}
