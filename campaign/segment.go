package campaign

import (
	"slices"
	"strings"
	"time"

	"b2x/errs"
)

// Audiences a segment draws from.
const (
	AudienceAll       = ""    // anyone opted in to the list
	AudienceB2B       = "b2b" // contacts of organizations
	AudienceConsumers = "b2c" // shop customers (persons)
)

// Segment is a filter over the people opted in to a campaign's list, stored as
// JSON. Every field that is set must hold; a list field holds when any of its
// values matches. An empty segment is everyone opted in.
type Segment struct {
	Audience string `json:"audience,omitempty"` // "", b2b or b2c

	// B2B contacts.
	Industries       []string `json:"industries,omitempty"`
	Roles            []string `json:"roles,omitempty"` // buying-center roles (party.Role)
	MinEmployees     int      `json:"min_employees,omitempty"`
	MaxEmployees     int      `json:"max_employees,omitempty"`
	AccountManagers  []string `json:"account_managers,omitempty"`  // staff user ids
	BoughtCategories []string `json:"bought_categories,omitempty"` // category slugs of past orders

	// Consumers.
	LoyaltyTiers    []string   `json:"loyalty_tiers,omitempty"`
	CardHolders     bool       `json:"card_holders,omitempty"`  // only people with a loyalty card (any tier)
	Subscriptions   []string   `json:"subscriptions,omitempty"` // list slugs the person is opted in to
	PurchasedAfter  *time.Time `json:"purchased_after,omitempty"`
	PurchasedBefore *time.Time `json:"purchased_before,omitempty"`

	// Languages are the languages (en, ru, fa) of the letters the segment's
	// people read; a letter in one language goes to those who read it.
	Languages []string `json:"languages,omitempty"`
}

// Profile is what the segment filter sees of one address.
type Profile struct {
	Email        string
	Name         string
	Organization string
	Contact      bool // a contact of an organization (else a person, or only an address)
	Person       bool

	Industry       string
	Role           string
	Employees      int
	AccountManager string
	Categories     []string

	LoyaltyTier   string // "" without a loyalty card
	Subscriptions []string
	LastPurchase  time.Time // zero: never bought

	Lang string // the language the address reads letters in (the default when unknown)
}

// Validate checks the segment and names each field at fault.
func (s Segment) Validate() error {
	var fs errs.Fields
	checkLanguages(&fs, s.Languages)
	switch s.Audience {
	case AudienceAll, AudienceB2B, AudienceConsumers:
	default:
		fs.AddKey("audience", "err.segment.audience", "must be empty, b2b or b2c")
	}
	b2b := len(s.Industries)+len(s.Roles)+len(s.AccountManagers)+len(s.BoughtCategories) > 0 || s.MinEmployees != 0 || s.MaxEmployees != 0
	b2c := len(s.LoyaltyTiers)+len(s.Subscriptions) > 0 || s.PurchasedAfter != nil || s.PurchasedBefore != nil || s.CardHolders
	if b2b && s.Audience == AudienceConsumers {
		fs.AddKey("audience", "err.segment.b2c_no_b2b", "b2c segments cannot filter on organizations or contacts")
	}
	if b2c && s.Audience == AudienceB2B && (len(s.LoyaltyTiers) > 0) {
		fs.AddKey("loyalty_tiers", "err.segment.cards_b2c", "only consumers have loyalty cards")
	}
	if s.CardHolders && s.Audience == AudienceB2B {
		fs.AddKey("card_holders", "err.segment.cards_b2c", "only consumers have loyalty cards")
	}
	if s.MinEmployees < 0 {
		fs.AddKey("min_employees", "err.segment.negative", "must not be negative")
	}
	if s.MaxEmployees < 0 || (s.MaxEmployees > 0 && s.MaxEmployees < s.MinEmployees) {
		fs.AddKey("max_employees", "err.segment.max_below_min", "must not be below min_employees")
	}
	if s.PurchasedAfter != nil && s.PurchasedBefore != nil && !s.PurchasedBefore.After(*s.PurchasedAfter) {
		fs.AddKey("purchased_before", "err.segment.before_after", "must be after purchased_after")
	}
	for name, vs := range map[string][]string{"industries": s.Industries, "roles": s.Roles, "account_managers": s.AccountManagers,
		"bought_categories": s.BoughtCategories, "loyalty_tiers": s.LoyaltyTiers, "subscriptions": s.Subscriptions} {
		if len(vs) > 100 {
			fs.AddKey(name, "err.segment.too_many", "at most 100 values")
		}
		for _, v := range vs {
			if strings.TrimSpace(v) == "" || len(v) > 200 {
				fs.AddKey(name, "err.segment.value_length", "values are 1 to 200 characters")
				break
			}
		}
	}
	return fs.Err()
}

// Match reports whether p is in the segment.
func (s Segment) Match(p Profile) bool {
	switch s.Audience {
	case AudienceB2B:
		if !p.Contact {
			return false
		}
	case AudienceConsumers:
		if !p.Person {
			return false
		}
	}
	b2b := len(s.Industries)+len(s.Roles)+len(s.AccountManagers)+len(s.BoughtCategories) > 0 || s.MinEmployees != 0 || s.MaxEmployees != 0
	if b2b && !p.Contact {
		return false
	}
	if len(s.Industries) > 0 && !anyFold(s.Industries, p.Industry) {
		return false
	}
	if len(s.Roles) > 0 && !slices.Contains(s.Roles, p.Role) {
		return false
	}
	if s.MinEmployees > 0 && p.Employees < s.MinEmployees {
		return false
	}
	if s.MaxEmployees > 0 && p.Employees > s.MaxEmployees {
		return false
	}
	if len(s.AccountManagers) > 0 && !slices.Contains(s.AccountManagers, p.AccountManager) {
		return false
	}
	if len(s.BoughtCategories) > 0 && !slices.ContainsFunc(p.Categories, func(c string) bool { return slices.Contains(s.BoughtCategories, c) }) {
		return false
	}
	if len(s.LoyaltyTiers) > 0 && !anyFold(s.LoyaltyTiers, p.LoyaltyTier) {
		return false
	}
	if s.CardHolders && p.LoyaltyTier == "" {
		return false
	}
	if len(s.Subscriptions) > 0 && !slices.ContainsFunc(p.Subscriptions, func(c string) bool { return slices.Contains(s.Subscriptions, c) }) {
		return false
	}
	if s.PurchasedAfter != nil && (p.LastPurchase.IsZero() || !p.LastPurchase.After(*s.PurchasedAfter)) {
		return false
	}
	if s.PurchasedBefore != nil && (p.LastPurchase.IsZero() || !p.LastPurchase.Before(*s.PurchasedBefore)) {
		return false
	}
	if len(s.Languages) > 0 && !slices.Contains(s.Languages, p.Lang) {
		return false
	}
	return true
}

func anyFold(vs []string, v string) bool {
	return v != "" && slices.ContainsFunc(vs, func(x string) bool { return strings.EqualFold(x, v) })
}

// EmailKey is the normalised form addresses are compared and deduplicated by:
// trimmed and lower-cased.
func EmailKey(email string) string { return strings.ToLower(strings.TrimSpace(email)) }
