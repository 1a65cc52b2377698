// Package licence is software sold in seats (S7): one licence per licence line of
// an order, for an organization, with the seats bought, what one seat costs for
// the term, the term itself and the maintenance (updates and support) period;
// renewal reminders; and seats added mid-term, priced pro rata by the days left.
//
// The package is pure: app/licences.go and store/licences.go persist it.
package licence

import (
	"time"

	"b2x/errs"
	"b2x/money"
)

// TermMonths is how long a licence runs from the day it is ordered. A quote line
// sets the maintenance period; a plain order gets maintenance for the term.
const TermMonths = 12

// MaxSeats bounds the seats of one licence, as quote lines do.
const MaxSeats = 1_000_000

// Licence is an organization's right to use a product with a number of seats.
type Licence struct {
	ID             string
	OrganizationID string
	SKU            string
	Name           string
	Seats          int
	// SeatPrice is the net price of one seat for the whole term: the line's net
	// divided by its seats, rounded once to minor units when the licence is made.
	SeatPrice money.Amount
	// The term runs from StartsAt up to, not including, EndsAt; maintenance
	// (updates, support) up to MaintenanceUntil.
	StartsAt         time.Time
	EndsAt           time.Time
	MaintenanceUntil time.Time
	OrderID          string
	LineNo           int
	QuoteID          string // set when the order came from a quote
	CreatedAt        time.Time
	UpdatedAt        time.Time
	Version          int
}

// New makes the licence a licence line of an order creates: seats, the line's
// net and the maintenance months (zero: the term) at the instant the order was
// placed.
func New(seats int, net money.Amount, maintenanceMonths int, at time.Time) (Licence, error) {
	if seats < 1 || seats > MaxSeats {
		return Licence{}, errs.Field("seats", "must be between 1 and %d", MaxSeats)
	}
	if maintenanceMonths < 0 {
		return Licence{}, errs.Field("maintenance_months", "must not be negative")
	}
	if maintenanceMonths == 0 {
		maintenanceMonths = TermMonths
	}
	seat, err := net.MulRat(1, int64(seats))
	if err != nil {
		return Licence{}, err
	}
	return Licence{Seats: seats, SeatPrice: seat, StartsAt: at, EndsAt: at.AddDate(0, TermMonths, 0),
		MaintenanceUntil: at.AddDate(0, maintenanceMonths, 0)}, nil
}

// Due is a licence whose term or maintenance ends soon.
type Due struct {
	Licence Licence
	What    string    // "term" or "maintenance"
	At      time.Time // when it ends
}

// DueForRenewal lists what of the licence ends within the window from now
// (inclusive of now, exclusive of now+within): its term, its maintenance, or both,
// earliest first. What has already ended is not due any more: it lapsed.
func DueForRenewal(l Licence, now time.Time, within time.Duration) []Due {
	var out []Due
	until := now.Add(within)
	for _, d := range []Due{{l, "term", l.EndsAt}, {l, "maintenance", l.MaintenanceUntil}} {
		if !d.At.Before(now) && d.At.Before(until) {
			out = append(out, d)
		}
	}
	if len(out) == 2 && out[1].At.Before(out[0].At) {
		out[0], out[1] = out[1], out[0]
	}
	return out
}
