package locale

import (
	"strconv"

	"b2x/money"
)

// MissingFunc is told about every key a Printer could not translate, so that
// a test or a handler's logger can catch it.
type MissingFunc func(code, key string)

// Printer translates and formats for one locale. Make one per request
// (NewPrinter is cheap) and bind its methods into the templates as t,
// plural, number, date and money. A Printer is safe for concurrent use.
type Printer struct {
	loc       Locale
	cat       catalog
	onMissing MissingFunc
}

// NewPrinter returns a Printer for l; onMissing may be nil. A locale that is
// not one of Supported gets the default (en).
func NewPrinter(l Locale, onMissing MissingFunc) *Printer {
	c, ok := catalogs[l.Code]
	if !ok {
		l = Default()
		c = catalogs[l.Code]
	}
	return &Printer{loc: l, cat: c, onMissing: onMissing}
}

// Locale returns the printer's locale (for lang and dir attributes).
func (p *Printer) Locale() Locale { return p.loc }

// T translates key. args are name/value pairs filling {name} placeholders:
//
//	p.T("order.number", "number", o.Number)
//
// Values are printed with fmt.Sprint, so format numbers, money and dates
// with the Printer first. A placeholder without a value stays as written. A
// key that is missing, or is a plural key, gives "⟦key⟧" and is reported to
// the MissingFunc.
func (p *Printer) T(key string, args ...any) string {
	e, ok := p.cat[key]
	if !ok || e.plural() {
		return p.missing(key)
	}
	return fill(e.text, args)
}

// Plural translates a plural key for count, choosing the form by the CLDR
// plural rules of the locale; {count} is count in the locale's digits and
// args fill the other placeholders as in T. A missing or non-plural key gives
// "⟦key⟧" and is reported.
func (p *Printer) Plural(key string, count int, args ...any) string {
	return p.plural(key, strconv.Itoa(count), args)
}

// PluralDecimal is Plural for a fractional count given as a plain decimal
// string such as qty.Quantity.String gives ("2.5"): fractions take the
// form CLDR gives them (other in en and ru). {count} is Decimal(q).
func (p *Printer) PluralDecimal(key, q string, args ...any) string {
	return p.plural(key, q, args)
}

func (p *Printer) plural(key, q string, args []any) string {
	e, ok := p.cat[key]
	if !ok || !e.plural() {
		return p.missing(key)
	}
	text, ok := e.forms[pluralCategory(p.loc.Tag, q)]
	if !ok {
		text, ok = e.forms["other"]
	}
	if !ok {
		return p.missing(key)
	}
	all := append([]any{"count", p.Decimal(q)}, args...)
	return fill(text, all)
}

// Money formats a with money.Amount.Format for the locale ("€12.50",
// "12,50 €", Persian digits in fa).
func (p *Printer) Money(a money.Amount) string {
	return a.Format(p.loc.Code)
}

func (p *Printer) missing(key string) string {
	if p.onMissing != nil {
		p.onMissing(p.loc.Code, key)
	}
	return "⟦" + key + "⟧"
}

// Funcs returns the printer's methods under the names templates use, for
// html/template's Template.Funcs on each request (a template.FuncMap is a
// map[string]any): t, plural, number, decimal, date, money.
func (p *Printer) Funcs() map[string]any {
	return map[string]any{
		"t":       p.T,
		"plural":  p.Plural,
		"number":  p.Number,
		"decimal": p.Decimal,
		"date":    p.Date,
		"money":   p.Money,
	}
}
