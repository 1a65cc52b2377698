package app

import (
	"context"
	"fmt"

	"b2x/catalog"
	"b2x/errs"
	"b2x/inventory"
	"b2x/loyalty"
	"b2x/order"
	"b2x/pricing"
	"b2x/promo"
	"b2x/store"
)

// cart is what pricing learned that placing the order needs.
type cart struct {
	plans       map[string][]inventory.Take // where each goods line takes stock from
	coupon      *promo.Coupon
	customerKey string        // for the coupon's per-customer limit
	card        *loyalty.Card // the card of LoyaltyPhone; nil when it has none yet
	canRedeem   bool          // the actor may spend the card's points
	needsProof  bool          // the points are spent on the strength of LoyaltyCode
	proof       string        // the proved phone code, spent with the order
	tier        loyalty.Tier
	rates       []order.DeliveryRate
}

// priceCart prices the order o for in, reading only: lines at resolved prices,
// then automatic promotions (the best one per line), the loyalty tier discount,
// the coupon, points, and the delivery fee, in that order. Each discount is a
// share of what is left after the ones before it. With plan, it also plans which
// warehouses each goods line takes from.
func (a *App) priceCart(ctx context.Context, tx *store.Tx, actor Actor, in *CheckoutInput, o *order.Order, plan bool) (*cart, error) {
	products, err := a.priceLines(ctx, tx, in, o)
	if err != nil {
		return nil, err
	}
	c := &cart{}
	if err := a.applyPromotions(ctx, tx, o, products); err != nil {
		return nil, err
	}
	if err := a.applyTier(ctx, tx, actor, in, o, c); err != nil {
		return nil, err
	}
	if err := a.applyCoupon(ctx, tx, in, o, c); err != nil {
		return nil, err
	}
	// The free-delivery threshold looks at the goods after discounts but before
	// points, which pay like money.
	if c.rates, err = a.deliveryRates(ctx, tx); err != nil {
		return nil, err
	}
	rate, err := rateFor(c.rates, o.DeliveryMethod)
	if err != nil {
		return nil, err
	}
	fee, err := rate.FeeFor(o.GoodsGross())
	if err != nil {
		return nil, err
	}
	if err := a.applyPoints(in, o, c); err != nil {
		return nil, err
	}
	if fee.Minor > 0 {
		if _, err := o.AddFee(order.DeliveryFee, string(rate.Method), rate.Name, fee, rate.TaxRateBP); err != nil {
			return nil, err
		}
	}
	if err := o.Sum(); err != nil {
		return nil, err
	}
	if plan {
		c.plans, err = planStock(ctx, tx, o)
	}
	return c, err
}

