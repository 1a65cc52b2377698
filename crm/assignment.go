package crm

import (
	"slices"
	"time"

	"b2x/errs"
)

// Assignment is one period in which Manager looked after an organization (S14). To is
// zero while it lasts. Reassignments close the old period rather than overwrite it,
// so "who was the manager when this deal was won" stays answerable.
type Assignment struct {
	OrganizationID string    `json:"organization_id"`
	Manager        string    `json:"manager"`
	From           time.Time `json:"from"`
	To             time.Time `json:"to,omitzero"`
	By             string    `json:"by"` // who made the assignment
}

// Current reports whether a has not ended.
func (a Assignment) Current() bool { return a.To.IsZero() }

// Reassign gives org to newManager from at: the current assignment, if any, ends at
// at and a new one begins. History may hold many organizations; it is not modified,
// a new slice is returned. Giving an organization to the manager it already has is a
// conflict, and so is a reassignment dated before the current one began.
func Reassign(history []Assignment, org, newManager string, at time.Time, by string) ([]Assignment, error) {
	var fs errs.Fields
	if org == "" {
		fs.Add("organization_id", "is required")
	}
	if newManager == "" {
		fs.Add("manager", "is required")
	}
	if by == "" {
		fs.Add("by", "is required")
	}
	if at.IsZero() {
		fs.Add("at", "is required")
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	out := slices.Clone(history)
	for i, a := range out {
		if a.OrganizationID != org || !a.Current() {
			continue
		}
		if a.Manager == newManager {
			return nil, errs.E(errs.Conflict, "%s already manages this organization", newManager)
		}
		if !at.After(a.From) {
			return nil, errs.E(errs.Conflict, "the reassignment must be later than the current assignment (%s)", a.From.Format(time.RFC3339))
		}
		out[i].To = at
	}
	return append(out, Assignment{OrganizationID: org, Manager: newManager, From: at, By: by}), nil
}

// ManagerAt returns who managed org at t: the assignment with From ≤ t < To.
func ManagerAt(history []Assignment, org string, t time.Time) (string, bool) {
	for _, a := range history {
		if a.OrganizationID == org && !t.Before(a.From) && (a.Current() || t.Before(a.To)) {
			return a.Manager, true
		}
	}
	return "", false
}
