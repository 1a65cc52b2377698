package document

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"b2x/catalog"
	"b2x/money"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
	"b2x/quote"
	"b2x/supplier"
)

// sample is a quote of n goods lines plus a charged installation, an included
// delivery and a licence, for a customer with a Cyrillic name.
func sample(n int) Quote {
	at := time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)
	q := quote.Quote{ID: "q1", Number: "Q-100042", OrganizationID: "o1", Owner: "u1", Status: quote.StatusApproved,
		Currency: "EUR", ValidUntil: at.AddDate(0, 0, 30), PaymentTerms: party.Net30, Revision: 2,
		DeliveryTerms: "Доставка на объект в течение 5 дней", WinningPoints: []string{"Own fleet: delivery to the site next day"},
		CreatedAt: at, UpdatedAt: at}
	for i := range n {
		q.Lines = append(q.Lines, quote.Line{No: i + 1, SKU: fmt.Sprintf("BRK-%03d", i), Name: fmt.Sprintf("Кирпич облицовочный красный, партия %d — a long name that wraps in its column", i),
			Kind: catalog.Goods, Unit: "pcs", Quantity: qty.Units(int64(100 + i)), UnitPrice: money.MustNew(int64(85+i), "EUR"),
			TaxRateBP: 2000, PriceRule: pricing.Rule{Kind: pricing.OrganizationRule, Explanation: "price list \"Contract\" for the organization"}})
	}
	k := len(q.Lines)
	q.Lines = append(q.Lines,
		quote.Line{No: k + 1, SKU: "SVC-INS", Name: "Installation", Kind: catalog.Service, Unit: "h", Quantity: qty.Units(8),
			UnitPrice: money.MustNew(6000, "EUR"), TaxRateBP: 2000, Service: &quote.ServiceTerms{Kind: quote.Installation}},
		quote.Line{No: k + 2, SKU: "SVC-DLV", Name: "Delivery to the site", Kind: catalog.Service, Unit: "h", Quantity: qty.Units(1),
			UnitPrice: money.Zero("EUR"), TaxRateBP: 2000, Included: true, Service: &quote.ServiceTerms{Kind: quote.Delivery},
			PriceRule: pricing.Rule{Kind: "base", Explanation: "included at no charge (list price 50.00 EUR)"}},
		quote.Line{No: k + 3, SKU: "LIC-CAD", Name: "CAD suite", Kind: catalog.Licence, Unit: "seat", Quantity: qty.Units(5),
			UnitPrice: money.MustNew(40000, "EUR"), TaxRateBP: 2000, Licence: &quote.LicenceTerms{Seats: 5, MaintenanceMonths: 24}},
	)
	if err := q.Price(); err != nil {
		panic(err)
	}
	ps := []quote.Participant{{ContactID: "c1", Name: "Ольга Финансова", Role: party.FinancialApprover},
		{ContactID: "c2", Name: "Tess Tech", Role: party.TechnicalEvaluator}}
	v := quote.Evaluate(ps, []quote.Rule{{Role: party.FinancialApprover}, {Role: party.TechnicalEvaluator}},
		[]quote.Approval{{ContactID: "c1", Decision: quote.Approve, Revision: 2, At: at}}, q.Net)
	return Quote{Supplier: supplier.Demo(), Customer: party.Organization{LegalName: "ООО «Стройка» 🏗", TaxID: "7701234567",
		Address: "ул. Ленина 1\nМосква"}, RequestedBy: "Tess Tech", Quote: q, Participants: ps, Verdict: v, Printed: at}
}

