package shop_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"b2x/web/browsertest"
)

// A customer follows a category and a brand from the subscriptions page and
// removes one with its button; the other stays.
func TestBrowserSubscriptionsRemoveOne(t *testing.T) {
	srv, _ := newEmptyServer(t)
	b := browsertest.New(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	b.Run("sign up",
		chromedp.Navigate(srv.URL+"/en/account/sign-up"),
		chromedp.WaitVisible(css(`input[name="email"]`)),
		chromedp.SendKeys(css(`input[name="name"]`), "Dana"),
		chromedp.SendKeys(css(`input[name="email"]`), "dana@example.com"),
		chromedp.SendKeys(css(`input[name="password"]`), "correct horse battery"),
		chromedp.Click(css(`main form button[type="submit"]`)),
		chromedp.WaitVisible(css(`a[href="/en/account/subscriptions"]`)))
	b.Run("open subscriptions", chromedp.Click(css(`a[href="/en/account/subscriptions"]`)), chromedp.WaitVisible(css(`select[name="category"]`)))
	b.Run("follow the category",
		chromedp.SetValue(css(`select[name="category"]`), "tools"),
		chromedp.Click(css(`form[action="/en/account/subscriptions"] button`)),
		chromedp.WaitVisible(css(`#alerts li`)))
	b.Run("follow a brand",
		chromedp.SendKeys(css(`input[name="brand"]`), "Acme"),
		chromedp.Click(css(`form[action="/en/account/subscriptions"] button`)),
		chromedp.WaitVisible(css(`#alerts li:nth-child(2)`)))
	if n := browsertest.Eval[int](b, "count", `document.querySelectorAll("#alerts li").length`); n != 2 {
		t.Fatalf("%d subscriptions listed, want 2", n)
	}
	// The page before the click shows a notice too: wait for the removal's own.
	b.Run("remove the first", chromedp.Click(css(`#alerts li:first-child button`)), chromedp.WaitVisible(css(`p#removed`)))
	if n := browsertest.Eval[int](b, "count", `document.querySelectorAll("#alerts li").length`); n != 1 {
		t.Fatalf("%d subscriptions left, want 1", n)
	}
	if left := b.Text("what is left", "#alerts li"); !strings.Contains(left, "Tools") {
		t.Fatalf("left: %q, want the category (the brand was newest, listed first)", left)
	}
}
