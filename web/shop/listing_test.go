package shop_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/store"
	"b2x/web"
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

// A search that matches more products than the app reads says so, in the
// visitor's language; one within the bound does not.
func TestSearchSaysWhenBounded(t *testing.T) {
	newDemoApp(t) // seeds the demo database once
	db, err := store.Open(context.Background(), "sqlite:"+filepath.Join(demoDB.dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	a := app.New(db, app.WithSearchCandidates(1), app.WithClock(func() time.Time { return demoNow.Add(10 * time.Hour) }))
	srv := httptest.NewServer(web.Handler(a, slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	_, body := get(t, srv.URL+"/en/search?q=bricks")
	if !strings.Contains(body, "these are the first 1 matches") {
		t.Error(`a broad search does not say it lists the first matches only`)
	}
	_, body = get(t, srv.URL+"/ru/search?q=bricks")
	if !strings.Contains(body, "показаны первые 1 совпадений") {
		t.Error(`the note is not in Russian`)
	}
	_, body = get(t, srv.URL+"/en/search?q=BRK-RED-250")
	if !strings.Contains(body, "/en/p/BRK-RED-250") {
		t.Error(`a SKU typed exactly is not listed when the search is bounded`)
	}
	_, body = get(t, newDemoServer(t).URL+"/en/search?q=bricks")
	if strings.Contains(body, "More products match") || !strings.Contains(body, "/en/p/BRK-RED-250") {
		t.Error(`a search within the bound says it is bounded, or lists nothing`)
	}
}
