package shop_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func get(t *testing.T, u string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

func TestRootRedirectsToTheVisitorsLanguage(t *testing.T) {
	srv := newDemoServer(t)
	for _, c := range []struct{ accept, cookie, want string }{
		{"ru-RU,ru;q=0.9,en;q=0.5", "", "/ru/"},
		{"fa-IR", "", "/fa/"},
		{"de-DE", "", "/en/"},
		{"ru", "fa", "/fa/"}, // the switcher's choice wins over the browser's
	} {
		h := []string{"Accept-Language", c.accept}
		if c.cookie != "" {
			h = append(h, "Cookie", "lang="+c.cookie)
		}
		res, _ := get(t, srv.URL+"/", h...)
		if res.StatusCode != http.StatusFound || res.Header.Get("Location") != c.want {
			t.Errorf("Accept-Language %q cookie %q: %d %q, want 302 %q", c.accept, c.cookie, res.StatusCode, res.Header.Get("Location"), c.want)
		}
	}
}

// Every page in every language: no key is missing from a catalog, the page is
// whole and weighs under 100 KB before images.
func TestPagesInEveryLanguage(t *testing.T) {
	srv := newDemoServer(t)
	for _, lang := range []string{"en", "ru", "fa"} {
		for _, path := range []string{"/", "/p/BRK-RED-250", "/news/spring-bricks-in-stock", "/c/building-materials", "/search?q=кирпич", "/search?q=brick&brand=Brickford&sort=price_asc&in_stock=1"} {
			res, body := get(t, srv.URL+"/"+lang+path)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s%s: status %d", lang, path, res.StatusCode)
				continue
			}
			if strings.Contains(body, "⟦") {
				t.Errorf("%s%s: a translation is missing: %s", lang, path, body[strings.Index(body, "⟦"):][:60])
			}
			if !strings.Contains(body, `<html lang="`+lang+`"`) || !strings.HasSuffix(strings.TrimSpace(body), "</html>") {
				t.Errorf("%s%s: not a whole page in %s", lang, path, lang)
			}
			if len(body) > 100_000 {
				t.Errorf("%s%s weighs %d bytes, over 100 KB", lang, path, len(body))
			}
		}
	}
}

func TestUnknownPagesAreNotFound(t *testing.T) {
	srv := newDemoServer(t)
	for _, path := range []string{"/de/", "/en/news/summer-catalogue-draft", "/en/p/NO-SUCH-SKU", "/en/p/..%2f..%2fetc", "/en/nowhere", "/assets/shop.css"} {
		res, body := get(t, srv.URL+path)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, res.StatusCode)
		}
		if strings.Contains(body, "⟦") {
			t.Errorf("%s: a translation is missing on the error page", path)
		}
	}
}

// A form posted from another site is refused before any handler runs.
func TestCrossSitePostIsForbidden(t *testing.T) {
	srv := newDemoServer(t)
	for _, h := range [][2]string{{"Sec-Fetch-Site", "cross-site"}, {"Origin", "https://evil.example"}} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/en/cart", strings.NewReader(url.Values{"sku": {"BRK-RED-250"}, "quantity": {"1"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set(h[0], h[1])
		res, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusForbidden {
			t.Errorf("POST with %s: %s: status %d, want 403", h[0], h[1], res.StatusCode)
		}
	}
}

func TestPagesCarryASecurityPolicy(t *testing.T) {
	srv := newDemoServer(t)
	res, _ := get(t, srv.URL+"/en/")
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
}
