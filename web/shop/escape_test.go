package shop_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/inventory"
	"b2x/money"
	"b2x/qty"
	"b2x/store"
	"b2x/web"
)

var staffActor = app.Actor{UserID: "test-user", Role: "admin"}

// newEmptyServer serves a fresh database with one category and a warehouse;
// add adds products to it.
func newEmptyServer(t *testing.T) (*httptest.Server, *app.App) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "shop.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	a := app.New(db)
	must(t, a.UpsertWarehouse(ctx, staffActor, inventory.Warehouse{Code: "MAIN", Name: "Main warehouse"}))
	must(t, a.UpsertCategory(ctx, staffActor, catalog.Category{Slug: "tools", Name: "Tools <b>&</b> more"}))
	srv := httptest.NewServer(web.Handler(a, slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	return srv, a
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func addProduct(t *testing.T, a *app.App, p catalog.Product, gross int64, stock int64) {
	t.Helper()
	ctx := context.Background()
	if p.Category == "" {
		p.Category = "tools"
	}
	p.Kind, p.Unit, p.Status, p.TaxRateBP = catalog.Goods, "pcs", catalog.Active, 2000
	if p.Channels == nil {
		p.Channels = catalog.Channels{catalog.B2C}
	}
	_, err := a.CreateProduct(ctx, staffActor, app.NewProduct{Product: p,
		Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(gross, "EUR")}})
	must(t, err)
	if stock > 0 {
		_, err := a.RecordMovement(ctx, staffActor, app.MovementInput{SKU: p.SKU, Kind: inventory.Receipt, Quantity: qty.Units(stock)})
		must(t, err)
	}
}

// Names, descriptions and specifications written by staff are text: markup in
// them is shown, never run.
func TestMarkupInCatalogTextIsEscaped(t *testing.T) {
	srv, a := newEmptyServer(t)
	addProduct(t, a, catalog.Product{SKU: "XSS-1", Name: `<script>alert(1)</script> drill`, Brand: `<h1>Big</h1>`,
		Description: `"quoted" & <img src=x onerror=alert(1)>`, Specs: []catalog.Spec{{Key: "<i>k</i>", Value: "<b>v</b>"}}}, 1999, 3)
	res, body := get(t, srv.URL+"/en/p/XSS-1")
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
	for _, raw := range []string{"<script>alert", "<h1>Big", "<img src=x", "<i>k</i>", "<b>v</b>", "<b>&</b>"} {
		if strings.Contains(body, raw) {
			t.Errorf("page contains unescaped %q", raw)
		}
	}
	for _, escaped := range []string{"&lt;script&gt;alert(1)&lt;/script&gt; drill", "&lt;h1&gt;Big&lt;/h1&gt;", "&lt;img src=x"} {
		if !strings.Contains(body, escaped) {
			t.Errorf("page lacks escaped %q", escaped)
		}
	}
}
