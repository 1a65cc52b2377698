package app_test

import (
	"fmt"
	"maps"
	"strings"
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/inventory"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/payment"
	"b2x/promo"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

func eur(m int64) money.Amount { return money.MustNew(m, "EUR") }

// shopProduct adds an active b2c goods product at a gross price (20 % VAT) with
// a brand, in the bricks category, with stock units in MAIN.
func (f *fixture) shopProduct(sku string, gross int64, brand string, stock int64) {
	f.t.Helper()
	_, err := f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
		Product: catalog.Product{SKU: sku, Name: "Product " + sku, Brand: brand, Category: "bricks", Kind: catalog.Goods, Unit: "pcs",
			Channels: catalog.Channels{catalog.B2C, catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2C: eur(gross), catalog.B2B: eur(gross * 10 / 12)},
	})
	f.must(err)
	if stock > 0 {
		_, err := f.app.RecordMovement(f.ctx, staffActor, app.MovementInput{SKU: sku, Kind: inventory.Receipt, Quantity: qty.Units(stock)})
		f.must(err)
	}
}

// shopCounts counts the rows of every table a checkout or a refused one may touch.
func (f *fixture) shopCounts() map[string]int {
	f.t.Helper()
	out := f.counts()
	for _, table := range []string{"payments", "order_adjustments", "coupon_uses", "coupon_customers", "loyalty_cards", "loyalty_entries"} {
		n, err := f.db.CountRows(f.ctx, table)
		f.must(err)
		out[table] = n
	}
	return out
}

// shopBalanced checks every ledger: stock, loyalty points and coupon uses.
func (f *fixture) shopBalanced() {
	f.t.Helper()
	f.ledgerBalanced()
	f.must(f.db.Read(f.ctx, func(tx *store.Tx) error {
		if bad, err := tx.LoyaltyMismatches(f.ctx); err != nil || len(bad) > 0 {
			f.t.Errorf("loyalty balances differ from their ledger: %v %v", bad, err)
		}
		if bad, err := tx.CouponCountMismatches(f.ctx); err != nil || len(bad) > 0 {
			f.t.Errorf("coupon counts differ from their uses: %v %v", bad, err)
		}
		return nil
	}))
}

func shopGuest(email string, lines ...app.CheckoutLine) app.CheckoutInput {
	return app.CheckoutInput{Channel: catalog.B2C, Guest: &order.Guest{Name: "Ann Homeowner", Email: email}, Lines: lines}
}

func fieldOf(err error) string {
	if e, ok := errs.As(err); ok && len(e.Fields) > 0 {
		return e.Fields[0].Field
	}
	return ""
}

