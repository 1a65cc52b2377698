package shop_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"
)

// browserClient keeps cookies and does not follow redirects, so tests see each
// answer.
func browserClient(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func postForm(t *testing.T, c *http.Client, u string, form url.Values) (*http.Response, string) {
	t.Helper()
	res, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

func getWith(t *testing.T, c *http.Client, u string) (*http.Response, string) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

func TestSignUpSignOutSignIn(t *testing.T) {
	srv, _ := newEmptyServer(t)
	c := browserClient(t)
	res, _ := getWith(t, c, srv.URL+"/en/account")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), "/en/account/sign-in?next=") {
		t.Fatalf("account page before sign-in: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, body := postForm(t, c, srv.URL+"/en/account/sign-up", url.Values{"name": {`<h1>Ann</h1>`}, "email": {"ann@example.com"}, "password": {"correct horse"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-up: %d %s", res.StatusCode, body)
	}
	first := sessionCookieOf(t, c, srv.URL)
	_, body = getWith(t, c, srv.URL+"/en/account")
	if !strings.Contains(body, "ann@example.com") || !strings.Contains(body, "&lt;h1&gt;Ann&lt;/h1&gt;") || strings.Contains(body, "<h1>Ann") {
		t.Fatalf("account page does not show the escaped name and email:\n%s", body)
	}
	res, _ = postForm(t, c, srv.URL+"/en/account/sign-out", nil)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", res.StatusCode)
	}
	// The old session is dead even if a copy of the cookie is replayed.
	replay := &http.Client{CheckRedirect: c.CheckRedirect}
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/en/account", nil)
	req.AddCookie(&http.Cookie{Name: "b2x_session", Value: first})
	res, err := replay.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a signed-out session still opens the account: %d", res.StatusCode)
	}
	res, body = postForm(t, c, srv.URL+"/en/account/sign-in", url.Values{"email": {"ANN@example.com"}, "password": {"correct horse"}, "next": {"//evil.example/"}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/en/account" {
		t.Fatalf("sign-in: %d %q %s", res.StatusCode, res.Header.Get("Location"), body)
	}
	if second := sessionCookieOf(t, c, srv.URL); second == first || second == "" {
		t.Fatal("sign-in did not start a new session")
	}
}

func sessionCookieOf(t *testing.T, c *http.Client, base string) string {
	t.Helper()
	u, _ := url.Parse(base)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "b2x_session" {
			return ck.Value
		}
	}
	return ""
}

// The 11th wrong password within a minute is refused before it is checked.
func TestSignInIsThrottled(t *testing.T) {
	srv, _ := newEmptyServer(t)
	c := browserClient(t)
	postForm(t, c, srv.URL+"/en/account/sign-up", url.Values{"name": {"Bo"}, "email": {"bo@example.com"}, "password": {"correct horse"}})
	other := browserClient(t)
	for i := 1; i <= 11; i++ {
		res, body := postForm(t, other, srv.URL+"/ru/account/sign-in", url.Values{"email": {"bo@example.com"}, "password": {"wrong"}})
		want := http.StatusUnprocessableEntity
		if i == 11 {
			want = http.StatusTooManyRequests
		}
		if res.StatusCode != want {
			t.Fatalf("attempt %d: status %d, want %d\n%s", i, res.StatusCode, want, body)
		}
		if !strings.Contains(body, `lang="ru"`) || !strings.Contains(body, `role="alert"`) {
			t.Fatalf("attempt %d: the form is not shown again with its error", i)
		}
	}
}
