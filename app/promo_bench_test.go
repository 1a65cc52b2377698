package app_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/order"
	"b2x/payment"
	"b2x/promo"
	"b2x/store/storetest"
)

// BenchmarkCheckoutShop is BenchmarkCheckout with everything the shop adds: a
// promotion on every product, an unlimited coupon, a loyalty phone (one of 100
// cards), carrier delivery and a card payment through the test provider.
func BenchmarkCheckoutShop(b *testing.B) {
	for _, engine := range storetest.Engines() {
		b.Run(string(engine), func(b *testing.B) {
			f := newFixture(b, storetest.Open(b, engine))
			for i := range 20 {
				f.shopProduct(fmt.Sprintf("SKU-%02d", i), 1000+int64(i), "Brand", 10_000_000)
			}
			_, err := f.app.CreatePromotion(f.ctx, staffActor, promo.Promotion{Name: "Brand week", Kind: promo.Percent, PercentBP: 500,
				Brands: []string{"Brand"}, Channel: catalog.B2C})
			f.must(err)
			_, err = f.app.CreateCoupon(f.ctx, staffActor, promo.Coupon{Code: "BENCH", Kind: promo.Percent, PercentBP: 1000})
			f.must(err)
			var n atomic.Int64
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					i := n.Add(1)
					in := shopGuest(fmt.Sprintf("b%d@example.com", i), line(fmt.Sprintf("SKU-%02d", i%20), 1), line(fmt.Sprintf("SKU-%02d", (i+7)%20), 2))
					in.Coupon, in.LoyaltyPhone, in.DeliveryMethod = "BENCH", fmt.Sprintf("+7916%07d", i%100), order.Carrier
					in.Payment = &app.PaymentInput{Method: payment.Card, CardNumber: payment.TestCardOK}
					if _, _, err := f.app.Checkout(f.ctx, app.Actor{}, fmt.Sprintf("k-%d", i), in); err != nil {
						panic(err)
					}
				}
			})
		})
	}
}
