package app

import (
	"context"
	"time"

	"b2x/account"
	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/qty"
	"b2x/store"
)

// Carts kept across visits. A signed-in customer (Actor.PersonID) has one cart,
// found by the person, on every device; anyone else has a guest cart found by a
// random token the shop keeps in a cookie. The server makes every token, so a
// client cannot choose one, and stores only its SHA-256. Carts hold SKUs and
// quantities, not prices: checkout prices them.

// CartItem is a cart line with what the shop shows of its product.
type CartItem struct {
	SKU      string
	Name     string
	Unit     string
	Kind     catalog.Kind
	Quantity qty.Quantity
	// Available is false when the product is no longer sold in the shop
	// (discontinued or withdrawn since it was added); the line can only be removed.
	Available bool
}

// CartView is a cart as the shop shows it.
type CartView struct {
	Lines     []CartItem
	UpdatedAt time.Time // zero for a cart that does not exist yet
	// Token is set when SetCartLine started a new guest cart: the shop puts it in
	// the cart cookie. Otherwise empty.
	Token string
	// Dropped lists SKUs of a merged guest cart that did not fit (account.MaxCartLines).
	Dropped []string
}

// Cart returns the actor's cart: a signed-in customer's own, else the guest
// cart of token. An unknown or expired token is an empty cart, not an error.
func (a *App) Cart(ctx context.Context, actor Actor, token string) (CartView, error) {
	var v CartView
	err := a.read(ctx, func(tx *store.Tx) error {
		c, ok, err := actorCart(ctx, tx, actor, token)
		if !ok || err != nil {
			return err
		}
		v, err = cartView(ctx, tx, c.Lines, c.UpdatedAt)
		return err
	})
	return v, err
}

// actorCart finds the actor's cart: a signed-in customer's own, else the guest
// cart of token; ok is false when there is none.
func actorCart(ctx context.Context, tx *store.Tx, actor Actor, token string) (c store.CartRecord, ok bool, err error) {
	switch {
	case actor.PersonID != "":
		c, err = tx.PersonCart(ctx, actor.PersonID)
	case account.WellFormed(token):
		c, err = tx.GuestCart(ctx, account.HashToken(token))
	default:
		return c, false, nil
	}
	if errs.CodeOf(err) == errs.NotFound {
		return c, false, nil
	}
	return c, err == nil, err
}

// CartLines is how many lines the actor's cart holds (see Cart), for the badge
// every page shows; zero without a cart.
func (a *App) CartLines(ctx context.Context, actor Actor, token string) (int, error) {
	var n int
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		switch {
		case actor.PersonID != "":
			n, err = tx.PersonCartSize(ctx, actor.PersonID)
		case account.WellFormed(token):
			n, err = tx.GuestCartSize(ctx, account.HashToken(token))
		}
		return err
	})
	return n, err
}

// SetCartLine sets how much of sku is in the actor's cart (see Cart); quantity
// 0 removes the line. The SKU must be sold in the shop (active and visible in
// b2c) unless the line is being removed; a cart holds at most
// account.MaxCartLines lines. Without a guest cart (no token, or an unknown or
// expired one) a new one is made and its token returned in CartView.Token.
func (a *App) SetCartLine(ctx context.Context, actor Actor, token, sku string, quantity qty.Quantity) (CartView, error) {
	var fs errs.Fields
	if !catalog.ValidSKU(sku) {
		fs.AddKey("sku", "err.sku", "is not a valid SKU")
	}
	fs.Wrap("", account.CheckQuantity("quantity", quantity))
	if err := fs.Err(); err != nil {
		return CartView{}, err
	}
	var v CartView
	err := a.write(ctx, func(tx *store.Tx) error {
		v = CartView{}
		now := a.clock()
		if quantity > 0 {
			p, err := tx.Product(ctx, sku)
			if errs.CodeOf(err) == errs.NotFound || (err == nil && !p.Sellable(catalog.B2C)) {
				return errs.FieldKey("sku", "err.cart.no_product", "no product {sku} in the shop", "sku", sku)
			}
			if err != nil {
				return err
			}
			if err := checkUnit(p, quantity, "quantity"); err != nil {
				return err
			}
		}
		cartID, newToken, err := cartForWrite(ctx, tx, actor, token, quantity > 0, now)
		if err != nil || cartID == "" {
			return err // nothing to remove from a cart that does not exist
		}
		lines, err := tx.CartLines(ctx, cartID)
		if err != nil {
			return err
		}
		if lines, err = account.SetLine(lines, sku, quantity); err != nil {
			return err
		}
		if quantity == 0 {
			err = tx.DeleteCartLine(ctx, cartID, sku)
		} else {
			err = tx.SetCartLine(ctx, cartID, sku, quantity)
		}
		if err != nil {
			return err
		}
		if v, err = cartView(ctx, tx, lines, now); err != nil {
			return err
		}
		v.Token = newToken
		return nil
	})
	return v, err
}

