package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
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
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv, _, sms := newEngineServer(t, db)
		c := browserClient(t)
		postForm(t, c, srv.URL+"/en/account/sign-up", url.Values{"name": {"L"}, "email": {"l@example.com"}, "password": {"correct horse"}, "phone": {"+7 912 000-11-22"}})
		if _, body := getWith(t, c, srv.URL+"/en/account/loyalty"); !strings.Contains(body, "Send me a code") || !strings.Contains(body, `value="&#43;7 912 000-11-22"`) {
			t.Fatalf("no offer of a card for the account's phone:\n%s", body)
		}
		if res, _ := postForm(t, c, srv.URL+"/en/account/loyalty/code", url.Values{"phone": {"+7 912 000-11-22"}}); res.StatusCode != http.StatusOK {
			t.Fatalf("send a code: %d", res.StatusCode)
		}
		code := sms.lastCode(t, "+79120001122")
		if res, _ := postForm(t, c, srv.URL+"/en/account/loyalty", url.Values{"phone": {"+7 912 000-11-22"}, "code": {code}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("join: %d", res.StatusCode)
		}
		if _, body := getWith(t, c, srv.URL+"/fa/account/loyalty"); !strings.Contains(body, "79120001122") || !strings.Contains(body, `id="points">۰`) {
			t.Fatalf("the card page does not show the card with its points in Persian digits:\n%s", body)
		}
	})
}

func TestWarrantyRegistrationAndClaim(t *testing.T) {
	srv, a := newEmptyServer(t)
	addProduct(t, a, catalog.Product{SKU: "DRILL-1", Name: "Drill", WarrantyMonths: 24}, 9900, 3)
	c := browserClient(t)
	postForm(t, c, srv.URL+"/en/account/sign-up", url.Values{"name": {"W"}, "email": {"w@example.com"}, "password": {"correct horse"}})
	res, body := postForm(t, c, srv.URL+"/en/account/warranty", url.Values{"sku": {"DRILL-1"}, "serial": {"SN-1"}, "purchased": {"31.12.2025"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "YYYY-MM-DD") {
		t.Fatalf("a bad date: %d", res.StatusCode)
	}
	res, _ = postForm(t, c, srv.URL+"/en/account/warranty", url.Values{"sku": {"DRILL-1"}, "serial": {"SN-1"}, "purchased": {time.Now().AddDate(0, -1, 0).Format(time.DateOnly)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("register: %d", res.StatusCode)
	}
	_, body = getWith(t, c, srv.URL+"/en/account/warranty")
	m := regexp.MustCompile(`/en/account/warranty/([0-9a-f-]+)/claims`).FindStringSubmatch(body)
	if m == nil || !strings.Contains(body, "SN-1") {
		t.Fatal("the registration is not listed with a claim form")
	}
	if res, _ := postForm(t, c, srv.URL+"/en/account/warranty/"+m[1]+"/claims", url.Values{"problem": {"<b>stops</b> after a minute"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("claim: %d", res.StatusCode)
	}
	if _, body := getWith(t, c, srv.URL+"/en/account/warranty"); !strings.Contains(body, "Submitted") || !strings.Contains(body, "&lt;b&gt;stops") {
		t.Fatal("the claim does not show, escaped, with its status")
	}
	// Another customer cannot claim on it.
	other := browserClient(t)
	postForm(t, other, srv.URL+"/en/account/sign-up", url.Values{"name": {"X"}, "email": {"x@example.com"}, "password": {"correct horse"}})
	res, body = postForm(t, other, srv.URL+"/en/account/warranty/"+m[1]+"/claims", url.Values{"problem": {"mine now"}})
	if (res.StatusCode != http.StatusNotFound && res.StatusCode != http.StatusUnprocessableEntity) || strings.Contains(body, "SN-1") {
		t.Fatalf("another customer's claim: %d, want refused without the item's data", res.StatusCode)
	}
	if claims, err := a.WarrantyClaims(context.Background(), staffActor, app.ClaimQuery{Limit: 10}); err != nil || len(claims) != 1 {
		t.Fatalf("claims = %d (%v), want 1", len(claims), err)
	}
}
