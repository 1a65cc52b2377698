package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/inventory"
	"b2x/money"
	"b2x/qty"
	"b2x/store"
	"b2x/web/api"
)

// env is an API server on a fresh database with a staff token and one product.
type env struct {
	t     *testing.T
	srv   *httptest.Server
	db    *store.DB
	app   *app.App
	token string
}

var operator = app.Actor{UserID: "test", Role: "admin"}

func newEnv(t *testing.T, db *store.DB, opts ...app.Option) *env {
	t.Helper()
	ctx := context.Background()
	a := app.New(db, opts...)
	if _, err := a.AddUser(ctx, "owner@example.com", "Owner", "admin", "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	token, err := a.CreateToken(ctx, "owner@example.com", "tests")
	if err != nil {
		t.Fatal(err)
	}
	must(t, a.UpsertWarehouse(ctx, operator, inventory.Warehouse{Code: "MAIN", Name: "Main"}))
	must(t, a.UpsertCategory(ctx, operator, catalog.Category{Slug: "bricks", Name: "Bricks"}))
	_, err = a.CreateProduct(ctx, operator, app.NewProduct{
		Product: catalog.Product{SKU: "BRK-RED", Name: "Red brick", Category: "bricks", Kind: catalog.Goods, Unit: "pcs",
			Channels: catalog.Channels{catalog.B2B, catalog.B2C}, Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(120, "EUR"), catalog.B2B: money.MustNew(90, "EUR")},
	})
	must(t, err)
	_, err = a.RecordMovement(ctx, operator, app.MovementInput{SKU: "BRK-RED", Kind: inventory.Receipt, Quantity: qty.Units(10)})
	must(t, err)
	srv := httptest.NewServer(api.New(a, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(srv.Close)
	return &env{t: t, srv: srv, db: db, app: a, token: token}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

type call struct {
	method, path string
	body         string
	staff        bool
	header       map[string]string
}

type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r reply) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("not JSON (%v): %s", err, r.body)
	}
	return m
}

func (e *env) do(c call) reply {
	e.t.Helper()
	req, err := http.NewRequest(c.method, e.srv.URL+c.path, strings.NewReader(c.body))
	must(e.t, err)
	if c.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.staff {
		req.Header.Set("Authorization", "Bearer "+e.token)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	must(e.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	must(e.t, err)
	return reply{status: res.StatusCode, header: res.Header, body: bytes.TrimSpace(b)}
}

// counts is the number of rows in every table a write could touch.
func (e *env) counts() map[string]int {
	e.t.Helper()
	out := map[string]int{}
	for _, table := range []string{"products", "base_prices", "categories", "warehouses", "stock_levels", "stock_movements",
		"orders", "order_lines", "order_transitions", "idempotency_keys", "persons", "organizations", "contacts", "price_lists"} {
		n, err := e.db.CountRows(context.Background(), table)
		must(e.t, err)
		out[table] = n
	}
	return out
}
