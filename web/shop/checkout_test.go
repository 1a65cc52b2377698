package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"b2x/catalog"
	"b2x/promo"
)

var keyField = regexp.MustCompile(`name="key" value="([^"]+)"`)

// A guest adds a product, applies a coupon, gives a loyalty phone, places the
// order, and sees the confirmation; posting the same form again places nothing new.
func TestGuestCheckoutWithCouponAndLoyaltyPhone(t *testing.T) {
	srv, a := newEmptyServer(t)
	addProduct(t, a, catalog.Product{SKU: "CHK-1", Name: "Spirit level"}, 2000, 10)
	ctx := context.Background()
	if _, err := a.CreateCoupon(ctx, staffActor, promo.Coupon{Code: "SAVE10", Kind: promo.Percent, PercentBP: 1000}); err != nil {
		t.Fatal(err)
	}
	c := browserClient(t)
	res, body := postForm(t, c, srv.URL+"/en/cart", url.Values{"sku": {"CHK-1"}, "quantity": {"2"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add to cart: %d %s", res.StatusCode, body)
	}
	_, body = getWith(t, c, srv.URL+"/en/cart")
	if !strings.Contains(body, "Spirit level") || !strings.Contains(body, "€40.00") {
		t.Fatalf("the cart does not show 2 × €20.00:\n%s", body)
	}
	_, body = getWith(t, c, srv.URL+"/en/checkout")
	m := keyField.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the checkout form has no key")
	}
	form := url.Values{"key": {m[1]}, "name": {"Guest <b>G</b>"}, "email": {"guest@example.com"}, "delivery": {"pickup"},
		"coupon": {"save10"}, "loyalty_phone": {"+7 912 345-67-89"}, "payment": {"cash_on_delivery"}, "action": {"update"}}
	res, body = postForm(t, c, srv.URL+"/en/checkout", form)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "SAVE10") || !strings.Contains(body, "€36.00") {
		t.Fatalf("the coupon does not show on the checkout page: %d\n%s", res.StatusCode, body)
	}
	form.Set("action", "place")
	res, _ = postForm(t, c, srv.URL+"/en/checkout", form)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("place: %d", res.StatusCode)
	}
	done := res.Header.Get("Location")
	_, body = getWith(t, c, srv.URL+done)
	if !strings.Contains(body, `id="confirmation"`) || !strings.Contains(body, "€36.00") {
		t.Fatalf("confirmation page:\n%s", body)
	}
	if strings.Contains(body, "<b>G</b>") {
		t.Fatal("the guest's name is not escaped")
	}
	// A double submit of the same form gives the same order, not a second one.
	res, _ = postForm(t, c, srv.URL+"/en/checkout", form)
	if res.StatusCode != http.StatusSeeOther && res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("second submit: %d", res.StatusCode)
	}
	n, err := a.DB().CountRows(ctx, "orders")
	if err != nil || n != 1 {
		t.Fatalf("orders = %d (%v), want 1", n, err)
	}
	if _, body = getWith(t, c, srv.URL+"/en/cart"); !strings.Contains(body, "Your cart is empty") {
		t.Fatal("the cart still holds the ordered lines")
	}
	// Someone else's guess at a key opens nothing.
	if res, _ := getWith(t, browserClient(t), srv.URL+"/en/checkout/done?key=shop-00000000000000000000000000000000"); res.StatusCode != http.StatusNotFound {
		t.Fatalf("a guessed key: %d", res.StatusCode)
	}
}

// A running promotion shows on the home page and on the product's page before
// checkout, with the price it gives.
func TestPromotionsShowBeforeCheckout(t *testing.T) {
	srv, a := newEmptyServer(t)
	addProduct(t, a, catalog.Product{SKU: "PRO-1", Name: "Trowel", Brand: "Acme"}, 1000, 3)
	if _, err := a.CreatePromotion(context.Background(), staffActor, promo.Promotion{Name: "Acme week <i>", Kind: promo.Percent,
		PercentBP: 2000, Brands: []string{"Acme"}, Channel: catalog.B2C}); err != nil {
		t.Fatal(err)
	}
	if _, body := getWith(t, browserClient(t), srv.URL+"/en/"); !strings.Contains(body, "Acme week &lt;i&gt;") {
		t.Fatal("the home page does not show the promotion")
	}
	if _, body := getWith(t, browserClient(t), srv.URL+"/en/p/PRO-1"); !strings.Contains(body, "Acme week &lt;i&gt;") || !strings.Contains(body, "€8.00") {
		t.Fatal("the product page does not show the promotion and its price")
	}
}
