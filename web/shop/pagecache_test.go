package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"b2x/app"
	"b2x/catalog"
)

// A listing kept for anonymous visitors shows a product written through the
// app at once, and a visitor with a cart gets their own page with its badge.
func TestSharedPagesFollowWritesAndCarts(t *testing.T) {
	srv, a := newEmptyServer(t)
	addProduct(t, a, catalog.Product{SKU: "CACHE-1", Name: "Claw hammer"}, 1500, 5)
	list := srv.URL + "/en/c/tools"
	if _, body := get(t, list); !strings.Contains(body, "Claw hammer") {
		t.Fatalf("listing lacks the product:\n%s", body)
	}
	name := "Framing hammer"
	if _, err := a.UpdateProduct(context.Background(), staffActor, "CACHE-1", app.ProductPatch{Name: &name}); err != nil {
		t.Fatal(err)
	}
	if _, body := get(t, list); !strings.Contains(body, "Framing hammer") || strings.Contains(body, "Claw hammer") {
		t.Fatalf("the listing served after a rename still shows the old name")
	}

	c := browserClient(t)
	if res, _ := postForm(t, c, srv.URL+"/en/cart", url.Values{"sku": {"CACHE-1"}, "quantity": {"2"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("add to cart: %d", res.StatusCode)
	}
	if _, body := getWith(t, c, list); !strings.Contains(body, `<span class="badge">1</span>`) {
		t.Fatalf("a visitor with a cart sees no badge")
	}
	if _, body := get(t, list); strings.Contains(body, `class="badge"`) {
		t.Fatalf("an anonymous visitor was served another visitor's cart badge")
	}
}