// cartForWrite finds the cart a change goes to and holds its row until the
// transaction ends. With create it makes the cart when there is none (for a guest,
// under a new token, returned); without, a missing cart is an empty cartID.
func cartForWrite(ctx context.Context, tx *store.Tx, actor Actor, token string, create bool, now time.Time) (cartID, newToken string, err error) {
	if actor.PersonID != "" {
		if create {
			cartID, err = tx.EnsurePersonCart(ctx, ids.New(), actor.PersonID, now)
		} else {
			var c store.CartRecord
			c, err = tx.PersonCart(ctx, actor.PersonID)
			cartID = c.ID
		}
	} else if account.WellFormed(token) {
		var c store.CartRecord
		c, err = tx.GuestCart(ctx, account.HashToken(token))
		cartID = c.ID
	} else {
		err = errs.E(errs.NotFound, "no cart")
	}
	if err == nil {
		err = tx.TouchCart(ctx, cartID, now) // a cart merged or expired meanwhile is not found
	}
	if errs.CodeOf(err) != errs.NotFound {
		return cartID, "", err
	}
	if !create {
		return "", "", nil
	}
	if actor.PersonID != "" {
		return "", "", err // the person's cart was just ensured; losing it is a fault
	}
	token, hash, err := account.NewToken()
	if err != nil {
		return "", "", err
	}
	cartID = ids.New()
	return cartID, token, tx.InsertGuestCart(ctx, cartID, hash, now)
}

// MergeCartIntoAccount moves the guest cart of guestToken into the signed-in
// customer's cart and deletes it: quantities of one SKU are summed (up to
// account.MaxCartQuantity) and lines past account.MaxCartLines are left out
// (CartView.Dropped). SignIn and SignUp do this themselves with
// Credentials.CartToken; this is for a cart cookie found later. An unknown
// token merges nothing.
func (a *App) MergeCartIntoAccount(ctx context.Context, actor Actor, guestToken string) (CartView, error) {
	if err := requireCustomer(actor); err != nil {
		return CartView{}, err
	}
	var v CartView
	err := a.write(ctx, func(tx *store.Tx) error {
		now := a.clock()
		dropped, err := mergeCart(ctx, tx, guestToken, actor.PersonID, now)
		if err != nil {
			return err
		}
		c, err := tx.PersonCart(ctx, actor.PersonID)
		if errs.CodeOf(err) == errs.NotFound {
			v = CartView{Dropped: dropped}
			return nil
		}
		if err != nil {
			return err
		}
		v, err = cartView(ctx, tx, c.Lines, c.UpdatedAt)
		v.Dropped = dropped
		return err
	})
	return v, err
}

// mergeCart merges a guest cart into a person's inside tx; see
// MergeCartIntoAccount. It locks the guest cart, then the person's: always in
// that order, so two merges never wait on each other crosswise.
func mergeCart(ctx context.Context, tx *store.Tx, guestToken, personID string, now time.Time) ([]string, error) {
	if !account.WellFormed(guestToken) {
		return nil, nil
	}
	g, err := tx.GuestCart(ctx, account.HashToken(guestToken))
	if err == nil {
		err = tx.TouchCart(ctx, g.ID, now)
	}
	if errs.CodeOf(err) == errs.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	guest, err := tx.CartLines(ctx, g.ID) // read again under the lock
	if err != nil {
		return nil, err
	}
	if err := tx.DeleteCart(ctx, g.ID); err != nil {
		return nil, err
	}
	if len(guest) == 0 {
		return nil, nil
	}
	cartID, err := tx.EnsurePersonCart(ctx, ids.New(), personID, now)
	if err != nil {
		return nil, err
	}
	if err := tx.TouchCart(ctx, cartID, now); err != nil {
		return nil, err
	}
	mine, err := tx.CartLines(ctx, cartID)
	if err != nil {
		return nil, err
	}
	merged, dropped := account.MergeLines(mine, guest)
	had := make(map[string]qty.Quantity, len(mine))
	for _, l := range mine {
		had[l.SKU] = l.Quantity
	}
	for _, l := range merged {
		if had[l.SKU] != l.Quantity {
			if err := tx.SetCartLine(ctx, cartID, l.SKU, l.Quantity); err != nil {
				return nil, err
			}
		}
	}
	return dropped, nil
}

// ExpireCarts deletes guest carts untouched for account.GuestCartTTL; persons'
// carts stay. A sweep runs it; it returns how many carts it deleted.
func (a *App) ExpireCarts(ctx context.Context) (int, error) {
	var n int
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		n, err = tx.DeleteGuestCartsBefore(ctx, a.clock().Add(-account.GuestCartTTL))
		return err
	})
	return n, err
}

// cartView adds each line's product to the lines.
func cartView(ctx context.Context, tx *store.Tx, lines []account.CartLine, updated time.Time) (CartView, error) {
	v := CartView{UpdatedAt: updated}
	if len(lines) == 0 {
		return v, nil
	}
	skus := make([]string, len(lines))
	for i, l := range lines {
		skus[i] = l.SKU
	}
	products, err := tx.ProductsBySKU(ctx, skus)
	if err != nil {
		return CartView{}, err
	}
	for _, l := range lines {
		p := products[l.SKU]
		v.Lines = append(v.Lines, CartItem{SKU: l.SKU, Name: p.Name, Unit: p.Unit, Kind: p.Kind, Quantity: l.Quantity,
			Available: p.Sellable(catalog.B2C)})
	}
	return v, nil
}
