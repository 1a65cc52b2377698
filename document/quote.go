package document

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"b2x/catalog"
	"b2x/money"
	"b2x/party"
	"b2x/quote"
	"b2x/supplier"
)

// Quote is everything printed on a quote.
type Quote struct {
	Supplier     supplier.Details
	Customer     party.Organization
	RequestedBy  string // the contact's name, when the quote answers a request
	Quote        quote.Quote
	Participants []quote.Participant
	Verdict      quote.Verdict
	Printed      time.Time
}

// Page geometry in millimetres (A4 portrait).
const (
	margin  = 15.0
	width   = 210.0 - 2*margin
	lineH   = 4.6
	smallH  = 3.8
	rowPad  = 1.2
	fontPt  = 9.0
	smallPt = 7.5
)

// column widths of the lines table: no, SKU, description, quantity, unit price,
// tax, net, total; they add up to width.
var cols = []float64{7, 25, 56, 18, 21, 11, 21, 21}

// WriteQuote renders the quote as a PDF to w.
func WriteQuote(w io.Writer, d Quote) error { return writeQuote(w, d, true) }

// writeQuote is WriteQuote; tests turn compression off to read the PDF's text maps.
func writeQuote(w io.Writer, d Quote, compress bool) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(compress)
	pdf.SetMargins(margin, margin, margin)
	pdf.SetAutoPageBreak(true, margin+8)
	pdf.AddUTF8FontFromBytes(family, "", sansRegular)
	pdf.AddUTF8FontFromBytes(family, "B", sansBold)
	q := d.Quote
	title := fmt.Sprintf("Quote %s", q.Number)
	pdf.SetTitle(printable(title), true)
	pdf.SetAuthor(printable(d.Supplier.Name), true)
	pdf.SetCreator("b2x", true)
	// Fixed dates and sorted catalogs make the same quote print the same bytes.
	pdf.SetCatalogSort(true)
	pdf.SetCreationDate(d.Printed)
	pdf.SetModificationDate(d.Printed)
	pdf.AliasNbPages("{nb}")
	pdf.SetFooterFunc(func() {
		pdf.SetY(-margin - 2)
		pdf.SetFont(family, "", smallPt)
		pdf.SetTextColor(90, 90, 90)
		left := d.Supplier.Name
		if d.Supplier.IBAN != "" {
			left += " · IBAN " + d.Supplier.IBAN
		}
		pdf.CellFormat(width*0.75, smallH, printable(left), "T", 0, "L", false, 0, "")
		pdf.CellFormat(width*0.25, smallH, fmt.Sprintf("%s · page %d/{nb}", printable(q.Number), pdf.PageNo()), "T", 0, "R", false, 0, "")
		pdf.SetTextColor(0, 0, 0)
	})
	pdf.AddPage()

	header(pdf, d)
	linesTable(pdf, q)
	totals(pdf, q)
	services(pdf, q)
	terms(pdf, d)
	winningPoints(pdf, q)
	approvals(pdf, d)

	return pdf.Output(w)
}

func header(pdf *fpdf.Fpdf, d Quote) {
	q, s := d.Quote, d.Supplier
	top := pdf.GetY()
	pdf.SetFont(family, "B", 13)
	pdf.MultiCell(width*0.55, 6, printable(s.Name), "", "L", false)
	pdf.SetFont(family, "", fontPt)
	var contact []string
	contact = append(contact, strings.Split(s.Address, "\n")...)
	if s.VATID != "" {
		contact = append(contact, "VAT ID "+s.VATID)
	}
	for _, v := range []string{s.Phone, s.Email, s.Website} {
		if v != "" {
			contact = append(contact, v)
		}
	}
	for _, l := range contact {
		pdf.CellFormat(width*0.55, lineH, printable(l), "", 2, "L", false, 0, "")
	}
	leftEnd := pdf.GetY()

	pdf.SetXY(margin+width*0.55, top)
	pdf.SetFont(family, "B", 16)
	pdf.CellFormat(width*0.45, 8, "QUOTE", "", 2, "R", false, 0, "")
	pdf.SetFont(family, "", fontPt)
	facts := [][2]string{
		{"Number", q.Number},
		{"Revision", fmt.Sprint(q.Revision)},
		{"Date", d.Printed.UTC().Format(time.DateOnly)},
		{"Valid until", q.ValidUntil.UTC().Format("2006-01-02 15:04 UTC")},
		{"Status", string(q.Status)},
	}
	for _, f := range facts {
		pdf.SetX(margin + width*0.55)
		pdf.CellFormat(width*0.2, lineH, f[0], "", 0, "R", false, 0, "")
		pdf.SetFont(family, "B", fontPt)
		pdf.CellFormat(width*0.25, lineH, printable(f[1]), "", 2, "R", false, 0, "")
		pdf.SetFont(family, "", fontPt)
	}
	pdf.SetY(max(leftEnd, pdf.GetY()) + 4)

	c := d.Customer
	pdf.SetFont(family, "B", fontPt)
	pdf.CellFormat(width, lineH, "For", "", 1, "L", false, 0, "")
	pdf.SetFont(family, "", fontPt)
	lines := []string{c.LegalName}
	lines = append(lines, strings.Split(c.Address, "\n")...)
	if c.TaxID != "" {
		lines = append(lines, "VAT ID "+c.TaxID)
	}
	if d.RequestedBy != "" {
		lines = append(lines, "Requested by "+d.RequestedBy)
	}
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			pdf.CellFormat(width, lineH, printable(l), "", 1, "L", false, 0, "")
		}
	}
	pdf.Ln(4)
}

