package app

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"b2x/account"
	"b2x/errs"
	"b2x/ids"
	"b2x/staff"
	"b2x/store"
)

// StaffChange is an owner's change to a staff user; nil fields stay as they are.
// Disabling ends the user's sessions in the same transaction, so they are out at
// once; their API tokens stop working while they are disabled.
type StaffChange struct {
	Name     *string
	Role     *staff.Role
	Disabled *bool
}

// staffState is what the audit log compares before and after a change: never the
// password hash.
type staffState struct {
	Name     string     `json:"name"`
	Role     staff.Role `json:"role"`
	Disabled bool       `json:"disabled"`
}

// UpdateStaffUser changes a staff user's name, role or status (owner only). The
// last enabled owner can be neither demoted nor disabled, so someone can always
// manage staff. The audit row holds each changed field's old and new value.
func (a *App) UpdateStaffUser(ctx context.Context, actor Actor, id string, ch StaffChange) (staff.User, error) {
	if err := require(actor, staff.StaffManage); err != nil {
		return staff.User{}, err
	}
	if !ids.Valid(id) {
		return staff.User{}, errs.E(errs.NotFound, "no staff user %s", id)
	}
	var fs errs.Fields
	if ch.Role != nil && !ch.Role.Valid() {
		fs.Add("role", "must be one of admin, sales_manager, account_manager, warehouse, marketing, support")
	}
	if ch.Name != nil {
		n := strings.TrimSpace(*ch.Name)
		ch.Name = &n
		if n == "" || utf8.RuneCountInString(n) > 200 {
			fs.Add("name", "is required and at most 200 characters")
		}
	}
	if err := fs.Err(); err != nil {
		return staff.User{}, err
	}
	var u staff.User
	err := a.write(ctx, func(tx *store.Tx) error {
		owners, err := tx.LockEnabledOwners(ctx)
		if err != nil {
			return err
		}
		if u, err = tx.LockUser(ctx, id); err != nil {
			return err
		}
		before := staffState{Name: u.Name, Role: u.Role, Disabled: u.Disabled}
		after := before
		if ch.Name != nil {
			after.Name = *ch.Name
		}
		if ch.Role != nil {
			after.Role = *ch.Role
		}
		if ch.Disabled != nil {
			after.Disabled = *ch.Disabled
		}
		if slices.Contains(owners, id) && len(owners) == 1 && (after.Role != staff.Owner || after.Disabled) {
			field := "role"
			if after.Disabled {
				field = "disabled"
			}
			return errs.Field(field, "%s is the last enabled owner; make another owner first", u.Email)
		}
		if after == before {
			return nil
		}
		if err := tx.UpdateUser(ctx, id, after.Name, after.Role); err != nil {
			return err
		}
		if after.Disabled != before.Disabled {
			var at time.Time
			if after.Disabled {
				at = a.clock()
			}
			if err := tx.SetUserDisabled(ctx, id, at); err != nil {
				return err
			}
			if after.Disabled {
				if _, err := tx.DeleteSessionsOf(ctx, account.Staff, id, ""); err != nil {
					return err
				}
			}
		}
		u.Name, u.Role, u.Disabled = after.Name, after.Role, after.Disabled
		return a.audit(ctx, tx, actor, "staff.update", "user", id, diff(before, after))
	})
	return u, err
}

// ResetStaffPassword sets a new password for a staff user (owner only) and ends
// their sessions, so whoever knew the old one is out. The audit row says that
// the password changed, never what to.
func (a *App) ResetStaffPassword(ctx context.Context, actor Actor, id, password string) error {
	if err := require(actor, staff.StaffManage); err != nil {
		return err
	}
	if !ids.Valid(id) {
		return errs.E(errs.NotFound, "no staff user %s", id)
	}
	hash, err := staff.HashPassword(password)
	if err != nil {
		return passwordError("password", err)
	}
	return a.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.LockUser(ctx, id); err != nil {
			return err
		}
		if err := tx.SetUserPassword(ctx, id, hash); err != nil {
			return err
		}
		if _, err := tx.DeleteSessionsOf(ctx, account.Staff, id, ""); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "staff.reset_password", "user", id, map[string]bool{"password_changed": true})
	})
}

// StaffUser returns one staff user, without the password hash (owner only).
func (a *App) StaffUser(ctx context.Context, actor Actor, id string) (staff.User, error) {
	if err := require(actor, staff.StaffManage); err != nil {
		return staff.User{}, err
	}
	if !ids.Valid(id) {
		return staff.User{}, errs.E(errs.NotFound, "no staff user %s", id)
	}
	var u staff.User
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		u, err = tx.User(ctx, id)
		return err
	})
	return u, err
}
