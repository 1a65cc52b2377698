package locale

import (
	"strconv"
	"time"
)

// monthNames are the CLDR wide format ("genitive") month names of the
// Gregorian calendar.
var monthNames = map[string][12]string{
	"en": {"January", "February", "March", "April", "May", "June", "July",
		"August", "September", "October", "November", "December"},
	"ru": {"января", "февраля", "марта", "апреля", "мая", "июня", "июля",
		"августа", "сентября", "октября", "ноября", "декабря"},
	// Persian names of the Gregorian months, with the ezafe CLDR uses in
	// dates ("۲ ژانویهٔ ۲۰۰۶").
	"fa": {"ژانویهٔ", "فوریهٔ", "مارس", "آوریل", "مهٔ", "ژوئن", "ژوئیهٔ",
		"اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"},
}

// Date formats the calendar date of t, in t's own location (convert to the
// shop's or the customer's zone first), in the CLDR long style:
// "January 2, 2006" (en), "2 января 2006 г." (ru), "۲ ژانویهٔ ۲۰۰۶" (fa).
//
// fa uses the Gregorian calendar with Persian month names and digits, not
// the Solar Hijri calendar: orders, invoices and quotes carry Gregorian
// dates everywhere else in b2x, and one calendar keeps them comparable.
func (p *Printer) Date(t time.Time) string {
	y, m, d := t.Date()
	day := p.localDigits(strconv.Itoa(d))
	year := p.localDigits(strconv.Itoa(y))
	month := monthNames[p.loc.Code][m-1]
	switch p.loc.Code {
	case "ru":
		return day + " " + month + " " + year + "\u00a0г."
	case "fa":
		return day + " " + month + " " + year
	default:
		return month + " " + day + ", " + year
	}
}
