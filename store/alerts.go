package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"b2x/qty"
)

// Alert subscription kinds and statuses, as stored.
const (
	AlertBackInStock = "back_in_stock"
	AlertNewArrivals = "new_arrivals"

	AlertActive       = "active"
	AlertSent         = "sent" // a back-in-stock alert went out; the subscription is done
	AlertUnsubscribed = "unsubscribed"
)

// AlertSubscription is someone's wish to hear when a SKU is back in stock, or
// about new products in a category or of a brand.
type AlertSubscription struct {
	ID       string
	Kind     string
	SKU      string // back in stock
	Category string // new arrivals: a category slug, or
	Brand    string // a brand
	Email    string // one of email and phone
	Phone    string // E.164; back in stock only
	Lang     string
	PersonID string // when a signed-in customer subscribed
	// Token is the secret of the unsubscribe link every alert carries.
	Token     string
	Status    string
	CreatedAt time.Time
	ClosedAt  time.Time // zero while active
}

const alertColumns = `id, kind, COALESCE(sku, ''), COALESCE(category, ''), COALESCE(brand, ''), COALESCE(email, ''),
	COALESCE(phone, ''), lang, COALESCE(person_id, ''), token, status, created_at, closed_at`

func scanAlert(row scanner) (AlertSubscription, error) {
	var s AlertSubscription
	var closed *time.Time
	err := row.Scan(&s.ID, &s.Kind, &s.SKU, &s.Category, &s.Brand, &s.Email, &s.Phone, &s.Lang, &s.PersonID,
		&s.Token, &s.Status, &s.CreatedAt, &closed)
	s.CreatedAt = s.CreatedAt.UTC()
	if closed != nil {
		s.ClosedAt = closed.UTC()
	}
	return s, err
}

// SubscribeAlert stores an active subscription, or, when an active one for the
// same kind, target and address exists, returns that one instead (subscribing
// twice is subscribing once). On PostgreSQL a concurrent identical subscription
// waits for the first and then finds it.
func (tx *Tx) SubscribeAlert(ctx context.Context, s AlertSubscription) (AlertSubscription, error) {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO alert_subscriptions
		(id, kind, sku, category, brand, email, phone, lang, person_id, token, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'active', $11) ON CONFLICT DO NOTHING`,
		s.ID, s.Kind, null(s.SKU), null(s.Category), null(s.Brand), null(s.Email), null(s.Phone), s.Lang,
		null(s.PersonID), s.Token, utc(s.CreatedAt))
	if err != nil {
		return AlertSubscription{}, err
	}
	out, err := scanAlert(tx.q.QueryRowContext(ctx, `SELECT `+alertColumns+` FROM alert_subscriptions
		WHERE status = 'active' AND kind = $1 AND COALESCE(sku, '') = $2 AND COALESCE(category, '') = $3
		  AND COALESCE(brand, '') = $4 AND COALESCE(email, '') = $5 AND COALESCE(phone, '') = $6`,
		s.Kind, s.SKU, s.Category, s.Brand, s.Email, s.Phone))
	return out, notFound(err, "no subscription")
}

// AlertSubscription returns one subscription.
func (tx *Tx) AlertSubscription(ctx context.Context, id string) (AlertSubscription, error) {
	s, err := scanAlert(tx.q.QueryRowContext(ctx, `SELECT `+alertColumns+` FROM alert_subscriptions WHERE id = $1`, id))
	return s, notFound(err, "no subscription %s", id)
}

// AlertSubscriptionByToken returns the subscription an unsubscribe token belongs to.
func (tx *Tx) AlertSubscriptionByToken(ctx context.Context, token string) (AlertSubscription, error) {
	s, err := scanAlert(tx.q.QueryRowContext(ctx, `SELECT `+alertColumns+` FROM alert_subscriptions WHERE token = $1`, token))
	return s, notFound(err, "unknown unsubscribe link")
}

// CloseAlertSubscription ends an active subscription with status (sent or
// unsubscribed). It reports false when the subscription was no longer active:
// a guarded update, so that two closings do not both count.
func (tx *Tx) CloseAlertSubscription(ctx context.Context, id, status string, at time.Time) (bool, error) {
	return affected(tx.q.ExecContext(ctx, `UPDATE alert_subscriptions SET status = $2, closed_at = $3, claim = NULL
		WHERE id = $1 AND status = 'active'`, id, status, utc(at)))
}

// ClaimAlertSubscription marks an active subscription as being alerted for
// event. It reports false when the subscription is no longer active or another
// event's alert holds it; claiming again for the same event succeeds, so a
// retried alert goes on.
func (tx *Tx) ClaimAlertSubscription(ctx context.Context, id, event string) (bool, error) {
	return affected(tx.q.ExecContext(ctx, `UPDATE alert_subscriptions SET claim = $2
		WHERE id = $1 AND status = 'active' AND (claim IS NULL OR claim = $2)`, id, event))
}

// ReleaseAlertSubscription gives up event's claim after an alert that did not
// go out.
func (tx *Tx) ReleaseAlertSubscription(ctx context.Context, id, event string) error {
	_, err := tx.q.ExecContext(ctx, `UPDATE alert_subscriptions SET claim = NULL WHERE id = $1 AND claim = $2`, id, event)
	return err
}

// affected turns an update's result into whether it changed one row.
func affected(res sql.Result, err error) (bool, error) {
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// BackInStockSubscriptions lists the active back-in-stock subscriptions of a SKU.
func (tx *Tx) BackInStockSubscriptions(ctx context.Context, sku string) ([]AlertSubscription, error) {
	return queryAll(ctx, tx.q, scanAlert, `SELECT `+alertColumns+` FROM alert_subscriptions
		WHERE sku = $1 AND status = 'active' AND kind = 'back_in_stock' ORDER BY id`, sku)
}

// NewArrivalSubscriptions lists the active new-arrival subscriptions to any of
// the categories, or to any of the brands (compared without case).
func (tx *Tx) NewArrivalSubscriptions(ctx context.Context, categories, brands []string) ([]AlertSubscription, error) {
	if len(categories)+len(brands) == 0 {
		return nil, nil
	}
	var c conditions
	c.add("status = 'active'")
	c.add("kind = 'new_arrivals'")
	var either []string
	if len(categories) > 0 {
		ps := make([]string, len(categories))
		for i, cat := range categories {
			ps[i] = c.arg(cat)
		}
		either = append(either, "category IN ("+strings.Join(ps, ", ")+")")
	}
	if len(brands) > 0 {
		ps := make([]string, len(brands))
		for i, b := range brands {
			ps[i] = c.arg(strings.ToLower(b)) // as conditions.like folds
		}
		either = append(either, "lower(brand) IN ("+strings.Join(ps, ", ")+")")
	}
	c.add("(" + strings.Join(either, " OR ") + ")")
	return queryAll(ctx, tx.q, scanAlert, `SELECT `+alertColumns+` FROM alert_subscriptions`+c.where()+` ORDER BY id`, c.args...)
}

// AddAlertDelivery records that an alert for event is going to a subscription.
// It reports false when one was recorded already: the event was handled before.
func (tx *Tx) AddAlertDelivery(ctx context.Context, subscriptionID, event string, at time.Time) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `INSERT INTO alert_deliveries (subscription_id, event, created_at)
		VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, subscriptionID, event, utc(at))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// AlertDeliverySent reports whether the alert for event went out to a
