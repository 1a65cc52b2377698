package api_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"b2x/store"
	"b2x/store/storetest"
)

// guestOrderNumber places a guest order over the API and returns its number.
func (e *env) guestOrderNumber(email, sku string) string {
	e.t.Helper()
	r := e.do(call{"POST", "/api/v1/orders", fmt.Sprintf(`{"channel":"b2c","guest":{"name":"Gus Guest","email":%q},
		"lines":[{"sku":%q,"quantity":1}]}`, email, sku), false, map[string]string{"Idempotency-Key": "k-" + email + sku}})
	if r.status != 201 {
		e.t.Fatalf("order: %d %s", r.status, r.body)
	}
	return r.json(e.t)["number"].(string)
}

func TestReviewsOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		number := e.guestOrderNumber("gus@example.com", "BRK-RED")
		const script = `<script>alert("x")</script> & <b>bold</b>`
		post := func(body string) reply {
			return e.do(call{"POST", "/api/v1/products/BRK-RED/reviews", body, false, nil})
		}
		for _, tt := range []struct {
			body   string
			status int
			field  string
		}{
			{`{"rating":6,"title":"t","body":"b","email":"gus@example.com","order_number":"` + number + `"}`, 422, "rating"},
			{`{"rating":5,"title":"t","body":"b","email":"eve@example.com","order_number":"` + number + `"}`, 422, "order_number"},
			{`{"rating":5,"title":"t","body":"b"}`, 422, "email"},
			{`{"rating":"5","title":"t","body":"b"}`, 422, "rating"},
			{`{"rating":5,"title":"t","body":"b","stars":5}`, 422, "stars"},
		} {
			if r := post(tt.body); r.status != tt.status || !problemNames(r.json(t), tt.field) {
				t.Errorf("%s: %d %s", tt.body, r.status, r.body)
			}
		}
		if n, _ := db.CountRows(t.Context(), "reviews"); n != 0 {
			t.Fatalf("refused reviews wrote %d rows", n)
		}
		body, _ := json.Marshal(map[string]any{"rating": 4, "title": "Solid", "body": script, "email": "gus@example.com",
			"order_number": number})
		r := post(string(body))
		if r.status != 201 {
			t.Fatalf("review: %d %s", r.status, r.body)
		}
		created := r.json(t)
		id := created["id"].(string)
		if created["status"] != "pending" || created["verified_purchase"] != true || created["author_name"] != "Gus G." {
			t.Errorf("created: %s", r.body)
		}
		if r := post(string(body)); r.status != 409 {
			t.Errorf("second review: %d %s", r.status, r.body)
		}

		list := func(staff bool, query string) map[string]any {
			r := e.do(call{"GET", "/api/v1/products/BRK-RED/reviews" + query, "", staff, nil})
			if r.status != 200 {
				t.Fatalf("list: %d %s", r.status, r.body)
			}
			return r.json(t)
		}
		if items := list(false, "")["items"].([]any); len(items) != 0 {
			t.Errorf("public sees pending reviews: %v", items)
		}
		if r := e.do(call{"GET", "/api/v1/products/BRK-RED/reviews?status=pending", "", false, nil}); r.status != 401 {
			t.Errorf("public asks for pending: %d", r.status)
		}
		queue := e.do(call{"GET", "/api/v1/reviews?status=pending", "", true, nil}).json(t)["items"].([]any)
		if len(queue) != 1 || queue[0].(map[string]any)["email"] != "gus@example.com" {
			t.Errorf("moderation queue: %v", queue)
		}
		moderate := `{"decision":"approved"}`
		if r := e.do(call{"POST", "/api/v1/reviews/" + id + "/moderation", moderate, false, nil}); r.status != 401 {
			t.Errorf("public moderates: %d", r.status)
		}
		if r := e.do(call{"POST", "/api/v1/reviews/" + id + "/moderation", `{"decision":"rejected"}`, true, nil}); r.status != 422 || !problemNames(r.json(t), "reason") {
			t.Errorf("rejection without reason: %d %s", r.status, r.body)
		}
		if r := e.do(call{"POST", "/api/v1/reviews/" + id + "/moderation", moderate, true, nil}); r.status != 200 {
			t.Fatalf("approve: %d %s", r.status, r.body)
		}
		if r := e.do(call{"POST", "/api/v1/reviews/" + id + "/moderation", moderate, true, nil}); r.status != 409 {
			t.Errorf("approve twice: %d %s", r.status, r.body)
		}

		// The text comes back as JSON string data: the same characters, never markup.
		pub := e.do(call{"GET", "/api/v1/products/BRK-RED/reviews", "", false, nil})
		if pub.header.Get("Content-Type") != "application/json" || pub.header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("headers: %v", pub.header)
		}
		if bytes.Contains(pub.body, []byte("<script")) || bytes.Contains(pub.body, []byte("<b>")) ||
			!bytes.Contains(pub.body, []byte(`\u003cscript\u003e`)) {
			t.Errorf("raw body carries markup: %s", pub.body)
		}
		p := pub.json(t)
		items := p["items"].([]any)
		if len(items) != 1 {
			t.Fatalf("public reviews: %s", pub.body)
		}
		rv := items[0].(map[string]any)
		if rv["body"] != script || rv["email"] != nil || rv["order_id"] != nil || rv["moderated_by"] != nil {
			t.Errorf("public review: %v", rv)
		}
		sum := p["summary"].(map[string]any)
		if sum["count"] != 1.0 || sum["average"] != 4.0 || fmt.Sprint(sum["histogram"]) != "[0 0 0 1 0]" {
			t.Errorf("summary: %v", sum)
		}
		sums := e.do(call{"GET", "/api/v1/review-summaries?sku=BRK-RED&sku=NOPE&sku=BRK-RED", "", false, nil}).json(t)["items"].([]any)
		if len(sums) != 1 || sums[0].(map[string]any)["count"] != 1.0 {
			t.Errorf("summaries: %v", sums)
		}
		if r := e.do(call{"GET", "/api/v1/products/NOPE/reviews", "", false, nil}); r.status != 404 {
			t.Errorf("reviews of an unknown product: %d", r.status)
		}
	})
}
