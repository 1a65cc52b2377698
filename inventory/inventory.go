// Package inventory keeps stock as a ledger (S22.3: goods always in stock). Every
// change is a Movement; a Level's OnHand is the sum of its movements and never
// negative; Reserved is stock promised to someone (an accepted quote) and not yet sold.
package inventory

import (
	"regexp"
	"time"

	"b2x/errs"
	"b2x/qty"
)

// MovementKind says why stock changed.
type MovementKind string

const (
	Receipt    MovementKind = "receipt"    // goods arrived from a supplier
	Sale       MovementKind = "sale"       // goods left with an order
	Return     MovementKind = "return"     // a customer brought goods back
	Adjustment MovementKind = "adjustment" // a count found more or less than the books
	Transfer   MovementKind = "transfer"   // goods moved between warehouses (one row out, one row in)
)

// Movement is one row of the append-only stock ledger. Quantity is signed: what it
// added to (positive) or took from (negative) the warehouse's on-hand stock.
type Movement struct {
	ID        string
	SKU       string
	Warehouse string
	Kind      MovementKind
	Quantity  qty.Quantity
	Reference string // the order, transfer or document that caused it
	Note      string
	By        string // who recorded it: a user id, "checkout", "demo"
	At        time.Time
}

// Warehouse is a place that holds stock. Lower Priority is used first when an order
// takes stock.
type Warehouse struct {
	Code     string
	Name     string
	Priority int
}

var codePattern = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{0,31}$`)

// Validate checks the warehouse's fields.
func (w *Warehouse) Validate() error {
	var fs errs.Fields
	if !codePattern.MatchString(w.Code) {
		fs.Add("code", "must be 1–32 upper-case letters, digits, '_' or '-'")
	}
	if w.Name == "" || len(w.Name) > 200 {
		fs.Add("name", "is required and at most 200 characters")
	}
	if w.Priority < 0 || w.Priority > 1_000_000 {
		fs.Add("priority", "must be between 0 and 1,000,000")
	}
	return fs.Err()
}

// Level is the stock of one SKU in one warehouse.
type Level struct {
	SKU       string
	Warehouse string
	OnHand    qty.Quantity
	Reserved  qty.Quantity
}

// Available is what may still be sold or reserved.
func (l Level) Available() qty.Quantity { return l.OnHand - l.Reserved }

// Stock sums a SKU's levels over all warehouses.
type Stock struct {
	SKU      string
	OnHand   qty.Quantity
	Reserved qty.Quantity
}

// Available is what may still be sold or reserved.
func (s Stock) Available() qty.Quantity { return s.OnHand - s.Reserved }

// Sum adds up levels of one SKU.
func Sum(sku string, levels []Level) Stock {
	s := Stock{SKU: sku}
	for _, l := range levels {
		s.OnHand += l.OnHand
		s.Reserved += l.Reserved
	}
	return s
}

// Reservation holds stock for someone until it is sold, released or expires.
type Reservation struct {
	ID        string
	SKU       string
	Warehouse string
	Quantity  qty.Quantity
	Reference string
	ExpiresAt time.Time
	CreatedAt time.Time
}
