package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"b2x/catalog"
	"b2x/inventory"
	"b2x/order"
)

// PutReorderPoint sets a SKU's reorder point in a warehouse.
func (tx *Tx) PutReorderPoint(ctx context.Context, r inventory.ReorderPoint) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO reorder_points (sku, warehouse, point, quantity, updated_at, updated_by)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sku, warehouse) DO UPDATE SET point = excluded.point,
		quantity = excluded.quantity, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		r.SKU, r.Warehouse, int64(r.Point), int64(r.Quantity), utc(r.UpdatedAt), r.UpdatedBy)
	return err
}

// DeleteReorderPoint removes a SKU's reorder point in a warehouse, reporting
// whether there was one.
func (tx *Tx) DeleteReorderPoint(ctx context.Context, sku, warehouse string) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `DELETE FROM reorder_points WHERE sku = $1 AND warehouse = $2`, sku, warehouse)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

func scanReorderPoint(row scanner) (r inventory.ReorderPoint, err error) {
	err = row.Scan(&r.SKU, &r.Warehouse, &r.Point, &r.Quantity, &r.UpdatedAt, &r.UpdatedBy)
	r.UpdatedAt = r.UpdatedAt.UTC()
	return r, err
}

// ReorderPoints returns a SKU's reorder points by warehouse code.
func (tx *Tx) ReorderPoints(ctx context.Context, sku string) ([]inventory.ReorderPoint, error) {
	return queryAll(ctx, tx.q, scanReorderPoint, `SELECT sku, warehouse, point, quantity, updated_at, updated_by
		FROM reorder_points WHERE sku = $1 ORDER BY warehouse`, sku)
}

// LowStockRow is a reorder point whose warehouse has less available than it.
type LowStockRow struct {
	Point inventory.ReorderPoint
	Level inventory.Level
	Name  string
	Unit  string
}

// lowStockFrom is the rows below their reorder point: a warehouse that never
// held the SKU has no level row and counts as nothing available.
const lowStockFrom = ` FROM reorder_points r
	JOIN products p ON p.sku = r.sku
	LEFT JOIN stock_levels l ON l.sku = r.sku AND l.warehouse = r.warehouse
	WHERE COALESCE(l.on_hand - l.reserved, 0) < r.point`

// LowStock returns up to limit SKUs below their reorder point, by SKU and
// warehouse after the cursor (the last row's SKU and warehouse), optionally in
// one warehouse.
func (tx *Tx) LowStock(ctx context.Context, warehouse, afterSKU, afterWarehouse string, limit int) ([]LowStockRow, error) {
	var c conditions
	c.add("1 = 1")
	if warehouse != "" {
		c.add("r.warehouse = " + c.arg(warehouse))
	}
	if afterSKU != "" {
		s, w := c.arg(afterSKU), c.arg(afterWarehouse)
		c.add("(r.sku > " + s + " OR (r.sku = " + s + " AND r.warehouse > " + w + "))")
	}
	q := `SELECT r.sku, r.warehouse, r.point, r.quantity, r.updated_at, r.updated_by,
		COALESCE(l.on_hand, 0), COALESCE(l.reserved, 0), p.name, p.unit` + lowStockFrom
	for _, cond := range c.conds {
		q += " AND " + cond
	}
	q += ` ORDER BY r.sku, r.warehouse LIMIT ` + c.arg(limit)
	return queryAll(ctx, tx.q, func(row scanner) (x LowStockRow, err error) {
		err = row.Scan(&x.Point.SKU, &x.Point.Warehouse, &x.Point.Point, &x.Point.Quantity, &x.Point.UpdatedAt,
			&x.Point.UpdatedBy, &x.Level.OnHand, &x.Level.Reserved, &x.Name, &x.Unit)
		x.Point.UpdatedAt = x.Point.UpdatedAt.UTC()
		x.Level.SKU, x.Level.Warehouse = x.Point.SKU, x.Point.Warehouse
		return x, err
	}, q, c.args...)
}

// LowStockCount counts the reorder points that are below their point.
func (tx *Tx) LowStockCount(ctx context.Context) (int, error) {
	var n int
	err := tx.q.QueryRowContext(ctx, `SELECT count(*)`+lowStockFrom).Scan(&n)
	return n, err
}

// StatusCount is how many orders are in one status.
type StatusCount struct {
	Status order.Status
	Count  int
}

