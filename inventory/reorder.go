package inventory

import (
	"time"

	"b2x/errs"
	"b2x/qty"
)

// ReorderPoint is when to buy more of a SKU for one warehouse (S22.3: goods
// always in stock): when what is available there falls below Point, order up to
// Point + Quantity.
type ReorderPoint struct {
	SKU       string
	Warehouse string
	Point     qty.Quantity
	Quantity  qty.Quantity // the usual batch bought on top of the point; zero: just back to the point
	UpdatedAt time.Time
	UpdatedBy string
}

// Validate checks the point and quantity as staff set them.
func (r ReorderPoint) Validate() error {
	var fs errs.Fields
	if r.Point < 0 {
		fs.Add("point", "must not be negative")
	}
	if r.Quantity < 0 {
		fs.Add("quantity", "must not be negative")
	}
	return fs.Err()
}

// Low reports whether the level has fallen below the reorder point.
func (r ReorderPoint) Low(l Level) bool { return l.Available() < r.Point }

// Suggest is how much to order for the level to reach Point + Quantity again;
// zero when it is not low. Whole-unit goods are rounded up to whole units.
func (r ReorderPoint) Suggest(l Level, whole bool) qty.Quantity {
	if !r.Low(l) {
		return 0
	}
	s := r.Point + r.Quantity - l.Available()
	if whole {
		if rem := s % qty.Scale; rem != 0 {
			s += qty.Scale - rem
		}
	}
	return s
}