func linesTable(pdf *fpdf.Fpdf, q quote.Quote) {
	heads := []string{"#", "SKU", "Description", "Quantity", "Unit price", "Tax", "Net", "Total"}
	aligns := []string{"R", "L", "L", "R", "R", "R", "R", "R"}
	head := func() {
		pdf.SetFont(family, "B", smallPt)
		pdf.SetFillColor(235, 235, 235)
		for i, h := range heads {
			pdf.CellFormat(cols[i], lineH+1, h, "B", 0, aligns[i], true, 0, "")
		}
		pdf.Ln(-1)
	}
	head()
	for _, l := range q.Lines {
		desc := []string{l.Name}
		if extra := lineDetail(l); extra != "" {
			desc = append(desc, extra)
		}
		pdf.SetFont(family, "", fontPt)
		nameLines := pdf.SplitText(printable(desc[0]), cols[2])
		pdf.SetFont(family, "", smallPt)
		var detailLines []string
		if len(desc) > 1 {
			detailLines = pdf.SplitText(printable(desc[1]), cols[2])
		}
		h := float64(len(nameLines))*lineH + float64(len(detailLines))*smallH + rowPad
		_, pageH := pdf.GetPageSize()
		if pdf.GetY()+h > pageH-margin-8 {
			pdf.AddPage()
			head()
		}
		y := pdf.GetY()
		x := margin
		pdf.SetFont(family, "", fontPt)
		cells := []string{fmt.Sprint(l.No), l.SKU, "", quantity(l), amount(l.UnitPrice), catalog.FormatTaxRate(l.TaxRateBP) + "%",
			amount(l.Net), amount(l.Gross)}
		if l.Included {
			cells[4] = "included"
		}
		for i, c := range cells {
			if i == 2 {
				pdf.SetXY(x, y)
				for _, nl := range nameLines {
					pdf.CellFormat(cols[2], lineH, nl, "", 2, "L", false, 0, "")
				}
				pdf.SetFont(family, "", smallPt)
				pdf.SetTextColor(80, 80, 80)
				for _, dl := range detailLines {
					pdf.CellFormat(cols[2], smallH, dl, "", 2, "L", false, 0, "")
				}
				pdf.SetTextColor(0, 0, 0)
				pdf.SetFont(family, "", fontPt)
			} else {
				pdf.SetXY(x, y)
				pdf.CellFormat(cols[i], lineH, printable(c), "", 0, aligns[i], false, 0, "")
			}
			x += cols[i]
		}
		pdf.SetDrawColor(220, 220, 220)
		pdf.Line(margin, y+h, margin+width, y+h)
		pdf.SetDrawColor(0, 0, 0)
		pdf.SetXY(margin, y+h)
	}
	pdf.Ln(2)
}

// lineDetail says what kind of cost a line is (S8): a service and which, licence
// seats and maintenance, or a cost included at no charge with its list price.
func lineDetail(l quote.Line) string {
	var parts []string
	switch {
	case l.Service != nil:
		parts = append(parts, "Service: "+strings.ReplaceAll(string(l.Service.Kind), "_", " "))
	case l.Licence != nil:
		parts = append(parts, fmt.Sprintf("Licence: %d seats, updates and maintenance for %d months", l.Licence.Seats,
			l.Licence.MaintenanceMonths))
	}
	if l.Included {
		parts = append(parts, "Included at no charge ("+l.PriceRule.Explanation+")")
	}
	return strings.Join(parts, ". ")
}

