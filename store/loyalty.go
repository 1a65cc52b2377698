package store

import (
	"context"
	"time"

	"b2x/errs"
	"b2x/loyalty"
)

const cardColumns = `id, phone, COALESCE(person_id, ''), points, lifetime_spend, created_at, updated_at`

func scanCard(row scanner) (loyalty.Card, error) {
	var c loyalty.Card
	err := row.Scan(&c.ID, &c.Phone, &c.PersonID, &c.Points, &c.LifetimeSpend, &c.CreatedAt, &c.UpdatedAt)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, err
}

// LoyaltyCardByPhone finds the card of a phone number (E.164).
func (tx *Tx) LoyaltyCardByPhone(ctx context.Context, phone string) (loyalty.Card, error) {
	c, err := scanCard(tx.q.QueryRowContext(ctx, `SELECT `+cardColumns+` FROM loyalty_cards WHERE phone = $1`, phone))
	return c, notFound(err, "no loyalty card for %s", phone)
}

// LoyaltyCard loads a card by id.
func (tx *Tx) LoyaltyCard(ctx context.Context, id string) (loyalty.Card, error) {
	c, err := scanCard(tx.q.QueryRowContext(ctx, `SELECT `+cardColumns+` FROM loyalty_cards WHERE id = $1`, id))
	return c, notFound(err, "no loyalty card %s", id)
}

// LoyaltyCardsOf lists the cards linked to a person.
func (tx *Tx) LoyaltyCardsOf(ctx context.Context, personID string) ([]loyalty.Card, error) {
	return queryAll(ctx, tx.q, scanCard, `SELECT `+cardColumns+` FROM loyalty_cards WHERE person_id = $1 ORDER BY created_at`, personID)
}

// EnsureLoyaltyCard returns the card of c.Phone, issuing c when the phone has
// none. Two transactions issuing a card for one phone at once end with one card:
// the second's insert does nothing and it reads the first's.
func (tx *Tx) EnsureLoyaltyCard(ctx context.Context, c loyalty.Card) (card loyalty.Card, created bool, err error) {
	res, err := tx.q.ExecContext(ctx, `INSERT INTO loyalty_cards (id, phone, person_id, points, lifetime_spend, created_at, updated_at)
		VALUES ($1, $2, $3, 0, 0, $4, $4) ON CONFLICT (phone) DO NOTHING`, c.ID, c.Phone, null(c.PersonID), utc(c.CreatedAt))
	if err != nil {
		return card, false, err
	}
	n, _ := res.RowsAffected()
	card, err = tx.LoyaltyCardByPhone(ctx, c.Phone)
	return card, n == 1, err
}

// LinkLoyaltyCard links a card that belongs to nobody yet to a person.
func (tx *Tx) LinkLoyaltyCard(ctx context.Context, id, personID string, at time.Time) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE loyalty_cards SET person_id = $2, updated_at = $3 WHERE id = $1 AND person_id IS NULL`,
		id, personID, utc(at))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "the loyalty card is linked to another customer")
	}
	return nil
}

// ErrNotEnoughPoints is returned by MovePoints when a card lacks the points taken.
var ErrNotEnoughPoints = errs.E(errs.Conflict, "the loyalty card has fewer points than that")

// MovePoints writes a ledger entry and moves the card's balance with it, in the
// transaction. A negative entry is a guarded UPDATE (points + n >= 0) checked by
// affected rows, so concurrent redemptions never take a card below zero; it then
// fails with ErrNotEnoughPoints.
func (tx *Tx) MovePoints(ctx context.Context, e loyalty.Entry) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE loyalty_cards SET points = points + $2, updated_at = $3
		WHERE id = $1 AND points + $2 >= 0`, e.CardID, e.Points, utc(e.At))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := tx.LoyaltyCard(ctx, e.CardID); err != nil {
			return err
		}
		return ErrNotEnoughPoints
	}
	_, err = tx.q.ExecContext(ctx, `INSERT INTO loyalty_entries (id, card_id, kind, points, order_id, note, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, e.ID, e.CardID, string(e.Kind), e.Points, null(e.OrderID), e.Note, e.By, utc(e.At))
	return err
}

// LockLoyaltyCard reads a card for an update that depends on its balance: with
// FOR UPDATE on PostgreSQL; SQLite's single writer gives the same.
func (tx *Tx) LockLoyaltyCard(ctx context.Context, id string) (loyalty.Card, error) {
	q := `SELECT ` + cardColumns + ` FROM loyalty_cards WHERE id = $1`
	if tx.engine == Postgres {
		q += ` FOR UPDATE`
	}
	c, err := scanCard(tx.q.QueryRowContext(ctx, q, id))
	return c, notFound(err, "no loyalty card %s", id)
}

// AddSpend moves a card's lifetime spend by delta (minor units), never below zero.
func (tx *Tx) AddSpend(ctx context.Context, id string, delta int64, at time.Time) error {
	_, err := tx.q.ExecContext(ctx, `UPDATE loyalty_cards
		SET lifetime_spend = CASE WHEN lifetime_spend + $2 < 0 THEN 0 ELSE lifetime_spend + $2 END, updated_at = $3
		WHERE id = $1`, id, delta, utc(at))
	return err
}

const entryColumns = `id, card_id, kind, points, COALESCE(order_id, ''), note, created_by, created_at`

func scanEntry(row scanner) (loyalty.Entry, error) {
	var e loyalty.Entry
	err := row.Scan(&e.ID, &e.CardID, &e.Kind, &e.Points, &e.OrderID, &e.Note, &e.By, &e.At)
	e.At = e.At.UTC()
	return e, err
}

// LoyaltyEntries is a card's ledger, oldest first.
func (tx *Tx) LoyaltyEntries(ctx context.Context, cardID string) ([]loyalty.Entry, error) {
	return queryAll(ctx, tx.q, scanEntry, `SELECT `+entryColumns+` FROM loyalty_entries WHERE card_id = $1 ORDER BY created_at, id`, cardID)
}

// LoyaltyEntriesOfOrder lists the ledger entries an order made.
func (tx *Tx) LoyaltyEntriesOfOrder(ctx context.Context, orderID string) ([]loyalty.Entry, error) {
	return queryAll(ctx, tx.q, scanEntry, `SELECT `+entryColumns+` FROM loyalty_entries WHERE order_id = $1 ORDER BY created_at, id`, orderID)
}

// LoyaltyMismatches lists the phones of cards whose balance differs from the sum
// of their ledger; empty when every card agrees.
func (tx *Tx) LoyaltyMismatches(ctx context.Context) ([]string, error) {
	return queryAll(ctx, tx.q, scanString, `SELECT c.phone FROM loyalty_cards c
		WHERE c.points <> (SELECT COALESCE(SUM(e.points), 0) FROM loyalty_entries e WHERE e.card_id = c.id) ORDER BY c.phone`)
}
