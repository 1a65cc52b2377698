package quote

import (
	"slices"
	"testing"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
)

func TestValidate(t *testing.T) {
	q := validQuote()
	if err := q.Validate(); err != nil {
		t.Fatalf("valid quote: %v", err)
	}
	// A buyer's request waits in draft until a sales manager takes it.
	rfq := validQuote()
	rfq.Owner = ""
	if err := rfq.Validate(); err != nil {
		t.Errorf("a request without an owner yet: %v", err)
	}
	tests := []struct {
		name   string
		change func(q *Quote)
		fields []string
	}{
		{"no organization, owner", func(q *Quote) { q.OrganizationID, q.Owner, q.RequestedBy = "", "", "" }, []string{"organization_id", "owner"}},
		{"unknown status", func(q *Quote) { q.Status = "lost" }, []string{"status"}},
		{"unknown currency", func(q *Quote) { q.Currency = "eur" }, []string{"currency"}},
		{"no lines", func(q *Quote) { q.Lines = nil }, []string{"lines"}},
		{"line numbers", func(q *Quote) { q.Lines[1].No = 1; q.Lines[2].No = 0 }, []string{"lines[1].no", "lines[2].no"}},
		{"sku, name, kind", func(q *Quote) { q.Lines[0].SKU, q.Lines[0].Name, q.Lines[0].Kind = "!", " ", "gift" },
			[]string{"lines[0].sku", "lines[0].name", "lines[0].kind"}},
		{"unknown unit", func(q *Quote) { q.Lines[0].Unit = "bag" }, []string{"lines[0].unit"}},
		{"half a piece", func(q *Quote) { q.Lines[0].Quantity = 1500 }, []string{"lines[0].quantity"}},
		{"zero quantity", func(q *Quote) { q.Lines[0].Quantity = 0 }, []string{"lines[0].quantity"}},
		{"zero price", func(q *Quote) { q.Lines[0].UnitPrice = eur(0) }, []string{"lines[0].unit_price"}},
		{"negative price", func(q *Quote) { q.Lines[0].UnitPrice = eur(-5) }, []string{"lines[0].unit_price"}},
		{"included with a price", func(q *Quote) { q.Lines[2].UnitPrice = eur(100) }, []string{"lines[2].unit_price"}},
		{"line in another currency", func(q *Quote) { q.Lines[0].UnitPrice = money.MustNew(100, "USD") }, []string{"lines[0].unit_price"}},
		{"tax rate", func(q *Quote) { q.Lines[0].TaxRateBP = 10001 }, []string{"lines[0].tax_rate"}},
		{"licence without terms", func(q *Quote) { q.Lines[1].Licence = nil }, []string{"lines[1].licence"}},
		{"licence without seats or maintenance", func(q *Quote) { q.Lines[1].Licence = &LicenceTerms{} },
			[]string{"lines[1].licence.seats", "lines[1].licence.maintenance_months"}},
		{"licence terms on goods", func(q *Quote) { q.Lines[0].Licence = &LicenceTerms{Seats: 1, MaintenanceMonths: 1} }, []string{"lines[0].licence"}},
		{"service without kind", func(q *Quote) { q.Lines[2].Service = nil }, []string{"lines[2].service"}},
		{"unknown service", func(q *Quote) { q.Lines[2].Service = &ServiceTerms{Kind: "massage"} }, []string{"lines[2].service.kind"}},
		{"service terms on goods", func(q *Quote) { q.Lines[0].Service = &ServiceTerms{Kind: Delivery} }, []string{"lines[0].service"}},
		{"validity at creation", func(q *Quote) { q.ValidUntil = q.CreatedAt }, []string{"valid_until"}},
		{"validity before creation", func(q *Quote) { q.ValidUntil = q.CreatedAt.Add(-time.Hour) }, []string{"valid_until"}},
		{"validity missing", func(q *Quote) { q.ValidUntil = time.Time{} }, []string{"valid_until"}},
		{"payment terms", func(q *Quote) { q.PaymentTerms = "net90" }, []string{"payment_terms"}},
		{"winning points", func(q *Quote) { q.WinningPoints = []string{"Own fleet", " ", "Own fleet"} },
			[]string{"winning_points[1]", "winning_points[2]"}},
		{"revision", func(q *Quote) { q.Revision = 0 }, []string{"revision"}},
		{"sent without owner", func(q *Quote) { q.Owner, q.Status = "", StatusSent }, []string{"owner"}},
		{"draft made from scratch without owner", func(q *Quote) { q.Owner, q.RequestedBy = "", "" }, []string{"owner"}},
		{"all at once", func(q *Quote) {
			q.Owner, q.RequestedBy = "", ""
			q.Lines[0].Quantity = -1
			q.Lines[1].Kind = catalog.Goods
			q.Revision = 0
		}, []string{"owner", "lines[0].quantity", "lines[1].licence", "revision"}},
	}
	for _, tt := range tests {
		q := validQuote()
		tt.change(&q)
		err := q.Validate()
		e, ok := errs.As(err)
		if !ok || e.Code != errs.Invalid {
			t.Errorf("%s: err = %v, want invalid", tt.name, err)
			continue
		}
		var got []string
		for _, f := range e.Fields {
			if !slices.Contains(got, f.Field) {
				got = append(got, f.Field)
			}
		}
		if !slices.Equal(got, tt.fields) {
			t.Errorf("%s: fields %v, want %v", tt.name, got, tt.fields)
		}
	}
}

func TestValidateFractionalUnit(t *testing.T) {
	q := validQuote()
	q.Lines[0].Unit, q.Lines[0].Quantity = "m", 2500
	if err := q.Validate(); err != nil {
		t.Errorf("2.5 m refused: %v", err)
	}
	q.Lines[0].Unit = "" // no unit given: no whole-unit rule to apply
	if err := q.Validate(); err != nil {
		t.Errorf("2.5 without a unit refused: %v", err)
	}
}
