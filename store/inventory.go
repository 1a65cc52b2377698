package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"b2x/errs"
	"b2x/inventory"
	"b2x/qty"
)

// UpsertWarehouse adds a warehouse or updates its name and priority.
func (tx *Tx) UpsertWarehouse(ctx context.Context, w inventory.Warehouse) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO warehouses (code, name, priority) VALUES ($1, $2, $3)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, priority = excluded.priority`, w.Code, w.Name, w.Priority)
	return err
}

// Warehouses lists warehouses in the order stock is taken from them.
func (tx *Tx) Warehouses(ctx context.Context) ([]inventory.Warehouse, error) {
	return queryAll(ctx, tx.q, func(row scanner) (w inventory.Warehouse, err error) {
		return w, row.Scan(&w.Code, &w.Name, &w.Priority)
	}, `SELECT code, name, priority FROM warehouses ORDER BY priority, code`)
}

// LevelsOf returns the stock per warehouse of several SKUs at once, keyed by SKU,
// each in the order stock is taken.
func (tx *Tx) LevelsOf(ctx context.Context, skus []string) (map[string][]inventory.Level, error) {
	out := make(map[string][]inventory.Level, len(skus))
	if len(skus) == 0 {
		return out, nil
	}
	args := make([]any, len(skus))
	for i, s := range skus {
		args[i] = s
	}
	levels, err := queryAll(ctx, tx.q, scanLevel, `SELECT l.sku, l.warehouse, l.on_hand, l.reserved
		FROM stock_levels l JOIN warehouses w ON w.code = l.warehouse
		WHERE l.sku IN (`+placeholders(1, len(skus))+`) ORDER BY l.sku, w.priority, w.code`, args...)
	for _, l := range levels {
		out[l.SKU] = append(out[l.SKU], l)
	}
	return out, err
}

func scanLevel(row scanner) (l inventory.Level, err error) {
	return l, row.Scan(&l.SKU, &l.Warehouse, &l.OnHand, &l.Reserved)
}

// Levels returns a SKU's stock per warehouse, in the order stock is taken.
func (tx *Tx) Levels(ctx context.Context, sku string) ([]inventory.Level, error) {
	return queryAll(ctx, tx.q, scanLevel, `SELECT l.sku, l.warehouse, l.on_hand, l.reserved
		FROM stock_levels l JOIN warehouses w ON w.code = l.warehouse
		WHERE l.sku = $1 ORDER BY w.priority, w.code`, sku)
}

// LockLevels returns a SKU's stock per warehouse like Levels, and on PostgreSQL
// locks the rows until the transaction ends, so an allocation made from them
// cannot be overtaken by a concurrent order. SQLite's single writer already
// excludes that.
func (tx *Tx) LockLevels(ctx context.Context, sku string) ([]inventory.Level, error) {
	lock := ""
	if tx.engine == Postgres {
		lock = " FOR UPDATE OF l"
	}
	return queryAll(ctx, tx.q, scanLevel, `SELECT l.sku, l.warehouse, l.on_hand, l.reserved
		FROM stock_levels l JOIN warehouses w ON w.code = l.warehouse
		WHERE l.sku = $1 ORDER BY w.priority, w.code`+lock, sku)
}

// RestockLevels returns a SKU's stock per warehouse, for deciding whether a
// rise in this transaction made it available again. On PostgreSQL it first
// locks the SKU's product row, so that transactions raising one SKU's stock in
// different warehouses decide in turn and the second sees the first's stock,
// even a warehouse's first row that the first inserted (a lock on the levels
// cannot cover a row not yet there). The levels are then read as committed,
// not locked: a lock on another warehouse's level, held by a transaction
// waiting for this product row, would be a deadlock.
func (tx *Tx) RestockLevels(ctx context.Context, sku string) ([]inventory.Level, error) {
	if tx.engine == Postgres {
		var locked string
		err := tx.q.QueryRowContext(ctx, `SELECT sku FROM products WHERE sku = $1 FOR NO KEY UPDATE`, sku).Scan(&locked)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
	}
	return tx.Levels(ctx, sku)
}

// RecordMovement appends one movement to the ledger and moves the stock with it.
func (tx *Tx) RecordMovement(ctx context.Context, m inventory.Movement) error {
	return tx.RecordMovements(ctx, []inventory.Movement{m})
}

// RecordMovements moves stock for each movement and appends them all to the
// ledger in one statement. A take is a guarded update: it only happens when the
// warehouse has that much available (on hand and not reserved), so concurrent
// orders can never oversell; when it cannot, the caller gets a shortage conflict
// and must roll back.
func (tx *Tx) RecordMovements(ctx context.Context, ms []inventory.Movement) error {
	if len(ms) == 0 {
		return nil
	}
	for _, m := range ms {
		if err := tx.moveLevel(ctx, m); err != nil {
			return err
		}
	}
	const cols = 9
	args := make([]any, 0, cols*len(ms))
	rows := make([]string, len(ms))
	for i, m := range ms {
		rows[i] = "(" + placeholders(i*cols+1, cols) + ")"
		args = append(args, m.ID, m.SKU, m.Warehouse, string(m.Kind), int64(m.Quantity), m.Reference, m.Note, m.By, utc(m.At))
	}
	_, err := tx.q.ExecContext(ctx, `INSERT INTO stock_movements (id, sku, warehouse, kind, quantity, reference, note, created_by, created_at)
		VALUES `+strings.Join(rows, ", "), args...)
	return err
}

func (tx *Tx) moveLevel(ctx context.Context, m inventory.Movement) error {
	if m.Quantity > 0 {
		_, err := tx.q.ExecContext(ctx, `INSERT INTO stock_levels (sku, warehouse, on_hand, reserved) VALUES ($1, $2, $3, 0)
			ON CONFLICT (sku, warehouse) DO UPDATE SET on_hand = stock_levels.on_hand + excluded.on_hand`,
			m.SKU, m.Warehouse, int64(m.Quantity))
		return err
	}
	take := -m.Quantity
	res, err := tx.q.ExecContext(ctx, `UPDATE stock_levels SET on_hand = on_hand - $3
		WHERE sku = $1 AND warehouse = $2 AND on_hand - reserved >= $3`, m.SKU, m.Warehouse, int64(take))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	var avail int64
	err = tx.q.QueryRowContext(ctx, `SELECT COALESCE(SUM(on_hand - reserved), 0) FROM stock_levels WHERE sku = $1 AND warehouse = $2`,
		m.SKU, m.Warehouse).Scan(&avail)
	if err != nil {
		return err
	}
	return inventory.Shortage(m.SKU, take, qty.Quantity(avail))
}

const movementColumns = `id, sku, warehouse, kind, quantity, reference, note, created_by, created_at`

func scanMovement(row scanner) (inventory.Movement, error) {
	var m inventory.Movement
	err := row.Scan(&m.ID, &m.SKU, &m.Warehouse, &m.Kind, &m.Quantity, &m.Reference, &m.Note, &m.By, &m.At)
	m.At = m.At.UTC()
	return m, err
}

// Movements lists a SKU's ledger, oldest first.
func (tx *Tx) Movements(ctx context.Context, sku string) ([]inventory.Movement, error) {
	return queryAll(ctx, tx.q, scanMovement, `SELECT `+movementColumns+` FROM stock_movements
		WHERE sku = $1 ORDER BY created_at, id`, sku)
}

// MovementsByReference lists the movements an order or transfer caused.
func (tx *Tx) MovementsByReference(ctx context.Context, ref string) ([]inventory.Movement, error) {
	return queryAll(ctx, tx.q, scanMovement, `SELECT `+movementColumns+` FROM stock_movements
		WHERE reference = $1 ORDER BY created_at, id`, ref)
}

// LedgerMismatches lists the (SKU, warehouse) pairs whose on-hand stock differs
// from the sum of their movements; it is empty when the books are right.
func (tx *Tx) LedgerMismatches(ctx context.Context) ([]string, error) {
	return queryAll(ctx, tx.q, scanString, `SELECT l.sku || '@' || l.warehouse FROM stock_levels l
		LEFT JOIN (SELECT sku, warehouse, SUM(quantity) AS total FROM stock_movements GROUP BY sku, warehouse) m
		  ON m.sku = l.sku AND m.warehouse = l.warehouse
		WHERE l.on_hand <> COALESCE(m.total, 0)`)
}

// Reserve holds stock in one warehouse, guarded like a take.
func (tx *Tx) Reserve(ctx context.Context, r inventory.Reservation) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE stock_levels SET reserved = reserved + $3
		WHERE sku = $1 AND warehouse = $2 AND on_hand - reserved >= $3`, r.SKU, r.Warehouse, int64(r.Quantity))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "not enough stock of %s in %s to reserve %s", r.SKU, r.Warehouse, r.Quantity)
	}
	_, err = tx.q.ExecContext(ctx, `INSERT INTO stock_reservations (id, sku, warehouse, quantity, reference, expires_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, r.ID, r.SKU, r.Warehouse, int64(r.Quantity), r.Reference, utc(r.ExpiresAt), utc(r.CreatedAt))
	return err
}

// ReleaseReservations drops every reservation made for ref and gives the stock
// back to availability. It subtracts only what its own DELETE removed, so two
// releases of the same reference at once (two sweeping processes) give the stock
// back once. It returns the released reservations.
func (tx *Tx) ReleaseReservations(ctx context.Context, ref string) ([]inventory.Reservation, error) {
	rs, err := queryAll(ctx, tx.q, func(row scanner) (r inventory.Reservation, err error) {
		return r, row.Scan(&r.ID, &r.SKU, &r.Warehouse, &r.Quantity, &r.Reference, &r.ExpiresAt, &r.CreatedAt)
	}, `DELETE FROM stock_reservations WHERE reference = $1
		RETURNING id, sku, warehouse, quantity, reference, expires_at, created_at`, ref)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(rs, func(a, b inventory.Reservation) int {
		return strings.Compare(a.SKU+"@"+a.Warehouse, b.SKU+"@"+b.Warehouse)
	})
	for _, r := range rs {
		if _, err := tx.q.ExecContext(ctx, `UPDATE stock_levels SET reserved = reserved - $3 WHERE sku = $1 AND warehouse = $2`,
			r.SKU, r.Warehouse, int64(r.Quantity)); err != nil {
			return nil, err
		}
	}
	return rs, nil
}

// ExpiredReservationRefs lists references whose reservations expired by now.
func (tx *Tx) ExpiredReservationRefs(ctx context.Context, now time.Time) ([]string, error) {
	return queryAll(ctx, tx.q, scanString, `SELECT DISTINCT reference FROM stock_reservations
		WHERE expires_at <= $1 ORDER BY reference`, utc(now))
}
