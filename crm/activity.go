package crm

import (
	"fmt"
	"slices"
	"time"

	"b2x/errs"
)

// Kind is what sort of contact an activity is. S11 ranks them: a personal meeting
// first, else a call; an email has less effect.
type Kind string

const (
	KindMeeting Kind = "meeting"
	KindCall    Kind = "call"
	KindEmail   Kind = "email"
	KindNote    Kind = "note" // a record of something learned; nothing to do, so no due date
	KindTask    Kind = "task"
)

// Kinds lists every kind.
var Kinds = []Kind{KindMeeting, KindCall, KindEmail, KindNote, KindTask}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return slices.Contains(Kinds, k) }

// Activity is a meeting, call, email, note or task. For a meeting or call Due is when
// it starts; for a task or email when it should be done. DoneAt is zero until done.
type Activity struct {
	ID             string    `json:"id"`
	Kind           Kind      `json:"kind"`
	Subject        string    `json:"subject"`
	Notes          string    `json:"notes,omitempty"`
	Due            time.Time `json:"due,omitzero"`
	DoneAt         time.Time `json:"done_at,omitzero"`
	Owner          string    `json:"owner"`
	OrganizationID string    `json:"organization_id,omitempty"`
	PersonID       string    `json:"person_id,omitempty"`
	ContactIDs     []string  `json:"contact_ids,omitempty"`
	OpportunityID  string    `json:"opportunity_id,omitempty"`
	CreatedAt      time.Time `json:"created_at"`
}

// Done reports whether a has been done.
func (a Activity) Done() bool { return !a.DoneAt.IsZero() }

// Validate checks every field and reports all problems at once. Meetings, calls and
// tasks need a due date (they are things that happen at a time); a note has none.
// An activity about nobody is allowed: internal tasks are activities too.
func (a *Activity) Validate() error {
	var fs errs.Fields
	if !a.Kind.Valid() {
		fs.Add("kind", "must be one of meeting, call, email, note, task")
	}
	checkText(&fs, "subject", a.Subject, MaxTitle, true)
	checkText(&fs, "notes", a.Notes, MaxNotes, false)
	switch a.Kind {
	case KindMeeting, KindCall, KindTask:
		if a.Due.IsZero() {
			fs.Add("due", "is required for a %s", a.Kind)
		}
	case KindNote:
		if !a.Due.IsZero() {
			fs.Add("due", "a note has no due date")
		}
	}
	if a.Owner == "" {
		fs.Add("owner", "is required")
	}
	if a.CreatedAt.IsZero() {
		fs.Add("created_at", "is required")
	}
	if a.Done() && a.DoneAt.Before(a.CreatedAt) {
		fs.Add("done_at", "is earlier than the activity was created")
	}
	for i, c := range a.ContactIDs {
		if c == "" || slices.Index(a.ContactIDs, c) < i {
			fs.Add(fmt.Sprintf("contact_ids[%d]", i), "is empty or appears twice")
		}
	}
	return fs.Err()
}
