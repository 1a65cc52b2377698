package api_test

import (
	"os"
	"testing"

	"b2x/store"
	"b2x/store/storetest"
)

// The bounce webhook takes the returned message itself: Postfix's hard bounce
// suppresses, an out-of-office answer changes nothing, and a message that
// cannot be read is refused naming the body.
func TestBounceWebhookTakesRawMessages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		post := func(file string, raw string) reply {
			if file != "" {
				b, err := os.ReadFile("../../bounce/testdata/" + file)
				must(t, err)
				raw = string(b)
			}
			return e.do(call{method: "POST", path: "/api/v1/bounces", body: raw, staff: true,
				header: map[string]string{"Content-Type": "message/rfc822"}})
		}
		r := post("ooo_en.eml", "")
		if m := r.json(t); r.status != 200 || m["suppressed"] != false || m["kind"] != "auto_reply" || m["recorded"] != 0.0 {
			t.Fatalf("out of office: %d %s", r.status, r.body)
		}
		r = post("postfix_user_unknown.eml", "")
		if m := r.json(t); r.status != 200 || m["suppressed"] != true || m["kind"] != "hard" || m["recorded"] != 2.0 {
			t.Fatalf("postfix hard bounce: %d %s", r.status, r.body)
		}
		r = e.do(call{method: "GET", path: "/api/v1/suppressions", staff: true})
		if m := r.json(t); r.status != 200 || len(m["items"].([]any)) != 1 {
			t.Fatalf("suppressions: %d %s", r.status, r.body)
		}
		r = post("", "   ")
		if r.status != 422 {
			t.Fatalf("empty message: %d %s", r.status, r.body)
		}
		r = e.do(call{method: "POST", path: "/api/v1/bounces", body: "x", header: map[string]string{"Content-Type": "message/rfc822"}})
		if r.status != 401 {
			t.Fatalf("without a token: %d %s", r.status, r.body)
		}
	})
}
