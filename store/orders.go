package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/order"
)

// nextNumber hands out the next order number as an SQL expression for the
// INSERT, with its argument. SQLite has one writer, so a counter row is enough;
// PostgreSQL uses a sequence in the INSERT itself so that concurrent checkouts do
// not queue on one locked row until they commit.
func (tx *Tx) nextNumber(ctx context.Context, param int) (expr string, args []any, err error) {
	if tx.engine == Postgres {
		return `'B2X-' || nextval('order_number_seq')`, nil, nil
	}
	var n int64
	err = tx.q.QueryRowContext(ctx, `UPDATE counters SET value = value + 1 WHERE name = 'order_number' RETURNING value`).Scan(&n)
	return "$" + strconv.Itoa(param), []any{"B2X-" + strconv.FormatInt(n, 10)}, err
}

// InsertOrder gives the order the next number and writes it with its lines,
// adjustments and transitions.
func (tx *Tx) InsertOrder(ctx context.Context, o *order.Order) error {
	var g order.Guest
	if o.Customer.Guest != nil {
		g = *o.Customer.Guest
	}
	number, numberArgs, err := tx.nextNumber(ctx, 21)
	if err != nil {
		return err
	}
	args := append([]any{o.ID, string(o.Channel), string(o.Status), null(o.Customer.PersonID), null(o.Customer.OrganizationID),
		null(o.Customer.ContactID), g.Name, g.Email, g.Phone, o.Currency, o.PricesIncludeTax, string(o.DeliveryMethod),
		o.DeliveryAddress, o.Note, o.Net.Minor, o.Tax.Minor, o.Total.Minor, utc(o.PlacedAt), utc(o.UpdatedAt),
		null(o.LoyaltyCardID)}, numberArgs...)
	err = tx.q.QueryRowContext(ctx, `INSERT INTO orders (id, number, channel, status, person_id, organization_id, contact_id,
		guest_name, guest_email, guest_phone, currency, prices_include_tax, delivery_method, delivery_address, note,
		net, tax, total, placed_at, updated_at, loyalty_card_id)
		VALUES ($1, `+number+`, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
		RETURNING number`, args...).Scan(&o.Number)
	if err != nil {
		return err
	}
	if len(o.Lines) > 0 {
		const cols = 14
		args := make([]any, 0, cols*len(o.Lines))
		rows := make([]string, len(o.Lines))
		for i, l := range o.Lines {
			rows[i] = "(" + placeholders(i*cols+1, cols) + ")"
			args = append(args, o.ID, l.No, l.SKU, l.Name, string(l.Kind), l.Unit, int64(l.Quantity), l.UnitPrice.Minor,
				l.TaxRateBP, l.Net.Minor, l.Tax.Minor, l.Gross.Minor, toJSON(l.PriceRule), l.Discount.Minor)
		}
		if _, err := tx.q.ExecContext(ctx, `INSERT INTO order_lines (order_id, line_no, sku, name, kind, unit, quantity,
			unit_price, tax_rate_bp, net, tax, gross, price_rule, discount) VALUES `+strings.Join(rows, ", "), args...); err != nil {
			return err
		}
	}
	if len(o.Adjustments) > 0 {
		const cols = 10
		args := make([]any, 0, cols*len(o.Adjustments))
		rows := make([]string, len(o.Adjustments))
		for i, a := range o.Adjustments {
			rows[i] = "(" + placeholders(i*cols+1, cols) + ")"
			args = append(args, o.ID, i+1, string(a.Kind), a.LineNo, a.Ref, a.Label, a.Points, a.Net.Minor, a.Tax.Minor, a.Gross.Minor)
		}
		if _, err := tx.q.ExecContext(ctx, `INSERT INTO order_adjustments (order_id, seq, kind, line_no, ref, label, points,
			net, tax, gross) VALUES `+strings.Join(rows, ", "), args...); err != nil {
			return err
		}
	}
	for i, t := range o.Transitions {
		var inFrom any
		if i > 0 {
			inFrom = secondsBetween(o.Transitions[i-1].At, t.At)
		}
		if err := tx.insertTransition(ctx, o.ID, i+1, t, inFrom); err != nil {
			return err
		}
	}
	return nil
}

// insertTransition records a move with the seconds the order spent in the
// status it left (nil for the first, which leaves none).
func (tx *Tx) insertTransition(ctx context.Context, orderID string, seq int, t order.Transition, secondsInFrom any) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO order_transitions (order_id, seq, from_status, to_status, at, by_user, note, seconds_in_from)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, orderID, seq, string(t.From), string(t.To), utc(t.At), t.By, t.Note, secondsInFrom)
	return err
}

