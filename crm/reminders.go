package crm

import (
	"cmp"
	"slices"
	"time"
)

// DefaultLeads are how long before a tender's deadline reminders fall due.
var DefaultLeads = []time.Duration{7 * 24 * time.Hour, 2 * 24 * time.Hour, 24 * time.Hour}

// Reminder says a tender's deadline is near.
type Reminder struct {
	TenderID       string        `json:"tender_id"`
	OrganizationID string        `json:"organization_id"`
	Title          string        `json:"title"`
	Deadline       time.Time     `json:"deadline"`
	Lead           time.Duration `json:"lead"` // which reminder this is: 7 days, 2 days, …
	Left           time.Duration `json:"left"` // time from now to the deadline
}

// DueReminders lists the tenders whose deadline is near: still open or being bid on,
// not submitted, deadline not yet passed. For each such tender it gives one reminder,
// for the shortest lead whose time has come (Deadline − lead ≤ now), so a job run
// every hour sees "7 days" until two days remain, then "2 days"; the caller sends
// each (tender, lead) once. Nil leads means DefaultLeads. Sorted by deadline, then id.
func DueReminders(tenders []Tender, now time.Time, leads []time.Duration) []Reminder {
	if leads == nil {
		leads = DefaultLeads
	}
	var out []Reminder
	for _, t := range tenders {
		if s := t.Status(); s != TenderOpen && s != TenderBidding || !t.Deadline.After(now) {
			continue
		}
		left := t.Deadline.Sub(now)
		var best time.Duration
		for _, l := range leads {
			if l > 0 && left <= l && (best == 0 || l < best) {
				best = l
			}
		}
		if best > 0 {
			out = append(out, Reminder{TenderID: t.ID, OrganizationID: t.OrganizationID, Title: t.Title,
				Deadline: t.Deadline, Lead: best, Left: left})
		}
	}
	slices.SortFunc(out, func(a, b Reminder) int {
		return cmp.Or(a.Deadline.Compare(b.Deadline), cmp.Compare(a.TenderID, b.TenderID))
	})
	return out
}
