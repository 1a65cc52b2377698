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
// no actor.
func (a *App) AddUser(ctx context.Context, email, name string, role staff.Role, password string) (staff.User, error) {
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
		fs.Add("password", "%s", err)
	}
	if err := fs.Err(); err != nil {
		return staff.User{}, err
	}
	u := staff.User{ID: ids.New(), Email: email, Name: name, Role: role, PasswordHash: hash, CreatedAt: a.clock()}
	err = a.write(ctx, func(tx *store.Tx) error { return tx.InsertUser(ctx, &u) })
	return u, err
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
		return tx.InsertToken(ctx, ids.New(), u.ID, hash, name, a.clock())
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
