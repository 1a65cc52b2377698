package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/promo"
	"b2x/store"
	"b2x/store/storetest"
)

// TestCouponGuards: the total and per-customer limits hold at the store, a
// reversal gives a use back once, and the counts agree with the uses.
func TestCouponGuards(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		tmpl := shopOrderTemplate(t, db)
		var orders []string
		for range 3 {
			orders = append(orders, insertShopOrder(t, db, tmpl))
		}
		c := promo.Coupon{ID: ids.New(), Code: "TWICE", Kind: promo.Amount, Amount: money.MustNew(500, "EUR"), MinOrder: money.MustNew(1000, "EUR"),
			ValidUntil: shopTime.Add(time.Hour), TotalLimit: 2, PerCustomerLimit: 1, Channel: catalog.B2C, CreatedAt: shopTime}
		must(t, db.Write(ctx, func(tx *store.Tx) error { return tx.InsertCoupon(ctx, &c) }))
		var got promo.Coupon
		must(t, db.Read(ctx, func(tx *store.Tx) (err error) {
			got, err = tx.CouponByCode(ctx, "TWICE")
			return err
		}))
		want := c
		want.CreatedAt, want.ValidUntil = shopTime.Truncate(time.Microsecond), c.ValidUntil.Truncate(time.Microsecond)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("coupon read back\n got %+v\nwant %+v", got, want)
		}
		order1 := orders[0]
		use := func(orderID, customer string) error {
			return db.Write(ctx, func(tx *store.Tx) error {
				return tx.UseCoupon(ctx, c, store.CouponUse{OrderID: orderID, CustomerKey: customer, Discount: 500, At: shopTime})
			})
		}
		field := func(err error) string {
			if e, ok := errs.As(err); ok && len(e.Fields) > 0 {
				return e.Fields[0].Field
			}
			return ""
		}
		must(t, use(order1, "email:ann@example.com"))
		if err := use(orders[1], "email:ann@example.com"); field(err) != "coupon" {
			t.Errorf("second use by one customer: %v", err)
		}
		must(t, use(orders[1], "email:bob@example.com"))
		if err := use(orders[2], "email:carl@example.com"); field(err) != "coupon" {
			t.Errorf("third use of a two-use coupon: %v", err)
		}
		reverse := func(orderID string) bool {
			var ok bool
			must(t, db.Write(ctx, func(tx *store.Tx) (err error) {
				ok, err = tx.ReverseCouponUse(ctx, orderID, shopTime)
				return err
			}))
			return ok
		}
		if !reverse(order1) || reverse(order1) {
			t.Error("a use was reversed other than once")
		}
		must(t, use(orders[2], "email:ann@example.com"))
		var bad []string
		must(t, db.Read(ctx, func(tx *store.Tx) (err error) {
			bad, err = tx.CouponCountMismatches(ctx)
			return err
		}))
		if len(bad) != 0 {
			t.Errorf("counts differ from uses: %v", bad)
		}
		must(t, db.ExecRaw(ctx, `UPDATE coupons SET used = 1 WHERE code = 'TWICE'`))
		must(t, db.Read(ctx, func(tx *store.Tx) (err error) {
			bad, err = tx.CouponCountMismatches(ctx)
			return err
		}))
		if !reflect.DeepEqual(bad, []string{"TWICE"}) {
			t.Errorf("a count changed without a use was not caught: %v", bad)
		}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.InsertCoupon(ctx, &c) }); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("a taken code: %v", err)
		}
	})
}
