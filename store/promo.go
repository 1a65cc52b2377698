package store

import (
	"context"
	"database/sql"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/promo"
)

const couponColumns = `id, code, kind, percent_bp, amount, currency, min_order, min_order_currency, valid_from, valid_until,
	total_limit, per_customer_limit, channel, used, created_at`

func scanCoupon(row scanner) (promo.Coupon, error) {
	var c promo.Coupon
	var from, until sql.NullTime
	err := row.Scan(&c.ID, &c.Code, &c.Kind, &c.PercentBP, &c.Amount.Minor, &c.Amount.Currency, &c.MinOrder.Minor,
		&c.MinOrder.Currency, &from, &until, &c.TotalLimit, &c.PerCustomerLimit, &c.Channel, &c.Used, &c.CreatedAt)
	c.ValidFrom, c.ValidUntil, c.CreatedAt = nullUTC(from), nullUTC(until), c.CreatedAt.UTC()
	return c, err
}

// optionalTime stores a zero time as NULL and any other as utc does, so it reads
// back equal.
func optionalTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return utc(t)
}

func nullUTC(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// InsertCoupon adds a coupon; a code already taken is a conflict.
func (tx *Tx) InsertCoupon(ctx context.Context, c *promo.Coupon) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO coupons (`+couponColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0, $14)`,
		c.ID, c.Code, string(c.Kind), c.PercentBP, c.Amount.Minor, c.Amount.Currency, c.MinOrder.Minor, c.MinOrder.Currency,
		optionalTime(c.ValidFrom), optionalTime(c.ValidUntil), c.TotalLimit, c.PerCustomerLimit, string(c.Channel), utc(c.CreatedAt))
	if uniqueViolation(err) {
		return &errs.Error{Code: errs.Conflict, Message: "the coupon code " + c.Code + " is taken",
			Fields: []errs.FieldError{{Field: "code", Message: "is taken"}}}
	}
	return err
}

// Coupons lists every coupon, newest first.
func (tx *Tx) Coupons(ctx context.Context) ([]promo.Coupon, error) {
	return queryAll(ctx, tx.q, scanCoupon, `SELECT `+couponColumns+` FROM coupons ORDER BY created_at DESC, id DESC`)
}

// CouponByCode finds a coupon by its normalized code.
func (tx *Tx) CouponByCode(ctx context.Context, code string) (promo.Coupon, error) {
	c, err := scanCoupon(tx.q.QueryRowContext(ctx, `SELECT `+couponColumns+` FROM coupons WHERE code = $1`, code))
	return c, notFound(err, "no coupon %s", code)
}

// CouponUsesBy counts a customer's uses of a coupon that were not reversed.
func (tx *Tx) CouponUsesBy(ctx context.Context, couponID, customerKey string) (int, error) {
	var n int
	err := tx.q.QueryRowContext(ctx, `SELECT used FROM coupon_customers WHERE coupon_id = $1 AND customer_key = $2`,
		couponID, customerKey).Scan(&n)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return n, err
}

// CouponUse is one use of a coupon by an order.
type CouponUse struct {
	CouponID    string
	OrderID     string
	CustomerKey string
	Discount    int64
	At          time.Time
}

