package store

import (
	"context"
	"database/sql"
	"time"

	"b2x/errs"
	"b2x/payment"
)

// InsertPayment records an order's payment.
func (tx *Tx) InsertPayment(ctx context.Context, p *payment.Payment) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO payments (order_id, method, status, amount, currency, provider, reference,
		card_last4, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
		p.OrderID, string(p.Method), string(p.Status), p.Amount.Minor, p.Amount.Currency, p.Provider, p.Reference,
		p.CardLast4, utc(p.CreatedAt))
	return err
}

// PaymentOf returns an order's payment, nil when it has none.
func (tx *Tx) PaymentOf(ctx context.Context, orderID string) (*payment.Payment, error) {
	var p payment.Payment
	err := tx.q.QueryRowContext(ctx, `SELECT order_id, method, status, amount, currency, provider, reference, card_last4,
		created_at, updated_at FROM payments WHERE order_id = $1`, orderID).Scan(&p.OrderID, &p.Method, &p.Status,
		&p.Amount.Minor, &p.Amount.Currency, &p.Provider, &p.Reference, &p.CardLast4, &p.CreatedAt, &p.UpdatedAt)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return &p, err
}

// MovePayment changes an order's payment from one status to another, only if it
// is still in from; otherwise it is a conflict and the transaction rolls back.
func (tx *Tx) MovePayment(ctx context.Context, orderID string, from, to payment.Status, at time.Time) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE payments SET status = $3, updated_at = $4 WHERE order_id = $1 AND status = $2`,
		orderID, string(from), string(to), utc(at))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "the order's payment changed meanwhile; reload the order and try again")
	}
	return nil
}
