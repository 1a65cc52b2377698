// Package warranty is after-sales service (S18, S19, S22.2): a bought item
// registered for warranty, claims against that warranty (RMA) with their status
// machine, and the defects found, counted per SKU so that the products that fail
// can be fixed or dropped. Pure: app/warranty.go persists it.
package warranty

import (
	"strings"
	"time"
	"unicode/utf8"

	"b2x/errs"
)

// MaxSerial bounds a serial number.
const MaxSerial = 64

// Registration is one item a person registered for warranty.
type Registration struct {
	ID           string
	PersonID     string
	SKU          string
	SerialNumber string
	OrderID      string // the order it was bought with, when it was bought here
	PurchasedAt  time.Time
	Until        time.Time // the last moment the warranty covers: see Until
	CreatedAt    time.Time
	CreatedBy    string
}

// Until is the end of a warranty of months that starts at purchase. A purchase
// on 31 January with one month runs to the end of 28 (or 29) February, not to 3
// March as time.AddDate would have it.
func Until(purchased time.Time, months int) time.Time {
	y, m, d := purchased.Date()
	first := time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, purchased.Location())
	last := first.AddDate(0, 1, -1).Day()
	if d > last {
		d = last
	}
	h, mi, s := purchased.Clock()
	return time.Date(first.Year(), first.Month(), d, h, mi, s, purchased.Nanosecond(), purchased.Location())
}

// Covers reports whether the warranty still covers a claim made at t.
func (r *Registration) Covers(t time.Time) bool { return !t.After(r.Until) }

// Validate checks what the person (or staff for them) entered. now bounds the
// purchase date: nobody registers an item bought tomorrow.
func (r *Registration) Validate(now time.Time) error {
	var fs errs.Fields
	if r.PersonID == "" {
		fs.Add("person_id", "is required")
	}
	if r.SKU == "" {
		fs.Add("sku", "is required")
	}
	r.SerialNumber = strings.TrimSpace(r.SerialNumber)
	switch {
	case r.SerialNumber == "":
		fs.AddKey("serial_number", "err.required", "is required")
	case utf8.RuneCountInString(r.SerialNumber) > MaxSerial:
		fs.AddKey("serial_number", "err.too_long", "is longer than {max} characters", "max", MaxSerial)
	case strings.ContainsFunc(r.SerialNumber, func(c rune) bool { return c < 0x20 || c == 0x7f || c == utf8.RuneError }):
		fs.AddKey("serial_number", "err.printable", "may hold only printable characters")
	}
	switch {
	case r.PurchasedAt.IsZero():
		fs.AddKey("purchased_at", "err.required", "is required")
	case r.PurchasedAt.After(now):
		fs.AddKey("purchased_at", "err.date.future", "is in the future")
	case r.PurchasedAt.Year() < 1990:
		fs.AddKey("purchased_at", "err.date.before_1990", "is before 1990")
	}
	return fs.Err()
}
