package store

import (
	"context"
	"time"
)

// Catalog event kinds (network sales, S23).
const (
	CatalogNew          = "new"
	CatalogDiscontinued = "discontinued"
	CatalogPrice        = "price" // a base price changed in one channel
)

// CatalogEvent is a change in the range an announcement lists.
type CatalogEvent struct {
	ID       string
	Kind     string // CatalogNew, CatalogDiscontinued or CatalogPrice
	SKU      string
	Category string
	At       time.Time
	Name     string // the product's name now (read, not written)

	// A price event's channel (b2c, b2b), currency and amounts in minor units.
	Channel  string
	Currency string
	Old, New int64
}

// InsertCatalogEvent records a catalog event not yet announced.
func (tx *Tx) InsertCatalogEvent(ctx context.Context, e CatalogEvent) error {
	var ch, cur, old, nw any
	if e.Kind == CatalogPrice {
		ch, cur, old, nw = e.Channel, e.Currency, e.Old, e.New
	}
	_, err := tx.q.ExecContext(ctx, `INSERT INTO catalog_events (id, kind, sku, category, at, channel, currency, old_amount, new_amount)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, e.ID, e.Kind, e.SKU, e.Category, utc(e.At), ch, cur, old, nw)
	return err
}

// PendingCatalogEvents returns the events before until that no announcement
// listed yet, by category, time and id, at most limit.
func (tx *Tx) PendingCatalogEvents(ctx context.Context, until time.Time, limit int) ([]CatalogEvent, error) {
	rows, err := tx.q.QueryContext(ctx, `SELECT e.id, e.kind, e.sku, e.category, e.at, COALESCE(p.name, e.sku),
		COALESCE(e.channel, ''), COALESCE(e.currency, ''), COALESCE(e.old_amount, 0), COALESCE(e.new_amount, 0)
		FROM catalog_events e LEFT JOIN products p ON p.sku = e.sku
		WHERE e.campaign_id IS NULL AND e.at < $1 ORDER BY e.category, e.at, e.id LIMIT $2`, utc(until), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CatalogEvent
	for rows.Next() {
		var e CatalogEvent
		if err := rows.Scan(&e.ID, &e.Kind, &e.SKU, &e.Category, &e.At, &e.Name, &e.Channel, &e.Currency, &e.Old, &e.New); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// AnnounceCatalogEvent marks an event as listed by a campaign; false when
// another announcement listed it first.
func (tx *Tx) AnnounceCatalogEvent(ctx context.Context, id, campaignID string) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `UPDATE catalog_events SET campaign_id = $2 WHERE id = $1 AND campaign_id IS NULL`, id, campaignID)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// DropCatalogEvents deletes events no announcement listed yet: those that
// cancel out and so announce nothing.
func (tx *Tx) DropCatalogEvents(ctx context.Context, ids []string) error {
	for _, id := range ids {
		if _, err := tx.q.ExecContext(ctx, `DELETE FROM catalog_events WHERE id = $1 AND campaign_id IS NULL`, id); err != nil {
			return err
		}
	}
	return nil
}
