package csvimport

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
)

// ProductColumns are the columns of a products file, in the order export writes them.
var ProductColumns = []string{"sku", "name", "kind", "unit", "channels", "category", "brand", "description", "status",
	"tax_rate", "price_b2c", "price_b2b", "currency", "warranty_months", "care_instructions", "specs", "variant_of",
	"variant_attrs"}

var productFormat = format{columns: ProductColumns, required: []string{"sku", "name", "unit", "channels", "tax_rate"}}

// ProductRow is one product of a file with its base prices.
type ProductRow struct {
	Row     int
	Product catalog.Product
	Prices  map[catalog.Channel]money.Amount
}

// ProductColumn names the column that holds a field of catalog.Product
// (as named by its Validate) or of the prices.
func ProductColumn(field string) string {
	switch {
	case field == "prices.b2c":
		return "price_b2c"
	case field == "prices.b2b", field == "prices":
		return "price_b2b"
	}
	return field
}

// ParseProducts reads a products file. It returns every row, or no rows and an
// invalid *errs.Error listing the problems (see ProblemsOf); other errors are
// failures to read r.
func ParseProducts(r io.Reader) ([]ProductRow, error) {
	var ps Problems
	var rows []ProductRow
	first := map[string]int{} // SKU → row where it first appears
	err := read(r, productFormat, &ps, func(rec *record) {
		before := ps.Len()
		dup := false
		if sku := rec.get("sku"); sku != "" {
			if at, seen := first[sku]; seen {
				ps.Add(rec.row, "sku", "SKU %s appears twice in the file (first on row %d)", sku, at)
				dup = true
			} else {
				first[sku] = rec.row
			}
		}
		pr, bad := parseProduct(rec, &ps)
		bad["sku"] = bad["sku"] || dup
		// Validation runs on what parsed; columns that failed to parse are not
		// reported twice.
		var vs Problems
		vs.AddError(rec.row, ValidateProduct(&pr), ProductColumn)
		for _, p := range vs.list {
			if !bad[p.Column] {
				ps.Add(p.Row, p.Column, "%s", p.Message)
			}
		}
		if ps.Len() == before {
			rows = append(rows, pr)
		}
	})
	if err != nil {
		return nil, err
	}
	if ps.Len() == 0 {
		_, cyclic := VariantOrder(rows)
		for _, i := range cyclic {
			ps.Add(rows[i].Row, "variant_of", "%s and its parents form a cycle", rows[i].Product.SKU)
		}
	}
	if err := ps.Err(); err != nil {
		return nil, err
	}
	return rows, nil
}

// parseProduct reads the cells of one row; bad names the columns that failed.
func parseProduct(rec *record, ps *Problems) (ProductRow, map[string]bool) {
	bad := map[string]bool{}
	fail := func(column string, err error) {
		ps.Add(rec.row, column, "%s", err.Error())
		bad[column] = true
	}
	p := catalog.Product{
		SKU:              rec.get("sku"),
		Name:             rec.get("name"),
		Kind:             catalog.Kind(strings.ToLower(rec.get("kind"))),
		Unit:             strings.ToLower(rec.get("unit")),
		Category:         rec.get("category"),
		Brand:            rec.get("brand"),
		Description:      rec.get("description"),
		Status:           catalog.Status(strings.ToLower(rec.get("status"))),
		CareInstructions: rec.get("care_instructions"),
		VariantOf:        rec.get("variant_of"),
	}
	if p.Kind == "" {
		p.Kind = catalog.Goods
	}
	if p.Status == "" {
		p.Status = catalog.Active
	}
	for _, c := range parseList(strings.ToLower(rec.get("channels"))) {
		p.Channels = append(p.Channels, catalog.Channel(c))
	}
	p.Channels = p.Channels.Normalize()
	if s := rec.get("tax_rate"); s == "" {
		fail("tax_rate", fmt.Errorf("is required"))
	} else if bp, err := catalog.ParseTaxRate(s); err != nil {
		fail("tax_rate", err)
	} else {
		p.TaxRateBP = bp
	}
	if s := rec.get("warranty_months"); s != "" {
		if n, err := parseWhole(s, catalog.MaxWarrantyMonths); err != nil {
			fail("warranty_months", err)
		} else {
			p.WarrantyMonths = n
		}
	}
	for _, f := range []struct {
		column string
		dst    *[]catalog.Spec
	}{{"specs", &p.Specs}, {"variant_attrs", &p.VariantAttrs}} {
		pairs, item := parsePairs(rec.get(f.column))
		if item != "" {
			fail(f.column, fmt.Errorf("%q is not key=value", clip(item)))
			continue
		}
		for _, kv := range pairs {
			*f.dst = append(*f.dst, catalog.Spec{Key: kv.Key, Value: kv.Value})
		}
	}

	cur := strings.ToUpper(rec.get("currency"))
	prices := map[catalog.Channel]money.Amount{}
	for _, ch := range []catalog.Channel{catalog.B2C, catalog.B2B} {
		column := "price_" + string(ch)
		s := rec.get(column)
		if s == "" {
			continue
		}
		if cur == "" {
			if !bad["currency"] {
				fail("currency", fmt.Errorf("is required with a price"))
			}
			continue
		}
		if _, ok := money.Digits(cur); !ok {
			if !bad["currency"] {
				fail("currency", fmt.Errorf("unknown currency %q", clip(cur)))
			}
			continue
		}
		amt, err := parseMoney(s, cur)
		if err != nil {
			fail(column, err)
			continue
		}
		prices[ch] = amt
	}
	if len(prices) == 0 {
		prices = nil
	}
	return ProductRow{Row: rec.row, Product: p, Prices: prices}, bad
}