// TestCheckoutAdjustments places one order with everything: an automatic
// promotion, the silver tier, a coupon, points and a delivery fee, and checks the
// figures, that PriceCart showed the same, and that the stored order reads back equal.
func TestCheckoutAdjustments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.shopProduct("TILE", 2000, "Kerama", 100) // 20.00 gross
		f.shopProduct("GLUE", 1000, "Other", 100)  // 10.00 gross
		_, err := f.app.CreatePromotion(f.ctx, staffActor, promo.Promotion{Name: "Kerama week", Kind: promo.Percent, PercentBP: 1000,
			Brands: []string{"kerama"}, Channel: catalog.B2C})
		f.must(err)
		_, err = f.app.CreateCoupon(f.ctx, staffActor, promo.Coupon{Code: "five", Kind: promo.Amount, Amount: eur(500), MinOrder: eur(5000)})
		f.must(err)
		// a card in the silver tier (500 EUR spent) with 1000 points
		const phone = "8 916 123-45-67"
		spent, _, err := f.app.Checkout(f.ctx, staffActor, "spend", app.CheckoutInput{Channel: catalog.B2C,
			Guest: &order.Guest{Name: "Ann", Email: "ann@example.com"}, Lines: []app.CheckoutLine{line("GLUE", 50)}, LoyaltyPhone: phone})
		f.must(err)
		for _, to := range []order.Status{order.Confirmed, order.Delivered} {
			_, err = f.app.TransitionOrder(f.ctx, staffActor, spent.ID, to, "")
			f.must(err)
		}
		card, err := f.app.LoyaltyCard(f.ctx, staffActor, phone)
		f.must(err)
		if card.Card.Phone != "+79161234567" || card.Tier.Name != "silver" || card.Card.Points != 500 || card.Card.LifetimeSpend != 500_00 {
			t.Fatalf("card after 500 EUR delivered: %+v", card)
		}
		_, err = f.app.AdjustLoyaltyPoints(f.ctx, staffActor, phone, 500, "welcome bonus")
		f.must(err)

		in := shopGuest("ann@example.com", line("TILE", 3), line("GLUE", 2))
		in.Coupon, in.LoyaltyPhone, in.Points, in.DeliveryMethod = "FIVE", "+79161234567", 1000, order.Carrier
		before := f.shopCounts()
		q, err := f.app.PriceCart(f.ctx, staffActor, in)
		f.must(err)
		if after := f.shopCounts(); !maps.Equal(before, after) {
			t.Errorf("PriceCart wrote rows: %v → %v", before, after)
		}
		o, _, err := f.app.Checkout(f.ctx, staffActor, "everything", in)
		f.must(err)
		// goods 60.00 + 20.00 = 80.00; promotion −6.00 on TILE; silver 3 % of 74.00 = −2.22;
		// coupon −5.00; points 1000 = −10.00 (cap 30 % of 66.78 = 2003); carrier 9.90 (free from 150)
		want := []struct {
			kind  order.AdjustmentKind
			gross int64
		}{{order.PromotionDiscount, -600}, {order.TierDiscount, -222}, {order.CouponDiscount, -500}, {order.PointsRedeemed, -1000}, {order.DeliveryFee, 990}}
		if len(o.Adjustments) != len(want) {
			t.Fatalf("adjustments %+v", o.Adjustments)
		}
		for i, w := range want {
			if a := o.Adjustments[i]; a.Kind != w.kind || a.Gross.Minor != w.gross || a.Net.Minor+a.Tax.Minor != a.Gross.Minor {
				t.Errorf("adjustment %d: %+v, want %s %d", i, a, w.kind, w.gross)
			}
		}
		if o.Total != eur(8000-600-222-500-1000+990) || o.Net.Minor+o.Tax.Minor != o.Total.Minor {
			t.Errorf("total %s net %s tax %s", o.Total, o.Net, o.Tax)
		}
		if o.Payment == nil || o.Payment.Method != payment.CashOnDelivery || o.Payment.Status != payment.Pending || o.Payment.Amount != o.Total {
			t.Errorf("payment %+v", o.Payment)
		}
		if q.Order.Total != o.Total || q.Order.Tax != o.Tax || len(q.Order.Adjustments) != len(o.Adjustments) {
			t.Errorf("PriceCart showed %s (tax %s), checkout charged %s (tax %s)", q.Order.Total, q.Order.Tax, o.Total, o.Tax)
		}
		if q.Loyalty == nil || !q.Loyalty.Exists || q.Loyalty.Tier.Name != "silver" || q.Loyalty.Points != 1000 || q.Loyalty.MaxPoints != 1000 {
			t.Errorf("loyalty quote %+v", q.Loyalty)
		}
		if len(q.Delivery) != 3 || q.Delivery[2].Method != order.Carrier || q.Delivery[2].Fee != eur(990) || q.Delivery[0].Fee.Minor != 0 {
			t.Errorf("delivery options %+v", q.Delivery)
		}
		if q.PointsToEarn != (o.Total.Minor-990)/100 {
			t.Errorf("points to earn %d", q.PointsToEarn)
		}
		got, err := f.app.Order(f.ctx, staffActor, o.ID)
		f.must(err)
		if got.Total != o.Total || len(got.Adjustments) != 5 || got.Adjustments[3].Points != 1000 || got.LoyaltyCardID != card.Card.ID ||
			got.Lines[0].Discount.Minor+got.Lines[1].Discount.Minor != 600+222+500+1000 || got.Payment == nil {
			t.Errorf("stored order differs: %+v", got)
		}
		for i := range o.Adjustments {
			if got.Adjustments[i] != o.Adjustments[i] {
				t.Errorf("adjustment %d read back as %+v, placed %+v", i, got.Adjustments[i], o.Adjustments[i])
			}
		}
		if v, _ := f.app.LoyaltyCard(f.ctx, staffActor, phone); v.Card.Points != 0 {
			t.Errorf("points after redeeming all: %d", v.Card.Points)
		}
		cs, err := f.app.Coupons(f.ctx, staffActor)
		f.must(err)
		if len(cs) != 1 || cs[0].Used != 1 {
			t.Errorf("coupons %+v", cs)
		}
		f.shopBalanced()
	})
}

