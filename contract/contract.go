// Package contract is a long-term agreement with an organization (S7, S22.8,
// S22.9): prices agreed per SKU, a committed volume (an amount or a quantity) and
// a term. The agreed prices are a price list the contract owns, valid for its
// term, so pricing.Resolve applies them in checkout, quotes and the portal like
// any organization list. What the organization has bought against the commitment
// is computed from its orders within the term, never stored.
//
// The package is pure: app/contracts.go and store/contracts.go persist it.
package contract

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/pricing"
	"b2x/qty"
)

// CommitmentKind says what the organization commits to buy during the term.
type CommitmentKind string

const (
	NoCommitment CommitmentKind = "none"     // agreed prices only
	AmountKind   CommitmentKind = "amount"   // a net amount of money
	QuantityKind CommitmentKind = "quantity" // a number of units of the contract's SKUs
)

// Commitment is the volume the organization committed to.
type Commitment struct {
	Kind     CommitmentKind
	Amount   money.Amount // for AmountKind: net, in the contract's currency
	Quantity qty.Quantity // for QuantityKind: units of the contract's SKUs together
}

// Contract is an agreement with one organization.
type Contract struct {
	ID             string
	OrganizationID string
	Name           string
	Currency       string
	// Prices are the agreed net prices, with optional quantity tiers; they are
	// stored as the price list PriceListID, valid from StartsAt until EndsAt.
	Prices      []pricing.Entry
	PriceListID string
	Commitment  Commitment
	// The term runs from StartsAt up to, not including, EndsAt.
	StartsAt  time.Time
	EndsAt    time.Time
	Terms     string // free text: delivery, payment, review clauses
	CreatedAt time.Time
	UpdatedAt time.Time
	Version   int
}

// Limits on what a person would write.
const (
	MaxPrices      = 100_000 // a whole catalog with a few tiers each
	MaxTermsLength = 5000
	MaxTermYears   = 10
)

// Validate checks every field and reports all problems at once.
func (c *Contract) Validate() error {
	var fs errs.Fields
	if c.OrganizationID == "" {
		fs.Add("organization_id", "is required")
	}
	switch {
	case !utf8.ValidString(c.Name) || strings.TrimSpace(c.Name) == "":
		fs.Add("name", "is required")
	case utf8.RuneCountInString(c.Name) > 200:
		fs.Add("name", "is longer than 200 characters")
	}
	currencyOK := true
	if _, ok := money.Digits(c.Currency); !ok {
		fs.Add("currency", "unknown currency %q", c.Currency)
		currencyOK = false
	}
	switch {
	case c.StartsAt.IsZero():
		fs.Add("starts_at", "is required")
	case c.EndsAt.IsZero():
		fs.Add("ends_at", "is required")
	case !c.EndsAt.After(c.StartsAt):
		fs.Add("ends_at", "must be after starts_at")
	case c.EndsAt.After(c.StartsAt.AddDate(MaxTermYears, 0, 0)):
		fs.Add("ends_at", "a term is at most %d years", MaxTermYears)
	}
	if len(c.Prices) > MaxPrices {
		fs.Add("prices", "at most %d prices", MaxPrices)
	}
	type tier struct {
		sku string
		min qty.Quantity
	}
	seen := map[tier]bool{}
	for i, e := range c.Prices {
		f := fmt.Sprintf("prices[%d]", i)
		if !catalog.ValidSKU(e.SKU) {
			fs.Add(f+".sku", "is not a valid SKU")
		}
		if e.MinQuantity < 0 {
			fs.Add(f+".min_quantity", "must not be negative")
		}
		switch {
		case currencyOK && e.Price.Currency != c.Currency:
			fs.Add(f+".price", "must be in the contract's currency %s", c.Currency)
		case e.Price.Minor <= 0:
			fs.Add(f+".price", "must be positive")
		}
		if k := (tier{e.SKU, e.MinQuantity}); seen[k] {
			fs.Add(f+".min_quantity", "tier %s of %s appears twice", e.MinQuantity, e.SKU)
		} else {
			seen[k] = true
		}
	}
	cm := c.Commitment
	switch cm.Kind {
	case NoCommitment:
		if cm.Amount.Minor != 0 || cm.Quantity != 0 {
			fs.Add("commitment.kind", "is none, so neither an amount nor a quantity is committed")
		}
	case AmountKind:
		switch {
		case currencyOK && cm.Amount.Currency != c.Currency:
			fs.Add("commitment.amount", "must be in the contract's currency %s", c.Currency)
		case cm.Amount.Minor <= 0:
			fs.Add("commitment.amount", "must be positive")
		}
		if cm.Quantity != 0 {
			fs.Add("commitment.quantity", "an amount commitment has no quantity")
		}
	case QuantityKind:
		if cm.Quantity <= 0 {
			fs.Add("commitment.quantity", "must be positive")
		}
		if cm.Amount.Minor != 0 {
			fs.Add("commitment.amount", "a quantity commitment has no amount")
		}
		if len(c.Prices) == 0 {
			fs.Add("commitment.quantity", "counts units of the contract's SKUs, so the contract needs prices")
		}
	default:
		fs.Add("commitment.kind", "must be one of none, amount, quantity")
	}
	if !utf8.ValidString(c.Terms) || utf8.RuneCountInString(c.Terms) > MaxTermsLength {
		fs.Add("terms", "must be UTF-8 text of at most %d characters", MaxTermsLength)
	}
	return fs.Err()
}

// SKUs lists the contract's SKUs once each, in order.
func (c *Contract) SKUs() []string {
	var out []string
	for _, e := range c.Prices {
		if !slices.Contains(out, e.SKU) {
			out = append(out, e.SKU)
		}
	}
	slices.Sort(out)
	return out
}

// PriceList is the price list that carries the agreed prices: the organization's
// own list, valid for the term.
func (c *Contract) PriceList() pricing.PriceList {
	return pricing.PriceList{ID: c.PriceListID, Name: "Contract: " + c.Name, Currency: c.Currency,
		OrganizationID: c.OrganizationID, ValidFrom: c.StartsAt, ValidTo: c.EndsAt, Entries: slices.Clone(c.Prices)}
}

// Status is where a contract is in its term.
type Status string

const (
	Upcoming Status = "upcoming"
	Active   Status = "active"
	Ended    Status = "ended"
)

// StatusAt says where the contract is at t.
func (c *Contract) StatusAt(t time.Time) Status {
	switch {
	case t.Before(c.StartsAt):
		return Upcoming
	case t.Before(c.EndsAt):
		return Active
	}
	return Ended
}
