package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"slices"
	"strings"
	texttemplate "text/template"
	"time"

	"b2x/locale"
	"b2x/money"
)

// The transactional letters. Each has templates/NAME.txt (text/template,
// defining "subject" and "text") and templates/NAME.html (html/template,
// defining "html"), wrapped in layout.txt and layout.html. Every string comes
// from the locale catalogs (keys mail.*), so a letter exists in en, ru and fa.

// Recipient is what every letter knows of whom it goes to.
type Recipient struct {
	Name string // for the greeting; empty greets without a name
	// Unsubscribe is the link that ends the subscription a letter was sent
	// for; empty for letters that are not subscriptions.
	Unsubscribe string
}

// Letter is the data of one transactional letter.
type Letter interface{ template() string }

// OrderConfirmation is sent when an order is placed.
type OrderConfirmation struct {
	Recipient
	Number           string
	PlacedAt         time.Time // in the zone to show
	Lines            []OrderLine
	Adjustments      []OrderAdjustment // discounts (negative) and fees, after the lines
	Net, Tax, Total  money.Amount
	PricesIncludeTax bool
	Delivery         string // an order.DeliveryMethod: pickup, own_delivery or carrier
	Address          string
}

// OrderLine is one line of an OrderConfirmation.
type OrderLine struct {
	SKU, Name string
	Quantity  string // a qty.Quantity's String
	Unit      string
	Total     money.Amount
}

// OrderAdjustment is a discount or a fee of an OrderConfirmation: its label as
// the order stores it, and its amount as the lines are shown (with tax for
// tax-inclusive prices).
type OrderAdjustment struct {
	Label  string
	Amount money.Amount
}

// PasswordReset carries the link that sets a new password.
type PasswordReset struct {
	Recipient
	Link string
}

// CareInstructions is sent when an order is delivered, for the products in it
// that come with care instructions (S18).
type CareInstructions struct {
	Recipient
	Number   string
	Products []CareProduct
}

// CareProduct is one product of CareInstructions.
type CareProduct struct{ SKU, Name, Care string }

// BackInStock tells a subscriber that a product is available again.
type BackInStock struct {
	Recipient
	SKU, Product, Link string
}

// NewArrivals tells a subscriber about new products in a category or brand.
type NewArrivals struct {
	Recipient
	Topic    string // the category's name or the brand
	Products []Arrival
}

// Arrival is one product of NewArrivals.
type Arrival struct{ SKU, Name, Link string }

// PortalLink carries a one-time link that signs a company's contact in to the
// buyer portal.
type PortalLink struct {
	Recipient
	Organization string
	Link         string
}

// RecurringNotice tells a buyer that a standing order will be placed soon.
type RecurringNotice struct {
	Recipient
	Schedule string // the standing order's name
	RunOn    time.Time
	Lines    []NoticeLine
	Link     string // the standing order's page in the portal
}

// NoticeLine is one line of a RecurringNotice.
type NoticeLine struct {
	SKU, Name string
	Quantity  string // a qty.Quantity's String
	Unit      string
}

// LicenceRenewal reminds a buyer that a licence's maintenance ends soon.
type LicenceRenewal struct {
	Recipient
	Product string
	Seats   int64
	Until   time.Time
	Days    int // whole days left, for the wording
	Link    string
}

func (PortalLink) template() string      { return "portal_link" }
func (RecurringNotice) template() string { return "recurring_notice" }
func (LicenceRenewal) template() string  { return "licence_renewal" }

func (OrderConfirmation) template() string { return "order_confirmation" }
func (PasswordReset) template() string     { return "password_reset" }
func (CareInstructions) template() string  { return "care_instructions" }
func (BackInStock) template() string       { return "back_in_stock" }
func (NewArrivals) template() string       { return "new_arrivals" }

//go:embed templates
var templateFiles embed.FS

type letterTemplates struct {
	text *texttemplate.Template
	html *htmltemplate.Template
}

// templates are parsed once, at start, with placeholder functions; Render binds
// the language's printer to a clone.
var templates = mustParse("order_confirmation", "password_reset", "care_instructions", "back_in_stock", "new_arrivals",
	"portal_link", "recurring_notice", "licence_renewal")

func placeholderFuncs() map[string]any {
	fs := locale.NewPrinter(locale.Default(), nil).Funcs()
	fs["lang"] = func() string { return "" }
	fs["dir"] = func() string { return "" }
	return fs
}

func mustParse(names ...string) map[string]letterTemplates {
	out := map[string]letterTemplates{}
	for _, n := range names {
		text := texttemplate.Must(texttemplate.New(n).Funcs(placeholderFuncs()).
			ParseFS(templateFiles, "templates/layout.txt", "templates/"+n+".txt"))
		html := htmltemplate.Must(htmltemplate.New(n).Funcs(placeholderFuncs()).
			ParseFS(templateFiles, "templates/layout.html", "templates/"+n+".html"))
		out[n] = letterTemplates{text: text, html: html}
	}
	return out
}

// Render fills a message's subject, text and HTML from a letter, in language
// lang (en, ru or fa; anything else is en). The caller sets From, To and
// Headers. A catalog key missing in the language is an error, not a letter with
// a hole in it.
func Render(lang string, l Letter) (Message, error) {
	tpl, ok := templates[l.template()]
	if !ok {
		return Message{}, fmt.Errorf("mail: no letter %q", l.template())
	}
	loc, ok := locale.Get(lang)
	if !ok {
		loc = locale.Default()
	}
	var missing []string
	p := locale.NewPrinter(loc, func(_, key string) { missing = append(missing, key) })
	fs := p.Funcs()
	fs["lang"] = func() string { return loc.Code }
	fs["dir"] = func() string { return loc.Dir }

	text, err := tpl.text.Clone()
	if err != nil {
		return Message{}, err
	}
	text.Funcs(fs)
	html, err := tpl.html.Clone()
	if err != nil {
		return Message{}, err
	}
	html.Funcs(fs)

	var subject, body, markup bytes.Buffer
	if err := text.ExecuteTemplate(&subject, "subject", l); err != nil {
		return Message{}, fmt.Errorf("mail: %s: %w", l.template(), err)
	}
	if err := text.ExecuteTemplate(&body, "layout", l); err != nil {
		return Message{}, fmt.Errorf("mail: %s: %w", l.template(), err)
	}
	if err := html.ExecuteTemplate(&markup, "layout", l); err != nil {
		return Message{}, fmt.Errorf("mail: %s: %w", l.template(), err)
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return Message{}, fmt.Errorf("mail: %s in %s: no text for %s", l.template(), loc.Code, strings.Join(slices.Compact(missing), ", "))
	}
	return Message{
		// A subject is one line; names in it that span lines are joined.
		Subject: strings.Join(strings.Fields(subject.String()), " "),
		Text:    body.String(),
		HTML:    markup.String(),
	}, nil
}
