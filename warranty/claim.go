package warranty

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"b2x/errs"
)

// Status is where a warranty claim (an RMA) is.
type Status string

const (
	Submitted Status = "submitted" // the customer asked; the item is on its way
	Received  Status = "received"  // the item is with us
	Diagnosed Status = "diagnosed" // we know what is wrong (a defect may be recorded)
	Repaired  Status = "repaired"
	Replaced  Status = "replaced"
	Refunded  Status = "refunded"
	Rejected  Status = "rejected" // not covered: damage by the user, no fault found …; needs a reason
	Closed    Status = "closed"   // the item is back with the customer, or the case is done
)

// Statuses lists every status in the order they usually happen.
var Statuses = []Status{Submitted, Received, Diagnosed, Repaired, Replaced, Refunded, Rejected, Closed}

// next lists the allowed moves. A claim can be rejected before the item arrives
// (the product or fault is plainly not covered) or once it has been looked at; an
// outcome (repaired, replaced, refunded, rejected) is then closed.
var next = map[Status][]Status{
	Submitted: {Received, Rejected},
	Received:  {Diagnosed, Rejected},
	Diagnosed: {Repaired, Replaced, Refunded, Rejected},
	Repaired:  {Closed},
	Replaced:  {Closed},
	Refunded:  {Closed},
	Rejected:  {Closed},
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Next lists the statuses a claim in s may move to.
func (s Status) Next() []Status { return next[s] }

// Open reports whether a claim in s is still being handled: a registration has at
// most one open claim at a time.
func (s Status) Open() bool { return s.Valid() && s != Closed }

// Bounds of a claim's texts, in characters.
const (
	MaxProblem = 2000
	MaxNote    = 1000
)

// Claim is a warranty claim on a registered item.
type Claim struct {
	ID             string
	RegistrationID string
	PersonID       string
	SKU            string
	SerialNumber   string
	Problem        string // what the customer says is wrong
	Status         Status
	Reason         string // why it was rejected
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Transition is one move of a claim, with who made it, when, and a note.
type Transition struct {
	From Status
	To   Status
	At   time.Time
	By   string
	Note string
}

// NewClaim opens a claim on a registration at now. A claim after the warranty's
// end is refused with the end date in the error, so the customer sees why.
func NewClaim(id string, r *Registration, problem, by string, now time.Time) (Claim, Transition, error) {
	problem = strings.TrimSpace(problem)
	var fs errs.Fields
	checkText(&fs, "problem", problem, true, MaxProblem)
	if err := fs.Err(); err != nil {
		return Claim{}, Transition{}, err
	}
	if !r.Covers(now) {
		e := errs.EKey(errs.Conflict, "err.warranty.ended", "the warranty of {sku} serial {serial} ended on {until}; a claim is no longer possible",
			"sku", r.SKU, "serial", r.SerialNumber, "until", errs.Date(r.Until))
		e.Detail = map[string]any{"warranty_until": r.Until}
		return Claim{}, Transition{}, e
	}
	c := Claim{ID: id, RegistrationID: r.ID, PersonID: r.PersonID, SKU: r.SKU, SerialNumber: r.SerialNumber,
		Problem: problem, Status: Submitted, CreatedAt: now, UpdatedAt: now}
	return c, Transition{To: Submitted, At: now, By: by}, nil
}

// Move moves the claim to status to and returns the transition to record. A
// rejection needs a reason (the note); the claim is not changed when the move is
// refused.
func Move(c *Claim, to Status, note, by string, at time.Time) (Transition, error) {
	note = strings.TrimSpace(note)
	var fs errs.Fields
	if !to.Valid() {
		fs.Add("to", "unknown status %q", to)
	}
	if to == Rejected && note == "" {
		fs.Add("note", "a rejection needs the reason, which the customer is told")
	} else {
		checkText(&fs, "note", note, false, MaxNote)
	}
	if err := fs.Err(); err != nil {
		return Transition{}, err
	}
	if !slices.Contains(next[c.Status], to) {
		return Transition{}, &errs.Error{
			Code:    errs.Conflict,
			Message: "a claim that is " + string(c.Status) + " cannot become " + string(to),
			Detail:  map[string]any{"status": c.Status, "allowed": next[c.Status]},
		}
	}
	t := Transition{From: c.Status, To: to, At: at, By: by, Note: note}
	c.Status, c.UpdatedAt = to, at
	if to == Rejected {
		c.Reason = note
	}
	return t, nil
}

func checkText(fs *errs.Fields, field, s string, required bool, max int) {
	switch {
	case !utf8.ValidString(s) || strings.ContainsRune(s, 0):
		fs.AddKey(field, "err.not_text", "is not valid text")
	case required && s == "":
		fs.AddKey(field, "err.required", "is required")
	case utf8.RuneCountInString(s) > max:
		fs.AddKey(field, "err.too_long", "is longer than {max} characters", "max", max)
	}
}