// TestCouponUsedOnceUnderConcurrency is the issue's figure: 100 checkouts at once
// with a coupon limited to one use give exactly one discounted order; the others
// are refused naming the coupon and write nothing. They pay by card, so it also
// shows that no refused order leaves a hold on a card.
func TestCouponUsedOnceUnderConcurrency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.shopProduct("HOT", 5000, "", 1000)
		_, err := f.app.CreateCoupon(f.ctx, staffActor, promo.Coupon{Code: "ONLY-ONE", Kind: promo.Percent, PercentBP: 5000, TotalLimit: 1})
		f.must(err)
		const buyers = 100
		var wg sync.WaitGroup
		errc := make(chan error, buyers)
		orders := make(chan order.Order, buyers)
		for i := range buyers {
			wg.Go(func() {
				in := shopGuest(fmt.Sprintf("buyer%d@example.com", i), line("HOT", 1))
				in.Coupon = "only-one"
				in.Payment = &app.PaymentInput{Method: payment.Card, CardNumber: payment.TestCardOK}
				o, _, err := f.app.Checkout(f.ctx, app.Actor{}, fmt.Sprintf("c-%d", i), in)
				if err == nil {
					orders <- o
				}
				errc <- err
			})
		}
		wg.Wait()
		close(errc)
		close(orders)
		refused := 0
		for err := range errc {
			switch {
			case err == nil:
			case fieldOf(err) == "coupon":
				refused++
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if refused != buyers-1 || len(orders) != 1 {
			t.Fatalf("%d placed, %d refused with a coupon error; want 1 and %d", len(orders), refused, buyers-1)
		}
		o := <-orders
		if a, ok := o.Adjustment(order.CouponDiscount); !ok || a.Gross != eur(-2500) || o.Total != eur(2500) {
			t.Errorf("the one order: %+v", o)
		}
		counts := f.shopCounts()
		for table, want := range map[string]int{"orders": 1, "coupon_uses": 1, "payments": 1, "idempotency_keys": 1, "order_adjustments": 1} {
			if counts[table] != want {
				t.Errorf("%s: %d rows, want %d", table, counts[table], want)
			}
		}
		if st := f.stock("HOT"); st.OnHand != qty.Units(999) {
			t.Errorf("on hand %s, want 999", st.OnHand)
		}
		holds := f.app.PaymentProvider().(*payment.TestProvider).Authorizations()
		if holds[payment.Authorized] != 1 {
			t.Errorf("card holds left: %v; want only the placed order's", holds)
		}
		f.shopBalanced()
	})
}

// TestCouponPerCustomer: one use per customer, the customer being the person,
// else the guest's email in any case; a cancelled order gives its use back, a
// returned one does not.
func TestCouponPerCustomer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.shopProduct("BRK", 1000, "", 100)
		_, err := f.app.CreateCoupon(f.ctx, staffActor, promo.Coupon{Code: "HELLO", Kind: promo.Amount, Amount: eur(100), PerCustomerLimit: 1})
		f.must(err)
		place := func(key, email string) (order.Order, error) {
			in := shopGuest(email, line("BRK", 1))
			in.Coupon = "hello"
			o, _, err := f.app.Checkout(f.ctx, app.Actor{}, key, in)
			return o, err
		}
		first, err := place("a1", "ann@example.com")
		f.must(err)
		before := f.shopCounts()
		if _, err := place("a2", "ANN@Example.com"); fieldOf(err) != "coupon" {
			t.Errorf("second use by the same email: %v", err)
		}
		if after := f.shopCounts(); !maps.Equal(before, after) {
			t.Errorf("a refused coupon wrote rows: %v → %v", before, after)
		}
		if _, err := place("b1", "bob@example.com"); err != nil {
			t.Errorf("another customer: %v", err)
		}
		_, err = f.app.TransitionOrder(f.ctx, staffActor, first.ID, order.Cancelled, "")
		f.must(err)
		again, err := place("a3", "ann@example.com")
		if err != nil {
			t.Fatalf("after the cancel gave the use back: %v", err)
		}
		for _, to := range []order.Status{order.Confirmed, order.Delivered, order.Returned} {
			_, err = f.app.TransitionOrder(f.ctx, staffActor, again.ID, to, "")
			f.must(err)
		}
		if _, err := place("a4", "ann@example.com"); fieldOf(err) != "coupon" {
			t.Errorf("a return gave the use back: %v", err)
		}
		f.shopBalanced()
	})
}

// TestPointsNeverNegativeUnderConcurrency is the issue's figure: 50 redemptions
// at once against one card's points; the balance never goes below zero and the
// ledger sums to it.
func TestPointsNeverNegativeUnderConcurrency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.shopProduct("BIG", 10000, "", 1000) // 100.00: 30 % is 3000 points
		const phone = "+79161234567"
		_, err := f.app.IssueLoyaltyCard(f.ctx, staffActor, phone, "")
		f.must(err)
		_, err = f.app.AdjustLoyaltyPoints(f.ctx, staffActor, phone, 1000, "opening balance")
		f.must(err)
		const redeemers = 50
		var wg sync.WaitGroup
		errc := make(chan error, redeemers)
		for i := range redeemers {
			wg.Go(func() {
				in := shopGuest("ann@example.com", line("BIG", 1))
				in.LoyaltyPhone, in.Points = phone, 100
				_, _, err := f.app.Checkout(f.ctx, staffActor, fmt.Sprintf("r-%d", i), in)
				errc <- err
			})
		}
		wg.Wait()
		close(errc)
		ok := 0
		for err := range errc {
			switch {
			case err == nil:
				ok++
			case fieldOf(err) != "points":
				t.Errorf("unexpected error: %v", err)
			}
		}
		v, err := f.app.LoyaltyCard(f.ctx, staffActor, phone)
		f.must(err)
		if ok != 10 || v.Card.Points != 0 {
			t.Errorf("%d redemptions of 100 from 1000 points, %d left; want 10 and 0", ok, v.Card.Points)
		}
		var sum int64
		for _, e := range v.Ledger {
			sum += e.Points
		}
		if sum != v.Card.Points || len(v.Ledger) != 11 {
			t.Errorf("ledger of %d entries sums to %d, balance %d", len(v.Ledger), sum, v.Card.Points)
		}
		if n, _ := db.CountRows(f.ctx, "orders"); n != 10 {
			t.Errorf("%d orders", n)
		}
		f.shopBalanced()
	})
}

