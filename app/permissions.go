package app

import (
	"b2x/errs"
	"b2x/staff"
)

// Can reports whether the actor is a staff user whose role grants p; the back
// office uses it to show only the actions a user may take.
func (a Actor) Can(p staff.Permission) bool {
	return a.Staff() && staff.Can(staff.Role(a.Role), p)
}

// require lets a use case go on only when the actor may take the action p: the
// public is told to sign in, a buyer and a staff user whose role lacks p are
// forbidden. The message names the permission so an owner knows what to grant.
func require(actor Actor, p staff.Permission) error {
	if err := requireStaff(actor); err != nil {
		return err
	}
	if !staff.Can(staff.Role(actor.Role), p) {
		return &errs.Error{Code: errs.Forbidden,
			Message: "the " + actor.Role + " role may not do this; it needs the " + string(p) + " permission",
			Detail:  map[string]any{"permission": string(p), "role": actor.Role}}
	}
	return nil
}
