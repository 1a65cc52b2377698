package api_test

import (
	"fmt"
	"sync"
	"testing"

	"b2x/store"
	"b2x/store/storetest"
)

// TestIdempotencyOverHTTP sends one Idempotency-Key 20 times at once: one order is
// made, and every answer is that order's response (byte for byte) or a 409.
func TestIdempotencyOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		body := `{"channel":"b2c","guest":{"name":"Ann","email":"ann@example.com"},"lines":[{"sku":"BRK-RED","quantity":2}]}`
		c := call{"POST", "/api/v1/orders", body, false, map[string]string{"Idempotency-Key": "retry-me"}}
		var wg sync.WaitGroup
		replies := make([]reply, 20)
		for i := range replies {
			wg.Go(func() { replies[i] = e.do(c) })
		}
		wg.Wait()
		var first []byte
		for _, r := range replies {
			switch r.status {
			case 201:
				if first == nil {
					first = r.body
				} else if string(first) != string(r.body) {
					t.Errorf("two different responses:\n%s\n%s", first, r.body)
				}
			case 409:
			default:
				t.Errorf("status %d: %s", r.status, r.body)
			}
		}
		again := e.do(c)
		if again.status != 201 || string(again.body) != string(first) || again.header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("replay: %d %s", again.status, again.body)
		}
		if n, _ := db.CountRows(t.Context(), "orders"); n != 1 {
			t.Errorf("%d orders for one key", n)
		}
		other := e.do(call{"POST", "/api/v1/orders", `{"channel":"b2c","guest":{"name":"Ann","email":"ann@example.com"},"lines":[{"sku":"BRK-RED","quantity":3}]}`,
			false, map[string]string{"Idempotency-Key": "retry-me"}})
		if other.status != 422 || !problemNames(other.json(t), "Idempotency-Key") {
			t.Errorf("same key, other body: %d %s", other.status, other.body)
		}
	})
}

