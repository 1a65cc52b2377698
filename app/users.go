package app

import (
	"context"
	"strings"

	"b2x/errs"
	"b2x/ids"
	"b2x/staff"
	"b2x/store"
)

// AddUser creates a staff user. It is an operator's command (the CLI), so it takes
// no actor; the audit log names the operator "cli".
func (a *App) AddUser(ctx context.Context, email, name string, role staff.Role, password string) (staff.User, error) {
	return a.addUser(ctx, Actor{UserID: "cli", Role: string(staff.Owner)}, email, name, role, password)
}

// CreateStaffUser creates a staff user with a role; the owner's use case behind
// the staff screens.
func (a *App) CreateStaffUser(ctx context.Context, actor Actor, email, name string, role staff.Role, password string) (staff.User, error) {
	if err := require(actor, staff.StaffManage); err != nil {
		return staff.User{}, err
	}
	return a.addUser(ctx, actor, email, name, role, password)
}

// StaffUsers lists the staff users by email, without password hashes.
func (a *App) StaffUsers(ctx context.Context, actor Actor) ([]staff.User, error) {
	if err := require(actor, staff.StaffManage); err != nil {
		return nil, err
	}
	var out []staff.User
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.Users(ctx)
		return err
	})
	return out, err
}

func (a *App) addUser(ctx context.Context, actor Actor, email, name string, role staff.Role, password string) (staff.User, error) {
	email = strings.TrimSpace(email)
	var fs errs.Fields
	if !validEmail(email) {
		fs.Add("email", "is not an email address")
	}
	if !role.Valid() {
		fs.Add("role", "must be one of admin, sales_manager, account_manager, warehouse, marketing, support")
	}
	hash, err := staff.HashPassword(password)
	if err != nil {
		fs.Wrap("password", err)
	}
	if err := fs.Err(); err != nil {
		return staff.User{}, err
	}
	u := staff.User{ID: ids.New(), Email: email, Name: name, Role: role, PasswordHash: hash, CreatedAt: a.clock()}
	err = a.write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertUser(ctx, &u); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "staff.create", "user", u.ID,
			map[string]any{"email": u.Email, "name": u.Name, "role": u.Role}) // never the password hash
	})
	if err != nil {
		return staff.User{}, err
	}
	return u, nil
}

// CreateToken makes an API token for a staff user and returns it; only its hash is
// stored, so it is shown once.
func (a *App) CreateToken(ctx context.Context, email, name string) (string, error) {
	token, hash, err := staff.NewToken()
	if err != nil {
		return "", err
	}
	err = a.write(ctx, func(tx *store.Tx) error {
		u, err := tx.UserByEmail(ctx, email)
		if errs.CodeOf(err) == errs.NotFound {
			return errs.Field("user", "no user %s", email)
		}
		if err != nil {
			return err
		}
		if u.Disabled {
			return errs.Field("user", "%s is disabled", email)
		}
		id := ids.New()
		if err := tx.InsertToken(ctx, id, u.ID, hash, name, a.clock()); err != nil {
			return err
		}
		return a.audit(ctx, tx, Actor{UserID: "cli"}, "token.create", "user", u.ID, map[string]string{"token_id": id, "name": name})
	})
	return token, err
}

// Authenticate turns a bearer token into an actor: a staff user, or a buyer when
// the token is a contact token.
func (a *App) Authenticate(ctx context.Context, token string) (Actor, error) {
	var actor Actor
	hash := staff.HashToken(token)
	err := a.read(ctx, func(tx *store.Tx) error {
		u, err := tx.UserByTokenHash(ctx, hash)
		if errs.CodeOf(err) == errs.NotFound {
			actor, err = buyerByToken(ctx, tx, hash)
			return err
		}
		actor = Actor{UserID: u.ID, Role: string(u.Role)}
		return err
	})
	if errs.CodeOf(err) == errs.NotFound {
		return Actor{}, errs.E(errs.Unauthorized, "the token is not valid")
	}
	return actor, err
}

// Me is the signed-in staff user's own record, without the password hash: the
// back office's test-send form starts with the user's own address.
func (a *App) Me(ctx context.Context, actor Actor) (staff.User, error) {
	if !actor.Staff() {
		return staff.User{}, errs.E(errs.Unauthorized, "sign in as staff")
	}
	var u staff.User
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		u, err = tx.User(ctx, actor.UserID)
		return err
	})
	return u, err
}

// StaffNames names the staff users of ids that ledgers keep (Actor.Label), for
// pages that show who did something; an id that is not a staff user is left out.
func (a *App) StaffNames(ctx context.Context, actor Actor, ids ...string) (map[string]string, error) {
	if !actor.Staff() {
		return nil, errs.E(errs.Unauthorized, "sign in as staff")
	}
	out := map[string]string{}
	err := a.read(ctx, func(tx *store.Tx) error {
		for _, id := range ids {
			if _, ok := out[id]; ok {
				continue
			}
			u, err := tx.User(ctx, id)
			if errs.CodeOf(err) == errs.NotFound {
				continue
			}
			if err != nil {
				return err
			}
			out[id] = u.Name
		}
		return nil
	})
	return out, err
}
