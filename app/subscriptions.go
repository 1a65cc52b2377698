package app

import (
	"context"

	"b2x/account"
	"b2x/errs"
	"b2x/store"
)

// MaxSubscriptionsShown bounds the subscriptions page; each SKU, category and
// brand is one subscription, so a customer rarely has more.
const MaxSubscriptionsShown = 200

// Subscriptions is what the signed-in customer asked to be told about: their
// active alerts and their newsletter consent.
type Subscriptions struct {
	Alerts     []store.AlertSubscription // newest first
	Newsletter account.Consent
}

// MySubscriptions returns the signed-in customer's subscriptions: those made
// while signed in (a guest's, found only by the address, stay with their
// unsubscribe links).
func (a *App) MySubscriptions(ctx context.Context, actor Actor) (Subscriptions, error) {
	if actor.PersonID == "" {
		return Subscriptions{}, errs.E(errs.Unauthorized, "sign in to see your subscriptions")
	}
	var out Subscriptions
	err := a.read(ctx, func(tx *store.Tx) error {
		acc, err := tx.AccountOfPerson(ctx, actor.PersonID)
		if err != nil {
			return err
		}
		out.Newsletter = acc.Newsletter
		out.Alerts, err = tx.PersonAlertSubscriptions(ctx, actor.PersonID, MaxSubscriptionsShown)
		return err
	})
	return out, err
}

// RemoveSubscription ends one of the signed-in customer's alert
// subscriptions. Another person's, or one already ended, is not found.
func (a *App) RemoveSubscription(ctx context.Context, actor Actor, id string) error {
	if actor.PersonID == "" {
		return errs.E(errs.Unauthorized, "sign in to change your subscriptions")
	}
	return a.write(ctx, func(tx *store.Tx) error {
		s, err := tx.AlertSubscription(ctx, id)
		if err == nil && s.PersonID != actor.PersonID {
			err = errs.E(errs.NotFound, "no subscription %s", id)
		}
		if err != nil {
			return err
		}
		closed, err := tx.CloseAlertSubscription(ctx, s.ID, store.AlertUnsubscribed, a.clock())
		if err == nil && !closed {
			err = errs.E(errs.NotFound, "no subscription %s", id)
		}
		return err
	})
}
