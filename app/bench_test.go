package app_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/money"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
	"b2x/store/storetest"
)

// BenchmarkResolvePrice resolves a B2B price with an organization list and a group
// list on each engine: the whole use case, database reads included.
func BenchmarkResolvePrice(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			f := newFixture(b, storetest.Open(b, engine))
			f.product("BRK", 0)
			org, err := f.app.CreateOrganization(f.ctx, staffActor, party.Organization{LegalName: "BuildCo", Group: "wholesale"})
			f.must(err)
			_, err = f.app.CreatePriceList(f.ctx, staffActor, pricing.PriceList{Name: "Wholesale", Currency: "EUR", Group: "wholesale",
				Entries: []pricing.Entry{{SKU: "BRK", Price: money.MustNew(85, "EUR")}, {SKU: "BRK", MinQuantity: qty.Units(100), Price: money.MustNew(80, "EUR")}}})
			f.must(err)
			_, err = f.app.CreatePriceList(f.ctx, staffActor, pricing.PriceList{Name: "BuildCo", Currency: "EUR", OrganizationID: org.ID,
				Entries: []pricing.Entry{{SKU: "BRK", MinQuantity: qty.Units(500), Price: money.MustNew(75, "EUR")}}})
			f.must(err)
			q := app.PriceQuestion{SKU: "BRK", Quantity: qty.Units(600), OrganizationID: org.ID, Channel: catalog.B2B}
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					res, err := f.app.ResolvePrice(f.ctx, staffActor, q)
					if err != nil || res.Unit.Minor != 75 {
						panic(fmt.Sprint(res, err))
					}
				}
			})
		})
	}
}

// BenchmarkCheckout places guest orders of one to three lines from parallel
// goroutines, without HTTP: the use case and the database only.
func BenchmarkCheckout(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			f := newFixture(b, storetest.Open(b, engine))
			for i := range 20 {
				f.product(fmt.Sprintf("SKU-%02d", i), 10_000_000)
			}
			var n atomic.Int64
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := n.Add(1)
					in := guestOrder(line(fmt.Sprintf("SKU-%02d", i%20), 1), line(fmt.Sprintf("SKU-%02d", (i+7)%20), 2))
					if _, _, err := f.app.Checkout(f.ctx, app.Actor{}, fmt.Sprintf("k-%d", i), in); err != nil {
						panic(err)
					}
				}
			})
		})
	}
}
