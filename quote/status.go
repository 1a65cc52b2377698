package quote

import (
	"slices"

	"b2x/errs"
)

// Status is where a quote is on its way from a draft to an order.
//
// The constants carry a Status prefix because Expired is also the function that
// tells whether a quote's validity has run out.
type Status string

const (
	StatusDraft     Status = "draft"     // being prepared by the sales manager; the buyer does not see it
	StatusSent      Status = "sent"      // offered to the buyer; the buying center is deciding
	StatusApproved  Status = "approved"  // every required role has approved (see Evaluate)
	StatusAccepted  Status = "accepted"  // the buyer accepted it; stock may be reserved for it
	StatusOrdered   Status = "ordered"   // converted into an order
	StatusRejected  Status = "rejected"  // someone in the buying center said no; a revision may answer it
	StatusExpired   Status = "expired"   // its validity ran out before it was ordered
	StatusWithdrawn Status = "withdrawn" // the seller took it back, or the buyer called it off
)

// Statuses lists every status in the order they usually happen.
var Statuses = []Status{
	StatusDraft, StatusSent, StatusApproved, StatusAccepted, StatusOrdered,
	StatusRejected, StatusExpired, StatusWithdrawn,
}

// next lists the allowed moves.
//
// Going back to draft is how a revision starts (see Revise): the buyer asked for
// other numbers, or the CFO said it is over budget. An accepted quote is not revised:
// the buyer has committed to its numbers and stock may be held for it; changing it
// means withdrawing it and quoting again. Drafts do not expire, because the buyer
// never saw their date; the manager sets a new one before sending.
var next = map[Status][]Status{
	StatusDraft:    {StatusSent, StatusWithdrawn},
	StatusSent:     {StatusApproved, StatusRejected, StatusExpired, StatusWithdrawn, StatusDraft},
	StatusApproved: {StatusAccepted, StatusRejected, StatusExpired, StatusWithdrawn, StatusDraft},
	StatusAccepted: {StatusOrdered, StatusExpired, StatusWithdrawn},
	StatusRejected: {StatusDraft, StatusExpired, StatusWithdrawn},
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Next lists the statuses a quote in s may move to.
func (s Status) Next() []Status { return next[s] }

// Final reports whether nothing can happen to a quote in s any more: ordered,
// expired and withdrawn. Rejected is not final, because a revision may win the
// buyer back.
func (s Status) Final() bool { return s.Valid() && len(next[s]) == 0 }

// CheckTransition says whether a quote may move from one status to another.
func CheckTransition(from, to Status) error {
	if !to.Valid() {
		return errs.Field("to", "unknown status %q", to)
	}
	if !slices.Contains(next[from], to) {
		return &errs.Error{
			Code:    errs.Conflict,
			Message: "a quote that is " + string(from) + " cannot become " + string(to),
			Detail:  map[string]any{"status": from, "allowed": next[from]},
		}
	}
	return nil
}
