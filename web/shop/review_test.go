package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/review"
)

// A review with markup is stored as written and shown as text once approved.
func TestReviewMarkupIsShownEscaped(t *testing.T) {
	srv, a := newEmptyServer(t)
	addProduct(t, a, catalog.Product{SKU: "REV-1", Name: "Hammer"}, 1500, 5)
	c := browserClient(t)
	postForm(t, c, srv.URL+"/en/account/sign-up", url.Values{"name": {"Rita"}, "email": {"rita@example.com"}, "password": {"correct horse"}})
	res, body := postForm(t, c, srv.URL+"/en/p/REV-1/reviews", url.Values{"rating": {"9"}, "title": {"x"}, "body": {"y"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "field-error") {
		t.Fatalf("a rating of 9: %d, want 422 with the field's error", res.StatusCode)
	}
	res, _ = postForm(t, c, srv.URL+"/en/p/REV-1/reviews", url.Values{"rating": {"4"}, "title": {`<h1>Great</h1>`},
		"body": {`<script>alert("x")</script> solid`}, "name": {`<b>Rita</b>`}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("review: %d", res.StatusCode)
	}
	_, body = getWith(t, c, srv.URL+"/en/p/REV-1")
	if strings.Contains(body, "Great") {
		t.Fatal("a review shows before moderation")
	}
	ctx := context.Background()
	pending, err := a.Reviews(ctx, staffActor, "REV-1", app.ReviewQuery{Status: review.Pending, Limit: 10})
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending reviews: %v %v", pending, err)
	}
	if _, err := a.ModerateReview(ctx, staffActor, pending[0].ID, review.Approved, ""); err != nil {
		t.Fatal(err)
	}
	_, body = getWith(t, c, srv.URL+"/en/p/REV-1")
	for _, raw := range []string{"<h1>Great", "<script>alert", "<b>Rita"} {
		if strings.Contains(body, raw) {
			t.Errorf("the page contains unescaped %q", raw)
		}
	}
	for _, esc := range []string{"&lt;h1&gt;Great&lt;/h1&gt;", "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; solid"} {
		if !strings.Contains(body, esc) {
			t.Errorf("the page lacks %q", esc)
		}
	}
}
