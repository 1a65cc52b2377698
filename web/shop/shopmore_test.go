package shop_test

import (
	"bytes"
	"context"
	"html"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/inventory"
	"b2x/store"
	"b2x/store/storetest"
	"b2x/web"
)

// smsLog is where LogSMS, the default SMS sender, writes in these tests; the
// codes are read back from it as a person reads their phone.
type smsLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *smsLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

var smsCode = regexp.MustCompile(`text="[^"]*?(\d{6})`)

// lastCode is the code of the last text message sent to phone.
func (l *smsLog) lastCode(t *testing.T, phone string) string {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	code := ""
	for _, line := range strings.Split(l.buf.String(), "\n") {
		if strings.Contains(line, "to="+phone) {
			if m := smsCode.FindStringSubmatch(line); m != nil {
				code = m[1]
			}
		}
	}
	if code == "" {
		t.Fatalf("no code was sent to %s:\n%s", phone, l.buf.String())
	}
	return code
}

// newEngineServer serves a fresh database of the engine storetest gives, with
// a category, a warehouse and text messages going to the log.
func newEngineServer(t *testing.T, db *store.DB) (*httptest.Server, *app.App, *smsLog) {
	t.Helper()
	ctx := context.Background()
	sms := &smsLog{}
	a := app.New(db, app.WithSMS(app.LogSMS{Logger: slog.New(slog.NewTextHandler(sms, nil))}))
	must(t, a.UpsertWarehouse(ctx, staffActor, inventory.Warehouse{Code: "MAIN", Name: "Main warehouse"}))
	must(t, a.UpsertCategory(ctx, staffActor, catalog.Category{Slug: "tools", Name: "Tools"}))
	srv := httptest.NewServer(web.Handler(a, slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	return srv, a, sms
}

func signUpClient(t *testing.T, base, lang, email string) *http.Client {
	t.Helper()
	c := browserClient(t)
	res, body := postForm(t, c, base+"/"+lang+"/account/sign-up", url.Values{"name": {"Ann"}, "email": {email},
		"password": {"correct horse"}, "newsletter": {"yes"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-up: %d %s", res.StatusCode, body)
	}
	return c
}

// TestSubscriptionsPage: a customer's alerts and newsletter consent are listed
// and each is removed by its own POST; another customer's is not theirs to remove.
func TestSubscriptionsPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv, a, _ := newEngineServer(t, db)
		addProduct(t, a, catalog.Product{SKU: "GONE-1", Name: "Sold-out saw"}, 2000, 0)
		c := signUpClient(t, srv.URL, "en", "ann@example.com")
		if res, body := postForm(t, c, srv.URL+"/en/p/GONE-1/notify", url.Values{"email": {"ann@example.com"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("notify: %d %s", res.StatusCode, body)
		}
		if res, body := postForm(t, c, srv.URL+"/en/account/subscriptions", url.Values{"category": {"tools"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("follow a category: %d %s", res.StatusCode, body)
		}
		if res, body := postForm(t, c, srv.URL+"/en/account/subscriptions", url.Values{"category": {"tools"}, "brand": {"Acme"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "give a category or a brand, not both") {
			t.Fatalf("both a category and a brand: %d", res.StatusCode)
		}
		_, body := getWith(t, c, srv.URL+"/en/account/subscriptions")
		for _, want := range []string{"Back in stock", "GONE-1", "New arrivals in", "Tools", "You receive our newsletter", "ann@example.com"} {
			if !strings.Contains(body, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		ids := regexp.MustCompile(`/account/subscriptions/([^/"]+)/delete`).FindAllStringSubmatch(body, -1)
		if len(ids) != 2 {
			t.Fatalf("%d remove buttons, want 2", len(ids))
		}
		// Bob cannot remove Ann's
		bob := signUpClient(t, srv.URL, "en", "bob@example.com")
		if res, _ := postForm(t, bob, srv.URL+"/en/account/subscriptions/"+ids[0][1]+"/delete", nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("Bob removes Ann's subscription: %d", res.StatusCode)
		}
		if res, _ := postForm(t, c, srv.URL+"/en/account/subscriptions/"+ids[0][1]+"/delete", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("remove: %d", res.StatusCode)
		}
		if res, _ := postForm(t, c, srv.URL+"/en/account/subscriptions/newsletter", nil); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("stop the newsletter: %d", res.StatusCode)
		}
		_, body = getWith(t, c, srv.URL+"/en/account/subscriptions?done=removed")
		if n := len(regexp.MustCompile(`/delete"`).FindAllString(body, -1)); n != 1 || !strings.Contains(body, "You do not receive our newsletter") {
			t.Errorf("after removing one alert and the newsletter: %d alerts left\n%s", n, body)
		}
		subs, err := a.MySubscriptions(context.Background(), sessionActor(t, a, c, srv.URL))
		if err != nil || len(subs.Alerts) != 1 || subs.Newsletter.Subscribed || subs.Newsletter.Source != "subscriptions_page" {
			t.Errorf("stored: %+v %v", subs, err)
		}
		// a second removal of the same subscription finds nothing
		if res, _ := postForm(t, c, srv.URL+"/en/account/subscriptions/"+ids[0][1]+"/delete", nil); res.StatusCode != http.StatusNotFound {
			t.Errorf("removing twice: %d", res.StatusCode)
		}
	})
}

func sessionActor(t *testing.T, a *app.App, c *http.Client, base string) app.Actor {
	t.Helper()
	actor, err := a.SessionActor(context.Background(), sessionCookieOf(t, c, base))
	if err != nil {
		t.Fatal(err)
	}
	return actor
}

// TestLoyaltyCardLinkNeedsTheCode: typing a phone whose card holds points no
// longer links the card; the code sent to the phone does.
func TestLoyaltyCardLinkNeedsTheCode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv, a, sms := newEngineServer(t, db)
		ctx := context.Background()
		const phone = "+79161234567"
		_, err := a.IssueLoyaltyCard(ctx, staffActor, phone, "")
		must(t, err)
		_, err = a.AdjustLoyaltyPoints(ctx, staffActor, phone, 250, "gift")
		must(t, err)
		c := signUpClient(t, srv.URL, "en", "ann@example.com")
		if res, body := postForm(t, c, srv.URL+"/en/account/loyalty", url.Values{"phone": {phone}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "is the 6-digit code sent to your phone") {
			t.Fatalf("linking without a code: %d", res.StatusCode)
		}
		res, body := postForm(t, c, srv.URL+"/en/account/loyalty/code", url.Values{"phone": {"8 916 123-45-67"}})
		if res.StatusCode != http.StatusOK || !strings.Contains(body, `name="code"`) {
			t.Fatalf("send a code: %d %s", res.StatusCode, body)
		}
		if res, body := postForm(t, c, srv.URL+"/en/account/loyalty/code", url.Values{"phone": {phone}}); res.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "ask for another in") {
			t.Errorf("a second code at once: %d", res.StatusCode)
		}
		code := sms.lastCode(t, phone)
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		if res, body := postForm(t, c, srv.URL+"/en/account/loyalty", url.Values{"phone": {phone}, "code": {wrong}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "is not the code sent to your phone") {
			t.Fatalf("a wrong code: %d", res.StatusCode)
		}
		if res, body := postForm(t, c, srv.URL+"/en/account/loyalty", url.Values{"phone": {phone}, "code": {code}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("the right code: %d %s", res.StatusCode, body)
		}
		// the page shows the card of the account's phone; the account has none yet
		v, err := a.LoyaltyCard(ctx, sessionActor(t, a, c, srv.URL), phone)
		if err != nil || v.Card.Points != 250 {
			t.Errorf("Ann's card: %+v %v", v.Card, err)
		}
	})
}

// TestGuestSpendsPointsWithTheCode: a guest at checkout asks for the code, and
// spends the card's points with it; the page is in Russian throughout.
func TestGuestSpendsPointsWithTheCode(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv, a, sms := newEngineServer(t, db)
		ctx := context.Background()
		addProduct(t, a, catalog.Product{SKU: "CHK-1", Name: "Spirit level"}, 2000, 10)
		const phone = "+79161234567"
		_, err := a.IssueLoyaltyCard(ctx, staffActor, phone, "")
		must(t, err)
		_, err = a.AdjustLoyaltyPoints(ctx, staffActor, phone, 300, "gift")
		must(t, err)
		c := browserClient(t)
		postForm(t, c, srv.URL+"/ru/cart", url.Values{"sku": {"CHK-1"}, "quantity": {"2"}})
		_, body := getWith(t, c, srv.URL+"/ru/checkout")
		m := keyField.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("the checkout form has no key")
		}
		form := url.Values{"key": {m[1]}, "name": {"Гость"}, "email": {"guest@example.com"}, "delivery": {"pickup"},
			"loyalty_phone": {phone}, "payment": {"cash_on_delivery"}, "points": {"200"}, "action": {"place"}}
		res, body := postForm(t, c, srv.URL+"/ru/checkout", form)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "подтвердите телефон кодом") {
			t.Fatalf("points without a code: %d", res.StatusCode)
		}
		form.Set("action", "send_code")
		res, body = postForm(t, c, srv.URL+"/ru/checkout", form)
		if res.StatusCode != http.StatusOK || !strings.Contains(body, "Мы отправили 6-значный код") {
			t.Fatalf("send the code: %d", res.StatusCode)
		}
		form.Set("action", "place")
		form.Set("loyalty_code", sms.lastCode(t, phone))
		if res, body = postForm(t, c, srv.URL+"/ru/checkout", form); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("place with the code: %d %s", res.StatusCode, body)
		}
		v, err := a.LoyaltyCard(ctx, staffActor, phone)
		if err != nil || v.Card.Points != 100 {
			t.Errorf("balance after spending 200 of 300: %+v %v", v.Card, err)
		}
	})
}

// TestRussianFieldErrors: a Russian checkout with a bad phone and email shows
// the use case's refusals in Russian, not English.
func TestRussianFieldErrors(t *testing.T) {
	srv, a := newEmptyServer(t)
	addProduct(t, a, catalog.Product{SKU: "CHK-1", Name: "Spirit level"}, 2000, 10)
	c := browserClient(t)
	postForm(t, c, srv.URL+"/ru/cart", url.Values{"sku": {"CHK-1"}, "quantity": {"1"}})
	_, body := getWith(t, c, srv.URL+"/ru/checkout")
	m := keyField.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the checkout form has no key")
	}
	form := url.Values{"key": {m[1]}, "name": {"Гость"}, "email": {"not-an-email"}, "delivery": {"pickup"},
		"loyalty_phone": {"12"}, "payment": {"cash_on_delivery"}, "action": {"place"}}
	res, body := postForm(t, c, srv.URL+"/ru/checkout", form)
	if res.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", res.StatusCode)
	}
	for _, want := range []string{"неверный номер телефона (для номеров вне RU начните с + и кода страны)", "не адрес электронной почты"} {
		if !strings.Contains(html.UnescapeString(body), want) {
			t.Errorf("the Russian page lacks %q", want)
		}
	}
	for _, english := range []string{"is not a valid phone number", "is not an email address"} {
		if strings.Contains(body, english) {
			t.Errorf("the Russian page shows %q", english)
		}
	}
	// the same refusal in Persian, and through the JSON API in English
	postForm(t, c, srv.URL+"/fa/cart", url.Values{"sku": {"CHK-1"}, "quantity": {"1"}})
	form.Set("action", "update")
	if _, body = postForm(t, c, srv.URL+"/fa/checkout", form); !strings.Contains(body, "شماره تلفن معتبر نیست") {
		t.Error("the Persian page lacks the phone message")
	}
	// a sign-up refusal in Russian
	if res, body := postForm(t, browserClient(t), srv.URL+"/ru/account/sign-up", url.Values{"name": {"Ann"}, "email": {"ann@example.com"}, "password": {"short"}}); res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "нужно не меньше") {
		t.Errorf("a short password in Russian: %d", res.StatusCode)
	}
}
