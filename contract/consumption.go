package contract

import (
	"math"
	"math/big"
	"time"

	"b2x/money"
	"b2x/qty"
)

// Usage is what the organization bought under a contract: its B2B orders placed
// within the term and not cancelled or returned. With prices, only the contract's
// SKUs count; without, every line. Net is in the contract's currency (orders in
// other currencies are left out and counted in OtherCurrency).
type Usage struct {
	Net           money.Amount
	Quantity      qty.Quantity
	Orders        int
	OtherCurrency int
}

// Consumption is the usage measured against the commitment at one instant.
type Consumption struct {
	Usage
	Status Status
	// ReachedBP is how much of the commitment is bought, in basis points (10000 is
	// all of it; more when the organization bought more). Zero without commitment.
	ReachedBP int64
	// ElapsedBP is how much of the term has passed, in basis points.
	ElapsedBP int64
	// RemainingAmount and RemainingQuantity are what is still to buy; zero when met.
	RemainingAmount   money.Amount
	RemainingQuantity qty.Quantity
	Met               bool
	// OnTrack: the share bought is at least the share of the term that has passed.
	OnTrack bool
}

// Consume measures u against the contract's commitment at now.
func Consume(c Contract, u Usage, now time.Time) Consumption {
	out := Consumption{Usage: u, Status: c.StatusAt(now), RemainingAmount: money.Zero(c.Currency)}
	term := c.EndsAt.Sub(c.StartsAt)
	switch elapsed := now.Sub(c.StartsAt); {
	case elapsed <= 0 || term <= 0:
	case elapsed >= term:
		out.ElapsedBP = 10000
	default:
		out.ElapsedBP = share(int64(elapsed), int64(term))
	}
	switch c.Commitment.Kind {
	case AmountKind:
		committed := c.Commitment.Amount.Minor
		out.ReachedBP = share(u.Net.Minor, committed)
		out.RemainingAmount.Minor = max(committed-u.Net.Minor, 0)
		out.Met = u.Net.Minor >= committed
	case QuantityKind:
		committed := int64(c.Commitment.Quantity)
		out.ReachedBP = share(int64(u.Quantity), committed)
		out.RemainingQuantity = qty.Quantity(max(committed-int64(u.Quantity), 0))
		out.Met = int64(u.Quantity) >= committed
	default:
		out.Met = true
	}
	out.OnTrack = out.Met || out.ReachedBP >= out.ElapsedBP
	return out
}

// share is part/whole in basis points, rounded down; computed in big integers
// so that no amount a store can hold overflows.
func share(part, whole int64) int64 {
	if whole <= 0 || part <= 0 {
		return 0
	}
	p := new(big.Int).Mul(big.NewInt(part), big.NewInt(10000))
	q := p.Quo(p, big.NewInt(whole))
	if !q.IsInt64() {
		return math.MaxInt64
	}
	return q.Int64()
}
