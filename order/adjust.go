package order

import (
	"math/big"
	"slices"

	"b2x/errs"
	"b2x/money"
)

// AdjustmentKind says what an adjustment is.
type AdjustmentKind string

const (
	PromotionDiscount AdjustmentKind = "promotion" // an automatic promotion on one line
	TierDiscount      AdjustmentKind = "tier"      // the loyalty card's tier
	CouponDiscount    AdjustmentKind = "coupon"
	PointsRedeemed    AdjustmentKind = "points" // loyalty points spent as money
	DeliveryFee       AdjustmentKind = "delivery"
)

// AdjustmentKinds lists the kinds in the order checkout applies them.
var AdjustmentKinds = []AdjustmentKind{PromotionDiscount, TierDiscount, CouponDiscount, PointsRedeemed, DeliveryFee}

// Valid reports whether k is a known kind.
func (k AdjustmentKind) Valid() bool { return slices.Contains(AdjustmentKinds, k) }

// Adjustment is an amount an order adds to or takes off its lines. Discounts are
// negative, fees positive; Net + Tax = Gross always.
type Adjustment struct {
	Kind AdjustmentKind
	// LineNo is the line a promotion applies to; 0 for the whole order.
	LineNo int
	// Ref names what made the adjustment: a promotion id, a tier name, a coupon
	// code, a loyalty card id, a delivery method.
	Ref   string
	Label string // what the customer reads
	// Points is the number of loyalty points a PointsRedeemed adjustment spent.
	Points int64
	Net    money.Amount
	Tax    money.Amount
	Gross  money.Amount
}

// Discount reports whether the adjustment takes money off.
func (a Adjustment) Discount() bool { return a.Kind != DeliveryFee }

// basis is what a line costs in the order's price basis: gross when prices include
// tax (b2c), net otherwise (b2b). Discounts are amounts in this basis.
func (o *Order) basis(l Line) money.Amount {
	if o.PricesIncludeTax {
		return l.Gross
	}
	return l.Net
}

// Due is what the lines cost after the discounts so far, in the order's price
// basis (gross for b2c, net for b2b). Percentages of coupons and tiers, coupon
// minimums and the share payable with points are taken of it.
func (o *Order) Due() money.Amount {
	sum := money.Zero(o.Currency)
	for _, l := range o.Lines {
		sum.Minor += o.basis(l).Minor - l.Discount.Minor
	}
	return sum
}

// GoodsGross is what the lines cost the customer after the discounts so far, tax
// included, whatever the channel: the free-delivery threshold is compared with it.
func (o *Order) GoodsGross() money.Amount {
	sum := money.Zero(o.Currency)
	for _, l := range o.Lines {
		sum.Minor += l.Gross.Minor
	}
	for _, a := range o.Adjustments {
		if a.Discount() {
			sum.Minor += a.Gross.Minor
		}
	}
	return sum
}

// AddDiscount takes amount (in the order's price basis, positive) off the lines
// numbered nos, or off every line when nos is empty, and records it as an
// adjustment. The amount is capped at what those lines still cost, spread over
// them in proportion to it (largest remainder, so the shares add up exactly), and
// each share changes the line's tax as if the line had been priced lower: with
// tax-inclusive prices a line's tax is the part of its discounted gross above
// net at the line's rate, with net prices it is the rate times the discounted
// net. The adjustment carries the change of net, tax and gross; the order's tax
// is therefore the tax of what each line really costs. It returns the adjustment
// (zero amounts when nothing was taken off; it is then not recorded).
func (o *Order) AddDiscount(kind AdjustmentKind, ref, label string, amount money.Amount, nos ...int) (Adjustment, error) {
	adj := Adjustment{Kind: kind, Ref: ref, Label: label, Net: money.Zero(o.Currency), Tax: money.Zero(o.Currency), Gross: money.Zero(o.Currency)}
	if len(nos) == 1 {
		adj.LineNo = nos[0]
	}
	if amount.Minor < 0 || amount.Currency != o.Currency {
		return adj, errs.E(errs.Invalid, "a discount must be a positive amount in the order's currency")
	}
	var idx []int
	var left int64
	for i, l := range o.Lines {
		if len(nos) == 0 || slices.Contains(nos, l.No) {
			if rest := o.basis(l).Minor - l.Discount.Minor; rest > 0 {
				idx = append(idx, i)
				left += rest
			}
		}
	}
	take := min(amount.Minor, left)
	if take == 0 {
		return adj, nil
	}
	shares := apportion(take, left, func(k int) int64 {
		l := o.Lines[idx[k]]
		return o.basis(l).Minor - l.Discount.Minor
	}, len(idx))
	for k, i := range idx {
		l := &o.Lines[i]
		before, err := o.discounted(*l, l.Discount.Minor)
		if err != nil {
			return adj, err
		}
		after, err := o.discounted(*l, l.Discount.Minor+shares[k])
		if err != nil {
			return adj, err
		}
		l.Discount = money.Amount{Minor: l.Discount.Minor + shares[k], Currency: o.Currency}
		adj.Net.Minor += after[0] - before[0]
		adj.Tax.Minor += after[1] - before[1]
	}
	adj.Gross.Minor = adj.Net.Minor + adj.Tax.Minor
	o.Adjustments = append(o.Adjustments, adj)
	return adj, nil
}