// TestCatalogOrderFlow walks the API as a client would: create, list, price, order, fulfil.
func TestCatalogOrderFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		for i := range 5 {
			r := e.do(call{"POST", "/api/v1/products", fmt.Sprintf(`{"sku":"TILE-%d","name":"Tile %d","category":"bricks",
				"kind":"goods","unit":"m2","channels":["b2c","b2b"],"price":{"amount":"12.50","currency":"EUR"},
				"specs":[{"key":"Frost resistant","value":"yes"}]}`, i, i), true, nil})
			if r.status != 201 {
				t.Fatalf("create: %d %s", r.status, r.body)
			}
		}
		// draft products are hidden from the public
		if r := e.do(call{"POST", "/api/v1/products", `{"sku":"SECRET","name":"Not yet","status":"draft","channels":["b2c"]}`, true, nil}); r.status != 201 {
			t.Fatalf("create draft: %d %s", r.status, r.body)
		}
		if r := e.do(call{"GET", "/api/v1/products/SECRET", "", false, nil}); r.status != 404 {
			t.Errorf("the public sees a draft: %d", r.status)
		}
		// page through the public catalog two at a time
		seen, cursor := 0, ""
		for range 10 {
			r := e.do(call{"GET", "/api/v1/products?limit=2&cursor=" + cursor, "", false, nil})
			p := r.json(t)
			seen += len(p["items"].([]any))
			next, _ := p["next_cursor"].(string)
			if next == "" {
				break
			}
			cursor = next
		}
		if seen != 6 {
			t.Errorf("paged through %d products, want 6", seen)
		}
		if r := e.do(call{"GET", "/api/v1/products?q=tile&channel=b2c", "", false, nil}); len(r.json(t)["items"].([]any)) != 5 {
			t.Errorf("search: %s", r.body)
		}
		// organization with its own price list
		r := e.do(call{"POST", "/api/v1/organizations", `{"legal_name":"BuildCo LLC","industry":"construction","employees":40,
			"capabilities":{"own_transport":false,"accounting":true},"payment_terms":"net30"}`, true, nil})
		if r.status != 201 {
			t.Fatalf("organization: %d %s", r.status, r.body)
		}
		org := r.json(t)["id"].(string)
		r = e.do(call{"POST", "/api/v1/price-lists", `{"name":"BuildCo contract","currency":"EUR","organization_id":"` + org + `",
			"entries":[{"sku":"BRK-RED","min_quantity":5,"price":{"amount":"0.70","currency":"EUR"}}]}`, true, nil})
		if r.status != 201 {
			t.Fatalf("price list: %d %s", r.status, r.body)
		}
		r = e.do(call{"GET", "/api/v1/prices/resolve?sku=BRK-RED&quantity=5&organization=" + org + "&channel=b2b", "", true, nil})
		p := r.json(t)
		if p["unit_price"].(map[string]any)["amount"] != "0.70" || p["rule"].(map[string]any)["kind"] != "organization_price_list" {
			t.Errorf("resolve: %s", r.body)
		}
		r = e.do(call{"POST", "/api/v1/orders", `{"channel":"b2b","organization_id":"` + org + `","lines":[{"sku":"BRK-RED","quantity":5}]}`,
			true, map[string]string{"Idempotency-Key": "b2b-1"}})
		if r.status != 201 {
			t.Fatalf("b2b order: %d %s", r.status, r.body)
		}
		o := r.json(t)
		if o["total"].(map[string]any)["amount"] != "4.20" || o["prices_include_tax"] != false {
			t.Errorf("b2b order: %s", r.body)
		}
		id := o["id"].(string)
		if r := e.do(call{"GET", "/api/v1/stock/BRK-RED", "", false, nil}); r.json(t)["on_hand"] != float64(5) {
			t.Errorf("stock after order: %s", r.body)
		}
		if r := e.do(call{"POST", "/api/v1/orders/" + id + "/transitions", `{"to":"cancelled","note":"customer changed plans"}`, true, nil}); r.status != 200 {
			t.Errorf("cancel: %d %s", r.status, r.body)
		}
		if r := e.do(call{"GET", "/api/v1/stock/BRK-RED", "", false, nil}); r.json(t)["available"] != float64(10) {
			t.Errorf("stock after cancel: %s", r.body)
		}
		// The ledger shows the receipt, the sale and the cancellation, summing to the stock.
		r = e.do(call{"GET", "/api/v1/stock/BRK-RED/movements", "", true, nil})
		var sum float64
		var kinds []string
		for _, it := range r.json(t)["items"].([]any) {
			m := it.(map[string]any)
			sum += m["quantity"].(float64)
			kinds = append(kinds, m["kind"].(string))
		}
		if sum != 10 || len(kinds) != 3 || kinds[1] != "sale" {
			t.Errorf("ledger: %v sums to %v: %s", kinds, sum, r.body)
		}
		if r := e.do(call{"GET", "/api/v1/stock/BRK-RED/movements", "", false, nil}); r.status != 401 {
			t.Errorf("the public read the ledger: %d", r.status)
		}
		r = e.do(call{"GET", "/api/v1/orders?status=cancelled&customer=" + org, "", true, nil})
		if items := r.json(t)["items"].([]any); len(items) != 1 {
			t.Errorf("order list: %s", r.body)
		}
		if r := e.do(call{"GET", "/api/v1/orders", "", false, nil}); r.status != 401 {
			t.Errorf("the public listed orders: %d", r.status)
		}
	})
}

// TestOversellOverHTTP is the figure through the API: 200 concurrent orders
// of one unit against 10 in stock give exactly 10 × 201 and 190 × 409.
func TestOversellOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		body := `{"channel":"b2c","guest":{"name":"Ann","email":"ann@example.com"},"lines":[{"sku":"BRK-RED","quantity":1}]}`
		var wg sync.WaitGroup
		statuses := make([]int, 200)
		for i := range statuses {
			wg.Go(func() {
				statuses[i] = e.do(call{"POST", "/api/v1/orders", body, false, map[string]string{"Idempotency-Key": fmt.Sprintf("o-%d", i)}}).status
			})
		}
		wg.Wait()
		count := map[int]int{}
		for _, s := range statuses {
			count[s]++
		}
		if count[201] != 10 || count[409] != 190 {
			t.Errorf("statuses %v, want 10 × 201 and 190 × 409", count)
		}
		r := e.do(call{"GET", "/api/v1/stock/BRK-RED", "", true, nil}).json(t)
		if r["on_hand"] != float64(0) {
			t.Errorf("stock after the rush: %v", r)
		}
		var bad []string
		must(t, db.Read(t.Context(), func(tx *store.Tx) (err error) {
			bad, err = tx.LedgerMismatches(t.Context())
			return err
		}))
		if len(bad) > 0 {
			t.Errorf("ledger does not match on_hand for %v", bad)
		}
	})
}