// TestLoyaltyEarnAndReverse: points are earned on delivery, spent points come
// back on cancel, and a return takes back what the order earned, as far as the
// balance goes.
func TestLoyaltyEarnAndReverse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.shopProduct("BRK", 1250, "", 1000)
		const phone = "+989123456789"
		in := shopGuest("ann@example.com", line("BRK", 8)) // 100.00
		in.LoyaltyPhone = phone
		o, _, err := f.app.Checkout(f.ctx, app.Actor{}, "e1", in)
		f.must(err)
		for _, to := range []order.Status{order.Confirmed, order.Shipped} {
			_, err = f.app.TransitionOrder(f.ctx, staffActor, o.ID, to, "")
			f.must(err)
		}
		if v, _ := f.app.LoyaltyCard(f.ctx, staffActor, phone); v.Card.Points != 0 {
			t.Errorf("points earned before delivery: %d", v.Card.Points)
		}
		_, err = f.app.TransitionOrder(f.ctx, staffActor, o.ID, order.Delivered, "")
		f.must(err)
		v, err := f.app.LoyaltyCard(f.ctx, staffActor, phone)
		f.must(err)
		if v.Card.Points != 100 || v.Card.LifetimeSpend != 100_00 || len(v.Ledger) != 1 || v.Ledger[0].Kind != "earn" {
			t.Fatalf("after delivery: %+v", v)
		}
		// spend 60 points on an order, then cancel it: they come back
		spend := shopGuest("ann@example.com", line("BRK", 2))
		spend.LoyaltyPhone, spend.Points = phone, 60
		s, _, err := f.app.Checkout(f.ctx, staffActor, "e2", spend)
		f.must(err)
		if v, _ := f.app.LoyaltyCard(f.ctx, staffActor, phone); v.Card.Points != 40 {
			t.Errorf("after spending 60: %d", v.Card.Points)
		}
		_, err = f.app.TransitionOrder(f.ctx, staffActor, s.ID, order.Cancelled, "")
		f.must(err)
		if v, _ := f.app.LoyaltyCard(f.ctx, staffActor, phone); v.Card.Points != 100 {
			t.Errorf("after the cancel: %d", v.Card.Points)
		}
		// spend 70 elsewhere, then return the first order: 30 of its 100 points are left to take back
		spend.Points = 70
		_, _, err = f.app.Checkout(f.ctx, staffActor, "e3", spend)
		f.must(err)
		_, err = f.app.TransitionOrder(f.ctx, staffActor, o.ID, order.Returned, "")
		f.must(err)
		v, err = f.app.LoyaltyCard(f.ctx, staffActor, phone)
		f.must(err)
		if v.Card.Points != 0 || v.Card.LifetimeSpend != 0 {
			t.Errorf("after the return: %d points, spend %d", v.Card.Points, v.Card.LifetimeSpend)
		}
		if last := v.Ledger[len(v.Ledger)-1]; last.Kind != "reverse" || last.Points != -30 || last.OrderID != o.ID {
			t.Errorf("last entry %+v", last)
		}
		f.shopBalanced()
	})
}