// discounted is a line's net and tax when discount (in the price basis) is taken
// off it, rounded once as PriceLine rounds.
func (o *Order) discounted(l Line, discount int64) ([2]int64, error) {
	if o.PricesIncludeTax {
		gross := money.Amount{Minor: l.Gross.Minor - discount, Currency: o.Currency}
		if discount == 0 {
			return [2]int64{l.Net.Minor, l.Tax.Minor}, nil
		}
		net, err := gross.MulRat(10000, int64(10000+l.TaxRateBP))
		return [2]int64{net.Minor, gross.Minor - net.Minor}, err
	}
	if discount == 0 {
		return [2]int64{l.Net.Minor, l.Tax.Minor}, nil
	}
	net := money.Amount{Minor: l.Net.Minor - discount, Currency: o.Currency}
	tax, err := net.MulRat(int64(l.TaxRateBP), 10000)
	return [2]int64{net.Minor, tax.Minor}, err
}

// apportion splits total over n parts in proportion to weight(k)/sum, flooring
// each share and handing the minor units left over to the largest remainders
// (the earlier part on a tie), so the shares add up to total exactly.
func apportion(total, sum int64, weight func(k int) int64, n int) []int64 {
	shares := make([]int64, n)
	rems := make([]*big.Int, n)
	given := int64(0)
	bt, bs := big.NewInt(total), big.NewInt(sum)
	for k := range n {
		q, r := new(big.Int).QuoRem(new(big.Int).Mul(bt, big.NewInt(weight(k))), bs, new(big.Int))
		shares[k], rems[k] = q.Int64(), r
		given += shares[k]
	}
	order := make([]int, n)
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(rems[a]) })
	for k := 0; given < total; k++ {
		shares[order[k%n]]++
		given++
	}
	return shares
}

// AddFee adds a fee (tax included, positive) whose tax is the part above net at
// rateBP, in either channel: a delivery costs the customer the same gross.
func (o *Order) AddFee(kind AdjustmentKind, ref, label string, gross money.Amount, rateBP int) (Adjustment, error) {
	if gross.Minor <= 0 || gross.Currency != o.Currency {
		return Adjustment{}, errs.E(errs.Invalid, "a fee must be a positive amount in the order's currency")
	}
	net, err := gross.MulRat(10000, int64(10000+rateBP))
	if err != nil {
		return Adjustment{}, err
	}
	tax, err := gross.Sub(net)
	if err != nil {
		return Adjustment{}, err
	}
	adj := Adjustment{Kind: kind, Ref: ref, Label: label, Net: net, Tax: tax, Gross: gross}
	o.Adjustments = append(o.Adjustments, adj)
	return adj, nil
}

// Subtotal is what the lines cost before adjustments, tax included.
func (o *Order) Subtotal() money.Amount {
	sum := money.Zero(o.Currency)
	for _, l := range o.Lines {
		sum.Minor += l.Gross.Minor
	}
	return sum
}

// Discounts is the sum of the discount adjustments, tax included, as a positive amount.
func (o *Order) Discounts() money.Amount {
	sum := money.Zero(o.Currency)
	for _, a := range o.Adjustments {
		if a.Discount() {
			sum.Minor -= a.Gross.Minor
		}
	}
	return sum
}

// Fees is the sum of the fee adjustments, tax included.
func (o *Order) Fees() money.Amount {
	sum := money.Zero(o.Currency)
	for _, a := range o.Adjustments {
		if !a.Discount() {
			sum.Minor += a.Gross.Minor
		}
	}
	return sum
}

// PointsRedeemed is the number of loyalty points the order spent.
func (o *Order) PointsRedeemed() int64 {
	var n int64
	for _, a := range o.Adjustments {
		if a.Kind == PointsRedeemed {
			n += a.Points
		}
	}
	return n
}

// Adjustment returns the order's first adjustment of a kind.
func (o *Order) Adjustment(kind AdjustmentKind) (Adjustment, bool) {
	for _, a := range o.Adjustments {
		if a.Kind == kind {
			return a, true
		}
	}
	return Adjustment{}, false
}