// UseCoupon records a use. The coupon's count moves by a guarded UPDATE (used <
// total_limit) and the customer's by a guarded upsert (used < per_customer_limit),
// each checked by affected rows: concurrent orders that would pass a limit are
// refused with a field error naming "coupon". A use without a customer key counts
// against the total only.
func (tx *Tx) UseCoupon(ctx context.Context, c promo.Coupon, u CouponUse) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE coupons SET used = used + 1 WHERE id = $1 AND (total_limit = 0 OR used < total_limit)`, c.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return promo.UsedUp(c.Code)
	}
	if u.CustomerKey != "" {
		res, err = tx.q.ExecContext(ctx, `INSERT INTO coupon_customers (coupon_id, customer_key, used) VALUES ($1, $2, 1)
			ON CONFLICT (coupon_id, customer_key) DO UPDATE SET used = coupon_customers.used + 1
			WHERE $3 = 0 OR coupon_customers.used < $3`, c.ID, u.CustomerKey, c.PerCustomerLimit)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return promo.UsedByCustomer(c.Code)
		}
	}
	_, err = tx.q.ExecContext(ctx, `INSERT INTO coupon_uses (order_id, coupon_id, customer_key, discount, used_at)
		VALUES ($1, $2, $3, $4, $5)`, u.OrderID, c.ID, u.CustomerKey, u.Discount, utc(u.At))
	return err
}

// ReverseCouponUse gives back the coupon use of an order, once: the use is marked
// reversed by a guarded UPDATE, and only then do the counts go down. It reports
// whether there was a use to reverse.
func (tx *Tx) ReverseCouponUse(ctx context.Context, orderID string, at time.Time) (bool, error) {
	var couponID, key string
	err := tx.q.QueryRowContext(ctx, `UPDATE coupon_uses SET reversed_at = $2 WHERE order_id = $1 AND reversed_at IS NULL
		RETURNING coupon_id, customer_key`, orderID, utc(at)).Scan(&couponID, &key)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if _, err := tx.q.ExecContext(ctx, `UPDATE coupons SET used = used - 1 WHERE id = $1 AND used > 0`, couponID); err != nil {
		return false, err
	}
	_, err = tx.q.ExecContext(ctx, `UPDATE coupon_customers SET used = used - 1 WHERE coupon_id = $1 AND customer_key = $2 AND used > 0`,
		couponID, key)
	return err == nil, err
}

// CouponCountMismatches lists coupons whose used count differs from their uses
// not reversed, or from the sum of their customers' counts; empty when they agree.
func (tx *Tx) CouponCountMismatches(ctx context.Context) ([]string, error) {
	return queryAll(ctx, tx.q, scanString, `SELECT c.code FROM coupons c
		WHERE c.used <> (SELECT count(*) FROM coupon_uses u WHERE u.coupon_id = c.id AND u.reversed_at IS NULL)
		   OR c.used < (SELECT COALESCE(SUM(k.used), 0) FROM coupon_customers k WHERE k.coupon_id = c.id)
		ORDER BY c.code`)
}

const promotionColumns = `id, name, kind, percent_bp, amount, currency, skus, categories, brands, channel, valid_from, valid_until, created_at`

func scanPromotion(row scanner) (promo.Promotion, error) {
	var p promo.Promotion
	var skus, cats, brands string
	var from, until sql.NullTime
	var ch string
	if err := row.Scan(&p.ID, &p.Name, &p.Kind, &p.PercentBP, &p.Amount.Minor, &p.Amount.Currency, &skus, &cats, &brands,
		&ch, &from, &until, &p.CreatedAt); err != nil {
		return p, err
	}
	p.Channel = catalog.Channel(ch)
	p.ValidFrom, p.ValidUntil, p.CreatedAt = nullUTC(from), nullUTC(until), p.CreatedAt.UTC()
	if err := fromJSON(skus, &p.SKUs); err != nil {
		return p, err
	}
	if err := fromJSON(cats, &p.Categories); err != nil {
		return p, err
	}
	return p, fromJSON(brands, &p.Brands)
}

// InsertPromotion adds an automatic promotion.
func (tx *Tx) InsertPromotion(ctx context.Context, p *promo.Promotion) error {
	list := func(s []string) string {
		if s == nil {
			s = []string{}
		}
		return toJSON(s)
	}
	_, err := tx.q.ExecContext(ctx, `INSERT INTO promotions (`+promotionColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		p.ID, p.Name, string(p.Kind), p.PercentBP, p.Amount.Minor, p.Amount.Currency, list(p.SKUs), list(p.Categories),
		list(p.Brands), string(p.Channel), optionalTime(p.ValidFrom), optionalTime(p.ValidUntil), utc(p.CreatedAt))
	return err
}

// Promotions lists every promotion, newest first.
func (tx *Tx) Promotions(ctx context.Context) ([]promo.Promotion, error) {
	return queryAll(ctx, tx.q, scanPromotion, `SELECT `+promotionColumns+` FROM promotions ORDER BY created_at DESC, id DESC`)
}

// PromotionsNotEnded lists the promotions that have not ended by at (some may
// not have started yet): the ones a checkout at or after at may apply.
func (tx *Tx) PromotionsNotEnded(ctx context.Context, at time.Time) ([]promo.Promotion, error) {
	return queryAll(ctx, tx.q, scanPromotion, `SELECT `+promotionColumns+` FROM promotions
		WHERE valid_until IS NULL OR valid_until > $1 ORDER BY created_at, id`, utc(at))
}
