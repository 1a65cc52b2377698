package admin_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"b2x/web/browsertest"
)

// A warehouse user signs in, moves an order across the fulfilment board from
// placed to confirmed to shipped with the card's buttons, is refused nothing
// valid, and the order's page shows the time it spent in each status.
func TestBrowserWarehouseMovesAnOrderAcrossTheBoard(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	f.ops(t)
	o := f.place(t, "Hafenstraße 1, Hamburg")
	b := browsertest.New(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	card := func(status string) string { return `#status-` + status + ` .card[data-order="` + o.ID + `"]` }

	b.Run("open the board", chromedp.Navigate(f.srv.URL+"/admin/fulfilment"), chromedp.WaitVisible(css(`input[name="email"]`)))
	b.Run("sign in as warehouse",
		chromedp.SendKeys(css(`input[name="email"]`), "warehouse@example.com"),
		chromedp.SendKeys(css(`input[name="password"]`), password),
		chromedp.Click(css(`main form button[type="submit"]`)),
		chromedp.WaitVisible(css(card("placed"))))
	if n := b.Text("placed count", "#status-placed .count"); n != "1" {
		t.Fatalf("placed column counts %q", n)
	}
	b.Run("confirm", chromedp.Click(css(card("placed")+` button[value="confirmed"]`)), chromedp.WaitVisible(css(card("confirmed"))))
	if got := b.Text("confirmed column", "#status-confirmed"); !strings.Contains(got, o.Number) {
		t.Fatalf("confirmed column = %q", got)
	}
	b.Run("ship", chromedp.Click(css(card("confirmed")+` button[value="shipped"]`)), chromedp.WaitVisible(css(card("shipped"))))
	if n := b.Text("placed count after", "#status-placed .count"); n != "0" {
		t.Fatalf("placed column still counts %q", n)
	}
	b.Run("open the order", chromedp.Click(css(card("shipped")+` h3 a`)), chromedp.WaitVisible(css("#status-times")))
	if st := b.Text("status", "#order-status"); st != "Shipped" {
		t.Fatalf("order status %q", st)
	}
	times := b.Text("time in status", "#status-times")
	for _, s := range []string{"Placed", "Confirmed", "Shipped"} {
		if !strings.Contains(times, s) {
			t.Fatalf("time in status %q lacks %s", times, s)
		}
	}
	if hist := b.Text("history", "#order-history"); !strings.Contains(hist, "Confirmed → Shipped") {
		t.Fatalf("history %q lacks the move to shipped", hist)
	}
}
