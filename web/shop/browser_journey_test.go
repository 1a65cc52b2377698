package shop_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"b2x/catalog"
	"b2x/promo"
	"b2x/web/browsertest"
)

// A guest searches, opens a product, adds it to the cart, applies a coupon, checks out with
// a loyalty phone number and sees the confirmation; then a customer signs up,
// orders, and finds the order in the account.
func TestBrowserGuestCheckoutAndCustomerOrders(t *testing.T) {
	srv, a := newEmptyServer(t)
	addProduct(t, a, catalog.Product{SKU: "LEVEL-60", Name: "Spirit level 60 cm", Brand: "Acme",
		Specs: []catalog.Spec{{Key: "Length", Value: "60 cm"}}}, 2000, 10)
	if _, err := a.CreateCoupon(context.Background(), staffActor, promo.Coupon{Code: "SAVE10", Kind: promo.Percent, PercentBP: 1000}); err != nil {
		t.Fatal(err)
	}
	b := browsertest.New(t)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }

	b.Run("search from the home page",
		chromedp.Navigate(srv.URL+"/en/"),
		chromedp.WaitVisible(css("#q")),
		chromedp.SendKeys(css("#q"), "spirit levels"),
		chromedp.Submit(css("#q")),
		chromedp.WaitVisible(css(`ul.grid a[href="/en/p/LEVEL-60"]`)))
	b.Run("open the product", chromedp.Click(css(`ul.grid a[href="/en/p/LEVEL-60"]`)), chromedp.WaitVisible(css(`form[action="/en/cart"]`)))
	b.Run("add to the cart", chromedp.Click(css(`form[action="/en/cart"] button`)), chromedp.WaitVisible(css("table.cart")))
	if got := b.Text("cart line", "table.cart tbody"); !strings.Contains(got, "Spirit level 60 cm") {
		t.Fatalf("cart: %q", got)
	}
	b.Run("go to checkout", chromedp.Click(css(`a[href="/en/checkout"]`)), chromedp.WaitVisible(css("form#checkout")))
	b.Run("apply the coupon",
		chromedp.SendKeys(css(`input[name="name"]`), "Gita Guest"),
		chromedp.SendKeys(css(`input[name="email"]`), "gita@example.com"),
		chromedp.SendKeys(css(`input[name="coupon"]`), "save10"),
		chromedp.SendKeys(css(`input[name="loyalty_phone"]`), "8 912 345-67-89"),
		chromedp.Click(css(`button[value="update"]`)),
		chromedp.WaitVisible(css("#total")))
	if total := b.Text("total after the coupon", "#total"); total != "€18.00" {
		t.Fatalf("total with SAVE10 = %q, want €18.00", total)
	}
	b.Run("place the order", chromedp.Click(css(`button[value="place"]`)), chromedp.WaitVisible(css("#confirmation")))
	guestOrder := b.Text("confirmation", "#confirmation")
	if !strings.Contains(guestOrder, "has been placed") {
		t.Fatalf("confirmation: %q", guestOrder)
	}

	b.Run("sign up",
		chromedp.Navigate(srv.URL+"/en/account/sign-up"),
		chromedp.WaitVisible(css(`input[name="email"]`)),
		chromedp.SendKeys(css(`input[name="name"]`), "Carl Customer"),
		chromedp.SendKeys(css(`input[name="email"]`), "carl@example.com"),
		chromedp.SendKeys(css(`input[name="password"]`), "correct horse battery"),
		chromedp.Click(css(`main form button[type="submit"]`)),
		chromedp.WaitVisible(css(`form[action="/en/account/sign-out"]`)))
	b.Run("sign out", chromedp.Click(css(`form[action="/en/account/sign-out"] button`)), chromedp.WaitVisible(css(`a[href="/en/account/sign-in"]`)))
	b.Run("sign in",
		chromedp.Navigate(srv.URL+"/en/account/sign-in"),
		chromedp.WaitVisible(css(`input[name="email"]`)),
		chromedp.SendKeys(css(`input[name="email"]`), "CARL@example.com"),
		chromedp.SendKeys(css(`input[name="password"]`), "correct horse battery"),
		chromedp.Click(css(`main form button[type="submit"]`)),
		chromedp.WaitVisible(css(`form[action="/en/account/sign-out"]`)))
	b.Run("order as the customer",
		chromedp.Navigate(srv.URL+"/en/p/LEVEL-60"),
		chromedp.WaitVisible(css(`form[action="/en/cart"] button`)),
		chromedp.Click(css(`form[action="/en/cart"] button`)),
		chromedp.WaitVisible(css("table.cart")),
		chromedp.Click(css(`a[href="/en/checkout"]`)),
		chromedp.WaitVisible(css("form#checkout")),
		chromedp.Click(css(`button[value="place"]`)),
		chromedp.WaitVisible(css("#confirmation")))
	confirmation := b.Text("customer's confirmation", "#confirmation")
	b.Run("find the order", chromedp.Navigate(srv.URL+"/en/account/orders"), chromedp.WaitVisible(css("main table")))
	list := b.Text("order list", "main table")
	number := strings.Fields(strings.SplitN(confirmation, "order ", 2)[1])[0]
	if !strings.Contains(list, number) {
		t.Fatalf("the account's orders %q lack %s", list, number)
	}
	if strings.Contains(list, strings.Fields(strings.SplitN(guestOrder, "order ", 2)[1])[0]) {
		t.Fatal("the guest's order shows in the customer's account")
	}
}