func TestWriteQuote(t *testing.T) {
	d := sample(50)
	var plain bytes.Buffer
	if err := writeQuote(&plain, d, false); err != nil {
		t.Fatal(err)
	}
	pdf := plain.String()
	if !strings.HasPrefix(pdf, "%PDF-") || !strings.HasSuffix(strings.TrimSpace(pdf), "%%EOF") {
		t.Fatalf("not a PDF: %.40q … %.40q", pdf, pdf[len(pdf)-40:])
	}
	pages := len(regexp.MustCompile(`/Type /Page\b`).FindAllString(pdf, -1))
	if pages < 2 {
		t.Errorf("%d pages for 53 lines, want the table to run over at least 2", pages)
	}
	if !strings.Contains(pdf, "/FontName /utf8dejavu") || !strings.Contains(pdf, "/FontName /utf8dejavuB") {
		t.Error("the DejaVu fonts are not embedded")
	}
	text := pdfText(pdf)
	for _, want := range []string{
		"B2X Building Supplies GmbH", "VAT ID DE123456789", "QUOTE", "Q-100042", "2026-06-03 10:00 UTC",
		"ООО «Стройка» ?", "VAT ID 7701234567", "Requested by Tess Tech",
		"Кирпич облицовочный", "красный, партия 49", "BRK-049", "149 pcs", "€1.34", "€199.66", "20%",
		"Service: installation", "included", "Included at no charge", "Licence: 5 seats, updates and", "maintenance for 24 months",
		"Charged (net €2,480.00): installation (Installation): €480.00; CAD suite: €2,000.00.",
		"Included at no charge: delivery (Delivery to the site).",
		"Payment: within 30 days of the invoice.", "Delivery: Доставка на объект в течение 5 дней",
		"valid until 3 June 2026, 10:00 UTC", "• Own fleet: delivery to the site next day",
		"1 of 2 key people approve; waiting for technical evaluator.", "• Financial approver: approved by Ольга Финансова",
		"• Technical evaluator: waiting", "IBAN DE89 3704 0044 0532 0130 00",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not say %q", want)
		}
	}
	for p := 1; p <= pages; p++ {
		if !strings.Contains(text, fmt.Sprintf("page %d/%d", p, pages)) {
			t.Errorf("no footer \"page %d/%d\"", p, pages)
		}
	}
	totals := fmt.Sprintf("Total%s", amount(d.Quote.Total))
	if !strings.Contains(text, totals) {
		t.Errorf("the PDF does not print the total %q", totals)
	}

	var a, b bytes.Buffer
	if err := WriteQuote(&a, d); err != nil {
		t.Fatal(err)
	}
	if err := WriteQuote(&b, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same quote printed twice differs")
	}
	if a.Len() >= plain.Len() {
		t.Errorf("compressed %d bytes, uncompressed %d", a.Len(), plain.Len())
	}
}

func TestLineDetail(t *testing.T) {
	d := sample(1)
	got := []string{lineDetail(d.Quote.Lines[1]), lineDetail(d.Quote.Lines[2]), lineDetail(d.Quote.Lines[3])}
	want := []string{"Service: installation",
		"Service: delivery. Included at no charge (included at no charge (list price 50.00 EUR))",
		"Licence: 5 seats, updates and maintenance for 24 months"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: %q, want %q", i, got[i], want[i])
		}
	}
	if printable("a\x00b\tc😀\nd") != "a b c?\nd" {
		t.Errorf("printable: %q", printable("a\x00b\tc😀\nd"))
	}
}

// pdfText pulls the text shown by an uncompressed PDF's "(…)Tj" operators, which
// fpdf writes as UTF-16BE for UTF-8 fonts right after each "Td".
func pdfText(pdf string) string {
	var out strings.Builder
	for _, m := range regexp.MustCompile(`(?s)Td \((.*?[^\\])\)Tj`).FindAllStringSubmatch(pdf, -1) {
		var raw []byte
		s := m[1]
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c != '\\' || i+1 == len(s) {
				raw = append(raw, c)
				continue
			}
			i++
			switch e := s[i]; {
			case e >= '0' && e <= '7':
				n := 0
				for j := 0; j < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; j++ {
					n = n*8 + int(s[i]-'0')
					i++
				}
				i--
				raw = append(raw, byte(n))
			case e == 'n':
				raw = append(raw, '\n')
			case e == 'r':
				raw = append(raw, '\r')
			default:
				raw = append(raw, e)
			}
		}
		u := make([]uint16, len(raw)/2)
		for i := range u {
			u[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
		}
		out.WriteString(string(utf16.Decode(u)))
	}
	return out.String()
}

// BenchmarkQuotePDF renders a quote of 50 goods lines and 3 service and licence
// lines.
func BenchmarkQuotePDF(b *testing.B) {
	d := sample(50)
	var buf bytes.Buffer
	b.ReportAllocs()
	var ru0, ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	n := 0
	for ; b.Loop(); n++ {
		buf.Reset()
		if err := WriteQuote(&buf, d); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time per PDF, which other load on the machine inflates less than wall time.
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano()
	b.ReportMetric(float64(cpu)/float64(n)/1e6, "cpu-ms/op")
	b.ReportMetric(float64(buf.Len()), "bytes")
}
