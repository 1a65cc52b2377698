package portal_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"b2x/app"
	"b2x/store"
	"b2x/store/storetest"
	"b2x/web/page"
)

func TestQuickOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		b := f.signedIn(f.joe)
		status, body, _ := b.get("/portal/order?sku=BRK&qty=10")
		if status != http.StatusOK || !strings.Contains(body, "BRK 10") {
			t.Fatalf("order form from the catalog: %d", status)
		}
		status, body, _ = b.post("/portal/order", url.Values{"key": {"k1"}, "action": {"order"},
			"lines": {"BRK 10\nNOPE-1 2\n<script>x</script> 1\nBRK zero"}})
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad lines: %d", status)
		}
		for _, want := range []string{"line 3: ", "line 4: ", "&lt;script&gt;"} {
			if !strings.Contains(body, want) {
				t.Errorf("refused order lacks %q", want)
			}
		}
		if strings.Contains(body, "<script>x") {
			t.Error("a line is not escaped")
		}
		// Lines that are well formed are then checked against the catalog.
		status, body, _ = b.post("/portal/order", url.Values{"key": {"k1"}, "action": {"order"}, "lines": {"BRK 10\nNOPE-1 2"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "line 2: ") || !strings.Contains(body, "NOPE-1") {
			t.Errorf("an unknown SKU: %d", status)
		}
		// A buyer reading Russian reads the problems in Russian.
		u, _ := url.Parse(f.srv.URL)
		b.c.Jar.SetCookies(u, []*http.Cookie{{Name: page.LangCookie, Value: "ru", Path: "/"}})
		status, body, _ = b.post("/portal/order", url.Values{"key": {"k1"}, "action": {"order"}, "lines": {"BRK 10\nNOPE-1 2"}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "в каталоге нет товара NOPE-1") {
			t.Errorf("an unknown SKU on a Russian page: %d", status)
		}
		b.c.Jar.SetCookies(u, []*http.Cookie{{Name: page.LangCookie, Value: "en", Path: "/"}})
		if os, _ := f.app.PortalOrders(f.ctx, buyerOf(f.joe), app.PortalOrderQuery{Limit: 10}); len(os) != 0 {
			t.Fatalf("a refused quick order placed %d orders", len(os))
		}

		status, body, _ = b.post("/portal/order", url.Values{"key": {"k2"}, "action": {"check"}, "lines": {"BRK 10\nBRK 5"}})
		if status != http.StatusOK || !strings.Contains(body, "€13.50") {
			t.Errorf("check: %d, want 15 bricks at 13.50 net", status)
		}
		form := url.Values{"key": {"k3"}, "action": {"order"}, "lines": {"BRK 15"}, "delivery": {"pickup"}}
		status, _, loc := b.post("/portal/order", form)
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/portal/orders/") {
			t.Fatalf("order: %d → %q", status, loc)
		}
		// A double click is one order.
		if _, _, again := b.post("/portal/order", form); again != loc {
			t.Errorf("the same key again went to %q, not %q", again, loc)
		}
		status, body, _ = b.get(loc)
		if status != http.StatusOK || !strings.Contains(body, "Placed") || !strings.Contains(body, "€13.50") {
			t.Errorf("order page: %d", status)
		}
		if status, body, _ := b.get("/portal/orders"); status != http.StatusOK || strings.Count(body, `href="/portal/orders/`) != 1 {
			t.Errorf("orders list: %d", status)
		}

		status, _, loc = b.post("/portal/order", url.Values{"key": {"k4"}, "action": {"quote"}, "lines": {"BRK 2000\nSVC-DLV 1"},
			"service_SVC-DLV": {"delivery"}, "note": {"to the site"}})
		if status != http.StatusSeeOther || !strings.HasPrefix(loc, "/portal/quotes?requested=") {
			t.Fatalf("request a quote: %d → %q", status, loc)
		}
		reqs, err := f.app.QuoteRequests(f.ctx, buyerOf(f.joe), app.QuoteRequestQuery{Limit: 10})
		if err != nil || len(reqs) != 1 || len(reqs[0].Lines) != 2 {
			t.Fatalf("requests: %v %+v", err, reqs)
		}
		if _, body, _ := b.get(loc); !strings.Contains(body, reqs[0].Number) {
			t.Error("the quotes page does not list the request")
		}
	})
}
