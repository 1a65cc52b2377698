package api_test

import (
	"fmt"
	"maps"
	"net/http"
	"strings"
	"testing"

	"b2x/store"
	"b2x/store/storetest"
)

// TestBadInputWritesNothing sends every kind of bad input the issue names and
// checks the answer is a 4xx problem naming the field, and that no row changed.
func TestBadInputWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		order := func(lines string) string {
			return `{"channel":"b2c","guest":{"name":"Ann","email":"ann@example.com"},"lines":` + lines + `}`
		}
		key := map[string]string{"Idempotency-Key": "k"}
		keyN := func(i int) map[string]string { return map[string]string{"Idempotency-Key": fmt.Sprintf("bad-%d", i)} }
		tests := []struct {
			name   string
			c      call
			status int
			field  string
		}{
			{"unknown sku", call{"POST", "/api/v1/orders", order(`[{"sku":"NOPE","quantity":1}]`), false, key}, 422, "lines[0].sku"},
			{"quantity 0", call{"POST", "/api/v1/orders", order(`[{"sku":"BRK-RED","quantity":0}]`), false, key}, 422, "lines[0].quantity"},
			{"negative quantity", call{"POST", "/api/v1/orders", order(`[{"sku":"BRK-RED","quantity":-2}]`), false, key}, 422, "lines[0].quantity"},
			{"fraction of a piece", call{"POST", "/api/v1/orders", order(`[{"sku":"BRK-RED","quantity":1.5}]`), false, key}, 422, "lines[0].quantity"},
			{"10^12", call{"POST", "/api/v1/orders", order(`[{"sku":"BRK-RED","quantity":1000000000000}]`), false, key}, 422, "lines[0].quantity"},
			{"exponent", call{"POST", "/api/v1/orders", order(`[{"sku":"BRK-RED","quantity":1e3}]`), false, key}, 422, "lines[0].quantity"},
			{"quantity as string", call{"POST", "/api/v1/orders", order(`[{"sku":"BRK-RED","quantity":"2"}]`), false, key}, 422, "lines[0].quantity"},
			{"malformed JSON", call{"POST", "/api/v1/orders", `{"channel":"b2c",`, false, key}, 400, "body"},
			{"two objects", call{"POST", "/api/v1/orders", order(`[]`) + `{}`, false, key}, 400, "body"},
			{"unknown field", call{"POST", "/api/v1/orders", `{"channel":"b2c","price":"0.01","lines":[]}`, false, key}, 422, "price"},
			{"body over 1 MiB", call{"POST", "/api/v1/orders", order(`[{"sku":"` + strings.Repeat("A", 1<<20) + `","quantity":1}]`), false, key}, 413, "body"},
			{"wrong content type", call{"POST", "/api/v1/orders", order(`[{"sku":"BRK-RED","quantity":1}]`), false, map[string]string{"Idempotency-Key": "k", "Content-Type": "text/plain"}}, 415, "Content-Type"},
			{"no idempotency key", call{"POST", "/api/v1/orders", order(`[{"sku":"BRK-RED","quantity":1}]`), false, nil}, 400, "Idempotency-Key"},
			{"too little stock", call{"POST", "/api/v1/orders", order(`[{"sku":"BRK-RED","quantity":11}]`), false, keyN(1)}, 409, ""},
			{"product without token", call{"POST", "/api/v1/products", `{"sku":"X1","name":"X","channels":["b2c"],"price":{"amount":"1.00","currency":"EUR"}}`, false, nil}, 401, ""},
			{"product bad price", call{"POST", "/api/v1/products", `{"sku":"X1","name":"X","channels":["b2c"],"price":{"amount":"1.005","currency":"EUR"}}`, true, nil}, 422, "price"},
			{"product NaN price", call{"POST", "/api/v1/products", `{"sku":"X1","name":"X","channels":["b2c"],"price":{"amount":"NaN","currency":"EUR"}}`, true, nil}, 422, "price"},
			{"product bad sku", call{"POST", "/api/v1/products", `{"sku":"a b","name":"X","channels":["b2c"]}`, true, nil}, 422, "sku"},
			{"product unknown kind", call{"POST", "/api/v1/products", `{"sku":"X1","name":"X","kind":"pizza","channels":["b2c"]}`, true, nil}, 422, "kind"},
			{"product unknown category", call{"POST", "/api/v1/products", `{"sku":"X1","name":"X","category":"pizza","channels":["b2c"]}`, true, nil}, 422, "category"},
			{"product taken sku", call{"POST", "/api/v1/products", `{"sku":"BRK-RED","name":"X","channels":["b2c"]}`, true, nil}, 409, ""},
			{"patch changes sku", call{"PATCH", "/api/v1/products/BRK-RED", `{"sku":"OTHER"}`, true, nil}, 422, "sku"},
			{"patch bad tax", call{"PATCH", "/api/v1/products/BRK-RED", `{"tax_rate":"120"}`, true, nil}, 422, "tax_rate"},
			{"movement sale by hand", call{"POST", "/api/v1/stock/movements", `{"sku":"BRK-RED","kind":"sale","quantity":1}`, true, nil}, 422, "kind"},
			{"movement negative receipt", call{"POST", "/api/v1/stock/movements", `{"sku":"BRK-RED","kind":"receipt","quantity":-1}`, true, nil}, 422, "quantity"},
			{"movement takes more than on hand", call{"POST", "/api/v1/stock/movements", `{"sku":"BRK-RED","kind":"adjustment","quantity":-11}`, true, nil}, 409, ""},
			{"movement unknown warehouse", call{"POST", "/api/v1/stock/movements", `{"sku":"BRK-RED","kind":"receipt","quantity":1,"warehouse":"MARS"}`, true, nil}, 422, "warehouse"},
			{"movement huge", call{"POST", "/api/v1/stock/movements", `{"sku":"BRK-RED","kind":"receipt","quantity":1000000000000}`, true, nil}, 422, "quantity"},
			{"list limit", call{"GET", "/api/v1/products?limit=100000", "", false, nil}, 422, "limit"},
			{"bad cursor", call{"GET", "/api/v1/products?cursor=!!!", "", false, nil}, 422, "cursor"},
			{"transition unknown status", call{"POST", "/api/v1/orders/00000000-0000-7000-8000-000000000000/transitions", `{"to":"lost"}`, true, nil}, 404, ""},
			{"bad token", call{"GET", "/api/v1/orders", "", false, map[string]string{"Authorization": "Bearer nope"}}, 401, ""},
			{"NUL in a guest name", call{"POST", "/api/v1/orders", `{"channel":"b2c","guest":{"name":"a\u0000b","email":"ann@example.com"},"lines":[{"sku":"BRK-RED","quantity":1}]}`, false, keyN(2)}, 422, "body"},
			{"NUL in a search", call{"GET", "/api/v1/products?q=a%00b", "", false, nil}, 400, "q"},
			{"invalid UTF-8 in a path", call{"GET", "/api/v1/products/a%ffb", "", false, nil}, 400, "path"},
			{"NUL in a cursor", call{"GET", "/api/v1/products?cursor=AA", "", false, nil}, 422, "cursor"},
			{"public asks for b2b prices", call{"GET", "/api/v1/products/BRK-RED?channel=b2b", "", false, nil}, 401, ""},
			{"price with a number amount", call{"POST", "/api/v1/products", `{"sku":"X2","name":"X","channels":["b2c"],"prices":{"b2c":{"amount":1,"currency":"EUR"}}}`, true, nil}, 422, "prices.b2c"},
			{"price list bad date", call{"POST", "/api/v1/price-lists", `{"name":"L","currency":"EUR","group":"g","valid_from":"yesterday","entries":[]}`, true, nil}, 422, "valid_from"},
			{"price list bad entry price", call{"POST", "/api/v1/price-lists", `{"name":"L","currency":"EUR","group":"g","entries":[{"sku":"BRK-RED","price":{"amount":"0.001","currency":"EUR"}}]}`, true, nil}, 422, "entries[0].price"},
			{"credit limit bad", call{"POST", "/api/v1/organizations", `{"legal_name":"X","credit_limit":{"amount":"NaN","currency":"EUR"}}`, true, nil}, 422, "credit_limit"},
			{"warehouse priority huge", call{"PUT", "/api/v1/warehouses/BIGP", `{"name":"Big","priority":3000000000}`, true, nil}, 422, "priority"},
		}
		before := e.counts()
		for _, tt := range tests {
			r := e.do(tt.c)
			if r.status != tt.status {
				t.Errorf("%s: status %d, want %d: %s", tt.name, r.status, tt.status, r.body)
				continue
			}
			if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("%s: content type %q", tt.name, ct)
			}
			p := r.json(t)
			if p["status"] != float64(tt.status) || p["detail"] == "" || p["code"] == "" {
				t.Errorf("%s: problem %s", tt.name, r.body)
			}
			if tt.field != "" && !problemNames(p, tt.field) {
				t.Errorf("%s: problem does not name %q: %s", tt.name, tt.field, r.body)
			}
		}
		if after := e.counts(); !maps.Equal(before, after) {
			t.Errorf("bad input changed rows:\nbefore %v\nafter  %v", before, after)
		}
	})
}

func problemNames(p map[string]any, field string) bool {
	fs, _ := p["errors"].([]any)
	for _, f := range fs {
		if m, _ := f.(map[string]any); m["field"] == field {
			return true
		}
	}
	return false
}

// TestFullPage asks for the largest page there is.
func TestFullPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		for _, path := range []string{"/api/v1/products?limit=200", "/api/v1/orders?limit=200", "/api/v1/persons?limit=200", "/api/v1/organizations?limit=200"} {
			if r := e.do(call{method: http.MethodGet, path: path, staff: true}); r.status != 200 {
				t.Errorf("%s: %d %s", path, r.status, r.body)
			}
		}
	})
}

func TestHealthz(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		r := e.do(call{method: http.MethodGet, path: "/healthz"})
		if r.status != 200 || string(r.body) != `{"status":"ok"}` {
			t.Errorf("healthz: %d %s", r.status, r.body)
		}
	})
}
