package account

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/language"

	"b2x/errs"
	"b2x/party"
)

// MaxAddresses bounds a person's address book.
const MaxAddresses = 20

// Address is one entry of a person's address book, for delivery and invoices.
type Address struct {
	ID        string
	PersonID  string
	Label     string // the customer's own name for it: "Home", "Site in Graz"
	Name      string // recipient
	Line1     string
	Line2     string
	City      string
	Postcode  string
	Country   string // ISO 3166-1 alpha-2, upper case
	Phone     string
	CreatedAt time.Time
	UpdatedAt time.Time
}

var postcodePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 -]{0,11}$`)

// Normalize trims the fields and upper-cases the country, as they are stored.
func (a *Address) Normalize() {
	for _, s := range []*string{&a.Label, &a.Name, &a.Line1, &a.Line2, &a.City, &a.Postcode, &a.Country, &a.Phone} {
		*s = strings.TrimSpace(*s)
	}
	a.Country = strings.ToUpper(a.Country)
	// Withdrawn codes people still type (UK, DD, FX) become their replacements.
	if r, err := language.ParseRegion(a.Country); err == nil && len(a.Country) == 2 {
		a.Country = r.Canonicalize().String()
	}
}

// Validate checks every field and names each one at fault.
func (a *Address) Validate() error {
	var fs errs.Fields
	text := func(field, s string, max int, required bool) {
		switch {
		case !utf8.ValidString(s):
			fs.AddKey(field, "err.not_utf8", "is not valid UTF-8")
		case required && strings.TrimSpace(s) == "":
			fs.AddKey(field, "err.required", "is required")
		case utf8.RuneCountInString(s) > max:
			fs.AddKey(field, "err.too_long", "is longer than {max} characters", "max", max)
		case strings.ContainsAny(s, "\r\n\t"):
			fs.AddKey(field, "err.one_line", "must be one line")
		}
	}
	text("label", a.Label, 40, false)
	text("name", a.Name, 200, true)
	text("line1", a.Line1, 200, true)
	text("line2", a.Line2, 200, false)
	text("city", a.City, 100, true)
	// Some countries have no postcodes (Ireland before Eircode, Hong Kong), so it
	// may be empty; when given it has the shape every postcode system shares.
	if a.Postcode != "" && !postcodePattern.MatchString(a.Postcode) {
		fs.AddKey("postcode", "err.postcode", "must be up to 12 letters, digits, spaces or hyphens")
	}
	if !validCountry(a.Country) {
		fs.AddKey("country", "err.country", "must be a two-letter ISO 3166 country code, e.g. DE")
	}
	party.CheckPhone(&fs, "phone", a.Phone)
	return fs.Err()
}

func validCountry(c string) bool {
	if len(c) != 2 || strings.ToUpper(c) != c {
		return false
	}
	r, err := language.ParseRegion(c)
	if err != nil || r.Canonicalize().String() != c {
		return false
	}
	// XK (Kosovo) is user-assigned in ISO 3166 yet what couriers use.
	return r.IsCountry() && (!r.IsPrivateUse() || c == "XK")
}
