package app

import (
	"context"

	"b2x/account"
	"b2x/errs"
	"b2x/ids"
	"b2x/store"
)

// The address book of the signed-in customer, for checkout. Another person's
// address is not found, never forbidden.

// Addresses lists the signed-in customer's addresses in the order they were added.
func (a *App) Addresses(ctx context.Context, actor Actor) ([]account.Address, error) {
	if err := requireCustomer(actor); err != nil {
		return nil, err
	}
	var out []account.Address
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.Addresses(ctx, actor.PersonID)
		return err
	})
	return out, err
}

// Address returns one of the signed-in customer's addresses.
func (a *App) Address(ctx context.Context, actor Actor, id string) (account.Address, error) {
	if err := requireCustomer(actor); err != nil {
		return account.Address{}, err
	}
	if !ids.Valid(id) {
		return account.Address{}, errs.E(errs.NotFound, "no address %s", id)
	}
	var out account.Address
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.Address(ctx, actor.PersonID, id)
		return err
	})
	return out, err
}

// AddAddress adds an address to the signed-in customer's book; a full book
// (account.MaxAddresses) is a conflict, even under concurrent adds.
func (a *App) AddAddress(ctx context.Context, actor Actor, addr account.Address) (account.Address, error) {
	if err := requireCustomer(actor); err != nil {
		return account.Address{}, err
	}
	now := a.clock()
	addr.ID, addr.PersonID, addr.CreatedAt, addr.UpdatedAt = ids.New(), actor.PersonID, now, now
	addr.Normalize()
	if err := addr.Validate(); err != nil {
		return account.Address{}, err
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		// Adds for one person queue on the account's row, so the count they read
		// includes every add before them.
		if err := tx.LockAccountOfPerson(ctx, actor.PersonID); err != nil {
			return err
		}
		n, err := tx.CountAddresses(ctx, actor.PersonID)
		if err != nil {
			return err
		}
		if n >= account.MaxAddresses {
			e := errs.EKey(errs.Conflict, "err.addresses.full", "an address book holds at most {max} addresses; delete one first", "max", account.MaxAddresses)
			e.Detail = map[string]any{"max": account.MaxAddresses}
			return e
		}
		return tx.InsertAddress(ctx, &addr)
	})
	if err != nil {
		return account.Address{}, err
	}
	return addr, nil
}

// UpdateAddress replaces the fields of one of the signed-in customer's addresses.
func (a *App) UpdateAddress(ctx context.Context, actor Actor, id string, addr account.Address) (account.Address, error) {
	if err := requireCustomer(actor); err != nil {
		return account.Address{}, err
	}
	if !ids.Valid(id) {
		return account.Address{}, errs.E(errs.NotFound, "no address %s", id)
	}
	addr.ID, addr.PersonID, addr.UpdatedAt = id, actor.PersonID, a.clock()
	addr.Normalize()
	if err := addr.Validate(); err != nil {
		return account.Address{}, err
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		old, err := tx.Address(ctx, actor.PersonID, id)
		if err != nil {
			return err
		}
		addr.CreatedAt = old.CreatedAt
		return tx.UpdateAddress(ctx, &addr)
	})
	if err != nil {
		return account.Address{}, err
	}
	return addr, nil
}

// DeleteAddress deletes one of the signed-in customer's addresses.
func (a *App) DeleteAddress(ctx context.Context, actor Actor, id string) error {
	if err := requireCustomer(actor); err != nil {
		return err
	}
	if !ids.Valid(id) {
		return errs.E(errs.NotFound, "no address %s", id)
	}
	return a.write(ctx, func(tx *store.Tx) error { return tx.DeleteAddress(ctx, actor.PersonID, id) })
}