// ValidateProduct checks a row's product and prices with the catalog's rules.
// Field names are those of catalog.Product.Validate and "prices.b2c"/"prices.b2b";
// ProductColumn maps them to columns.
func ValidateProduct(pr *ProductRow) error {
	var fs errs.Fields
	fs.Wrap("", pr.Product.Validate())
	for ch, amt := range pr.Prices {
		f := "prices." + string(ch)
		switch {
		case !ch.Valid():
			fs.Add("prices", "unknown channel %q", ch)
		case amt.Minor < 0:
			fs.Add(f, "must not be negative")
		case amt.Minor > money.MaxMinor:
			fs.Add(f, "is too large")
		default:
			if _, ok := money.Digits(amt.Currency); !ok {
				fs.Add(f, "unknown currency %q", amt.Currency)
			}
		}
	}
	return fs.Err()
}

// VariantOrder returns the order in which rows can be written so that every
// variant comes after its parent when the parent is in the file too, and the
// indexes of rows whose variant_of chain within the file loops back on itself.
func VariantOrder(rows []ProductRow) (order []int, cyclic []int) {
	at := make(map[string]int, len(rows))
	for i, r := range rows {
		if _, dup := at[r.Product.SKU]; !dup {
			at[r.Product.SKU] = i
		}
	}
	parent := func(i int) int {
		v := rows[i].Product.VariantOf
		if j, ok := at[v]; ok && v != "" && j != i {
			return j
		}
		return -1
	}
	const (
		unseen = iota
		walking
		done
	)
	state := make([]uint8, len(rows))
	depth := make([]int, len(rows))
	for i := range rows {
		var path []int
		j := i
		for j >= 0 && state[j] == unseen {
			state[j] = walking
			path = append(path, j)
			j = parent(j)
		}
		d := 0
		if j >= 0 && state[j] == walking {
			// j is on this path: the path from j on is a cycle.
			for k, p := range path {
				if p == j {
					cyclic = append(cyclic, path[k:]...)
					break
				}
			}
		} else if j >= 0 {
			d = depth[j] + 1
		}
		for k := len(path) - 1; k >= 0; k-- {
			depth[path[k]] = d
			state[path[k]] = done
			d++
		}
	}
	order = make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	// Stable by depth, so rows of equal depth keep the file's order.
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(depth[a], depth[b]) })
	slices.Sort(cyclic)
	return order, cyclic
}

// ProductRecord is a product with its base prices as one row of a products file
// (ProductColumns). The file has one currency column, so prices in two
// currencies cannot be written: that is an error.
func ProductRecord(p *catalog.Product, prices map[catalog.Channel]money.Amount) ([]string, error) {
	cells := map[string]string{
		"sku": p.SKU, "name": p.Name, "kind": string(p.Kind), "unit": p.Unit, "category": p.Category,
		"brand": p.Brand, "description": p.Description, "status": string(p.Status), "tax_rate": catalog.FormatTaxRate(p.TaxRateBP),
		"care_instructions": p.CareInstructions, "variant_of": p.VariantOf,
		"specs": joinSpecs(p.Specs), "variant_attrs": joinSpecs(p.VariantAttrs),
	}
	chans := make([]string, len(p.Channels))
	for i, c := range p.Channels.Normalize() {
		chans[i] = string(c)
	}
	cells["channels"] = joinList(chans)
	if p.WarrantyMonths != 0 {
		cells["warranty_months"] = fmt.Sprint(p.WarrantyMonths)
	}
	for _, ch := range []catalog.Channel{catalog.B2C, catalog.B2B} {
		amt, ok := prices[ch]
		if !ok {
			continue
		}
		if cur := cells["currency"]; cur != "" && cur != amt.Currency {
			return nil, errs.E(errs.Conflict, "product %s has prices in %s and %s; the CSV format has one currency per product (export it as JSON)",
				p.SKU, cur, amt.Currency)
		}
		cells["price_"+string(ch)], cells["currency"] = amt.String(), amt.Currency
	}
	out := make([]string, len(ProductColumns))
	for i, c := range ProductColumns {
		out[i] = cells[c]
	}
	return out, nil
}

func joinSpecs(specs []catalog.Spec) string {
	pairs := make([]Pair, len(specs))
	for i, s := range specs {
		pairs[i] = Pair{Key: s.Key, Value: s.Value}
	}
	return joinPairs(pairs)
}