// secondsBetween is the seconds from a to b rounded to the nearest, as
// migration 0016 computed them for older rows; never negative.
func secondsBetween(a, b time.Time) int64 { return max(int64((b.Sub(a)+time.Second/2)/time.Second), 0) }

// MoveOrder changes an order's status only if it is still in from, so two people
// moving the same order cannot both succeed, and records the transition.
func (tx *Tx) MoveOrder(ctx context.Context, id string, t order.Transition) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE orders SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2`,
		id, string(t.From), string(t.To), utc(t.At))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "the order changed meanwhile; reload it and try again")
	}
	var seq int
	var last time.Time
	err = tx.q.QueryRowContext(ctx, `SELECT seq, at FROM order_transitions WHERE order_id = $1 ORDER BY seq DESC LIMIT 1`, id).Scan(&seq, &last)
	if err == sql.ErrNoRows {
		return tx.insertTransition(ctx, id, 1, t, nil)
	} else if err != nil {
		return err
	}
	return tx.insertTransition(ctx, id, seq+1, t, secondsBetween(last, t.At))
}

const orderColumns = `id, number, channel, status, COALESCE(person_id, ''), COALESCE(organization_id, ''), COALESCE(contact_id, ''),
	guest_name, guest_email, guest_phone, currency, prices_include_tax, delivery_method, delivery_address, note,
	net, tax, total, placed_at, updated_at, COALESCE(loyalty_card_id, '')`

func scanOrder(row scanner) (order.Order, error) {
	var o order.Order
	var g order.Guest
	err := row.Scan(&o.ID, &o.Number, &o.Channel, &o.Status, &o.Customer.PersonID, &o.Customer.OrganizationID,
		&o.Customer.ContactID, &g.Name, &g.Email, &g.Phone, &o.Currency, &o.PricesIncludeTax, &o.DeliveryMethod,
		&o.DeliveryAddress, &o.Note, &o.Net.Minor, &o.Tax.Minor, &o.Total.Minor, &o.PlacedAt, &o.UpdatedAt, &o.LoyaltyCardID)
	if err != nil {
		return o, err
	}
	if g.Name != "" || g.Email != "" {
		o.Customer.Guest = &g
	}
	o.Net.Currency, o.Tax.Currency, o.Total.Currency = o.Currency, o.Currency, o.Currency
	o.PlacedAt, o.UpdatedAt = o.PlacedAt.UTC(), o.UpdatedAt.UTC()
	return o, nil
}

// Order loads an order with its lines, adjustments, payment and transitions.
func (tx *Tx) Order(ctx context.Context, id string) (order.Order, error) {
	o, err := scanOrder(tx.q.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM orders WHERE id = $1`, id))
	if err != nil {
		return o, notFound(err, "no order %s", id)
	}
	if o.Lines, err = tx.orderLines(ctx, o.ID, o.Currency); err != nil {
		return o, err
	}
	if o.Adjustments, err = tx.orderAdjustments(ctx, o.ID, o.Currency); err != nil {
		return o, err
	}
	if o.Payment, err = tx.PaymentOf(ctx, o.ID); err != nil {
		return o, err
	}
	o.Transitions, err = tx.orderTransitions(ctx, o.ID)
	return o, err
}

func (tx *Tx) orderAdjustments(ctx context.Context, id, currency string) ([]order.Adjustment, error) {
	return queryAll(ctx, tx.q, func(row scanner) (a order.Adjustment, err error) {
		err = row.Scan(&a.Kind, &a.LineNo, &a.Ref, &a.Label, &a.Points, &a.Net.Minor, &a.Tax.Minor, &a.Gross.Minor)
		a.Net.Currency, a.Tax.Currency, a.Gross.Currency = currency, currency, currency
		return a, err
	}, `SELECT kind, line_no, ref, label, points, net, tax, gross FROM order_adjustments WHERE order_id = $1 ORDER BY seq`, id)
}

func (tx *Tx) orderLines(ctx context.Context, id, currency string) ([]order.Line, error) {
	return queryAll(ctx, tx.q, func(row scanner) (l order.Line, err error) {
		var rule string
		if err := row.Scan(&l.No, &l.SKU, &l.Name, &l.Kind, &l.Unit, &l.Quantity, &l.UnitPrice.Minor, &l.TaxRateBP,
			&l.Net.Minor, &l.Tax.Minor, &l.Gross.Minor, &rule, &l.Discount.Minor); err != nil {
			return l, err
		}
		l.UnitPrice.Currency, l.Net.Currency, l.Tax.Currency, l.Gross.Currency = currency, currency, currency, currency
		if l.Discount.Minor != 0 {
			l.Discount.Currency = currency // an undiscounted line has the zero Amount, as checkout makes it
		}
		return l, fromJSON(rule, &l.PriceRule)
	}, `SELECT line_no, sku, name, kind, unit, quantity, unit_price, tax_rate_bp, net, tax, gross, price_rule, discount
		FROM order_lines WHERE order_id = $1 ORDER BY line_no`, id)
}

