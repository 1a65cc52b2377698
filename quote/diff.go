package quote

import (
	"fmt"
	"slices"
	"time"

	"b2x/catalog"
)

// Change is one difference between two revisions of a quote, for the revision
// history the buyer and the seller read.
type Change struct {
	Field string // valid_until, payment_terms, delivery_terms, winning_points, currency, total, or lines…
	SKU   string // for line changes
	From  string
	To    string
	Text  string // the change in words: "quantity of BRK-1 changed from 10 to 12"
}

// Diff names what changed from old to revised: lines added and removed, per SKU the
// quantity, unit price, tax rate, included flag and licence terms, then validity,
// terms, winning points, currency and the total. Lines are matched by SKU (the
// second line of one SKU with the second); totals are compared as Price left them.
func Diff(old, revised Quote) []Change {
	var cs []Change
	add := func(field, sku, from, to, format string, args ...any) {
		cs = append(cs, Change{Field: field, SKU: sku, From: from, To: to, Text: fmt.Sprintf(format, args...)})
	}

	oldLines, newLines := keyed(old.Lines), keyed(revised.Lines)
	for _, k := range lineKeys(revised.Lines) {
		n := newLines[k]
		o, ok := oldLines[k]
		if !ok {
			add("lines", n.SKU, "", lineText(n), "added %s", lineText(n))
			continue
		}
		diffLine(add, o, n)
	}
	for _, k := range lineKeys(old.Lines) {
		if !has(newLines, k) {
			o := oldLines[k]
			add("lines", o.SKU, lineText(o), "", "removed %s", lineText(o))
		}
	}

	if !old.ValidUntil.Equal(revised.ValidUntil) {
		f, t := day(old.ValidUntil), day(revised.ValidUntil)
		if f == t {
			f, t = old.ValidUntil.UTC().Format(time.DateTime), revised.ValidUntil.UTC().Format(time.DateTime)
		}
		add("valid_until", "", f, t, "valid until changed from %s to %s", f, t)
	}
	if old.PaymentTerms != revised.PaymentTerms {
		f, t := string(old.PaymentTerms), string(revised.PaymentTerms)
		add("payment_terms", "", f, t, "payment terms changed from %s to %s", orNone(f), orNone(t))
	}
	if old.DeliveryTerms != revised.DeliveryTerms {
		add("delivery_terms", "", old.DeliveryTerms, revised.DeliveryTerms,
			"delivery terms changed from %q to %q", old.DeliveryTerms, revised.DeliveryTerms)
	}
	for _, p := range revised.WinningPoints {
		if !slices.Contains(old.WinningPoints, p) {
			add("winning_points", "", "", p, "added winning point %q", p)
		}
	}
	for _, p := range old.WinningPoints {
		if !slices.Contains(revised.WinningPoints, p) {
			add("winning_points", "", p, "", "removed winning point %q", p)
		}
	}
	if old.Currency != revised.Currency {
		add("currency", "", old.Currency, revised.Currency, "currency changed from %s to %s", old.Currency, revised.Currency)
	}
	if old.Total != revised.Total {
		f, t := old.Total.String(), revised.Total.String()
		add("total", "", f, t, "total changed from %s %s to %s %s", f, old.Total.Currency, t, revised.Total.Currency)
	}
	return cs
}

func diffLine(add func(field, sku, from, to, format string, args ...any), o, n Line) {
	sku := n.SKU
	if o.Quantity != n.Quantity {
		f, t := o.Quantity.String(), n.Quantity.String()
		add("lines.quantity", sku, f, t, "quantity of %s changed from %s to %s", sku, f, t)
	}
	if o.UnitPrice != n.UnitPrice {
		f, t := o.UnitPrice.String(), n.UnitPrice.String()
		add("lines.unit_price", sku, f, t, "unit price of %s changed from %s to %s %s", sku, f, t, n.UnitPrice.Currency)
	}
	if o.TaxRateBP != n.TaxRateBP {
		f, t := catalog.FormatTaxRate(o.TaxRateBP), catalog.FormatTaxRate(n.TaxRateBP)
		add("lines.tax_rate", sku, f, t, "tax rate of %s changed from %s%% to %s%%", sku, f, t)
	}
	if o.Included != n.Included {
		f, t := fmt.Sprint(o.Included), fmt.Sprint(n.Included)
		if n.Included {
			add("lines.included", sku, f, t, "%s is now included at no charge", sku)
		} else {
			add("lines.included", sku, f, t, "%s is now charged", sku)
		}
	}
	var ol, nl LicenceTerms
	if o.Licence != nil {
		ol = *o.Licence
	}
	if n.Licence != nil {
		nl = *n.Licence
	}
	if ol.Seats != nl.Seats {
		f, t := fmt.Sprint(ol.Seats), fmt.Sprint(nl.Seats)
		add("lines.licence.seats", sku, f, t, "seats of %s changed from %s to %s", sku, f, t)
	}
	if ol.MaintenanceMonths != nl.MaintenanceMonths {
		f, t := fmt.Sprint(ol.MaintenanceMonths), fmt.Sprint(nl.MaintenanceMonths)
		add("lines.licence.maintenance_months", sku, f, t, "maintenance of %s changed from %s to %s months", sku, f, t)
	}
}

// lineKey names a line by SKU and which occurrence of that SKU it is.
type lineKey struct {
	sku string
	n   int
}

func lineKeys(ls []Line) []lineKey {
	count := map[string]int{}
	keys := make([]lineKey, len(ls))
	for i, l := range ls {
		keys[i] = lineKey{l.SKU, count[l.SKU]}
		count[l.SKU]++
	}
	return keys
}

func keyed(ls []Line) map[lineKey]Line {
	m := map[lineKey]Line{}
	for i, k := range lineKeys(ls) {
		m[k] = ls[i]
	}
	return m
}

func has(m map[lineKey]Line, k lineKey) bool {
	_, ok := m[k]
	return ok
}

func lineText(l Line) string {
	s := fmt.Sprintf("%s %s: %s", l.SKU, l.Name, l.Quantity)
	if l.Unit != "" {
		s += " " + l.Unit
	}
	if l.Included {
		return s + ", included"
	}
	return s + fmt.Sprintf(" at %s %s", l.UnitPrice, l.UnitPrice.Currency)
}

func day(t time.Time) string {
	if t.IsZero() {
		return "none"
	}
	return t.UTC().Format(time.DateOnly)
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
