// Package quote is the B2B offer (S5, S7, S8, S10): goods, service and licence
// lines priced net with tax added, every cost shown including the ones given for
// free, the buying center that has to approve it (S6, S16), revisions with what
// changed, services suggested from the buyer's profile (S3), and expiry.
//
// The package is pure: the app layer stores quotes and runs these rules inside its
// transactions.
package quote

import (
	"time"

	"b2x/catalog"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
)

// ServiceKind says what a service line is (S3).
type ServiceKind string

const (
	Delivery     ServiceKind = "delivery" // to the customer's site
	Installation ServiceKind = "installation"
	Setup        ServiceKind = "setup"
	Training     ServiceKind = "training"
	Maintenance  ServiceKind = "maintenance"
	Consulting   ServiceKind = "consulting"
	// OnSitePaperwork is S3's "sign all documents and take payment at the
	// customer's office", for buyers without their own accounting.
	OnSitePaperwork ServiceKind = "on_site_paperwork"
)

// ServiceKinds lists the service kinds.
var ServiceKinds = []ServiceKind{Delivery, Installation, Setup, Training, Maintenance, Consulting, OnSitePaperwork}

// ServiceTerms describes a service line.
type ServiceTerms struct {
	Kind ServiceKind
}

// LicenceTerms describes a licence line: how many seats, and for how many months
// updates and maintenance come with them (S7).
type LicenceTerms struct {
	Seats             int
	MaintenanceMonths int
}

// Line is one line of a quote. Prices are net (B2B) and tax is added on top.
type Line struct {
	No        int
	SKU       string
	Name      string
	Kind      catalog.Kind
	Unit      string
	Quantity  qty.Quantity
	UnitPrice money.Amount // net
	TaxRateBP int
	Net       money.Amount
	Tax       money.Amount
	Gross     money.Amount
	PriceRule pricing.Rule
	Service   *ServiceTerms // set on service lines only
	Licence   *LicenceTerms // set on licence lines only
	// Included marks a cost that is part of the deal at no charge: it is still
	// listed, at zero, so the buyer sees everything the quote covers (S8).
	Included bool
}

// Quote is an offer to an organization.
type Quote struct {
	ID             string
	Number         string
	OrganizationID string
	RequestedBy    string // contact id; empty for a quote made from scratch
	Owner          string // staff user id of the sales manager
	Status         Status
	Currency       string
	Lines          []Line
	// Net, Tax and Total are the sums of the lines, filled by Price.
	Net           money.Amount
	Tax           money.Amount
	Total         money.Amount
	ValidUntil    time.Time // the quote holds up to and including this instant
	PaymentTerms  party.PaymentTerms
	DeliveryTerms string
	WinningPoints []string // from the company's shared library (S10), the same for every buyer
	Revision      int      // 1 for the first version sent; see Revise
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Price fills every line's net, tax and gross and the quote's totals. It reuses the
// order's rules so that a quote and the order made from it cannot differ by a cent.
func (q *Quote) Price() error {
	o := order.Order{Currency: q.Currency, Lines: make([]order.Line, len(q.Lines))}
	for i := range q.Lines {
		ol := q.Lines[i].OrderLine()
		if err := order.PriceLine(&ol, false); err != nil {
			return err
		}
		q.Lines[i].Net, q.Lines[i].Tax, q.Lines[i].Gross = ol.Net, ol.Tax, ol.Gross
		o.Lines[i] = ol
	}
	if err := o.Sum(); err != nil {
		return err
	}
	q.Net, q.Tax, q.Total = o.Net, o.Tax, o.Total
	return nil
}

// OrderLine is the line as an order line, for pricing and for converting an
// accepted quote into an order.
func (l Line) OrderLine() order.Line {
	return order.Line{
		No: l.No, SKU: l.SKU, Name: l.Name, Kind: l.Kind, Unit: l.Unit,
		Quantity: l.Quantity, UnitPrice: l.UnitPrice, TaxRateBP: l.TaxRateBP,
		Net: l.Net, Tax: l.Tax, Gross: l.Gross, PriceRule: l.PriceRule,
	}
}

// hasService reports whether the quote already has a service line of kind k,
// charged or included.
func hasService(lines []Line, k ServiceKind) bool {
	for _, l := range lines {
		if l.Service != nil && l.Service.Kind == k {
			return true
		}
	}
	return false
}

// hasKind reports whether any line is of product kind k.
func hasKind(lines []Line, k catalog.Kind) bool {
	for _, l := range lines {
		if l.Kind == k {
			return true
		}
	}
	return false
}