func (tx *Tx) orderTransitions(ctx context.Context, id string) ([]order.Transition, error) {
	return queryAll(ctx, tx.q, func(row scanner) (t order.Transition, err error) {
		err = row.Scan(&t.From, &t.To, &t.At, &t.By, &t.Note)
		t.At = t.At.UTC()
		return t, err
	}, `SELECT from_status, to_status, at, by_user, note FROM order_transitions WHERE order_id = $1 ORDER BY seq`, id)
}

// OrderFilter selects orders for a listing, newest first.
type OrderFilter struct {
	Status         order.Status
	Channel        catalog.Channel
	Number         string    // the order's number, exactly
	From, To       time.Time // placed at or after From and before To; zero: open
	Oldest         bool      // oldest first (the fulfilment board) instead of newest
	PersonID       string
	OrganizationID string
	Customer       string // a person or organization id
	// Cursor: the placed time and id of the last order of the previous page.
	BeforeAt time.Time
	BeforeID string
	Limit    int
}

// ListOrders returns one page of orders without their lines.
func (tx *Tx) ListOrders(ctx context.Context, f OrderFilter) ([]order.Order, error) {
	var c conditions
	if f.Status != "" {
		c.add("status = " + c.arg(string(f.Status)))
	}
	if f.PersonID != "" {
		c.add("person_id = " + c.arg(f.PersonID))
	}
	if f.OrganizationID != "" {
		c.add("organization_id = " + c.arg(f.OrganizationID))
	}
	if f.Customer != "" {
		id := c.arg(f.Customer)
		c.add("(person_id = " + id + " OR organization_id = " + id + ")")
	}
	if f.Channel != "" {
		c.add("channel = " + c.arg(string(f.Channel)))
	}
	if f.Number != "" {
		c.add("number = " + c.arg(f.Number))
	}
	if !f.From.IsZero() {
		c.add("placed_at >= " + c.arg(utc(f.From)))
	}
	if !f.To.IsZero() {
		c.add("placed_at < " + c.arg(utc(f.To)))
	}
	orderBy := ` ORDER BY placed_at DESC, id DESC`
	if f.Oldest {
		orderBy = ` ORDER BY placed_at, id`
		if !f.BeforeAt.IsZero() {
			at, id := c.arg(utc(f.BeforeAt)), c.arg(f.BeforeID)
			c.add("(placed_at > " + at + " OR (placed_at = " + at + " AND id > " + id + "))")
		}
	} else if !f.BeforeAt.IsZero() {
		at, id := c.arg(utc(f.BeforeAt)), c.arg(f.BeforeID)
		c.add("(placed_at < " + at + " OR (placed_at = " + at + " AND id < " + id + "))")
	}
	q := `SELECT ` + orderColumns + ` FROM orders` + c.where() + orderBy + ` LIMIT ` + c.arg(f.Limit)
	return queryAll(ctx, tx.q, scanOrder, q, c.args...)
}

// IdempotentResult is what an idempotent request produced the first time.
type IdempotentResult struct {
	RequestHash string
	ResultID    string
}

// IdempotentResultFor returns the recorded result for a key, or nil when the key is new.
func (tx *Tx) IdempotentResultFor(ctx context.Context, scope, key string) (*IdempotentResult, error) {
	var r IdempotentResult
	err := tx.q.QueryRowContext(ctx, `SELECT request_hash, result_id FROM idempotency_keys WHERE scope = $1 AND key = $2`,
		scope, key).Scan(&r.RequestHash, &r.ResultID)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return &r, err
}

// ClaimIdempotencyKey records the key with its result in the transaction that does
// the work. It returns false when another request already holds the key (its
// transaction committed first); on PostgreSQL a claim racing an uncommitted one
// waits for it, so a key is never used twice.
func (tx *Tx) ClaimIdempotencyKey(ctx context.Context, scope, key string, r IdempotentResult, at time.Time) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `INSERT INTO idempotency_keys (scope, key, request_hash, result_id, created_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (scope, key) DO NOTHING`,
		scope, key, r.RequestHash, r.ResultID, utc(at))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