// TestCardPayments runs the payment paths: authorize at checkout, capture on
// ship, void on cancel, refund on return, a decline that writes nothing, a
// capture the bank refuses, and a retry that does not hold the money twice.
func TestCardPayments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.shopProduct("BRK", 1000, "", 100)
		prov := f.app.PaymentProvider().(*payment.TestProvider)
		card := func(number string) app.CheckoutInput {
			in := shopGuest("ann@example.com", line("BRK", 2))
			in.Payment = &app.PaymentInput{Method: payment.Card, CardNumber: number}
			return in
		}
		move := func(id string, to ...order.Status) (order.Order, error) {
			var o order.Order
			var err error
			for _, s := range to {
				if o, err = f.app.TransitionOrder(f.ctx, staffActor, id, s, ""); err != nil {
					return o, err
				}
			}
			return o, nil
		}
		providerStatus := func(ref string) payment.Status {
			st, _, _, _ := prov.State(ref)
			return st
		}

		// success, then capture when shipped
		o, _, err := f.app.Checkout(f.ctx, app.Actor{}, "p1", card("4242 4242 4242 4242"))
		f.must(err)
		p := o.Payment
		if p == nil || p.Status != payment.Authorized || p.CardLast4 != "4242" || p.Amount != eur(2000) || providerStatus(p.Reference) != payment.Authorized {
			t.Fatalf("payment at checkout: %+v", p)
		}
		again, replayed, err := f.app.Checkout(f.ctx, app.Actor{}, "p1", card("4242 4242 4242 4242"))
		if err != nil || !replayed || again.ID != o.ID || len(prov.Authorizations()) != 1 || prov.Authorizations()[payment.Authorized] != 1 {
			t.Errorf("retry: %v %v, holds %v", err, replayed, prov.Authorizations())
		}
		if o, err = move(o.ID, order.Confirmed); err != nil || o.Payment.Status != payment.Authorized {
			t.Errorf("confirmed: %v %+v", err, o.Payment)
		}
		if o, err = move(o.ID, order.Shipped); err != nil || o.Payment.Status != payment.Captured || providerStatus(p.Reference) != payment.Captured {
			t.Errorf("shipped: %v %+v", err, o.Payment)
		}
		if o, err = move(o.ID, order.Delivered, order.Returned); err != nil || o.Payment.Status != payment.Refunded || providerStatus(p.Reference) != payment.Refunded {
			t.Errorf("returned: %v %+v", err, o.Payment)
		}

		// void on cancel
		c, _, err := f.app.Checkout(f.ctx, app.Actor{}, "p2", card(payment.TestCardOK))
		f.must(err)
		if c, err = move(c.ID, order.Cancelled); err != nil || c.Payment.Status != payment.Voided || providerStatus(c.Payment.Reference) != payment.Voided {
			t.Errorf("cancelled: %v %+v", err, c.Payment)
		}

		// declines: no order, no stock taken, nothing written
		before, stock := f.shopCounts(), f.stock("BRK")
		for number, code := range map[string]string{payment.TestCardDeclined: "card_declined", payment.TestCardInsufficientFunds: "insufficient_funds"} {
			_, _, err := f.app.Checkout(f.ctx, app.Actor{}, "d-"+number, card(number))
			e, ok := errs.As(err)
			if !ok || e.Code != errs.Invalid || fieldOf(err) != "payment.card_number" || e.Detail["decline_code"] != code {
				t.Errorf("%s: %v", number, err)
			}
		}
		if after := f.shopCounts(); !maps.Equal(before, after) || f.stock("BRK") != stock {
			t.Errorf("a declined card wrote rows: %v → %v", before, after)
		}

		// a capture the bank refuses leaves the order where it was
		r, _, err := f.app.Checkout(f.ctx, app.Actor{}, "p3", card(payment.TestCardCaptureFails))
		f.must(err)
		_, err = move(r.ID, order.Confirmed)
		f.must(err)
		if _, err := move(r.ID, order.Shipped); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("refused capture: %v", err)
		}
		if r, _ = f.app.Order(f.ctx, staffActor, r.ID); r.Status != order.Confirmed || r.Payment.Status != payment.Authorized {
			t.Errorf("after a refused capture: %s, payment %s", r.Status, r.Payment.Status)
		}

		// cash on delivery is collected when delivered
		cod := shopGuest("ann@example.com", line("BRK", 1))
		cod.Payment = &app.PaymentInput{Method: payment.CashOnDelivery}
		d, _, err := f.app.Checkout(f.ctx, app.Actor{}, "p4", cod)
		f.must(err)
		if d, err = move(d.ID, order.Confirmed, order.Shipped); err != nil || d.Payment.Status != payment.Pending {
			t.Errorf("cash before delivery: %v %+v", err, d.Payment)
		}
		if d, err = move(d.ID, order.Delivered); err != nil || d.Payment.Status != payment.Captured {
			t.Errorf("cash on delivery: %v %+v", err, d.Payment)
		}
		f.shopBalanced()
	})
}

