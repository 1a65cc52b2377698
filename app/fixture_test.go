package app_test

import (
	"context"
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/inventory"
	"b2x/money"
	"b2x/qty"
	"b2x/store"
)

var staffActor = app.Actor{UserID: "test-user", Role: "admin"}

// fixture is an App with one warehouse, one category and a helper to add products.
type fixture struct {
	t   testing.TB
	ctx context.Context
	app *app.App
	db  *store.DB
}

func newFixture(t testing.TB, db *store.DB) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), app: app.New(db), db: db}
	f.must(f.app.UpsertWarehouse(f.ctx, staffActor, inventory.Warehouse{Code: "MAIN", Name: "Main warehouse"}))
	f.must(f.app.UpsertCategory(f.ctx, staffActor, catalog.Category{Slug: "bricks", Name: "Bricks"}))
	return f
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

// product adds an active goods product sold in both channels at 1.20 gross / 0.90
// net EUR, with stock units in MAIN.
func (f *fixture) product(sku string, stock int64) {
	f.t.Helper()
	_, err := f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
		Product: catalog.Product{SKU: sku, Name: "Product " + sku, Category: "bricks", Kind: catalog.Goods, Unit: "pcs",
			Channels: catalog.Channels{catalog.B2C, catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(120, "EUR"), catalog.B2B: money.MustNew(90, "EUR")},
	})
	f.must(err)
	if stock > 0 {
		_, err := f.app.RecordMovement(f.ctx, staffActor, app.MovementInput{SKU: sku, Kind: inventory.Receipt, Quantity: qty.Units(stock)})
		f.must(err)
	}
}

func (f *fixture) stock(sku string) inventory.Stock {
	f.t.Helper()
	st, _, err := f.app.Stock(f.ctx, staffActor, sku)
	f.must(err)
	return st
}

// counts returns the number of rows in the tables a checkout writes, to prove a
// refused request wrote nothing.
func (f *fixture) counts() map[string]int {
	f.t.Helper()
	out := map[string]int{}
	for _, table := range []string{"orders", "order_lines", "order_transitions", "stock_movements", "idempotency_keys", "products", "base_prices"} {
		n, err := f.db.CountRows(f.ctx, table)
		f.must(err)
		out[table] = n
	}
	return out
}

func (f *fixture) ledgerBalanced() {
	f.t.Helper()
	var bad []string
	f.must(f.db.Read(f.ctx, func(tx *store.Tx) (err error) {
		bad, err = tx.LedgerMismatches(f.ctx)
		return err
	}))
	if len(bad) > 0 {
		f.t.Fatalf("on_hand differs from the ledger for %v", bad)
	}
}
