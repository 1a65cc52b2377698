package quote

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/order"
	"b2x/party"
)

// Limits on what a person would write; larger values are mistakes.
const (
	MaxLines             = order.MaxLines
	MaxTermsLength       = 2000
	MaxWinningPoints     = 20
	MaxWinningPointChars = 500
	MaxMaintenanceMonths = 120
	MaxSeats             = 1_000_000
)

// Validate checks every field and reports all problems at once. Totals are not
// checked: Price computes them.
func (q *Quote) Validate() error {
	var fs errs.Fields
	if q.OrganizationID == "" {
		fs.Add("organization_id", "is required")
	}
	// A buyer's request for a quote waits in draft for a sales manager to take it.
	if q.Owner == "" && (q.Status != StatusDraft || q.RequestedBy == "") {
		fs.Add("owner", "is required")
	}
	if !q.Status.Valid() {
		fs.Add("status", "unknown status %q", q.Status)
	}
	currencyOK := true
	if _, ok := money.Digits(q.Currency); !ok {
		fs.Add("currency", "unknown currency %q", q.Currency)
		currencyOK = false
	}
	switch {
	case len(q.Lines) == 0:
		fs.Add("lines", "a quote needs at least one line")
	case len(q.Lines) > MaxLines:
		fs.Add("lines", "a quote has at most %d lines", MaxLines)
	}
	seen := map[int]bool{}
	for i, l := range q.Lines {
		f := fmt.Sprintf("lines[%d]", i)
		if l.No <= 0 || seen[l.No] {
			fs.Add(f+".no", "must be a positive number used once")
		}
		seen[l.No] = true
		l.validate(&fs, f, q.Currency, currencyOK)
	}
	switch {
	case q.ValidUntil.IsZero():
		fs.Add("valid_until", "is required")
	case !q.ValidUntil.After(q.CreatedAt):
		fs.Add("valid_until", "must be after the quote was created")
	}
	switch q.PaymentTerms {
	case "", party.Prepaid, party.Net30, party.Net60:
	default:
		fs.Add("payment_terms", "must be one of prepaid, net30, net60")
	}
	checkText(&fs, "delivery_terms", q.DeliveryTerms, MaxTermsLength)
	if len(q.WinningPoints) > MaxWinningPoints {
		fs.Add("winning_points", "at most %d", MaxWinningPoints)
	}
	for i, p := range q.WinningPoints {
		f := fmt.Sprintf("winning_points[%d]", i)
		switch {
		case strings.TrimSpace(p) == "":
			fs.Add(f, "is empty")
		case slices.Index(q.WinningPoints, p) < i:
			fs.Add(f, "appears twice")
		default:
			checkText(&fs, f, p, MaxWinningPointChars)
		}
	}
	if q.Revision < 1 {
		fs.Add("revision", "starts at 1")
	}
	return fs.Err()
}

func (l Line) validate(fs *errs.Fields, f, currency string, currencyOK bool) {
	if !catalog.ValidSKU(l.SKU) {
		fs.Add(f+".sku", "is not a valid SKU")
	}
	if strings.TrimSpace(l.Name) == "" {
		fs.Add(f+".name", "is required")
	} else {
		checkText(fs, f+".name", l.Name, 200)
	}
	switch l.Kind {
	case catalog.Goods, catalog.Service, catalog.Licence:
	default:
		fs.Add(f+".kind", "must be one of goods, service, licence")
	}
	// The unit is optional; when given, pieces, packs and seats are sold whole.
	if l.Unit != "" {
		u, ok := catalog.LookupUnit(l.Unit)
		switch {
		case !ok:
			fs.Add(f+".unit", "unknown unit %q; use one of %s", l.Unit, strings.Join(catalog.UnitCodes(), ", "))
		case !u.Fractional && !l.Quantity.IsWhole():
			fs.Add(f+".quantity", "%s are sold in whole units", l.Unit)
		}
	}
	if l.Quantity <= 0 || l.Quantity > order.MaxLineQuantity {
		fs.Add(f+".quantity", "must be more than 0 and at most %s", order.MaxLineQuantity)
	}
	switch {
	case currencyOK && l.UnitPrice.Currency != currency:
		fs.Add(f+".unit_price", "must be in the quote's currency %s", currency)
	case l.Included && l.UnitPrice.Minor != 0:
		fs.Add(f+".unit_price", "an included cost is shown at zero")
	case !l.Included && l.UnitPrice.Minor <= 0:
		fs.Add(f+".unit_price", "must be positive (mark a free item as included)")
	}
	if l.TaxRateBP < 0 || l.TaxRateBP > 10000 {
		fs.Add(f+".tax_rate", "must be between 0 and 100 percent")
	}
	switch {
	case l.Kind == catalog.Service && l.Service == nil:
		fs.Add(f+".service", "a service line says which service it is")
	case l.Kind == catalog.Service && !slices.Contains(ServiceKinds, l.Service.Kind):
		fs.Add(f+".service.kind", "unknown service %q", l.Service.Kind)
	case l.Kind != catalog.Service && l.Service != nil:
		fs.Add(f+".service", "only service lines have service terms")
	}
	switch {
	case l.Kind == catalog.Licence && l.Licence == nil:
		fs.Add(f+".licence", "a licence line needs seats and a maintenance term")
	case l.Kind == catalog.Licence:
		if l.Licence.Seats < 1 || l.Licence.Seats > MaxSeats {
			fs.Add(f+".licence.seats", "must be between 1 and %d", MaxSeats)
		}
		if l.Licence.MaintenanceMonths < 1 || l.Licence.MaintenanceMonths > MaxMaintenanceMonths {
			fs.Add(f+".licence.maintenance_months", "must be between 1 and %d", MaxMaintenanceMonths)
		}
	case l.Licence != nil:
		fs.Add(f+".licence", "only licence lines have licence terms")
	}
}

func checkText(fs *errs.Fields, field, s string, max int) {
	switch {
	case !utf8.ValidString(s):
		fs.Add(field, "is not valid UTF-8")
	case utf8.RuneCountInString(s) > max:
		fs.Add(field, "is longer than %d characters", max)
	}
}