// TestShopBadInput: every bad field of the checkout's new parts is named, and a
// refused request writes nothing.
func TestShopBadInput(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.shopProduct("BRK", 1000, "", 100)
		now := time.Now().UTC()
		for _, c := range []promo.Coupon{
			{Code: "OLD", Kind: promo.Percent, PercentBP: 1000, ValidUntil: now.Add(-time.Hour)},
			{Code: "LATER", Kind: promo.Percent, PercentBP: 1000, ValidFrom: now.Add(time.Hour)},
			{Code: "BIG-ONLY", Kind: promo.Percent, PercentBP: 1000, MinOrder: eur(100_00)},
			{Code: "TRADE", Kind: promo.Percent, PercentBP: 1000, Channel: catalog.B2B},
		} {
			_, err := f.app.CreateCoupon(f.ctx, staffActor, c)
			f.must(err)
		}
		_, err := f.app.IssueLoyaltyCard(f.ctx, staffActor, "+79161234567", "")
		f.must(err)
		_, err = f.app.AdjustLoyaltyPoints(f.ctx, staffActor, "+79161234567", 1000, "test")
		f.must(err)
		_, err = f.app.UpdateDeliveryRate(f.ctx, staffActor, order.DeliveryRate{Method: order.OwnDelivery, Name: "Own", Fee: eur(1500), TaxRateBP: 2000, Active: false})
		f.must(err)
		with := func(edit func(*app.CheckoutInput)) app.CheckoutInput {
			in := shopGuest("ann@example.com", line("BRK", 2))
			edit(&in)
			return in
		}
		tests := []struct {
			name  string
			actor app.Actor
			in    app.CheckoutInput
			field string
		}{
			{"malformed coupon", app.Actor{}, with(func(in *app.CheckoutInput) { in.Coupon = "no spaces allowed" }), "coupon"},
			{"unknown coupon", app.Actor{}, with(func(in *app.CheckoutInput) { in.Coupon = "NOPE" }), "coupon"},
			{"expired coupon", app.Actor{}, with(func(in *app.CheckoutInput) { in.Coupon = "old" }), "coupon"},
			{"coupon not yet valid", app.Actor{}, with(func(in *app.CheckoutInput) { in.Coupon = "later" }), "coupon"},
			{"below the coupon's minimum", app.Actor{}, with(func(in *app.CheckoutInput) { in.Coupon = "big-only" }), "coupon"},
			{"coupon of the other channel", app.Actor{}, with(func(in *app.CheckoutInput) { in.Coupon = "trade" }), "coupon"},
			{"bad phone", app.Actor{}, with(func(in *app.CheckoutInput) { in.LoyaltyPhone = "12" }), "loyalty_phone"},
			{"negative points", app.Actor{}, with(func(in *app.CheckoutInput) { in.LoyaltyPhone, in.Points = "+79161234567", -1 }), "points"},
			{"points without a card", app.Actor{}, with(func(in *app.CheckoutInput) { in.Points = 10 }), "points"},
			{"points by a guest", app.Actor{}, with(func(in *app.CheckoutInput) { in.LoyaltyPhone, in.Points = "+79161234567", 10 }), "points"},
			{"more points than the cap", staffActor, with(func(in *app.CheckoutInput) { in.LoyaltyPhone, in.Points = "+79161234567", 601 }), "points"},
			{"more points than the card has", staffActor, with(func(in *app.CheckoutInput) {
				in.Lines[0].Quantity = qty.Units(90)
				in.LoyaltyPhone, in.Points = "+79161234567", 1001
			}), "points"},
			{"points of a phone without a card", staffActor, with(func(in *app.CheckoutInput) { in.LoyaltyPhone, in.Points = "+79031234567", 10 }), "points"},
			{"unknown payment method", app.Actor{}, with(func(in *app.CheckoutInput) { in.Payment = &app.PaymentInput{Method: "barter"} }), "payment.method"},
			{"card without a number", app.Actor{}, with(func(in *app.CheckoutInput) { in.Payment = &app.PaymentInput{Method: payment.Card} }), "payment.card_number"},
			{"card failing Luhn", app.Actor{}, with(func(in *app.CheckoutInput) {
				in.Payment = &app.PaymentInput{Method: payment.Card, CardNumber: "4242424242424241"}
			}), "payment.card_number"},
			{"number and token", app.Actor{}, with(func(in *app.CheckoutInput) {
				in.Payment = &app.PaymentInput{Method: payment.Card, CardNumber: payment.TestCardOK, CardToken: "tok_visa"}
			}), "payment.card_token"},
			{"unknown token", app.Actor{}, with(func(in *app.CheckoutInput) {
				in.Payment = &app.PaymentInput{Method: payment.Card, CardToken: "tok_nope"}
			}), "payment.card_token"},
			{"cash with a card", app.Actor{}, with(func(in *app.CheckoutInput) {
				in.Payment = &app.PaymentInput{Method: payment.CashOnDelivery, CardNumber: payment.TestCardOK}
			}), "payment.card_number"},
			{"delivery method switched off", app.Actor{}, with(func(in *app.CheckoutInput) { in.DeliveryMethod = order.OwnDelivery }), "delivery_method"},
			{"loyalty in b2b", staffActor, app.CheckoutInput{Channel: catalog.B2B, OrganizationID: "01a2238d-6174-734f-ad4a-8dab3e3a9288",
				Lines: []app.CheckoutLine{line("BRK", 1)}, LoyaltyPhone: "+79161234567"}, "loyalty_phone"},
		}
		before := f.shopCounts()
		for i, tt := range tests {
			_, _, err := f.app.Checkout(f.ctx, tt.actor, fmt.Sprintf("bad-%d", i), tt.in)
			if e, ok := errs.As(err); !ok || e.Code != errs.Invalid || !hasField(e, tt.field) {
				t.Errorf("%s: got %v, want invalid %s", tt.name, err, tt.field)
			}
			if tt.name == "unknown token" {
				continue // only the provider knows its tokens, and PriceCart does not pay
			}
			// the cart page is refused the same way
			if _, err := f.app.PriceCart(f.ctx, tt.actor, tt.in); !hasField(mustErr(err), tt.field) {
				t.Errorf("%s: PriceCart got %v", tt.name, err)
			}
		}
		if after := f.shopCounts(); !maps.Equal(before, after) {
			t.Errorf("refused orders wrote rows:\nbefore %v\nafter  %v", before, after)
		}
		_, err = f.app.CreateCoupon(f.ctx, staffActor, promo.Coupon{Code: "old", Kind: promo.Percent, PercentBP: 100})
		if e, ok := errs.As(err); !ok || e.Code != errs.Conflict || !hasField(e, "code") {
			t.Errorf("taken code: %v", err)
		}
		if _, err := f.app.CreateCoupon(f.ctx, app.Actor{}, promo.Coupon{Code: "FREE", Kind: promo.Percent, PercentBP: 100}); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("the public made a coupon: %v", err)
		}
		_, err = f.app.CreatePromotion(f.ctx, staffActor, promo.Promotion{Name: "x", Kind: promo.Percent, PercentBP: 100,
			SKUs: []string{"NOPE"}, Categories: []string{"nope"}, Channel: catalog.B2C})
		if e, ok := errs.As(err); !ok || !hasField(e, "skus[0]") || !hasField(e, "categories[0]") {
			t.Errorf("promotion of unknown things: %v", err)
		}
	})
}

