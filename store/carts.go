package store

import (
	"context"
	"time"

	"b2x/account"
	"b2x/errs"
	"b2x/qty"
)

// CartRecord is a stored cart.
type CartRecord struct {
	ID        string
	PersonID  string // empty for a guest's cart
	Lines     []account.CartLine
	UpdatedAt time.Time
}

// GuestCart finds a guest's cart by the hash of its token, with its lines.
func (tx *Tx) GuestCart(ctx context.Context, tokenHash string) (CartRecord, error) {
	return tx.cart(ctx, `token_hash = $1`, tokenHash)
}

// PersonCart finds a person's cart with its lines.
func (tx *Tx) PersonCart(ctx context.Context, personID string) (CartRecord, error) {
	return tx.cart(ctx, `person_id = $1`, personID)
}

// GuestCartSize and PersonCartSize count a cart's lines in one statement, for
// the badge every page shows: zero without a cart.
func (tx *Tx) GuestCartSize(ctx context.Context, tokenHash string) (int, error) {
	return tx.cartSize(ctx, `c.token_hash = $1`, tokenHash)
}

func (tx *Tx) PersonCartSize(ctx context.Context, personID string) (int, error) {
	return tx.cartSize(ctx, `c.person_id = $1`, personID)
}

func (tx *Tx) cartSize(ctx context.Context, where string, arg string) (int, error) {
	var n int
	err := tx.q.QueryRowContext(ctx, `SELECT count(*) FROM carts c JOIN cart_lines l ON l.cart_id = c.id WHERE `+where, arg).Scan(&n)
	return n, err
}

func (tx *Tx) cart(ctx context.Context, where string, arg string) (CartRecord, error) {
	var c CartRecord
	var person *string
	err := tx.q.QueryRowContext(ctx, `SELECT id, person_id, updated_at FROM carts WHERE `+where, arg).Scan(&c.ID, &person, &c.UpdatedAt)
	if err != nil {
		return c, notFound(err, "no cart")
	}
	if person != nil {
		c.PersonID = *person
	}
	c.UpdatedAt = c.UpdatedAt.UTC()
	c.Lines, err = tx.CartLines(ctx, c.ID)
	return c, err
}

// CartLines lists a cart's lines in the order they were added.
func (tx *Tx) CartLines(ctx context.Context, cartID string) ([]account.CartLine, error) {
	return queryAll(ctx, tx.q, func(row scanner) (account.CartLine, error) {
		var l account.CartLine
		err := row.Scan(&l.SKU, &l.Quantity)
		return l, err
	}, `SELECT sku, quantity FROM cart_lines WHERE cart_id = $1 ORDER BY line_no`, cartID)
}

// InsertGuestCart adds an empty guest cart found by the hash of its token.
func (tx *Tx) InsertGuestCart(ctx context.Context, id, tokenHash string, now time.Time) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO carts (id, token_hash, created_at, updated_at) VALUES ($1, $2, $3, $3)`,
		id, tokenHash, utc(now))
	return err
}

// EnsurePersonCart returns the id of a person's cart, adding an empty one with
// id when the person has none. Two concurrent calls get the same cart.
func (tx *Tx) EnsurePersonCart(ctx context.Context, id, personID string, now time.Time) (string, error) {
	if _, err := tx.q.ExecContext(ctx, `INSERT INTO carts (id, person_id, created_at, updated_at) VALUES ($1, $2, $3, $3)
		ON CONFLICT (person_id) DO NOTHING`, id, personID, utc(now)); err != nil {
		return "", err
	}
	var cartID string
	err := tx.q.QueryRowContext(ctx, `SELECT id FROM carts WHERE person_id = $1`, personID).Scan(&cartID)
	return cartID, err
}

// TouchCart marks a cart changed at now and holds its row until the transaction
// ends, so changes to one cart queue and its line limit holds. A cart deleted
// meanwhile (merged, expired) is not found.
func (tx *Tx) TouchCart(ctx context.Context, id string, now time.Time) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE carts SET updated_at = $2 WHERE id = $1`, id, utc(now))
	return affectedOne(res, err, "no cart %s", id)
}

// SetCartLine sets a line's quantity, adding the line after the others when new.
func (tx *Tx) SetCartLine(ctx context.Context, cartID, sku string, q qty.Quantity) error {
	if q <= 0 {
		return errs.E(errs.Internal, "store: cart quantity %d", q)
	}
	_, err := tx.q.ExecContext(ctx, `INSERT INTO cart_lines (cart_id, line_no, sku, quantity)
		VALUES ($1, (SELECT COALESCE(max(line_no), 0) + 1 FROM cart_lines WHERE cart_id = $1), $2, $3)
		ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = excluded.quantity`, cartID, sku, int64(q))
	return err
}

// DeleteCartLine removes a SKU's line from a cart.
func (tx *Tx) DeleteCartLine(ctx context.Context, cartID, sku string) error {
	_, err := tx.q.ExecContext(ctx, `DELETE FROM cart_lines WHERE cart_id = $1 AND sku = $2`, cartID, sku)
	return err
}

// DeleteCart deletes a cart and its lines.
func (tx *Tx) DeleteCart(ctx context.Context, id string) error {
	_, err := tx.q.ExecContext(ctx, `DELETE FROM carts WHERE id = $1`, id)
	return err
}

// DeleteGuestCartsBefore deletes guest carts untouched since before, with their
// lines; persons' carts are kept.
func (tx *Tx) DeleteGuestCartsBefore(ctx context.Context, before time.Time) (int, error) {
	res, err := tx.q.ExecContext(ctx, `DELETE FROM carts WHERE person_id IS NULL AND updated_at < $1`, utc(before))
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
