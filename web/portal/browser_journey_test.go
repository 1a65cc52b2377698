package portal_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"b2x/app"
	"b2x/party"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
	"b2x/web/browsertest"
)

// A buyer requests a quote from the order form; the manager prices it with a
// delivery and sends it; the technical evaluator approves in the portal; the
// quote is above the CFO's threshold, so acceptance is refused until the CFO
// approves in their own session; then the buyer accepts, and the order exists
// with its stock taken.
func TestBrowserQuoteToOrder(t *testing.T) {
	f := newFixture(t, storetest.Open(t, store.SQLite))
	b := browsertest.New(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	signIn := func(step string, c party.Contact) {
		link, err := f.app.CreateContactToken(f.ctx, c.ID, "browser")
		f.must(err)
		b.Run(step,
			chromedp.Navigate(f.srv.URL+"/portal/sign-in?token="+link),
			chromedp.WaitVisible(css(`main form button[type="submit"]`)),
			chromedp.Click(css(`main form button[type="submit"]`)),
			chromedp.WaitVisible(css("table.catalog")))
	}
	signOut := func(step string) {
		b.Run(step, chromedp.Click(css(`form[action="/portal/sign-out"] button`)), chromedp.WaitVisible(css(`input[name="token"]`)))
	}
	openQuote := func(step string) {
		b.Run(step,
			chromedp.Navigate(f.srv.URL+"/portal/quotes"),
			chromedp.WaitVisible(css(`main table a[href^="/portal/quotes/"]`)),
			chromedp.Click(css(`main table a[href^="/portal/quotes/"]`)),
			chromedp.WaitVisible(css("#verdict-summary")))
	}

	signIn("the buyer signs in", f.tech)
	b.Run("add bricks to the order",
		chromedp.SetValue(css("#qty-BRK"), "1000"),
		chromedp.Click(css(`form:has(#qty-BRK) button`)),
		chromedp.WaitVisible(css(`textarea[name="lines"]`)))
	b.Run("request a quote",
		chromedp.Click(css(`button[value="quote"]`)),
		chromedp.WaitVisible(css(`p.notice`)))

	reqs, err := f.app.QuoteRequests(f.ctx, staffActor, app.QuoteRequestQuery{Unassigned: true, Limit: 10})
	f.must(err)
	if len(reqs) != 1 || reqs[0].Lines[0].Quantity != qty.Units(1000) {
		t.Fatalf("the seller's requests: %+v", reqs)
	}
	f.price(reqs[0].QuoteID)
	_, err = f.app.SendQuote(f.ctx, staffActor, reqs[0].QuoteID)
	f.must(err)

	openQuote("the buyer opens the quote")
	if s := b.Text("verdict", "#verdict-summary"); s != "0 of 2 key people approve" {
		t.Fatalf("verdict %q", s)
	}
	b.Run("the evaluator approves",
		chromedp.SendKeys(css(`textarea[name="reason"]`), "meets the spec"),
		chromedp.Click(css(`button[value="approve"]`)),
		chromedp.WaitVisible(css(`#verdict-summary[data-approved="1"]`)))
	if s := b.Text("verdict", "#verdict-summary"); s != "1 of 2 key people approve" {
		t.Fatalf("verdict after the evaluator %q", s)
	}
	b.Run("accepting before the CFO", chromedp.Click(css("#accept")), chromedp.WaitVisible(css(`main p.error`)))
	if orders, _ := f.app.PortalOrders(f.ctx, buyerOf(f.tech), app.PortalOrderQuery{Limit: 10}); len(orders) != 0 {
		t.Fatalf("accepted before the CFO approved: %+v", orders)
	}
	signOut("the buyer signs out")

	signIn("the CFO signs in", f.cfo)
	openQuote("the CFO opens the quote")
	// Each page is waited for by what only it shows: the old page's elements are
	// still there until the new one loads.
	b.Run("the CFO approves", chromedp.Click(css(`button[value="approve"]`)),
		chromedp.WaitVisible(css(`#verdict-summary[data-approved="2"]`)))
	if s := b.Text("verdict", "#verdict-summary"); s != "2 of 2 key people approve" {
		t.Fatalf("verdict after the CFO %q", s)
	}
	signOut("the CFO signs out")

	signIn("the buyer signs in again", f.tech)
	openQuote("the buyer opens the approved quote")
	b.Run("the buyer accepts", chromedp.Click(css("#accept")), chromedp.WaitVisible(css("#order-status")))
	if s := b.Text("order status", "#order-status"); s != "Placed" {
		t.Fatalf("order status %q", s)
	}

	orders, err := f.app.PortalOrders(f.ctx, buyerOf(f.tech), app.PortalOrderQuery{Limit: 10})
	f.must(err)
	if len(orders) != 1 || !strings.Contains(b.Text("order page", "main"), orders[0].Number) {
		t.Fatalf("orders %+v", orders)
	}
	ps, err := f.app.PortalCatalog(f.ctx, buyerOf(f.tech), app.PortalCatalogQuery{Q: "BRK", Limit: 10})
	f.must(err)
	if len(ps) != 1 || ps[0].Available != qty.Units(4000) {
		t.Errorf("bricks available after the order: %+v, want 4000", ps)
	}

	// Reorder from the order's page: its lines land in the order form, checked
	// at today's company prices, and nothing is placed until the buyer says so.
	b.Run("the buyer orders the same again", chromedp.Click(css("#reorder")), chromedp.WaitVisible(css("#reorder-notice")))
	lines := browsertest.Eval[string](b, "the form's lines", `document.querySelector('textarea[name="lines"]').value`)
	if !strings.Contains(lines, "BRK 1000") || !strings.Contains(lines, "SVC-DLV 1") {
		t.Errorf("reorder form lines %q", lines)
	}
	if s := b.Text("checked lines", "main table.cart tfoot"); !strings.Contains(s, "€950.00") {
		t.Errorf("reorder check %q", s)
	}
	if orders, _ := f.app.PortalOrders(f.ctx, buyerOf(f.tech), app.PortalOrderQuery{Limit: 10}); len(orders) != 1 {
		t.Errorf("reordering placed an order by itself: %d orders", len(orders))
	}
}