// priceLines fills the order's lines with resolved prices.
func (a *App) priceLines(ctx context.Context, tx *store.Tx, in *CheckoutInput, o *order.Order) (map[string]catalog.Product, error) {
	buyer, err := a.buyer(ctx, tx, in)
	if err != nil {
		return nil, err
	}
	skus := make([]string, len(in.Lines))
	for i, l := range in.Lines {
		skus[i] = l.SKU
	}
	products, err := tx.ProductsBySKU(ctx, skus)
	if err != nil {
		return nil, err
	}
	base, err := tx.BasePrices(ctx, skus)
	if err != nil {
		return nil, err
	}
	lists, err := tx.PriceListsFor(ctx, buyer, skus, o.PlacedAt)
	if err != nil {
		return nil, err
	}
	var fs errs.Fields
	for i, l := range in.Lines {
		f := fmt.Sprintf("lines[%d]", i)
		p, ok := products[l.SKU]
		switch {
		case !ok:
			fs.AddKey(f+".sku", "err.product.unknown", "no product {sku}", "sku", l.SKU)
			continue
		case !p.Sellable(in.Channel):
			fs.AddKey(f+".sku", "err.product.channel", "{sku} is not sold in the {channel} channel", "sku", l.SKU, "channel", in.Channel)
			continue
		}
		fs.Wrap("", checkUnit(p, l.Quantity, f+".quantity"))
		res, err := pricing.Resolve(pricing.Request{SKU: l.SKU, Quantity: l.Quantity, Buyer: buyer, Channel: in.Channel,
			At: o.PlacedAt, TaxRateBP: p.TaxRateBP}, base[l.SKU], lists)
		if err != nil {
			fs.AddKey(f+".sku", "err.product.no_price", "{sku} has no price", "sku", l.SKU)
			continue
		}
		line := order.Line{No: i + 1, SKU: p.SKU, Name: p.Name, Kind: p.Kind, Unit: p.Unit, Quantity: l.Quantity,
			UnitPrice: res.Unit, TaxRateBP: p.TaxRateBP, PriceRule: res.Rule}
		if err := order.PriceLine(&line, o.PricesIncludeTax); err != nil {
			fs.Wrap(f, err)
			continue
		}
		if o.Currency == "" {
			o.Currency = res.Unit.Currency
		} else if o.Currency != res.Unit.Currency {
			fs.AddKey(f+".sku", "err.product.currency", "{sku} is priced in {currency}, the order in {order_currency}; place separate orders",
				"sku", l.SKU, "currency", res.Unit.Currency, "order_currency", o.Currency)
		}
		o.Lines = append(o.Lines, line)
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	return products, o.Sum()
}

// applyPromotions takes the best live promotion off each line.
func (a *App) applyPromotions(ctx context.Context, tx *store.Tx, o *order.Order, products map[string]catalog.Product) error {
	all, err := a.promotions(ctx, tx, o.PlacedAt)
	if err != nil || len(all) == 0 {
		return err
	}
	for _, l := range o.Lines {
		p := products[l.SKU]
		var covering []promo.Promotion
		for _, pr := range all {
			if pr.Live(o.PlacedAt, o.Channel) && pr.Covers(p.SKU, p.Category, p.Brand) {
				covering = append(covering, pr)
			}
		}
		amount := l.Gross
		if !o.PricesIncludeTax {
			amount = l.Net
		}
		best, off, ok := promo.Best(covering, amount, l.Quantity)
		if !ok {
			continue
		}
		if _, err := o.AddDiscount(order.PromotionDiscount, best.ID, best.Name, off, l.No); err != nil {
			return err
		}
	}
	return nil
}

// applyTier finds the card of the loyalty phone and takes its tier's discount off.
func (a *App) applyTier(ctx context.Context, tx *store.Tx, actor Actor, in *CheckoutInput, o *order.Order, c *cart) error {
	if in.LoyaltyPhone == "" {
		return nil
	}
	card, err := tx.LoyaltyCardByPhone(ctx, in.LoyaltyPhone)
	switch {
	case errs.CodeOf(err) == errs.NotFound:
		c.tier = a.loyalty.TierFor(0)
		return nil
	case err != nil:
		return err
	}
	c.card = &card
	c.canRedeem = actor.Staff() || (card.PersonID != "" && card.PersonID == actor.PersonID)
	c.tier = a.loyalty.TierFor(card.LifetimeSpend)
	if c.tier.DiscountBP == 0 {
		return nil
	}
	off, err := o.Due().MulRat(int64(c.tier.DiscountBP), 10000)
	if err != nil {
		return err
	}
	_, err = o.AddDiscount(order.TierDiscount, c.tier.Name, fmt.Sprintf("%s card −%s %%", c.tier.Name, catalog.FormatTaxRate(c.tier.DiscountBP)), off)
	return err
}

// applyCoupon checks the coupon against the order as priced so far and takes its
// discount off. The limits are checked here from what is committed, and again,
// guarded, when the use is written.
func (a *App) applyCoupon(ctx context.Context, tx *store.Tx, in *CheckoutInput, o *order.Order, c *cart) error {
	if in.Coupon == "" {
		return nil
	}
	cp, err := tx.CouponByCode(ctx, in.Coupon)
	if errs.CodeOf(err) == errs.NotFound {
		return errs.FieldKey("coupon", "err.coupon.unknown", "no coupon {code}", "code", in.Coupon)
	}
	if err != nil {
		return err
	}
	due := o.Due()
	if err := cp.Check(o.PlacedAt, o.Channel, due); err != nil {
		return err
	}
	var email string
	if in.Guest != nil {
		email = in.Guest.Email
	}
	c.customerKey = promo.CustomerKey(in.PersonID, email, in.LoyaltyPhone, in.OrganizationID)
	if cp.PerCustomerLimit > 0 && c.customerKey != "" {
		n, err := tx.CouponUsesBy(ctx, cp.ID, c.customerKey)
		if err != nil {
			return err
		}
		if n >= cp.PerCustomerLimit {
			return promo.UsedByCustomer(cp.Code)
		}
	}
	label := "coupon " + cp.Code
	if cp.Kind == promo.Percent {
		label += " −" + catalog.FormatTaxRate(cp.PercentBP) + " %"
	}
	if _, err := o.AddDiscount(order.CouponDiscount, cp.Code, label, cp.Discount(due)); err != nil {
		return err
	}
	c.coupon = &cp
	return nil
}

// applyPoints takes the value of the points to spend off the order, after
// checking the card holds them, the actor may spend them and the order's cap.
func (a *App) applyPoints(in *CheckoutInput, o *order.Order, c *cart) error {
	if in.Points == 0 {
		return nil
	}
	switch {
	case c.card == nil:
		return errs.FieldKey("points", "err.points.no_card", "the card of {phone} has no points yet", "phone", in.LoyaltyPhone)
	case !c.canRedeem && in.LoyaltyCode == "":
		return errs.FieldKey("points", "err.points.not_holder",
			"to spend the card's points, sign in with the account the card is linked to, or prove the phone with the code sent to it")
	case o.Currency != a.loyalty.Currency:
		return errs.FieldKey("points", "err.points.currency", "points pay for orders in {currency} only", "currency", a.loyalty.Currency)
	case c.card.Points < in.Points:
		e := errs.FieldKey("points", "err.points.balance", "the card has {balance} points", "balance", c.card.Points)
		e.Message, e.Detail = "points: the card has fewer points", map[string]any{"balance": c.card.Points}
		return e
	}
	c.needsProof = !c.canRedeem
	if max := a.loyalty.MaxPoints(o.Due()); in.Points > max {
		e := errs.FieldKey("points", "err.points.cap", "at most {max} points can pay for this order", "max", max)
		e.Message, e.Detail = "points: too many for this order", map[string]any{"max_points": max}
		return e
	}
	adj, err := o.AddDiscount(order.PointsRedeemed, c.card.ID, fmt.Sprintf("%d points", in.Points), a.loyalty.Value(in.Points))
	if err != nil {
		return err
	}
	if adj.Gross.Minor != 0 {
		o.Adjustments[len(o.Adjustments)-1].Points = in.Points
	}
	return nil
}

// rateFor finds the rate of a delivery method customers may choose.
func rateFor(rates []order.DeliveryRate, m order.DeliveryMethod) (order.DeliveryRate, error) {
	for _, r := range rates {
		if r.Method == m {
			if !r.Active {
				break
			}
			return r, nil
		}
	}
	return order.DeliveryRate{}, errs.FieldKey("delivery_method", "err.delivery.not_offered", "{method} is not offered", "method", m)
}

// planStock plans which warehouses each goods line takes from, from the stock as
// it is now.
func planStock(ctx context.Context, tx *store.Tx, o *order.Order) (map[string][]inventory.Take, error) {
	var stocked []string
	for _, l := range o.Lines {
		if l.Kind.Stocked() {
			stocked = append(stocked, l.SKU)
		}
	}
	levels, err := tx.LevelsOf(ctx, stocked)
	if err != nil {
		return nil, err
	}
	plans := map[string][]inventory.Take{}
	for _, l := range o.Lines {
		if !l.Kind.Stocked() {
			continue
		}
		if plans[l.SKU], err = inventory.Allocate(l.SKU, levels[l.SKU], l.Quantity); err != nil {
			return nil, err
		}
	}
	return plans, nil
}
