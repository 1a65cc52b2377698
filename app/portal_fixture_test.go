package app_test

import (
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/party"
	"b2x/qty"
	"b2x/store"
)

// b2bFixture is the quote fixture (BRK at 0.90 net with 5000 in stock, services,
// Buyer GmbH on net30 with 10,000.00 EUR credit, its evaluator, CFO and Joe) with
// a licence product, cement sold by the kilogram, a b2c-only product, and buyer
// actors for the contacts.
type b2bFixture struct {
	*quoteFixture
}

func newB2BFixture(t *testing.T, db *store.DB) *b2bFixture {
	t.Helper()
	f := &b2bFixture{newQuoteFixture(t, db)}
	f.productOf("LIC-CAD", catalog.Licence, "seat", []catalog.Channel{catalog.B2B}, 40000, 0)
	f.productOf("CEM-KG", catalog.Goods, "kg", []catalog.Channel{catalog.B2B}, 50, 1000)
	f.productOf("TOY", catalog.Goods, "pcs", []catalog.Channel{catalog.B2C}, 500, 10)
	return f
}

// productOf adds an active product with a b2b (or, when b2c-only, b2c) price.
func (f *b2bFixture) productOf(sku string, kind catalog.Kind, unit string, channels []catalog.Channel, price, stock int64) {
	f.t.Helper()
	ch := channels[0]
	_, err := f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
		Product: catalog.Product{SKU: sku, Name: "Product " + sku, Category: "bricks", Kind: kind, Unit: unit,
			Channels: channels, Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{ch: money.MustNew(price, "EUR")},
	})
	f.must(err)
	if stock > 0 {
		_, err := f.app.RecordMovement(f.ctx, staffActor, app.MovementInput{SKU: sku, Kind: "receipt", Quantity: qty.Units(stock)})
		f.must(err)
	}
}

func buyerOf(c party.Contact) app.Actor {
	return app.Actor{ContactID: c.ID, OrganizationID: c.OrganizationID}
}

// restrict sets a contact's permissions and spending limit (zero: none).
func (f *b2bFixture) restrict(c party.Contact, limitMinor int64, perms ...party.Permission) party.Contact {
	f.t.Helper()
	if perms == nil {
		perms = []party.Permission{}
	}
	limit := money.Amount{}
	if limitMinor > 0 {
		limit = money.MustNew(limitMinor, "EUR")
	}
	c, err := f.app.UpdateContact(f.ctx, staffActor, c.ID, app.ContactPatch{Permissions: &perms, SpendingLimit: &limit})
	f.must(err)
	return c
}

// b2bCounts adds the B2B tables to the checkout tables' row counts.
func (f *b2bFixture) b2bCounts() map[string]int {
	f.t.Helper()
	out := f.quoteCounts()
	for _, table := range []string{"saved_lists", "quote_comments", "contracts", "price_lists", "price_list_entries",
		"recurring_orders", "recurring_runs", "recurring_notices", "licences", "licence_seat_changes"} {
		n, err := f.db.CountRows(f.ctx, table)
		f.must(err)
		out[table] = n
	}
	return out
}

func expectCode(t *testing.T, what string, err error, code errs.Code) *errs.Error {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Code != code {
		t.Errorf("%s: %v, want %s", what, err, code)
		return &errs.Error{}
	}
	return e
}

func expectField(t *testing.T, what string, err error, field string) {
	t.Helper()
	if e := expectCode(t, what, err, errs.Invalid); e.Code == errs.Invalid && !hasField(e, field) {
		t.Errorf("%s: %v does not name %s", what, err, field)
	}
}
