package quote

import (
	"slices"
	"testing"

	"b2x/errs"
	"b2x/party"
	"b2x/qty"
)

func priced(t *testing.T, q Quote) Quote {
	t.Helper()
	if err := q.Price(); err != nil {
		t.Fatal(err)
	}
	return q
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name   string
		change func(q *Quote)
		want   []string
	}{
		{"nothing", func(q *Quote) {}, nil},
		{"quantity", func(q *Quote) { q.Lines[0].Quantity = qty.Units(12) }, []string{
			"quantity of BRK-1 changed from 10 to 12",
			"total changed from 2550.00 EUR to 2580.00 EUR",
		}},
		{"price", func(q *Quote) { q.Lines[1].UnitPrice = eur(38000) }, []string{
			"unit price of CAD-SEAT changed from 400.00 to 380.00 EUR",
			"total changed from 2550.00 EUR to 2430.00 EUR",
		}},
		{"line added", func(q *Quote) { q.Lines = append(q.Lines, serviceLine(4, "SVC-DLV", Delivery, 5000)) }, []string{
			"added SVC-DLV Service SVC-DLV: 1 h at 50.00 EUR",
			"total changed from 2550.00 EUR to 2610.00 EUR",
		}},
		{"line removed", func(q *Quote) { q.Lines = q.Lines[1:] }, []string{
			"removed BRK-1 Item BRK-1: 10 pcs at 12.50 EUR",
			"total changed from 2550.00 EUR to 2400.00 EUR",
		}},
		{"included and charged", func(q *Quote) {
			q.Lines[2].Included, q.Lines[2].UnitPrice = false, eur(10000)
		}, []string{
			"unit price of SVC-TRAIN changed from 0.00 to 100.00 EUR",
			"SVC-TRAIN is now charged",
			"total changed from 2550.00 EUR to 2670.00 EUR",
		}},
		{"licence terms and tax", func(q *Quote) {
			q.Lines[1].Licence = &LicenceTerms{Seats: 5, MaintenanceMonths: 24}
			q.Lines[1].TaxRateBP = 950
		}, []string{
			"tax rate of CAD-SEAT changed from 20% to 9.5%",
			"maintenance of CAD-SEAT changed from 12 to 24 months",
			"total changed from 2550.00 EUR to 2340.00 EUR",
		}},
		{"terms and validity", func(q *Quote) {
			q.ValidUntil = q.ValidUntil.AddDate(0, 0, 14)
			q.PaymentTerms = "prepaid"
			q.DeliveryTerms = "DAP site, 2 weeks"
			q.WinningPoints = []string{"Service in 24 h", "10-year warranty"}
		}, []string{
			"valid until changed from 2026-03-31 to 2026-04-14",
			"payment terms changed from net30 to prepaid",
			`delivery terms changed from "DAP site, 4 weeks" to "DAP site, 2 weeks"`,
			`added winning point "10-year warranty"`,
			`removed winning point "Own fleet"`,
		}},
		{"validity within one day", func(q *Quote) { q.ValidUntil = q.ValidUntil.Add(8 * 3600e9) }, []string{
			"valid until changed from 2026-03-31 09:00:00 to 2026-03-31 17:00:00",
		}},
	}
	for _, tt := range tests {
		old := priced(t, validQuote())
		nq := validQuote()
		tt.change(&nq)
		nq = priced(t, nq)
		var got []string
		for _, c := range Diff(old, nq) {
			got = append(got, c.Text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestDiffFields(t *testing.T) {
	old := priced(t, validQuote())
	nq := validQuote()
	nq.Lines[0].Quantity = qty.Units(12)
	nq = priced(t, nq)
	cs := Diff(old, nq)
	want := Change{Field: "lines.quantity", SKU: "BRK-1", From: "10", To: "12", Text: "quantity of BRK-1 changed from 10 to 12"}
	if len(cs) == 0 || cs[0] != want {
		t.Errorf("%+v", cs)
	}
}

func TestDiffRepeatedSKU(t *testing.T) {
	old := validQuote()
	old.Lines = append(old.Lines, goodsLine(4, "BRK-1", 2, 1250))
	nq := validQuote()
	nq.Lines = append(nq.Lines, goodsLine(4, "BRK-1", 3, 1250))
	var got []string
	for _, c := range Diff(old, nq) {
		got = append(got, c.Text)
	}
	if !slices.Equal(got, []string{"quantity of BRK-1 changed from 2 to 3"}) {
		t.Errorf("%q", got)
	}
}

func TestRevise(t *testing.T) {
	later := t0.AddDate(0, 0, 3)
	for _, s := range Statuses {
		q := validQuote()
		q.Status = s
		err := Revise(&q, later)
		revisable := s == StatusSent || s == StatusApproved || s == StatusRejected
		if revisable != (err == nil) {
			t.Errorf("%s: err = %v", s, err)
			continue
		}
		if err != nil {
			if errs.CodeOf(err) != errs.Conflict || q.Revision != 1 || q.Status != s {
				t.Errorf("%s: refused revision changed the quote or code %s", s, errs.CodeOf(err))
			}
			continue
		}
		if q.Status != StatusDraft || q.Revision != 2 || !q.UpdatedAt.Equal(later) {
			t.Errorf("%s: revised to %s rev %d at %s", s, q.Status, q.Revision, q.UpdatedAt)
		}
	}
}

func TestForRevision(t *testing.T) {
	a1, a2 := approve("anna", 1), approve("chen", 2)
	a1.Revision, a2.Revision = 1, 2
	r := reject("boris", 3, "over budget")
	r.Revision = 1
	got := ForRevision([]Approval{a1, r, a2}, 2)
	if len(got) != 1 || got[0].ContactID != "chen" {
		t.Errorf("%+v", got)
	}
	// The old rejection no longer blocks the new numbers.
	v := Evaluate(center, nil, got, eur(100))
	if len(v.Rejections) != 0 || !slices.Equal(v.Approved, []party.Role{party.TechnicalEvaluator}) {
		t.Errorf("%+v", v)
	}
}
