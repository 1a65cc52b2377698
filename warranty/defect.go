package warranty

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"time"

	"b2x/errs"
)

// Category groups defects so that counts per SKU say what kind of fault dominates.
type Category string

const (
	Mechanical Category = "mechanical"
	Electrical Category = "electrical"
	Cosmetic   Category = "cosmetic"
	Software   Category = "software"
	Packaging  Category = "packaging"
	Missing    Category = "missing_part"
	Other      Category = "other"
)

// Categories lists every category.
var Categories = []Category{Mechanical, Electrical, Cosmetic, Software, Packaging, Missing, Other}

// Valid reports whether c is a known category.
func (c Category) Valid() bool { return slices.Contains(Categories, c) }

// MaxDescription bounds a defect's description.
const MaxDescription = 2000

var codePattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9._-]{0,31}$`)

// Defect is a fault found in a product: by a warranty diagnosis (ClaimID set) or
// otherwise (a return, an inspection of stock).
type Defect struct {
	ID          string
	SKU         string
	ClaimID     string
	Code        string // the company's own defect code, e.g. "HINGE-01"
	Category    Category
	Description string
	RecordedAt  time.Time
	RecordedBy  string
}

// Validate checks a defect and normalizes its code to upper case.
func (d *Defect) Validate() error {
	var fs errs.Fields
	if d.SKU == "" {
		fs.Add("sku", "is required")
	}
	d.Code = strings.ToUpper(strings.TrimSpace(d.Code))
	if !codePattern.MatchString(d.Code) {
		fs.Add("code", "must be 1–32 letters, digits, '.', '_' or '-', starting with a letter or digit")
	}
	if !d.Category.Valid() {
		fs.Add("category", "must be one of %s", joinCategories())
	}
	d.Description = strings.TrimSpace(d.Description)
	checkText(&fs, "description", d.Description, true, MaxDescription)
	return fs.Err()
}

func joinCategories() string {
	s := make([]string, len(Categories))
	for i, c := range Categories {
		s[i] = string(c)
	}
	return strings.Join(s, ", ")
}

// Count is the number of defects of one SKU in one category with one code, as
// the store counts them.
type Count struct {
	SKU      string
	Category Category
	Code     string
	N        int
}

// SKUDefects is what staff see per product: how many defects, of which kinds.
type SKUDefects struct {
	SKU        string
	Total      int
	ByCategory map[Category]int
	ByCode     map[string]int
}

// Tally groups counts per SKU, the most defective first (ties by SKU).
func Tally(counts []Count) []SKUDefects {
	bySKU := map[string]*SKUDefects{}
	var out []*SKUDefects
	for _, c := range counts {
		s := bySKU[c.SKU]
		if s == nil {
			s = &SKUDefects{SKU: c.SKU, ByCategory: map[Category]int{}, ByCode: map[string]int{}}
			bySKU[c.SKU] = s
			out = append(out, s)
		}
		s.Total += c.N
		s.ByCategory[c.Category] += c.N
		s.ByCode[c.Code] += c.N
	}
	slices.SortFunc(out, func(a, b *SKUDefects) int {
		return cmp.Or(cmp.Compare(b.Total, a.Total), cmp.Compare(a.SKU, b.SKU))
	})
	res := make([]SKUDefects, len(out))
	for i, s := range out {
		res[i] = *s
	}
	return res
}
