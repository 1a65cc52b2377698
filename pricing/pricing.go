// Package pricing resolves what one unit of a SKU costs a given buyer, in a given
// channel, on a given day, and says which rule decided it.
//
// Base prices are per SKU and channel: the b2c price is the tax-inclusive retail
// price a consumer sees, the b2b price is net. Price lists hold net prices for an
// organization or a customer group, with quantity tiers and validity dates.
package pricing

import (
	"fmt"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/qty"
)

// BasePrice is a SKU's list price in one channel.
type BasePrice struct {
	SKU     string
	Channel catalog.Channel
	Price   money.Amount
}

// PriceList is a set of net prices for one organization or one customer group.
type PriceList struct {
	ID             string
	Name           string
	Currency       string
	OrganizationID string // set for an organization's own list
	Group          string // set for a customer group's list
	ValidFrom      time.Time
	ValidTo        time.Time // zero: open-ended
	Entries        []Entry
}

// Entry is one price tier: from MinQuantity units up, a unit costs Price (net).
type Entry struct {
	SKU         string
	MinQuantity qty.Quantity
	Price       money.Amount
}

// ValidAt reports whether the list applies on day t.
func (l *PriceList) ValidAt(t time.Time) bool {
	if !l.ValidFrom.IsZero() && t.Before(l.ValidFrom) {
		return false
	}
	return l.ValidTo.IsZero() || t.Before(l.ValidTo)
}

// Validate checks the list and its tiers.
func (l *PriceList) Validate() error {
	var fs errs.Fields
	if l.Name == "" || len(l.Name) > 200 {
		fs.Add("name", "is required and at most 200 characters")
	}
	if _, ok := money.Digits(l.Currency); !ok {
		fs.Add("currency", "unknown currency %q", l.Currency)
	}
	if (l.OrganizationID == "") == (l.Group == "") {
		fs.Add("organization_id", "a price list belongs to exactly one organization or one group")
	}
	if !l.ValidTo.IsZero() && !l.ValidTo.After(l.ValidFrom) {
		fs.Add("valid_to", "must be after valid_from")
	}
	type tier struct {
		sku string
		min qty.Quantity
	}
	seen := map[tier]bool{}
	for i, e := range l.Entries {
		f := fmt.Sprintf("entries[%d]", i)
		if !catalog.ValidSKU(e.SKU) {
			fs.Add(f+".sku", "is not a valid SKU")
		}
		if e.MinQuantity < 0 {
			fs.Add(f+".min_quantity", "must not be negative")
		}
		if e.Price.Currency != l.Currency {
			fs.Add(f+".price", "must be in the list's currency %s", l.Currency)
		}
		if e.Price.Minor <= 0 {
			fs.Add(f+".price", "must be positive")
		}
		k := tier{e.SKU, e.MinQuantity}
		if seen[k] {
			fs.Add(f+".min_quantity", "tier %s of %s appears twice", e.MinQuantity, e.SKU)
		}
		seen[k] = true
	}
	return fs.Err()
}

// Buyer is who is buying, as far as prices care.
type Buyer struct {
	OrganizationID string
	Groups         []string
}

// Request is one price question.
type Request struct {
	SKU       string
	Quantity  qty.Quantity
	Buyer     Buyer
	Channel   catalog.Channel
	At        time.Time
	TaxRateBP int // the product's VAT rate, to move between net and gross
}

// RuleKind names the kind of rule that set a price.
type RuleKind string

const (
	BaseRule         RuleKind = "base"
	GroupRule        RuleKind = "group_price_list"
	OrganizationRule RuleKind = "organization_price_list"
)

// Rule says which rule set the price.
type Rule struct {
	Kind          RuleKind     `json:"kind"`
	PriceListID   string       `json:"price_list_id,omitempty"`
	PriceListName string       `json:"price_list_name,omitempty"`
	MinQuantity   qty.Quantity `json:"min_quantity,omitempty"`
	Explanation   string       `json:"explanation"`
}

// Resolution is the answer: the unit price in the channel's terms (gross for b2c,
// net for b2b) and the rule that won.
type Resolution struct {
	Unit        money.Amount
	TaxIncluded bool
	Rule        Rule
}

