package order

import (
	"slices"

	"b2x/errs"
)

// Status is where an order is in fulfilment.
type Status string

const (
	Placed    Status = "placed"
	Confirmed Status = "confirmed"
	Shipped   Status = "shipped"
	Delivered Status = "delivered"
	Completed Status = "completed"
	Cancelled Status = "cancelled"
	Returned  Status = "returned"
)

// Statuses lists every status in the order they usually happen.
var Statuses = []Status{Placed, Confirmed, Shipped, Delivered, Completed, Cancelled, Returned}

// next lists the allowed moves. Confirmed may go straight to delivered for pickups
// and service-only orders, which never ship.
var next = map[Status][]Status{
	Placed:    {Confirmed, Cancelled},
	Confirmed: {Shipped, Delivered, Cancelled},
	Shipped:   {Delivered, Returned},
	Delivered: {Completed, Returned},
	Completed: {Returned},
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Next lists the statuses an order in s may move to.
func (s Status) Next() []Status { return next[s] }

// CheckTransition says whether an order may move from one status to another.
func CheckTransition(from, to Status) error {
	if !to.Valid() {
		return errs.Field("to", "unknown status %q", to)
	}
	if !slices.Contains(next[from], to) {
		return &errs.Error{
			Code:    errs.Conflict,
			Message: "an order that is " + string(from) + " cannot become " + string(to),
			Detail:  map[string]any{"status": from, "allowed": next[from]},
		}
	}
	return nil
}

// ReturnsStock reports whether moving into s gives the order's goods back to stock.
func ReturnsStock(s Status) bool { return s == Cancelled || s == Returned }
