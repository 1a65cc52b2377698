// Package party holds the company's customers (S1, S2): private persons buying for
// themselves or, flagged as trade customers, for a business; and organizations with
// the people of their buying center (S6).
package party

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"b2x/errs"
	"b2x/money"
)

// TradeGroup is the customer group a trade person belongs to: the repair contractor
// who buys bricks gets the B2B terms of this group (S2).
const TradeGroup = "trade"

// Person is a private customer.
type Person struct {
	ID        string
	Name      string
	Email     string
	Phone     string
	Trade     bool   // buys for a business and gets trade terms (S2)
	Group     string // price-list group; "trade" for trade persons unless set otherwise
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Groups lists the price-list groups the person belongs to.
func (p *Person) Groups() []string {
	var gs []string
	if p.Group != "" {
		gs = append(gs, p.Group)
	}
	if p.Trade && p.Group != TradeGroup {
		gs = append(gs, TradeGroup)
	}
	return gs
}

// Validate checks the person's fields.
func (p *Person) Validate() error {
	var fs errs.Fields
	checkName(&fs, "name", p.Name, 200)
	checkEmail(&fs, "email", p.Email, false)
	CheckPhone(&fs, "phone", p.Phone)
	checkGroup(&fs, p.Group)
	return fs.Err()
}

// TurnoverBand is an organization's yearly turnover, in bands because buyers rarely
// tell the exact figure.
type TurnoverBand string

const (
	TurnoverMicro      TurnoverBand = "micro"      // under 2 M
	TurnoverSmall      TurnoverBand = "small"      // 2–10 M
	TurnoverMedium     TurnoverBand = "medium"     // 10–50 M
	TurnoverLarge      TurnoverBand = "large"      // 50–250 M
	TurnoverEnterprise TurnoverBand = "enterprise" // over 250 M
)

var turnoverBands = []TurnoverBand{TurnoverMicro, TurnoverSmall, TurnoverMedium, TurnoverLarge, TurnoverEnterprise}

// Capability is a non-core department an organization may have or lack (S1, S3):
// lacking own transport is a reason to offer delivery to the site.
type Capability string

const (
	OwnTransport Capability = "own_transport"
	Accounting   Capability = "accounting"
	IT           Capability = "it"
	Legal        Capability = "legal"
	Warehousing  Capability = "warehouse"
	Installation Capability = "installation"
	Maintenance  Capability = "maintenance"
)

// Capabilities lists the known capabilities.
var Capabilities = []Capability{OwnTransport, Accounting, IT, Legal, Warehousing, Installation, Maintenance}

// PaymentTerms says when an organization pays.
type PaymentTerms string

const (
	Prepaid PaymentTerms = "prepaid"
	Net30   PaymentTerms = "net30"
	Net60   PaymentTerms = "net60"
)

// Organization is a business customer (a legal entity).
type Organization struct {
	ID           string
	LegalName    string
	TaxID        string
	Industry     string
	Employees    int
	TurnoverBand TurnoverBand
	// Capabilities records what the organization has (true) or lacks (false);
	// a capability missing from the map is not known yet.
	Capabilities map[Capability]bool
	Group        string
	PaymentTerms PaymentTerms
	CreditLimit  money.Amount // zero: no credit
	Website      string
	Address      string
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Groups lists the price-list groups the organization belongs to.
func (o *Organization) Groups() []string {
	if o.Group == "" {
		return nil
	}
	return []string{o.Group}
}

// Lacks reports whether the organization is known to lack a capability.
func (o *Organization) Lacks(c Capability) bool {
	has, known := o.Capabilities[c]
	return known && !has
}

// Validate checks the organization's fields.
func (o *Organization) Validate() error {
	var fs errs.Fields
	checkName(&fs, "legal_name", o.LegalName, 300)
	if utf8.RuneCountInString(o.TaxID) > 40 {
		fs.Add("tax_id", "is longer than 40 characters")
	}
	if utf8.RuneCountInString(o.Industry) > 100 {
		fs.Add("industry", "is longer than 100 characters")
	}
	if o.Employees < 0 || o.Employees > 10_000_000 {
		fs.Add("employees", "must be between 0 and 10,000,000")
	}
	if o.TurnoverBand != "" && !contains(turnoverBands, o.TurnoverBand) {
		fs.Add("turnover_band", "must be one of micro, small, medium, large, enterprise")
	}
	for c := range o.Capabilities {
		if !contains(Capabilities, c) {
			fs.Add("capabilities", "unknown capability %q", c)
		}
	}
	checkGroup(&fs, o.Group)
	switch o.PaymentTerms {
	case "", Prepaid, Net30, Net60:
	default:
		fs.Add("payment_terms", "must be one of prepaid, net30, net60")
	}
	if o.CreditLimit.Minor < 0 {
		fs.Add("credit_limit", "must not be negative")
	}
	return fs.Err()
}

func contains[T comparable](xs []T, x T) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func checkName(fs *errs.Fields, field, s string, max int) {
	switch {
	case !utf8.ValidString(s):
		fs.AddKey(field, "err.not_utf8", "is not valid UTF-8")
	case strings.TrimSpace(s) == "":
		fs.AddKey(field, "err.required", "is required")
	case utf8.RuneCountInString(s) > max:
		fs.AddKey(field, "err.too_long", "is longer than {max} characters", "max", max)
	}
}

func checkEmail(fs *errs.Fields, field, s string, required bool) {
	if s == "" {
		if required {
			fs.AddKey(field, "err.required", "is required")
		}
		return
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > 254 {
		fs.AddKey(field, "err.email", "is not an email address")
	}
}

// CheckPhone adds a field error when s is not a phone number as people write
// one: digits, spaces and + - ( ), 5 to 15 digits. Empty is allowed.
func CheckPhone(fs *errs.Fields, field, s string) {
	if s == "" {
		return
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case strings.ContainsRune("+ -()", r):
		default:
			fs.AddKey(field, "err.phone.chars", "may hold only digits, spaces and + - ( )")
			return
		}
	}
	if digits < 5 || digits > 15 {
		fs.AddKey(field, "err.phone.digits", "must have 5 to 15 digits")
	}
}

func checkGroup(fs *errs.Fields, g string) {
	if len(g) > 40 || strings.TrimSpace(g) != g {
		fs.Add("group", "must be at most 40 characters without surrounding spaces")
	}
}
