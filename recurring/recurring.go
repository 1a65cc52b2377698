// Package recurring is the "profit conveyor" (S22.7): an organization's standing
// order placed every N days, weeks or months, with a notice some days before each
// run so the buyer can change or pause it.
//
// Run dates are UTC calendar days (midnight). The nth run is counted from the
// first one, never from the previous run, so a monthly order that starts on the
// 31st runs on the last day of shorter months and back on the 31st after them.
//
// The package is pure: app/recurring.go places the orders through the normal
// checkout and store/recurring.go keeps the schedules and their runs.
package recurring

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"b2x/catalog"
	"b2x/errs"
	"b2x/order"
	"b2x/qty"
)

// Unit is what Every counts.
type Unit string

const (
	Day   Unit = "day"
	Week  Unit = "week"
	Month Unit = "month"
)

// Line is one SKU and quantity of the standing order; it is priced at each run.
type Line struct {
	SKU      string       `json:"sku"`
	Quantity qty.Quantity `json:"quantity"`
}

// Schedule is a standing order of one organization.
type Schedule struct {
	ID             string
	OrganizationID string
	ContactID      string // who the orders are placed for; empty: the organization
	Name           string
	Lines          []Line
	Every          int
	Unit           Unit
	StartsOn       time.Time // the first run
	NextRun        time.Time // the next run not yet made
	NoticeDays     int       // days before each run to tell the buyer; 0: no notice
	Active         bool
	// Delivery of every order the schedule places.
	DeliveryMethod  order.DeliveryMethod
	DeliveryAddress string
	CreatedBy       string
	CreatedAt       time.Time
	UpdatedAt       time.Time
	Version         int
}

// Limits on what a person would set up.
const (
	MaxLines      = 200
	MaxEvery      = 366
	MaxNoticeDays = 60
)

// Validate checks every field and reports all problems at once.
func (s *Schedule) Validate() error {
	var fs errs.Fields
	if s.OrganizationID == "" {
		fs.Add("organization_id", "is required")
	}
	switch {
	case !utf8.ValidString(s.Name) || strings.TrimSpace(s.Name) == "":
		fs.Add("name", "is required")
	case utf8.RuneCountInString(s.Name) > 200:
		fs.Add("name", "is longer than 200 characters")
	}
	switch {
	case len(s.Lines) == 0:
		fs.Add("lines", "a recurring order needs at least one line")
	case len(s.Lines) > MaxLines:
		fs.Add("lines", "at most %d lines", MaxLines)
	}
	var seen []string
	for i, l := range s.Lines {
		f := fmt.Sprintf("lines[%d]", i)
		switch {
		case !catalog.ValidSKU(l.SKU):
			fs.Add(f+".sku", "is not a valid SKU")
		case slices.Contains(seen, l.SKU):
			fs.Add(f+".sku", "%s appears on two lines; put the quantity on one", l.SKU)
		}
		seen = append(seen, l.SKU)
		if l.Quantity <= 0 || l.Quantity > order.MaxLineQuantity {
			fs.Add(f+".quantity", "must be more than 0 and at most %s", order.MaxLineQuantity)
		}
	}
	if s.Every < 1 || s.Every > MaxEvery {
		fs.Add("every", "must be between 1 and %d", MaxEvery)
	}
	switch s.Unit {
	case Day, Week, Month:
	default:
		fs.Add("unit", "must be one of day, week, month")
	}
	if s.StartsOn.IsZero() {
		fs.Add("starts_on", "is required")
	} else if !s.StartsOn.Equal(DayOf(s.StartsOn)) {
		fs.Add("starts_on", "must be a date (midnight UTC)")
	}
	if s.NoticeDays < 0 || s.NoticeDays > MaxNoticeDays {
		fs.Add("notice_days", "must be between 0 and %d", MaxNoticeDays)
	}
	if s.DeliveryMethod != "" && !s.DeliveryMethod.Valid() {
		fs.Add("delivery_method", "must be one of pickup, own_delivery, carrier")
	}
	if utf8.RuneCountInString(s.DeliveryAddress) > 1000 {
		fs.Add("delivery_address", "is longer than 1000 characters")
	}
	return fs.Err()
}

// DayOf is the UTC calendar day of t, at midnight.
func DayOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// RunDate is the date of run n (0 is the first) of a schedule starting on start.
// Months keep the start's day of the month, or the month's last day when it is
// shorter.
func RunDate(start time.Time, every int, unit Unit, n int) time.Time {
	start = DayOf(start)
	switch unit {
	case Day:
		return start.AddDate(0, 0, every*n)
	case Week:
		return start.AddDate(0, 0, 7*every*n)
	}
	y, m, d := start.Date()
	first := time.Date(y, m+time.Month(every*n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// After is the first run date strictly after t (the first run when t is before it).
func (s *Schedule) After(t time.Time) time.Time {
	if t.Before(DayOf(s.StartsOn)) {
		return DayOf(s.StartsOn)
	}
	// Estimate the run count from the elapsed days, then step to the exact one.
	per := s.Every
	switch s.Unit {
	case Week:
		per = 7 * s.Every
	case Month:
		per = 28 * s.Every
	}
	n := int(t.Sub(DayOf(s.StartsOn)).Hours()/24) / per
	for n > 0 && RunDate(s.StartsOn, s.Every, s.Unit, n).After(t) {
		n--
	}
	for !RunDate(s.StartsOn, s.Every, s.Unit, n).After(t) {
		n++
	}
	return RunDate(s.StartsOn, s.Every, s.Unit, n)
}

// Due reports whether the next run should be made at now.
func (s *Schedule) Due(now time.Time) bool { return s.Active && !s.NextRun.After(now) }

// NoticeFrom is when the notice of the next run may go out; zero when the
// schedule gives no notice.
func (s *Schedule) NoticeFrom() time.Time {
	if s.NoticeDays == 0 {
		return time.Time{}
	}
	return s.NextRun.AddDate(0, 0, -s.NoticeDays)
}

// IdempotencyKey is the checkout key of one run: the same run made twice (two
// sweeps at once, a retry after a crash) places one order.
func IdempotencyKey(scheduleID string, run time.Time) string {
	return "recurring:" + scheduleID + ":" + DayOf(run).Format(time.DateOnly)
}
