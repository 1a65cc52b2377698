package api_test

import (
	"context"
	"maps"
	"testing"

	"b2x/payment"
	"b2x/store"
	"b2x/store/storetest"
)

// shopCounts adds the checkout's own tables to counts.
func (e *env) shopCounts() map[string]int {
	e.t.Helper()
	out := e.counts()
	for _, table := range []string{"payments", "order_adjustments", "coupons", "coupon_uses", "coupon_customers", "promotions",
		"loyalty_cards", "loyalty_entries", "delivery_rates"} {
		n, err := e.db.CountRows(context.Background(), table)
		must(e.t, err)
		out[table] = n
	}
	return out
}

func amountOf(v any) string {
	m, _ := v.(map[string]any)
	s, _ := m["amount"].(string)
	return s
}

// TestShopOverHTTP walks the shop's checkout through the API: staff make a
// coupon and a promotion and change a delivery rate; a client prices a cart,
// places it with a card and gets the same figures; the order ships (the card is
// captured); a declined card and bad input are refused naming the field.
func TestShopOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		staffCalls := []struct {
			c    call
			want int
		}{
			{call{"POST", "/api/v1/coupons", `{"code":"welcome5","kind":"amount","amount":{"amount":"0.50","currency":"EUR"},"total_limit":1}`, true, nil}, 201},
			{call{"POST", "/api/v1/promotions", `{"name":"Brick week","kind":"percent","percent":"10","skus":["BRK-RED"]}`, true, nil}, 201},
			{call{"PUT", "/api/v1/delivery-methods/carrier", `{"name":"Parcel","fee":{"amount":"4.90","currency":"EUR"},"free_from":{"amount":"100.00","currency":"EUR"},"tax_rate":"20"}`, true, nil}, 200},
			{call{"POST", "/api/v1/coupons", `{"code":"X10","kind":"percent","percent":"10"}`, false, nil}, 401},
			{call{"GET", "/api/v1/promotions", "", false, nil}, 401},
			{call{"GET", "/api/v1/loyalty-cards/+79161234567", "", false, nil}, 401},
		}
		for _, sc := range staffCalls {
			if r := e.do(sc.c); r.status != sc.want {
				t.Fatalf("%s %s: %d %s", sc.c.method, sc.c.path, r.status, r.body)
			}
		}
		if r := e.do(call{"GET", "/api/v1/coupons", "", true, nil}); len(r.json(t)["items"].([]any)) != 1 {
			t.Errorf("coupons: %s", r.body)
		}
		r := e.do(call{"GET", "/api/v1/delivery-methods", "", false, nil})
		if items := r.json(t)["items"].([]any); len(items) != 3 || amountOf(items[2].(map[string]any)["fee"]) != "4.90" {
			t.Errorf("delivery methods: %s", r.body)
		}

		// 5 × 1.20 = 6.00; promotion −0.60; coupon −0.50; carrier 4.90
		body := `{"channel":"b2c","guest":{"name":"Ann","email":"ann@example.com"},"lines":[{"sku":"BRK-RED","quantity":5}],
			"coupon":"WELCOME5","delivery_method":"carrier","loyalty_phone":"8 916 123-45-67",
			"payment":{"method":"card","card_number":"4242 4242 4242 4242"}}`
		before := e.shopCounts()
		q := e.do(call{"POST", "/api/v1/cart/quote", body, false, nil})
		if q.status != 200 {
			t.Fatalf("quote: %d %s", q.status, q.body)
		}
		if after := e.shopCounts(); !maps.Equal(before, after) {
			t.Errorf("a quote wrote rows")
		}
		qj := q.json(t)
		if amountOf(qj["total"]) != "9.80" || amountOf(qj["discount"]) != "1.10" || len(qj["adjustments"].([]any)) != 3 {
			t.Errorf("quote: %s", q.body)
		}
		if l := qj["loyalty"].(map[string]any); l["phone"] != "+79161234567" || l["exists"] != false || l["tier"] != "basic" {
			t.Errorf("quote loyalty: %v", l)
		}
		c := call{"POST", "/api/v1/orders", body, false, map[string]string{"Idempotency-Key": "shop-1"}}
		first := e.do(c)
		if first.status != 201 {
			t.Fatalf("order: %d %s", first.status, first.body)
		}
		o := first.json(t)
		pay := o["payment"].(map[string]any)
		if amountOf(o["total"]) != "9.80" || amountOf(o["subtotal"]) != "6.00" || amountOf(o["delivery_fee"]) != "4.90" ||
			pay["status"] != "authorized" || pay["card_last4"] != "4242" || o["loyalty_card_id"] == nil {
			t.Errorf("order: %s", first.body)
		}
		if again := e.do(c); again.status != 201 || string(again.body) != string(first.body) || again.header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("replay differs:\n%s\n%s", first.body, again.body)
		}
		id := o["id"].(string)
		for _, to := range []string{"confirmed", "shipped"} {
			r := e.do(call{"POST", "/api/v1/orders/" + id + "/transitions", `{"to":"` + to + `"}`, true, nil})
			if r.status != 200 {
				t.Fatalf("%s: %d %s", to, r.status, r.body)
			}
			if to == "shipped" && r.json(t)["payment"].(map[string]any)["status"] != "captured" {
				t.Errorf("shipped but not captured: %s", r.body)
			}
		}
		// the coupon is used up now; a declined card and bad fields are refused and write nothing
		order := func(extra string) string {
			return `{"channel":"b2c","guest":{"name":"Ann","email":"ann@example.com"},"lines":[{"sku":"BRK-RED","quantity":1}]` + extra + `}`
		}
		key := func(k string) map[string]string { return map[string]string{"Idempotency-Key": k} }
		bad := []struct {
			name   string
			c      call
			status int
			field  string
		}{
			{"used-up coupon", call{"POST", "/api/v1/orders", order(`,"coupon":"welcome5"`), false, key("b1")}, 422, "coupon"},
			{"declined card", call{"POST", "/api/v1/orders", order(`,"payment":{"method":"card","card_number":"` + payment.TestCardDeclined + `"}`), false, key("b2")}, 422, "payment.card_number"},
			{"insufficient funds", call{"POST", "/api/v1/orders", order(`,"payment":{"method":"card","card_number":"` + payment.TestCardInsufficientFunds + `"}`), false, key("b3")}, 422, "payment.card_number"},
			{"bad card number", call{"POST", "/api/v1/orders", order(`,"payment":{"method":"card","card_number":"1234"}`), false, key("b4")}, 422, "payment.card_number"},
			{"unknown payment field", call{"POST", "/api/v1/orders", order(`,"payment":{"method":"card","cvv":"123"}`), false, key("b5")}, 422, "cvv"},
			{"points as a string", call{"POST", "/api/v1/orders", order(`,"points":"10"`), false, key("b6")}, 422, "points"},
			{"points by the public", call{"POST", "/api/v1/orders", order(`,"loyalty_phone":"+79161234567","points":1`), false, key("b7")}, 422, "points"},
			{"bad phone", call{"POST", "/api/v1/orders", order(`,"loyalty_phone":"call me"`), false, key("b8")}, 422, "loyalty_phone"},
			{"bad phone in a quote", call{"POST", "/api/v1/cart/quote", order(`,"loyalty_phone":"call me"`), false, nil}, 422, "loyalty_phone"},
			{"coupon bad percent", call{"POST", "/api/v1/coupons", `{"code":"X10","kind":"percent","percent":"ten"}`, true, nil}, 422, "percent"},
			{"coupon taken", call{"POST", "/api/v1/coupons", `{"code":"Welcome5","kind":"percent","percent":"10"}`, true, nil}, 409, "code"},
			{"coupon bad amount", call{"POST", "/api/v1/coupons", `{"code":"X10","kind":"amount","amount":{"amount":"NaN","currency":"EUR"}}`, true, nil}, 422, "amount"},
			{"promotion unknown sku", call{"POST", "/api/v1/promotions", `{"name":"x","kind":"percent","percent":"5","skus":["NOPE"]}`, true, nil}, 422, "skus[0]"},
			{"promotion bad date", call{"POST", "/api/v1/promotions", `{"name":"x","kind":"percent","percent":"5","skus":["BRK-RED"],"valid_until":"soon"}`, true, nil}, 422, "valid_until"},
			{"delivery unknown method", call{"PUT", "/api/v1/delivery-methods/drone", `{"name":"Drone","fee":{"amount":"1.00","currency":"EUR"}}`, true, nil}, 422, "method"},
			{"delivery no fee", call{"PUT", "/api/v1/delivery-methods/carrier", `{"name":"Parcel"}`, true, nil}, 422, "fee"},
			{"adjust below zero", call{"POST", "/api/v1/loyalty-cards/+79161234567/adjustments", `{"points":-1,"note":"oops"}`, true, nil}, 422, "points"},
			{"card of another phone", call{"GET", "/api/v1/loyalty-cards/+79031234567", "", true, nil}, 404, ""},
		}
		before = e.shopCounts()
		for _, tt := range bad {
			r := e.do(tt.c)
			if r.status != tt.status || (tt.field != "" && !problemNames(r.json(t), tt.field)) {
				t.Errorf("%s: %d %s", tt.name, r.status, r.body)
			}
		}
		if after := e.shopCounts(); !maps.Equal(before, after) {
			t.Errorf("refused requests wrote rows:\nbefore %v\nafter  %v", before, after)
		}

		// the card issued with the order, read and corrected by staff
		r = e.do(call{"POST", "/api/v1/loyalty-cards/+79161234567/adjustments", `{"points":25,"note":"sorry for the wait"}`, true, nil})
		if card := r.json(t); r.status != 200 || card["points"] != float64(25) || card["tier"] != "basic" || len(card["ledger"].([]any)) != 1 {
			t.Errorf("adjust: %d %s", r.status, r.body)
		}
		if r := e.do(call{"GET", "/api/v1/loyalty-cards/8%209161234567", "", true, nil}); r.status != 200 || r.json(t)["phone"] != "+79161234567" {
			t.Errorf("card by a national number: %d %s", r.status, r.body)
		}
		if r := e.do(call{"POST", "/api/v1/loyalty-cards", `{"phone":"+79031234567"}`, true, nil}); r.status != 201 || r.json(t)["points"] != float64(0) {
			t.Errorf("issue: %d %s", r.status, r.body)
		}
	})
}
