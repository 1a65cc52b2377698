package shop_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestSearchAndCategoryPages(t *testing.T) {
	srv := newDemoServer(t)
	_, body := get(t, srv.URL+"/en/search?q=bricks")
	if !strings.Contains(body, "/en/p/BRK-RED-250") {
		t.Fatal(`searching "bricks" does not find the red brick`)
	}
	if !strings.Contains(body, `value="bricks"`) {
		t.Fatal("the search box does not keep the query")
	}
	_, body = get(t, srv.URL+"/en/search?q=BRK-RED-25")
	if !strings.Contains(body, "/en/p/BRK-RED-250") {
		t.Fatal("a SKU prefix does not find the product")
	}
	res, body := get(t, srv.URL+"/en/c/building-materials?sort=price_asc&in_stock=1")
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `class="card"`) {
		t.Fatalf("category page: %d", res.StatusCode)
	}
	res, body = get(t, srv.URL+"/ru/search?"+url.Values{"q": {"кирпич"}, "min": {"abc"}}.Encode())
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "field-error") {
		t.Fatalf("a bad price bound: %d, want 422 naming the field", res.StatusCode)
	}
	for _, q := range []string{`"`, `*`, `NEAR(`, `a:b`, `!|&`, `)(`} {
		if res, _ := get(t, srv.URL+"/en/search?q="+url.QueryEscape(q)); res.StatusCode != http.StatusOK {
			t.Errorf("search %q: %d", q, res.StatusCode)
		}
	}
	if res, _ := get(t, srv.URL+"/en/c/no-such-category"); res.StatusCode != http.StatusNotFound {
		t.Fatalf("unknown category: %d", res.StatusCode)
	}
}
