package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/qty"
)

// A customer finds their orders in the account, and no one else's.
func TestAccountShowsOnlyTheCustomersOrders(t *testing.T) {
	srv, a := newEmptyServer(t)
	addProduct(t, a, catalog.Product{SKU: "ORD-1", Name: "Chisel"}, 990, 5)
	ctx := context.Background()
	signUp := func(email string) (*http.Client, app.Actor) {
		c := browserClient(t)
		postForm(t, c, srv.URL+"/en/account/sign-up", url.Values{"name": {"N"}, "email": {email}, "password": {"correct horse"}})
		actor, err := a.SessionActor(ctx, sessionCookieOf(t, c, srv.URL))
		must(t, err)
		return c, actor
	}
	ann, annActor := signUp("ann@example.com")
	bob, _ := signUp("bob@example.com")
	o, _, err := a.Checkout(ctx, staffActor, "ord-test-1", app.CheckoutInput{Channel: catalog.B2C, PersonID: annActor.PersonID,
		Lines: []app.CheckoutLine{{SKU: "ORD-1", Quantity: qty.Units(2)}}})
	must(t, err)

	_, body := getWith(t, ann, srv.URL+"/en/account/orders")
	if !strings.Contains(body, o.Number) {
		t.Fatalf("Ann's order list lacks %s", o.Number)
	}
	res, body := getWith(t, ann, srv.URL+"/ru/account/orders/"+o.ID)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, "Chisel") {
		t.Fatalf("Ann's order page: %d", res.StatusCode)
	}
	if _, body := getWith(t, bob, srv.URL+"/en/account/orders"); strings.Contains(body, o.Number) {
		t.Fatal("Bob's order list shows Ann's order")
	}
	if res, body := getWith(t, bob, srv.URL+"/en/account/orders/"+o.ID); res.StatusCode != http.StatusNotFound || strings.Contains(body, "Chisel") {
		t.Fatalf("Bob opens Ann's order: %d", res.StatusCode)
	}
}

func TestAddressBook(t *testing.T) {
	srv, _ := newEmptyServer(t)
	c := browserClient(t)
	postForm(t, c, srv.URL+"/en/account/sign-up", url.Values{"name": {"N"}, "email": {"n@example.com"}, "password": {"correct horse"}})
	res, body := postForm(t, c, srv.URL+"/en/account/addresses", url.Values{"name": {"N"}, "line1": {""}, "city": {"Graz"}, "country": {"Austria"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "field-error") {
		t.Fatalf("a bad address: %d", res.StatusCode)
	}
	res, _ = postForm(t, c, srv.URL+"/en/account/addresses", url.Values{"label": {"Site"}, "name": {"N"}, "line1": {"Main St 1"},
		"city": {"Graz"}, "postcode": {"8010"}, "country": {"at"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("adding an address: %d", res.StatusCode)
	}
	if _, body := getWith(t, c, srv.URL+"/en/account/addresses"); !strings.Contains(body, "Main St 1") || !strings.Contains(body, "AT") {
		t.Fatal("the address book does not show the new address")
	}
}

func TestLoyaltyCardInTheAccount(t *testing.T) {
	srv, _ := newEmptyServer(t)
	c := browserClient(t)
	postForm(t, c, srv.URL+"/en/account/sign-up", url.Values{"name": {"L"}, "email": {"l@example.com"}, "password": {"correct horse"}, "phone": {"+7 912 000-11-22"}})
	if _, body := getWith(t, c, srv.URL+"/en/account/loyalty"); !strings.Contains(body, "Get my card") {
		t.Fatal("no offer of a card")
	}
	if res, _ := postForm(t, c, srv.URL+"/en/account/loyalty", nil); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("join: %d", res.StatusCode)
	}
	if _, body := getWith(t, c, srv.URL+"/fa/account/loyalty"); !strings.Contains(body, "79120001122") || !strings.Contains(body, `id="points">۰`) {
		t.Fatalf("the card page does not show the card with its points in Persian digits:\n%s", body)
	}
}
