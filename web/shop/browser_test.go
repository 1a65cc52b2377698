package shop_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"b2x/web/browsertest"
)

// The Persian home page is laid out right to left: the document says so and the
// browser computes it for the header.
func TestBrowserPersianHomeIsRightToLeft(t *testing.T) {
	srv := newDemoServer(t)
	b := browsertest.New(t)
	b.Run("open the Persian home page", chromedp.Navigate(srv.URL+"/fa/"), chromedp.WaitVisible(chromedp.CSS("header.top")))
	if dir := browsertest.Eval[string](b, "read dir", `document.documentElement.dir`); dir != "rtl" {
		t.Fatalf("html dir = %q, want rtl", dir)
	}
	if dir := browsertest.Eval[string](b, "computed direction", `getComputedStyle(document.querySelector("header.top")).direction`); dir != "rtl" {
		t.Fatalf("computed direction of the header = %q, want rtl", dir)
	}
	if brand := b.Text("brand", "a.brand"); !strings.Contains(brand, "فروشگاه") {
		t.Fatalf("brand = %q, want the Persian shop name", brand)
	}
}
