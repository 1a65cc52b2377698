package store

import (
	"context"
	"database/sql"
	"time"

	"b2x/pricing"
)

// InsertPriceList writes a price list with its entries.
func (tx *Tx) InsertPriceList(ctx context.Context, l *pricing.PriceList, createdAt time.Time) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO price_lists (id, name, currency, organization_id, customer_group, valid_from, valid_to, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		l.ID, l.Name, l.Currency, null(l.OrganizationID), l.Group, utc(l.ValidFrom), nullTime(l.ValidTo), utc(createdAt))
	if err != nil {
		return err
	}
	for _, e := range l.Entries {
		if _, err := tx.q.ExecContext(ctx, `INSERT INTO price_list_entries (price_list_id, sku, min_quantity, amount) VALUES ($1, $2, $3, $4)`,
			l.ID, e.SKU, int64(e.MinQuantity), e.Price.Minor); err != nil {
			return err
		}
	}
	return nil
}

// PriceListsFor loads the lists that may apply to a buyer (its organization's and
// its groups'), valid at t, with only the entries for the SKUs named; lists
// without any of those entries are left out. It reads the few lists first and then
// only their entries' four columns, so a page of a catalog with large contract
// lists does not carry every list's name and dates once per entry.
func (tx *Tx) PriceListsFor(ctx context.Context, b pricing.Buyer, skus []string, t time.Time) ([]pricing.PriceList, error) {
	if (b.OrganizationID == "" && len(b.Groups) == 0) || len(skus) == 0 {
		return nil, nil
	}
	args := []any{utc(t), b.OrganizationID}
	for _, g := range b.Groups {
		args = append(args, g)
	}
	groups := "''"
	if len(b.Groups) > 0 {
		groups = placeholders(3, len(b.Groups))
	}
	lists, err := queryAll(ctx, tx.q, func(row scanner) (l pricing.PriceList, err error) {
		var validTo *time.Time
		err = row.Scan(&l.ID, &l.Name, &l.Currency, &l.OrganizationID, &l.Group, &l.ValidFrom, &validTo)
		l.ValidFrom = l.ValidFrom.UTC()
		if validTo != nil {
			l.ValidTo = validTo.UTC()
		}
		return l, err
	}, `SELECT id, name, currency, COALESCE(organization_id, ''), customer_group, valid_from, valid_to FROM price_lists
		WHERE (organization_id = $2 OR (customer_group <> '' AND customer_group IN (`+groups+`)))
		  AND valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)
		ORDER BY id`, args...)
	if err != nil || len(lists) == 0 {
		return nil, err
	}
	args = args[:0]
	for _, l := range lists {
		args = append(args, l.ID)
	}
	for _, s := range skus {
		args = append(args, s)
	}
	rows, err := tx.q.QueryContext(ctx, `SELECT price_list_id, sku, min_quantity, amount FROM price_list_entries
		WHERE price_list_id IN (`+placeholders(1, len(lists))+`) AND sku IN (`+placeholders(len(lists)+1, len(skus))+`)
		ORDER BY price_list_id, sku, min_quantity`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	at := map[string]int{}
	for i, l := range lists {
		at[l.ID] = i
	}
	for rows.Next() {
		var list string
		var e pricing.Entry
		if err := rows.Scan(&list, &e.SKU, &e.MinQuantity, &e.Price.Minor); err != nil {
			return nil, err
		}
		l := &lists[at[list]]
		e.Price.Currency = l.Currency
		l.Entries = append(l.Entries, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := lists[:0]
	for _, l := range lists {
		if len(l.Entries) > 0 {
			out = append(out, l)
		}
	}
	return out, nil
}

// PriceListsOf lists an organization's own price lists with all their entries.
func (tx *Tx) PriceListsOf(ctx context.Context, organizationID string) ([]pricing.PriceList, error) {
	rows, err := tx.q.QueryContext(ctx, `SELECT l.id, l.name, l.currency, COALESCE(l.organization_id, ''), l.customer_group,
			l.valid_from, l.valid_to, COALESCE(e.sku, ''), COALESCE(e.min_quantity, 0), COALESCE(e.amount, 0)
		FROM price_lists l LEFT JOIN price_list_entries e ON e.price_list_id = l.id
		WHERE l.organization_id = $1 ORDER BY l.valid_from, l.id, e.sku, e.min_quantity`, organizationID)
	if err != nil {
		return nil, err
	}
	return scanPriceLists(rows)
}

// scanPriceLists folds rows of (list, entry) ordered by list into lists; a list
// without entries comes as one row with an empty SKU.
func scanPriceLists(rows *sql.Rows) ([]pricing.PriceList, error) {
	defer rows.Close()
	var out []pricing.PriceList
	for rows.Next() {
		var l pricing.PriceList
		var validTo *time.Time
		var e pricing.Entry
		if err := rows.Scan(&l.ID, &l.Name, &l.Currency, &l.OrganizationID, &l.Group, &l.ValidFrom, &validTo,
			&e.SKU, &e.MinQuantity, &e.Price.Minor); err != nil {
			return nil, err
		}
		e.Price.Currency = l.Currency
		if n := len(out); n > 0 && out[n-1].ID == l.ID {
			out[n-1].Entries = append(out[n-1].Entries, e)
			continue
		}
		if validTo != nil {
			l.ValidTo = validTo.UTC()
		}
		l.ValidFrom = l.ValidFrom.UTC()
		if e.SKU != "" {
			l.Entries = []pricing.Entry{e}
		}
		out = append(out, l)
	}
	return out, rows.Err()
}