func partyPerson(name string) party.Person {
	return party.Person{Name: name, Email: strings.ToLower(name) + "@example.com"}
}

func mustErr(err error) *errs.Error {
	e, _ := errs.As(err)
	if e == nil {
		return &errs.Error{}
	}
	return e
}

// TestPromotionsFor: product pages see the live shop promotions of each SKU, by
// SKU, category or brand, and not the ended, future or b2b ones.
func TestPromotionsFor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.shopProduct("A1", 1000, "Kerama", 0)
		f.shopProduct("B1", 1000, "Other", 0)
		f.must(f.app.UpsertCategory(f.ctx, staffActor, catalog.Category{Slug: "tiles", Name: "Tiles"}))
		now := time.Now().UTC()
		mk := func(p promo.Promotion) {
			p.Kind, p.PercentBP = promo.Percent, 1000
			if p.Channel == "" {
				p.Channel = catalog.B2C
			}
			_, err := f.app.CreatePromotion(f.ctx, staffActor, p)
			f.must(err)
		}
		mk(promo.Promotion{Name: "brand", Brands: []string{"KERAMA"}})
		mk(promo.Promotion{Name: "sku", SKUs: []string{"B1"}})
		mk(promo.Promotion{Name: "category", Categories: []string{"bricks"}})
		mk(promo.Promotion{Name: "other category", Categories: []string{"tiles"}})
		mk(promo.Promotion{Name: "ended", SKUs: []string{"A1"}, ValidFrom: now.Add(-48 * time.Hour), ValidUntil: now.Add(-time.Hour)})
		mk(promo.Promotion{Name: "future", SKUs: []string{"A1"}, ValidFrom: now.Add(time.Hour)})
		mk(promo.Promotion{Name: "b2b", SKUs: []string{"A1"}, Channel: catalog.B2B})
		got, err := f.app.PromotionsFor(f.ctx, []string{"A1", "B1", "NOPE"})
		f.must(err)
		names := func(ps []promo.Promotion) map[string]bool {
			out := map[string]bool{}
			for _, p := range ps {
				out[p.Name] = true
			}
			return out
		}
		if a := names(got["A1"]); len(a) != 2 || !a["brand"] || !a["category"] {
			t.Errorf("A1: %v", a)
		}
		if b := names(got["B1"]); len(b) != 2 || !b["sku"] || !b["category"] {
			t.Errorf("B1: %v", b)
		}
		if _, ok := got["NOPE"]; ok || len(got) != 2 {
			t.Errorf("unknown SKU: %v", got)
		}
		all, err := f.app.Promotions(f.ctx, staffActor)
		f.must(err)
		if len(all) != 7 {
			t.Errorf("%d promotions listed", len(all))
		}
		// a cart takes the best single promotion per line, 10 % of 10.00, and is
		// priced without looking at stock (A1 has none)
		q, err := f.app.PriceCart(f.ctx, app.Actor{}, app.CheckoutInput{Channel: catalog.B2C, Lines: []app.CheckoutLine{line("A1", 1)}})
		f.must(err)
		if len(q.Order.Adjustments) != 1 || q.Order.Adjustments[0].Gross != eur(-100) || q.Order.Total != eur(900) {
			t.Errorf("cart with promotions: %+v", q.Order.Adjustments)
		}
	})
}