// CountOrdersByStatus counts the orders in each of the statuses, in one channel
// or both, through the (status, placed_at) index.
func (tx *Tx) CountOrdersByStatus(ctx context.Context, statuses []order.Status, channel catalog.Channel) ([]StatusCount, error) {
	var c conditions
	in := make([]string, len(statuses))
	for i, s := range statuses {
		in[i] = c.arg(string(s))
	}
	c.add("status IN (" + strings.Join(in, ", ") + ")")
	if channel != "" {
		c.add("channel = " + c.arg(string(channel)))
	}
	return queryAll(ctx, tx.q, func(row scanner) (s StatusCount, err error) {
		return s, row.Scan(&s.Status, &s.Count)
	}, `SELECT status, count(*) FROM orders`+c.where()+` GROUP BY status`, c.args...)
}

// StatusSeconds is the time orders spent in a status they left in a period.
type StatusSeconds struct {
	Status  order.Status
	Count   int
	Seconds int64
}

// TimeInStatuses sums, per status, the time orders spent in it for every
// transition out of it made in [from, to).
func (tx *Tx) TimeInStatuses(ctx context.Context, from, to time.Time) ([]StatusSeconds, error) {
	return queryAll(ctx, tx.q, func(row scanner) (s StatusSeconds, err error) {
		return s, row.Scan(&s.Status, &s.Count, &s.Seconds)
	}, `SELECT from_status, count(*), COALESCE(SUM(seconds_in_from), 0) FROM order_transitions
		WHERE at >= $1 AND at < $2 AND seconds_in_from IS NOT NULL GROUP BY from_status`, utc(from), utc(to))
}

// PutDelivery schedules an order's delivery, replacing what was planned.
func (tx *Tx) PutDelivery(ctx context.Context, d order.Delivery) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO order_deliveries (order_id, day, slot, driver, vehicle, note, updated_at, updated_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (order_id) DO UPDATE SET day = excluded.day, slot = excluded.slot,
		driver = excluded.driver, vehicle = excluded.vehicle, note = excluded.note, updated_at = excluded.updated_at,
		updated_by = excluded.updated_by`, d.OrderID, d.Day, d.Slot, d.Driver, d.Vehicle, d.Note, utc(d.UpdatedAt), d.UpdatedBy)
	return err
}

const orderDeliveryColumns = `d.order_id, d.day, d.slot, d.driver, d.vehicle, d.note, d.updated_at, d.updated_by`

func scanOrderDelivery(row scanner) (d order.Delivery, err error) {
	err = row.Scan(&d.OrderID, &d.Day, &d.Slot, &d.Driver, &d.Vehicle, &d.Note, &d.UpdatedAt, &d.UpdatedBy)
	d.UpdatedAt = d.UpdatedAt.UTC()
	return d, err
}

// Delivery returns an order's scheduled delivery; ok is false when it has none.
func (tx *Tx) Delivery(ctx context.Context, orderID string) (d order.Delivery, ok bool, err error) {
	d, err = scanOrderDelivery(tx.q.QueryRowContext(ctx, `SELECT `+orderDeliveryColumns+` FROM order_deliveries d WHERE d.order_id = $1`, orderID))
	if err == sql.ErrNoRows {
		return d, false, nil
	}
	return d, err == nil, err
}

// ScheduledDelivery is one stop of a day's schedule with its order.
type ScheduledDelivery struct {
	Delivery order.Delivery
	Order    order.Order
}

// DeliveriesOn returns a day's deliveries by slot and order number, with their
// orders (without lines): the deliveries first, then their orders in one query.
func (tx *Tx) DeliveriesOn(ctx context.Context, day string) ([]ScheduledDelivery, error) {
	ds, err := queryAll(ctx, tx.q, func(row scanner) (order.Delivery, error) { return scanOrderDelivery(row) },
		`SELECT `+orderDeliveryColumns+` FROM order_deliveries d WHERE d.day = $1`, day)
	if err != nil || len(ds) == 0 {
		return nil, err
	}
	args := make([]any, len(ds))
	for i, d := range ds {
		args[i] = d.OrderID
	}
	os, err := queryAll(ctx, tx.q, scanOrder, `SELECT `+orderColumns+` FROM orders WHERE id IN (`+placeholders(1, len(args))+`)`, args...)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]order.Order, len(os))
	for _, o := range os {
		byID[o.ID] = o
	}
	out := make([]ScheduledDelivery, len(ds))
	for i, d := range ds {
		out[i] = ScheduledDelivery{Delivery: d, Order: byID[d.OrderID]}
	}
	slices.SortFunc(out, func(a, b ScheduledDelivery) int {
		return cmp.Or(cmp.Compare(a.Delivery.Slot, b.Delivery.Slot), cmp.Compare(a.Order.Number, b.Order.Number))
	})
	return out, nil
}
