package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"b2x/catalog"
)

func TestPasswordReset(t *testing.T) {
	srv, a := newEmptyServer(t)
	c := browserClient(t)
	postForm(t, c, srv.URL+"/en/account/sign-up", url.Values{"name": {"R"}, "email": {"r@example.com"}, "password": {"correct horse"}})
	// Known and unknown addresses get the same answer.
	_, known := postForm(t, browserClient(t), srv.URL+"/en/account/reset", url.Values{"email": {"r@example.com"}})
	_, unknown := postForm(t, browserClient(t), srv.URL+"/en/account/reset", url.Values{"email": {"nobody@example.com"}})
	if !strings.Contains(known, "If this address has an account") || known != unknown {
		t.Fatal("the reset form tells known addresses from unknown ones")
	}
	req, err := a.RequestPasswordReset(context.Background(), "r@example.com")
	must(t, err)
	if res, body := getWith(t, browserClient(t), srv.URL+"/en/account/reset/new?token="+url.QueryEscape(req.Token)); res.StatusCode != http.StatusOK || !strings.Contains(body, `name="password"`) {
		t.Fatalf("new password form: %d", res.StatusCode)
	}
	res, _ := postForm(t, browserClient(t), srv.URL+"/en/account/reset/new", url.Values{"token": {req.Token}, "password": {"new horse battery"}})
	if res.StatusCode != http.StatusOK {
		t.Fatalf("set new password: %d", res.StatusCode)
	}
	// The token works once, and the old session is gone.
	if res, _ := postForm(t, browserClient(t), srv.URL+"/en/account/reset/new", url.Values{"token": {req.Token}, "password": {"another one!"}}); res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a used token: %d, want 422", res.StatusCode)
	}
	if res, _ := getWith(t, c, srv.URL+"/en/account"); res.StatusCode != http.StatusSeeOther {
		t.Fatal("the session from before the reset still works")
	}
	if res, _ := postForm(t, browserClient(t), srv.URL+"/en/account/sign-in", url.Values{"email": {"r@example.com"}, "password": {"new horse battery"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in with the new password: %d", res.StatusCode)
	}
}

func TestBackInStockSubscription(t *testing.T) {
	srv, a := newEmptyServer(t)
	addProduct(t, a, catalog.Product{SKU: "GONE-1", Name: "Sold-out saw"}, 1000, 0)
	c := browserClient(t)
	if _, body := getWith(t, c, srv.URL+"/en/p/GONE-1"); !strings.Contains(body, `id="notify"`) {
		t.Fatal("an out-of-stock product has no notify form")
	}
	if res, body := postForm(t, c, srv.URL+"/en/p/GONE-1/notify", url.Values{"email": {"not an email"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "field-error") {
		t.Fatalf("a bad address: %d", res.StatusCode)
	}
	res, _ := postForm(t, c, srv.URL+"/en/p/GONE-1/notify", url.Values{"email": {"wait@example.com"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("subscribe: %d", res.StatusCode)
	}
	n, err := a.DB().CountRows(context.Background(), "alert_subscriptions")
	if err != nil || n != 1 {
		t.Fatalf("subscriptions = %d (%v), want 1", n, err)
	}
}
