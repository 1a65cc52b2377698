package order

import (
	"slices"
	"time"
	"unicode/utf8"

	"b2x/errs"
)

// DeliverySlots are the parts of a day the company's own vehicles deliver in (S3).
var DeliverySlots = []string{"08-12", "12-16", "16-20"}

// Delivery is an order's place in the own delivery service's schedule.
type Delivery struct {
	OrderID   string
	Day       string // YYYY-MM-DD, the customer's day
	Slot      string // one of DeliverySlots
	Driver    string
	Vehicle   string
	Note      string
	UpdatedAt time.Time
	UpdatedBy string
}

// Date is the delivery's day as a time at midnight UTC.
func (d Delivery) Date() time.Time {
	t, _ := time.Parse(time.DateOnly, d.Day)
	return t
}

// CheckSchedule says whether an order may be put in the schedule of the own
// delivery service on that day: only orders going by own delivery, still on
// their way (placed, confirmed or shipped), on a real day, in a known slot.
func CheckSchedule(o Order, d Delivery) error {
	var fs errs.Fields
	if o.DeliveryMethod != OwnDelivery {
		fs.Add("delivery_method", "only orders delivered by our own service are scheduled; this one goes by %s", o.DeliveryMethod)
	}
	if o.Status != Placed && o.Status != Confirmed && o.Status != Shipped {
		fs.Add("status", "an order that is %s is not delivered any more", o.Status)
	}
	if t, err := time.Parse(time.DateOnly, d.Day); err != nil || t.Format(time.DateOnly) != d.Day {
		fs.Add("day", "must be a date like 2026-03-01")
	}
	if !slices.Contains(DeliverySlots, d.Slot) {
		fs.Add("slot", "must be one of 08-12, 12-16, 16-20")
	}
	for _, f := range []struct {
		name, v string
		max     int
	}{{"driver", d.Driver, 100}, {"vehicle", d.Vehicle, 100}, {"note", d.Note, 1000}} {
		if !utf8.ValidString(f.v) || utf8.RuneCountInString(f.v) > f.max {
			fs.Add(f.name, "is longer than %d characters", f.max)
		}
	}
	return fs.Err()
}
