// Package loyalty is the shop's discount card (S18): one card per phone number,
// optionally linked to a person, with points earned on purchases and spent at
// checkout, and tiers by lifetime spend that give a discount. The points are a
// ledger: every change is an Entry, and a card's balance is their sum.
package loyalty

import (
	"math/big"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"

	"b2x/errs"
	"b2x/money"
)

// Card is a loyalty card.
type Card struct {
	ID       string
	Phone    string // E.164, e.g. +79161234567
	PersonID string // empty until the card is linked to a customer account
	Points   int64  // the balance: the sum of the card's entries, never negative
	// LifetimeSpend is what the card's delivered orders cost, in the program's
	// currency minor units, less returns. The tier follows from it.
	LifetimeSpend int64
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// EntryKind says why a card's points changed.
type EntryKind string

const (
	Earn    EntryKind = "earn"    // an order was delivered
	Redeem  EntryKind = "redeem"  // points spent at checkout
	Reverse EntryKind = "reverse" // an order was cancelled or returned: its redemption or earning undone
	Adjust  EntryKind = "adjust"  // staff corrected the balance
)

// Valid reports whether k is a known kind.
func (k EntryKind) Valid() bool { return k == Earn || k == Redeem || k == Reverse || k == Adjust }

// Entry is one line of a card's points ledger.
type Entry struct {
	ID      string
	CardID  string
	Kind    EntryKind
	Points  int64  // signed
	OrderID string // the order behind earn, redeem and reverse
	Note    string
	By      string
	At      time.Time
}

// Balance sums a ledger.
func Balance(es []Entry) int64 {
	var n int64
	for _, e := range es {
		n += e.Points
	}
	return n
}

// NormalizePhone turns a phone number as a customer types it into E.164 (the
// form cards are keyed by). Numbers without a country code are read as numbers
// of region (ISO 3166 code, e.g. "RU": "8 916 123-45-67" is +79161234567).
// Errors name the field "loyalty_phone".
func NormalizePhone(raw, region string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" || utf8.RuneCountInString(raw) > 40 {
		return "", errs.FieldKey("loyalty_phone", "err.phone.missing", "is not a phone number")
	}
	n, err := phonenumbers.Parse(raw, region)
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return "", errs.FieldKey("loyalty_phone", "err.phone.invalid",
			"is not a valid phone number (for numbers outside {region}, start with + and the country code)", "region", region)
	}
	return phonenumbers.Format(n, phonenumbers.E164), nil
}

// Tier is a level of the program reached by lifetime spend.
type Tier struct {
	Name       string
	MinSpend   int64 // lifetime spend (program currency, minor units) from which the tier holds
	DiscountBP int   // discount on the goods of every order: 300 is 3 %
}

// Program is the rules of the loyalty program. Pass it to the App; it is not
// stored, so changing it changes how future orders earn, spend and rank.
type Program struct {
	// Region is the default region for phone numbers typed without a country
	// code (ISO 3166, e.g. "RU" or "IR").
	Region string
	// Currency is the currency spend is counted and points are valued in. Orders
	// in other currencies neither earn nor spend points.
	Currency string
	// PointsPerUnit is the points earned per whole currency unit paid for goods
	// (after every discount and points, without the delivery fee).
	PointsPerUnit int64
	// PointValue is what one point is worth at checkout, in minor units of Currency.
	PointValue int64
	// MaxRedeemBP caps the share of an order's goods (after discounts) that points
	// may pay: 3000 is 30 %.
	MaxRedeemBP int
	// Tiers, from the lowest; the first starts at 0.
	Tiers []Tier
}

// DefaultProgram is the demo's program: numbers without a country code are
// Russian, 1 point per whole euro paid, 1 point is worth 0.01 EUR, points pay
// up to 30 % of the goods; basic 0 %, silver from 500 EUR spent 3 %, gold from
// 2,000 EUR 5 %.
func DefaultProgram() Program {
	return Program{Region: "RU", Currency: "EUR", PointsPerUnit: 1, PointValue: 1, MaxRedeemBP: 3000,
		Tiers: []Tier{{Name: "basic"}, {Name: "silver", MinSpend: 500_00, DiscountBP: 300}, {Name: "gold", MinSpend: 2000_00, DiscountBP: 500}}}
}

// Validate checks a program.
func (p Program) Validate() error {
	var fs errs.Fields
	if len(p.Region) != 2 || strings.ToUpper(p.Region) != p.Region {
		fs.Add("region", "must be an ISO 3166 region code such as RU")
	}
	if _, ok := money.Digits(p.Currency); !ok {
		fs.Add("currency", "is not a known currency")
	}
	if p.PointsPerUnit < 0 || p.PointsPerUnit > 1000 {
		fs.Add("points_per_unit", "must be between 0 and 1000")
	}
	if p.PointValue < 1 || p.PointValue > 1_000_000 {
		fs.Add("point_value", "must be between 1 and 1,000,000 minor units")
	}
	if p.MaxRedeemBP < 0 || p.MaxRedeemBP > 10000 {
		fs.Add("max_redeem", "must be between 0 and 100 %%")
	}
	if len(p.Tiers) == 0 || p.Tiers[0].MinSpend != 0 {
		fs.Add("tiers", "the first tier starts at 0")
	}
	for i, t := range p.Tiers {
		if t.Name == "" || t.DiscountBP < 0 || t.DiscountBP > 10000 || (i > 0 && t.MinSpend <= p.Tiers[i-1].MinSpend) {
			fs.Add("tiers", "need names, discounts of 0–100 %% and rising minimum spends")
			break
		}
	}
	return fs.Err()
}

// TierFor is the tier reached by a lifetime spend.
func (p Program) TierFor(spend int64) Tier {
	t := Tier{Name: "basic"}
	for _, x := range p.Tiers {
		if spend >= x.MinSpend {
			t = x
		}
	}
	return t
}

// NextTier is the tier above the one spend reaches, if there is one.
func (p Program) NextTier(spend int64) (Tier, bool) {
	i := slices.IndexFunc(p.Tiers, func(t Tier) bool { return t.MinSpend > spend })
	if i < 0 {
		return Tier{}, false
	}
	return p.Tiers[i], true
}

// Earned is the points an order earns when paid amount for its goods: whole
// currency units times PointsPerUnit; nothing in another currency.
func (p Program) Earned(paid money.Amount) int64 {
	d, ok := money.Digits(p.Currency)
	if !ok || paid.Currency != p.Currency || paid.Minor <= 0 {
		return 0
	}
	unit := int64(1)
	for range d {
		unit *= 10
	}
	return paid.Minor / unit * p.PointsPerUnit
}

// Value is what points are worth at checkout.
func (p Program) Value(points int64) money.Amount {
	return money.Amount{Minor: points * p.PointValue, Currency: p.Currency}
}

// MaxPoints is the most points that may pay for goods costing due (after
// discounts): MaxRedeemBP of it, in whole points; none in another currency.
func (p Program) MaxPoints(due money.Amount) int64 {
	if due.Currency != p.Currency || due.Minor <= 0 || p.PointValue <= 0 {
		return 0
	}
	// floor, not round: points never pay more than the cap
	capped := new(big.Int).Mul(big.NewInt(due.Minor), big.NewInt(int64(p.MaxRedeemBP)))
	capped.Quo(capped, big.NewInt(10000*p.PointValue))
	return capped.Int64()
}

// MaxPointsPerOrder bounds a redemption: larger numbers are typing mistakes.
const MaxPointsPerOrder = 100_000_000