// Resolve finds the unit price. The most specific applicable rule wins: the buyer's
// own organization list, then a list of one of the buyer's groups, then the base
// price; among lists of the same kind the lowest price wins, and within a list the
// highest quantity tier the quantity reaches. Lists in another currency than the
// base price are ignored so that one order never mixes currencies.
func Resolve(req Request, base []BasePrice, lists []PriceList) (Resolution, error) {
	taxIncluded := req.Channel == catalog.B2C
	bp, converted, ok := pickBase(req.Channel, base)
	if !ok {
		return Resolution{}, errs.E(errs.Conflict, "%s has no price", req.SKU)
	}
	unit := bp.Price
	if converted {
		var err error
		if unit, err = convert(unit, bp.Channel, req.Channel, req.TaxRateBP); err != nil {
			return Resolution{}, err
		}
	}
	rule := Rule{Kind: BaseRule, Explanation: fmt.Sprintf("base %s price", bp.Channel)}
	if converted {
		rule.Explanation += fmt.Sprintf(", converted to %s terms at %s tax", req.Channel, catalog.FormatTaxRate(req.TaxRateBP)+"%")
	}

	var best *candidate
	for i := range lists {
		c, ok := match(&lists[i], req, unit.Currency)
		if ok && (best == nil || c.better(best)) {
			best = &c
		}
	}
	if best == nil {
		return Resolution{Unit: unit, TaxIncluded: taxIncluded, Rule: rule}, nil
	}
	price := best.entry.Price
	if taxIncluded {
		var err error
		if price, err = convert(price, catalog.B2B, catalog.B2C, req.TaxRateBP); err != nil {
			return Resolution{}, err
		}
	}
	kind := GroupRule
	who := "group " + best.list.Group
	if best.list.OrganizationID != "" {
		kind, who = OrganizationRule, "the organization"
	}
	expl := fmt.Sprintf("price list %q for %s", best.list.Name, who)
	if best.entry.MinQuantity > 0 {
		expl += fmt.Sprintf(", tier from %s units", best.entry.MinQuantity)
	}
	return Resolution{Unit: price, TaxIncluded: taxIncluded, Rule: Rule{
		Kind: kind, PriceListID: best.list.ID, PriceListName: best.list.Name,
		MinQuantity: best.entry.MinQuantity, Explanation: expl,
	}}, nil
}

type candidate struct {
	list  *PriceList
	entry Entry
	rank  int // 2 organization, 1 group
}

func (c candidate) better(o *candidate) bool {
	if c.rank != o.rank {
		return c.rank > o.rank
	}
	return c.entry.Price.Minor < o.entry.Price.Minor
}

func match(l *PriceList, req Request, currency string) (candidate, bool) {
	rank := 0
	switch {
	case l.OrganizationID != "" && l.OrganizationID == req.Buyer.OrganizationID:
		rank = 2
	case l.Group != "" && inGroups(l.Group, req.Buyer.Groups):
		rank = 1
	}
	if rank == 0 || l.Currency != currency || !l.ValidAt(req.At) {
		return candidate{}, false
	}
	var best *Entry
	for i := range l.Entries {
		e := &l.Entries[i]
		if e.SKU == req.SKU && e.MinQuantity <= req.Quantity && (best == nil || e.MinQuantity > best.MinQuantity) {
			best = e
		}
	}
	if best == nil {
		return candidate{}, false
	}
	return candidate{list: l, entry: *best, rank: rank}, true
}

func inGroups(g string, groups []string) bool {
	for _, x := range groups {
		if x == g {
			return true
		}
	}
	return false
}

// pickBase prefers the channel's own base price and falls back to the other
// channel's, which then has to be converted between net and gross.
func pickBase(ch catalog.Channel, base []BasePrice) (BasePrice, bool, bool) {
	var other *BasePrice
	for i := range base {
		if base[i].Channel == ch {
			return base[i], false, true
		}
		other = &base[i]
	}
	if other == nil {
		return BasePrice{}, false, false
	}
	return *other, true, true
}

// convert moves a price between net (b2b) and gross (b2c) terms.
func convert(a money.Amount, from, to catalog.Channel, rateBP int) (money.Amount, error) {
	switch {
	case from == to:
		return a, nil
	case to == catalog.B2C:
		return a.MulRat(int64(10000+rateBP), 10000)
	default:
		return a.MulRat(10000, int64(10000+rateBP))
	}
}