// TestLoyaltyCardAccess: a card is read by staff and its holder only; a customer
// links a card to themselves, never to another person.
func TestLoyaltyCardAccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ann, err := f.app.CreatePerson(f.ctx, staffActor, partyPerson("Ann"))
		f.must(err)
		bob, err := f.app.CreatePerson(f.ctx, staffActor, partyPerson("Bob"))
		f.must(err)
		annActor, bobActor := app.Actor{PersonID: ann.ID}, app.Actor{PersonID: bob.ID}
		sms := &smsRecorder{}
		f.app = app.New(db, app.WithSMS(sms))
		// a customer links a card only after proving its phone (phonecodes.go)
		if _, err := f.app.IssueLoyaltyCard(f.ctx, annActor, "8 916 123 45 67", ""); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("Ann linked a card by typing its phone: %v", err)
		}
		code := sendCode(t, f, sms, "8 916 123 45 67")
		card, err := f.app.LinkLoyaltyCard(f.ctx, annActor, "8 916 123 45 67", code)
		if err != nil || card.PersonID != ann.ID || card.Phone != "+79161234567" {
			t.Fatalf("link: %+v %v", card, err)
		}
		if _, err := f.app.LinkLoyaltyCard(f.ctx, annActor, "+79161234567", code); fieldOf(err) != "code" {
			t.Errorf("a code linked twice: %v", err)
		}
		code = sendCodeLater(t, f, sms, "+79161234567")
		if _, err := f.app.LinkLoyaltyCard(f.ctx, bobActor, "+79161234567", code); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("Bob took Ann's card: %v", err)
		}
		if _, err := f.app.IssueLoyaltyCard(f.ctx, bobActor, "+79031234567", ann.ID); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("Bob linked a card to Ann: %v", err)
		}
		if _, err := f.app.IssueLoyaltyCard(f.ctx, app.Actor{}, "+79031234567", ""); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("the public issued a card: %v", err)
		}
		if _, err := f.app.LinkLoyaltyCard(f.ctx, app.Actor{}, "+79031234567", "123456"); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("the public linked a card: %v", err)
		}
		if v, err := f.app.LoyaltyCard(f.ctx, annActor, "+7 916 123-45-67"); err != nil || v.Card.ID != card.ID || v.Tier.Name != "basic" || v.Next == nil {
			t.Errorf("Ann reads her card: %+v %v", v, err)
		}
		if _, err := f.app.LoyaltyCard(f.ctx, bobActor, "+79161234567"); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("Bob reads Ann's card: %v", err)
		}
		if _, err := f.app.LoyaltyCard(f.ctx, app.Actor{}, "+79161234567"); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("the public reads a card: %v", err)
		}
		// a card issued at checkout for a guest is linked later by staff
		in := shopGuest("carl@example.com", line("BRK", 1))
		f.product("BRK", 10)
		in.LoyaltyPhone = "+79031234567"
		o, _, err := f.app.Checkout(f.ctx, app.Actor{}, "g1", in)
		f.must(err)
		linked, err := f.app.IssueLoyaltyCard(f.ctx, staffActor, "+79031234567", bob.ID)
		if err != nil || linked.ID != o.LoyaltyCardID || linked.PersonID != bob.ID {
			t.Errorf("staff links a guest's card: %+v %v (order card %s)", linked, err, o.LoyaltyCardID)
		}
		// Ann, signed in, spends points of her own card; Bob may not
		_, err = f.app.AdjustLoyaltyPoints(f.ctx, staffActor, "+79161234567", 50, "gift")
		f.must(err)
		mine := shopGuest("ann@example.com", line("BRK", 1))
		mine.Guest, mine.PersonID, mine.LoyaltyPhone, mine.Points = nil, ann.ID, "+79161234567", 30
		if _, _, err := f.app.Checkout(f.ctx, annActor, "ann-1", mine); err != nil {
			t.Errorf("Ann spends her points: %v", err)
		}
		bobs := mine
		bobs.PersonID = bob.ID
		if _, _, err := f.app.Checkout(f.ctx, bobActor, "bob-1", bobs); fieldOf(err) != "points" {
			t.Errorf("Bob spends Ann's points: %v", err)
		}
		if _, _, err := f.app.Checkout(f.ctx, bobActor, "bob-2", mine); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("Bob orders as Ann: %v", err)
		}
		f.shopBalanced()
	})
}

// TestDeliveryFees: staff change a rate; the fee is charged below the threshold
// and falls away from it.
func TestDeliveryFees(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.shopProduct("BRK", 1000, "", 100)
		rates, err := f.app.DeliveryRates(f.ctx)
		f.must(err)
		if len(rates) != 3 || rates[0].Method != order.Pickup || rates[0].Fee.Minor != 0 || rates[2].Fee != eur(990) {
			t.Fatalf("seeded rates %+v", rates)
		}
		_, err = f.app.UpdateDeliveryRate(f.ctx, staffActor, order.DeliveryRate{Method: order.OwnDelivery, Name: "Our van",
			Fee: eur(2500), FreeFrom: eur(5000), TaxRateBP: 2000, Active: true})
		f.must(err)
		place := func(key string, units int64) order.Order {
			in := shopGuest("ann@example.com", line("BRK", units))
			in.DeliveryMethod = order.OwnDelivery
			o, _, err := f.app.Checkout(f.ctx, app.Actor{}, key, in)
			f.must(err)
			return o
		}
		if o := place("d1", 4); o.Total != eur(6500) || o.Fees() != eur(2500) || o.Adjustments[0].Label != "Our van" {
			t.Errorf("below the threshold: %s %+v", o.Total, o.Adjustments)
		}
		if o := place("d2", 5); o.Total != eur(5000) || len(o.Adjustments) != 0 {
			t.Errorf("at the threshold: %s %+v", o.Total, o.Adjustments)
		}
		if _, err := f.app.UpdateDeliveryRate(f.ctx, app.Actor{}, rates[0]); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("the public changed a rate: %v", err)
		}
		if _, err := f.app.UpdateDeliveryRate(f.ctx, staffActor, order.DeliveryRate{Method: "drone"}); fieldOf(err) == "" {
			t.Errorf("bad rate: %v", err)
		}
	})
}
