package app

import (
	"context"
	"errors"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/order"
	"b2x/payment"
	"b2x/store"
)

// WithPaymentProvider makes the App take cards through p. Without it the App uses
// payment.TestProvider, which accepts only the test cards and keeps its state in
// memory: right for the demo and the tests, never for real money.
func WithPaymentProvider(p payment.Provider) Option { return func(a *App) { a.payments = p } }

// PaymentProvider is the provider the App takes cards through.
func (a *App) PaymentProvider() payment.Provider { return a.payments }

// pay makes the payment record of an order about to be placed. Without a payment
// a b2c order is cash on delivery and a b2b order has none (the organization pays
// on its terms). A card is authorized for the order's total now, before the write
// transaction; a declined card is an invalid payment field and nothing is written.
// When a retry's key already placed an order, first is that order and no card is
// authorized again.
func (a *App) pay(ctx context.Context, key, hash string, in *CheckoutInput, o *order.Order) (p *payment.Payment, first *order.Order, err error) {
	pi := in.Payment
	if pi == nil {
		if o.Channel == catalog.B2B {
			return nil, nil, nil
		}
		pi = &PaymentInput{Method: payment.CashOnDelivery}
	}
	p = &payment.Payment{Method: pi.Method, Amount: o.Total, CreatedAt: o.PlacedAt, UpdatedAt: o.PlacedAt}
	if pi.Method == payment.CashOnDelivery {
		p.Status = payment.Pending
		return p, nil, nil
	}
	digits, _ := payment.CardDigits(pi.CardNumber)
	p.Provider, p.CardLast4 = a.payments.Name(), payment.Last4(digits)
	if o.Total.Minor == 0 {
		p.Status = payment.Captured // nothing to take: the discounts paid it all
		return p, nil, nil
	}
	if key != "" {
		// A retry of an order that was placed must not hold the money twice.
		o, found, err := a.findReplay(ctx, "order", key, hash, "for a different order")
		if err != nil || found {
			return nil, &o, err
		}
	}
	field := "payment.card_number"
	if pi.CardToken != "" {
		field = "payment.card_token"
	}
	// The order's id keys the authorization: a retry of this call by the provider
	// client gets the same hold, while another attempt of the checkout gets its own.
	auth, err := a.payments.Authorize(ctx, payment.AuthorizeRequest{Amount: o.Total, CardNumber: digits, Token: pi.CardToken,
		IdempotencyKey: "order:" + o.ID})
	var declined *payment.Declined
	switch {
	case errors.As(err, &declined):
		a.log.Info("checkout: card declined", "order", o.ID, "code", declined.Code, "last4", p.CardLast4)
		return nil, nil, &errs.Error{Code: errs.Invalid, Message: "payment: the card was declined",
			Fields: []errs.FieldError{{Field: field, Message: "was declined: " + declined.Message}},
			Detail: map[string]any{"decline_code": declined.Code}}
	case err != nil:
		a.log.Error("checkout: card authorization failed", "order", o.ID, "err", err)
		return nil, nil, errs.E(errs.Conflict, "the card could not be charged just now; nothing was taken, please try again")
	}
	p.Status, p.Reference = payment.Authorized, auth.Reference
	if auth.Last4 != "" {
		p.CardLast4 = auth.Last4
	}
	return p, nil, nil
}

// void releases the hold of an order that was not placed. It runs after the
// transaction failed; if the provider fails too, the hold expires at the bank by
// itself, and the log says which one it is.
func (a *App) void(ctx context.Context, p *payment.Payment) {
	if err := a.payments.Void(context.WithoutCancel(ctx), p.Reference); err != nil {
		a.log.Error("checkout: void of an order not placed failed", "reference", p.Reference, "err", err)
	}
}

// paymentEvent is what an order's move means for its payment.
func paymentEvent(to order.Status) payment.Event {
	switch to {
	case order.Shipped:
		return payment.Ship
	case order.Delivered:
		return payment.Deliver
	case order.Cancelled:
		return payment.Cancel
	case order.Returned:
		return payment.Return
	}
	return ""
}

// settleAtProvider moves an order's card payment at the provider before the
// order moves to `to`: capture when it ships or is delivered, void when it is
// cancelled, refund when it is returned. It runs before the write transaction, so
// a capture the bank refuses leaves the order where it was (a conflict naming the
// payment); the provider's calls are idempotent, so a move retried after a failed
// write does not capture or refund twice.
func (a *App) settleAtProvider(ctx context.Context, id string, to order.Status) error {
	var cur order.Order
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		cur, err = tx.Order(ctx, id)
		return err
	})
	if err != nil || order.CheckTransition(cur.Status, to) != nil || cur.Payment == nil || cur.Payment.Reference == "" {
		return nil // the transaction reports what is wrong with the move
	}
	p := cur.Payment
	_, act, ok := payment.Settle(p.Method, p.Status, paymentEvent(to))
	if !ok {
		return nil
	}
	switch act {
	case payment.CaptureCall:
		err = a.payments.Capture(ctx, p.Reference, p.Amount)
	case payment.VoidCall:
		err = a.payments.Void(ctx, p.Reference)
	case payment.RefundCall:
		err = a.payments.Refund(ctx, p.Reference, p.Amount)
	}
	if err != nil {
		a.log.Error("order: payment provider refused", "order", id, "action", act, "err", err)
		msg := "the card payment could not be " + map[payment.Action]string{payment.CaptureCall: "captured",
			payment.VoidCall: "voided", payment.RefundCall: "refunded"}[act]
		var declined *payment.Declined
		if errors.As(err, &declined) {
			msg += ": " + declined.Message
		}
		return &errs.Error{Code: errs.Conflict, Message: msg + "; the order was not moved",
			Detail: map[string]any{"payment_status": p.Status, "action": act}}
	}
	return nil
}

// settlePayment records the payment's new status with the order's move, guarded
// by the status it had.
func settlePayment(ctx context.Context, tx *store.Tx, o order.Order, to order.Status, at time.Time) error {
	if o.Payment == nil {
		return nil
	}
	next, _, ok := payment.Settle(o.Payment.Method, o.Payment.Status, paymentEvent(to))
	if !ok {
		return nil
	}
	return tx.MovePayment(ctx, o.ID, o.Payment.Status, next, at)
}
