package api_test

import (
	"context"
	"regexp"
	"strconv"
	"sync"
	"testing"

	"b2x/app"
	"b2x/locale"
	"b2x/store"
	"b2x/store/storetest"
)

// smsBox keeps the text messages the App sends, as a phone would receive them.
type smsBox struct {
	mu   sync.Mutex
	sent []struct{ to, text string }
}

func (b *smsBox) SendSMS(_ context.Context, to, text string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.sent = append(b.sent, struct{ to, text string }{to, text})
	return nil
}

func (b *smsBox) all() []struct{ to, text string } {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]struct{ to, text string }(nil), b.sent...)
}

var sixDigits = regexp.MustCompile(`\b[0-9]{6}\b`)

// A client asks the API for a phone code (a bad phone is a 422 naming
// loyalty_phone and sends nothing; a second ask within the minute is a 429
// with Retry-After), and the code that came by SMS lets a guest spend the
// card's points at API checkout, once; a wrong code is a 422 naming
// loyalty_code and spends nothing.
func TestPhoneCodeOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		box := &smsBox{}
		e := newEnv(t, db, app.WithSMS(box))
		if r := e.do(call{"POST", "/api/v1/loyalty-cards", `{"phone":"+79161234567"}`, true, nil}); r.status != 201 {
			t.Fatalf("card: %d %s", r.status, r.body)
		}
		if r := e.do(call{"POST", "/api/v1/loyalty-cards/+79161234567/adjustments", `{"points":500,"note":"welcome"}`, true, nil}); r.status != 200 {
			t.Fatalf("points: %d %s", r.status, r.body)
		}

		for _, bad := range []struct{ body, field string }{
			{`{"loyalty_phone":"call me"}`, "loyalty_phone"},
			{`{"loyalty_phone":""}`, "loyalty_phone"},
			{`{"phone":"+79161234567"}`, "phone"},
		} {
			r := e.do(call{"POST", "/api/v1/phone-codes", bad.body, false, nil})
			if r.status != 422 || !problemNames(r.json(t), bad.field) {
				t.Errorf("%s: %d %s, want 422 naming %s", bad.body, r.status, r.body, bad.field)
			}
		}
		if n := len(box.all()); n != 0 {
			t.Fatalf("%d messages sent for bad requests", n)
		}

		ask := call{"POST", "/api/v1/phone-codes", `{"loyalty_phone":"8 916 123-45-67"}`, false, map[string]string{"Accept-Language": "ru"}}
		r := e.do(ask)
		if r.status != 202 || r.json(t)["phone"] != "+79161234567" || r.json(t)["expires_at"] == nil {
			t.Fatalf("send: %d %s", r.status, r.body)
		}
		sms := box.all()
		if len(sms) != 1 || sms[0].to != "+79161234567" || !sixDigits.MatchString(sms[0].text) {
			t.Fatalf("sms: %+v", sms)
		}
		code := sixDigits.FindString(sms[0].text)
		if want := locale.NewPrinter(locale.Match("ru", "", ""), nil).T("phonecode.sms", "code", code); sms[0].text != want {
			t.Errorf("the SMS is not in the request's language: %q, want %q", sms[0].text, want)
		}

		again := e.do(ask)
		if secs, err := strconv.Atoi(again.header.Get("Retry-After")); again.status != 429 || err != nil || secs <= 0 || secs > 60 {
			t.Fatalf("second ask: %d Retry-After %q %s", again.status, again.header.Get("Retry-After"), again.body)
		}
		if n := len(box.all()); n != 1 {
			t.Fatalf("the refused ask sent a message (%d)", n)
		}

		order := func(key, extra string) call {
			return call{"POST", "/api/v1/orders", `{"channel":"b2c","guest":{"name":"Ann","email":"ann@example.com"},
				"lines":[{"sku":"BRK-RED","quantity":5}],"loyalty_phone":"+79161234567","points":100` + extra + `}`,
				false, map[string]string{"Idempotency-Key": key}}
		}
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		before := e.shopCounts()
		for _, bad := range []struct {
			name, extra, field string
		}{
			{"no-code", ``, "points"},
			{"wrong-code", `,"loyalty_code":"` + wrong + `"`, "loyalty_code"},
			{"not-a-code", `,"loyalty_code":"12ab"`, "loyalty_code"},
		} {
			r := e.do(order("bad-"+bad.name, bad.extra))
			if r.status != 422 || !problemNames(r.json(t), bad.field) {
				t.Errorf("%s: %d %s, want 422 naming %s", bad.name, r.status, r.body, bad.field)
			}
		}
		if after := e.shopCounts(); after["orders"] != before["orders"] || after["loyalty_entries"] != before["loyalty_entries"] {
			t.Fatalf("refused orders wrote rows: %v → %v", before, after)
		}

		r = e.do(order("good", `,"loyalty_code":"`+code+`"`))
		if r.status != 201 {
			t.Fatalf("order with the code: %d %s", r.status, r.body)
		}
		redeemed := false
		for _, a := range r.json(t)["adjustments"].([]any) {
			if m := a.(map[string]any); m["kind"] == "points" && m["points"] == float64(100) {
				redeemed = true
			}
		}
		if !redeemed {
			t.Errorf("no points redeemed: %s", r.body)
		}
		card := e.do(call{"GET", "/api/v1/loyalty-cards/+79161234567", "", true, nil})
		if card.json(t)["points"] != float64(400) {
			t.Errorf("card after the order: %s", card.body)
		}
		// The code works once.
		if r := e.do(order("reuse", `,"loyalty_code":"`+code+`"`)); r.status != 422 || !problemNames(r.json(t), "loyalty_code") {
			t.Errorf("the code again: %d %s", r.status, r.body)
		}
	})
}
