package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"b2x/staff"
	"b2x/store"
	"b2x/store/storetest"
)

func TestReorderPointsLowStockAndTransitionsAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newPermEnv(t, db)
		wh := e.tokens[staff.Warehouse]
		status, body := e.call("PUT", request{path: "/api/v1/stock/BRK-RED/reorder-points/MAIN", body: `{"point":"5"}`}, wh)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"point"`) {
			t.Fatalf("a string point: %d %s", status, body)
		}
		status, body = e.call("PUT", request{path: "/api/v1/stock/BRK-RED/reorder-points/MAIN", body: `{"point":100001,"quantity":500}`}, wh)
		if status != http.StatusOK || !strings.Contains(body, `"point":100001`) {
			t.Fatalf("set: %d %s", status, body)
		}
		status, body = e.call("GET", request{path: "/api/v1/low-stock"}, wh)
		var low page[lowStockJSON]
		if err := json.Unmarshal([]byte(body), &low); status != http.StatusOK || err != nil || len(low.Items) != 1 {
			t.Fatalf("low stock: %d %s", status, body)
		}
		if it := low.Items[0]; it.SKU != "BRK-RED" || it.Available != 100_000_000 || it.Suggested != 501_000 {
			t.Fatalf("low-stock row %+v", it)
		}
		id := e.order()
		status, body = e.call("POST", request{path: "/api/v1/orders/" + id + "/transitions", body: `{"to":"shipped"}`}, wh)
		if status != http.StatusConflict || !strings.Contains(body, "cannot become shipped") {
			t.Fatalf("placed → shipped: %d %s", status, body)
		}
		if status, body = e.call("POST", request{path: "/api/v1/orders/" + id + "/transitions", body: `{"to":"confirmed"}`}, wh); status != http.StatusOK {
			t.Fatalf("confirm: %d %s", status, body)
		}
		status, body = e.call("GET", request{path: "/api/v1/orders/" + id + "/transitions"}, wh)
		var tr struct {
			Items        []map[string]any `json:"items"`
			TimeInStatus []statusTimeJSON `json:"time_in_status"`
		}
		if err := json.Unmarshal([]byte(body), &tr); status != http.StatusOK || err != nil || len(tr.Items) != 2 ||
			len(tr.TimeInStatus) != 2 || tr.TimeInStatus[1].Status != "confirmed" || !tr.TimeInStatus[1].Current {
			t.Fatalf("transitions: %d %s", status, body)
		}
		status, body = e.call("PUT", request{path: "/api/v1/orders/" + id + "/delivery", body: `{"day":"2026-12-01","slot":"08-12"}`}, wh)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "delivery_method") {
			t.Fatalf("scheduling a pickup order: %d %s", status, body)
		}
	})
}
