package app_test

import (
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/inventory"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/qty"
)

// afterSales is a fixture for reviews and warranty: a drill with two variants (the
// parent has a 24-month warranty), a brick without warranty, and a consumer.
type afterSales struct {
	*fixture
	ann party.Person
}

func newAfterSales(t testing.TB, f *fixture) *afterSales {
	t.Helper()
	f.product("BRK", 100)
	variant := func(sku, parent string, months int) {
		_, err := f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
			Product: catalog.Product{SKU: sku, VariantOf: parent, Name: "Drill " + sku, Category: "bricks", Kind: catalog.Goods,
				Unit: "pcs", Channels: catalog.Channels{catalog.B2C}, Status: catalog.Active, TaxRateBP: 2000, WarrantyMonths: months},
			Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(9900, "EUR")},
		})
		f.must(err)
		f.receive(sku, 50)
	}
	variant("DRL", "", 24)
	variant("DRL-BLUE", "DRL", 24)
	variant("DRL-RED", "DRL", 12)
	ann, err := f.app.CreatePerson(f.ctx, staffActor, party.Person{Name: "Ann Marie Smith", Email: "ann@example.com"})
	f.must(err)
	return &afterSales{fixture: f, ann: ann}
}

func (f *fixture) receive(sku string, units int64) {
	f.t.Helper()
	_, err := f.app.RecordMovement(f.ctx, staffActor, app.MovementInput{SKU: sku, Kind: inventory.Receipt, Quantity: qty.Units(units)})
	f.must(err)
}

// buy places an order for the person (staff orders for an account) or, with an
// email, as a guest.
func (f *afterSales) buy(personID, email string, skus ...string) order.Order {
	f.t.Helper()
	in := app.CheckoutInput{Channel: catalog.B2C, PersonID: personID}
	if email != "" {
		in.Guest = &order.Guest{Name: "Gus Guest", Email: email}
	}
	for _, s := range skus {
		in.Lines = append(in.Lines, line(s, 1))
	}
	o, _, err := f.app.Checkout(f.ctx, staffActor, "", in)
	f.must(err)
	return o
}

// fieldsOf lists the fields of an invalid error.
func fieldsOf(err error) []string {
	e, ok := errs.As(err)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return out
}
