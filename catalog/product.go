// Package catalog holds what the company sells: products and their variants,
// categories, specifications for professional buyers (S12), services and licences
// (S3, S7), and which channel may see each product (S15).
package catalog

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"b2x/errs"
)

// Kind says what a product is: stocked goods, a service the company performs
// (delivery, installation, training …) or a software licence sold in seats.
type Kind string

const (
	Goods   Kind = "goods"
	Service Kind = "service"
	Licence Kind = "licence"
)

// Stocked reports whether selling the product takes stock from a warehouse.
func (k Kind) Stocked() bool { return k == Goods }

// Status is where a product is in its life: only active products are sold.
type Status string

const (
	Draft        Status = "draft"
	Active       Status = "active"
	Discontinued Status = "discontinued"
)

// Spec is one key/value line of a product's specification or variant attributes.
type Spec struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Product is one sellable SKU. A variant (size, colour …) is its own SKU that names
// its parent in VariantOf, so stock and prices are always per SKU.
type Product struct {
	ID               string
	SKU              string
	VariantOf        string // parent SKU, empty for a stand-alone product
	VariantAttrs     []Spec // what distinguishes this variant: size, colour …
	Name             string
	Description      string
	Brand            string
	Category         string // category slug
	Kind             Kind
	Unit             string // unit of measure code, see Units
	Channels         Channels
	Specs            []Spec
	CareInstructions string
	WarrantyMonths   int
	Status           Status
	TaxRateBP        int // VAT rate in basis points: 2000 is 20 %
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

var skuPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$`)

// ValidSKU reports whether s is a well-formed SKU.
func ValidSKU(s string) bool { return skuPattern.MatchString(s) }

// MaxWarrantyMonths bounds warranty terms to something a person would write.
const MaxWarrantyMonths = 240

// Validate checks every field and reports all problems at once.
func (p *Product) Validate() error {
	var fs errs.Fields
	if !ValidSKU(p.SKU) {
		fs.Add("sku", "must be 2–64 letters, digits, '.', '_' or '-', starting with a letter or digit")
	}
	if p.VariantOf != "" {
		if !ValidSKU(p.VariantOf) {
			fs.Add("variant_of", "is not a valid SKU")
		} else if p.VariantOf == p.SKU {
			fs.Add("variant_of", "a product cannot be a variant of itself")
		}
	}
	checkText(&fs, "name", p.Name, 1, 200)
	checkText(&fs, "description", p.Description, 0, 20000)
	checkText(&fs, "brand", p.Brand, 0, 100)
	checkText(&fs, "care_instructions", p.CareInstructions, 0, 5000)
	if p.Category != "" && !ValidSlug(p.Category) {
		fs.Add("category", "must be a category slug: lower-case letters, digits and '-'")
	}
	switch p.Kind {
	case Goods, Service, Licence:
	default:
		fs.Add("kind", "must be one of goods, service, licence")
	}
	if _, ok := LookupUnit(p.Unit); !ok {
		fs.Add("unit", "unknown unit %q; use one of %s", p.Unit, strings.Join(UnitCodes(), ", "))
	}
	if len(p.Channels) == 0 {
		fs.Add("channels", "must name at least one of b2c, b2b")
	}
	for _, c := range p.Channels {
		if !c.Valid() {
			fs.Add("channels", "unknown channel %q; use b2c or b2b", c)
		}
	}
	checkSpecs(&fs, "specs", p.Specs)
	checkSpecs(&fs, "variant_attrs", p.VariantAttrs)
	if p.WarrantyMonths < 0 || p.WarrantyMonths > MaxWarrantyMonths {
		fs.Add("warranty_months", "must be between 0 and %d", MaxWarrantyMonths)
	}
	switch p.Status {
	case Draft, Active, Discontinued:
	default:
		fs.Add("status", "must be one of draft, active, discontinued")
	}
	if p.TaxRateBP < 0 || p.TaxRateBP > 10000 {
		fs.Add("tax_rate", "must be between 0 and 100 percent")
	}
	return fs.Err()
}

// VisibleIn reports whether the channel's customers may see and buy the product.
func (p *Product) VisibleIn(c Channel) bool { return p.Channels.Has(c) }

// Sellable reports whether an order may include the product in channel c.
func (p *Product) Sellable(c Channel) bool { return p.Status == Active && p.VisibleIn(c) }

func checkText(fs *errs.Fields, field, s string, min, max int) {
	n := utf8.RuneCountInString(s)
	switch {
	case !utf8.ValidString(s):
		fs.Add(field, "is not valid UTF-8")
	case min > 0 && strings.TrimSpace(s) == "":
		fs.Add(field, "is required")
	case n > max:
		fs.Add(field, "is longer than %d characters", max)
	}
}

func checkSpecs(fs *errs.Fields, field string, specs []Spec) {
	if len(specs) > 200 {
		fs.Add(field, "has more than 200 entries")
		return
	}
	seen := map[string]bool{}
	for _, s := range specs {
		key := strings.TrimSpace(s.Key)
		if key == "" || utf8.RuneCountInString(key) > 100 {
			fs.Add(field, "every key must be 1–100 characters")
			return
		}
		if utf8.RuneCountInString(s.Value) > 1000 {
			fs.Add(field, "the value of %q is longer than 1000 characters", key)
			return
		}
		if seen[key] {
			fs.Add(field, "key %q appears twice", key)
			return
		}
		seen[key] = true
	}
}