// subscription; a delivery never recorded is an error.
func (tx *Tx) AlertDeliverySent(ctx context.Context, subscriptionID, event string) (bool, error) {
	var sent *time.Time
	err := tx.q.QueryRowContext(ctx, `SELECT sent_at FROM alert_deliveries WHERE subscription_id = $1 AND event = $2`,
		subscriptionID, event).Scan(&sent)
	return sent != nil, notFound(err, "no alert delivery %s/%s", subscriptionID, event)
}

// MarkAlertDeliverySent records that the mail server took the alert.
func (tx *Tx) MarkAlertDeliverySent(ctx context.Context, subscriptionID, event string, at time.Time) error {
	_, err := tx.q.ExecContext(ctx, `UPDATE alert_deliveries SET sent_at = $3
		WHERE subscription_id = $1 AND event = $2 AND sent_at IS NULL`, subscriptionID, event, utc(at))
	return err
}

// Available returns, per SKU, the stock that can be sold: on hand less
// reserved, over all warehouses. A SKU without stock rows is 0.
func (tx *Tx) Available(ctx context.Context, skus []string) (map[string]qty.Quantity, error) {
	levels, err := tx.LevelsOf(ctx, skus)
	if err != nil {
		return nil, err
	}
	out := make(map[string]qty.Quantity, len(skus))
	for sku, ls := range levels {
		for _, l := range ls {
			out[sku] += l.OnHand - l.Reserved
		}
	}
	return out, nil
}

// SetOrderLanguage remembers the language an order was placed in.
func (tx *Tx) SetOrderLanguage(ctx context.Context, orderID, lang string) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO order_languages (order_id, lang) VALUES ($1, $2)
		ON CONFLICT (order_id) DO UPDATE SET lang = excluded.lang`, orderID, lang)
	return err
}

// OrderLanguage returns the language an order was placed in, or "" when none
// was recorded (orders placed before this was kept, or imported).
func (tx *Tx) OrderLanguage(ctx context.Context, orderID string) (string, error) {
	var lang string
	err := tx.q.QueryRowContext(ctx, `SELECT lang FROM order_languages WHERE order_id = $1`, orderID).Scan(&lang)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return lang, err
}

// PersonAlertSubscriptions returns a person's active subscriptions, newest
// first, at most limit.
func (tx *Tx) PersonAlertSubscriptions(ctx context.Context, personID string, limit int) ([]AlertSubscription, error) {
	return queryAll(ctx, tx.q, scanAlert, `SELECT `+alertColumns+` FROM alert_subscriptions
		WHERE person_id = $1 AND status = 'active' ORDER BY created_at DESC, id DESC LIMIT $2`, personID, limit)
}