func totals(pdf *fpdf.Fpdf, q quote.Quote) {
	rows := [][2]string{{"Net", amount(q.Net)}, {"Tax", amount(q.Tax)}, {"Total", amount(q.Total)}}
	for i, r := range rows {
		style := ""
		if i == len(rows)-1 {
			style = "B"
		}
		pdf.SetFont(family, style, fontPt)
		pdf.SetX(margin + width - 70)
		pdf.CellFormat(40, lineH+0.5, r[0], "", 0, "R", false, 0, "")
		pdf.CellFormat(30, lineH+0.5, printable(r[1]), "", 1, "R", false, 0, "")
	}
	pdf.Ln(3)
}

// services sums the services and licences apart, so the buyer sees up front what
// set-up, training and maintenance cost and what comes included (S8).
func services(pdf *fpdf.Fpdf, q quote.Quote) {
	var charged, included []string
	total := money.Zero(q.Currency)
	for _, l := range q.Lines {
		if l.Service == nil && l.Licence == nil {
			continue
		}
		what := l.Name
		if l.Service != nil {
			what = strings.ReplaceAll(string(l.Service.Kind), "_", " ") + " (" + l.Name + ")"
		}
		if l.Included {
			included = append(included, what)
			continue
		}
		charged = append(charged, what+": "+amount(l.Net))
		total, _ = total.Add(l.Net)
	}
	if len(charged)+len(included) == 0 {
		return
	}
	section(pdf, "Services and licences")
	if len(charged) > 0 {
		paragraph(pdf, fmt.Sprintf("Charged (net %s): %s.", amount(total), strings.Join(charged, "; ")))
	}
	if len(included) > 0 {
		paragraph(pdf, "Included at no charge: "+strings.Join(included, "; ")+".")
	}
	if len(charged) > 0 || len(included) > 0 {
		paragraph(pdf, "Nothing else is needed to use what this quote covers; any further service is quoted separately before it is done.")
	}
}

func terms(pdf *fpdf.Fpdf, d Quote) {
	q := d.Quote
	section(pdf, "Terms")
	paragraph(pdf, "Payment: "+paymentText(q.PaymentTerms)+".")
	if q.DeliveryTerms != "" {
		paragraph(pdf, "Delivery: "+q.DeliveryTerms)
	}
	paragraph(pdf, "This quote is valid until "+q.ValidUntil.UTC().Format("2 January 2006, 15:04 UTC")+
		". Prices are net; tax is added at the rate shown on each line.")
	if d.Supplier.Terms != "" {
		paragraph(pdf, d.Supplier.Terms)
	}
}

func winningPoints(pdf *fpdf.Fpdf, q quote.Quote) {
	if len(q.WinningPoints) == 0 {
		return
	}
	section(pdf, "Why us")
	for _, p := range q.WinningPoints {
		paragraph(pdf, "• "+p)
	}
}

// approvals prints where the buying center stands (S6, S16): who must approve
// at this total, who has, and any standing rejection.
func approvals(pdf *fpdf.Fpdf, d Quote) {
	v := d.Verdict
	section(pdf, "Approvals")
	paragraph(pdf, capitalize(v.Summary)+".")
	for _, r := range v.Required {
		state := "waiting"
		switch {
		case r.Approved():
			var names []string
			for _, p := range r.ApprovedBy {
				names = append(names, p.Name)
			}
			state = "approved by " + strings.Join(names, ", ")
		case !r.Held():
			state = "nobody in the buying center holds this role yet"
		}
		paragraph(pdf, fmt.Sprintf("• %s: %s (%s)", roleText(r.Role), state, strings.Join(r.Because, "; ")))
	}
	for _, r := range v.Rejections {
		paragraph(pdf, fmt.Sprintf("• Rejected by %s on %s: %s", r.Name, r.At.UTC().Format(time.DateOnly), r.Reason))
	}
}

func section(pdf *fpdf.Fpdf, title string) {
	pdf.Ln(1)
	pdf.SetFont(family, "B", 10)
	pdf.CellFormat(width, 6, title, "", 1, "L", false, 0, "")
	pdf.SetFont(family, "", fontPt)
}

func paragraph(pdf *fpdf.Fpdf, s string) {
	pdf.SetFont(family, "", fontPt)
	pdf.MultiCell(width, lineH, printable(s), "", "L", false)
}

func amount(a money.Amount) string { return a.Format("en") }

func quantity(l quote.Line) string {
	s := l.Quantity.String()
	if l.Unit != "" {
		s += " " + l.Unit
	}
	return s
}

func paymentText(t party.PaymentTerms) string {
	switch t {
	case party.Prepaid:
		return "in advance, before delivery"
	case party.Net30:
		return "within 30 days of the invoice"
	case party.Net60:
		return "within 60 days of the invoice"
	}
	return "as agreed"
}

func roleText(r party.Role) string { return capitalize(strings.ReplaceAll(string(r), "_", " ")) }

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	return string(r)
}
