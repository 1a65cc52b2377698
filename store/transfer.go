package store

import (
	"context"
	"strings"

	"b2x/order"
)

// Queries for import and export (app/transfer.go): batched look-ups that check a
// whole file against the database at once, and loading the lines of many orders.

// inChunk bounds the values of one IN (…) list, far below both engines' limits on
// bind parameters.
const inChunk = 500

// eachChunk calls fn with successive parts of values, at most inChunk each.
func eachChunk(values []string, fn func(part []string) error) error {
	for len(values) > 0 {
		n := min(len(values), inChunk)
		if err := fn(values[:n]); err != nil {
			return err
		}
		values = values[n:]
	}
	return nil
}

// present runs query (which must select one text column and end in an IN list
// filled by placeholders) over values in chunks and returns the values found.
func (tx *Tx) present(ctx context.Context, query string, values []string) (map[string]bool, error) {
	found := make(map[string]bool)
	err := eachChunk(values, func(part []string) error {
		args := make([]any, len(part))
		for i, v := range part {
			args[i] = v
		}
		rows, err := tx.q.QueryContext(ctx, query+" IN ("+placeholders(1, len(part))+")", args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				return err
			}
			found[s] = true
		}
		return rows.Err()
	})
	return found, err
}

// PersonEmailsTaken returns which of the emails a person already has, compared
// case-insensitively; the keys are lower case.
func (tx *Tx) PersonEmailsTaken(ctx context.Context, emails []string) (map[string]bool, error) {
	lower := make([]string, len(emails))
	for i, e := range emails {
		lower[i] = strings.ToLower(e)
	}
	return tx.present(ctx, `SELECT DISTINCT lower(email) FROM persons WHERE email <> '' AND lower(email)`, lower)
}

// OrganizationTaxIDsTaken returns which of the tax ids an organization already
// has, compared lower-case and without spaces; the keys are in that form.
func (tx *Tx) OrganizationTaxIDsTaken(ctx context.Context, taxIDs []string) (map[string]bool, error) {
	return tx.present(ctx, `SELECT DISTINCT lower(replace(tax_id, ' ', '')) FROM organizations
		WHERE tax_id <> '' AND lower(replace(tax_id, ' ', ''))`, taxIDs)
}

// PartyIDsTaken returns which of the ids a person or an organization already has.
func (tx *Tx) PartyIDsTaken(ctx context.Context, ids []string) (map[string]bool, error) {
	persons, err := tx.present(ctx, `SELECT id FROM persons WHERE id`, ids)
	if err != nil {
		return nil, err
	}
	orgs, err := tx.present(ctx, `SELECT id FROM organizations WHERE id`, ids)
	for id := range orgs {
		persons[id] = true
	}
	return persons, err
}

// LoadOrderLines fills in the lines of orders read by ListOrders, with a query
// per inChunk orders instead of one per order.
func (tx *Tx) LoadOrderLines(ctx context.Context, orders []order.Order) error {
	at := make(map[string]int, len(orders))
	idList := make([]string, len(orders))
	for i, o := range orders {
		at[o.ID] = i
		idList[i] = o.ID
		orders[i].Lines = nil
	}
	return eachChunk(idList, func(part []string) error {
		args := make([]any, len(part))
		for i, v := range part {
			args[i] = v
		}
		rows, err := tx.q.QueryContext(ctx, `SELECT order_id, line_no, sku, name, kind, unit, quantity, unit_price,
			tax_rate_bp, net, tax, gross, price_rule FROM order_lines
			WHERE order_id IN (`+placeholders(1, len(part))+`) ORDER BY order_id, line_no`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, rule string
			var l order.Line
			if err := rows.Scan(&id, &l.No, &l.SKU, &l.Name, &l.Kind, &l.Unit, &l.Quantity, &l.UnitPrice.Minor,
				&l.TaxRateBP, &l.Net.Minor, &l.Tax.Minor, &l.Gross.Minor, &rule); err != nil {
				return err
			}
			if err := fromJSON(rule, &l.PriceRule); err != nil {
				return err
			}
			o := &orders[at[id]]
			l.UnitPrice.Currency, l.Net.Currency, l.Tax.Currency, l.Gross.Currency = o.Currency, o.Currency, o.Currency, o.Currency
			o.Lines = append(o.Lines, l)
		}
		return rows.Err()
	})
}
