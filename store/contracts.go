package store

import (
	"context"
	"time"

	"b2x/contract"
	"b2x/errs"
	"b2x/pricing"
)

const contractColumns = `id, organization_id, name, currency, COALESCE(price_list_id, ''), commitment_kind,
	committed_amount, committed_quantity, starts_at, ends_at, terms, created_at, updated_at, version`

func scanContract(row scanner) (contract.Contract, error) {
	var c contract.Contract
	err := row.Scan(&c.ID, &c.OrganizationID, &c.Name, &c.Currency, &c.PriceListID, &c.Commitment.Kind,
		&c.Commitment.Amount.Minor, &c.Commitment.Quantity, &c.StartsAt, &c.EndsAt, &c.Terms, &c.CreatedAt, &c.UpdatedAt,
		&c.Version)
	if c.Commitment.Kind == contract.AmountKind {
		c.Commitment.Amount.Currency = c.Currency
	}
	c.StartsAt, c.EndsAt, c.CreatedAt, c.UpdatedAt = c.StartsAt.UTC(), c.EndsAt.UTC(), c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, err
}

// InsertContract writes a contract at version 1; its price list, if any, is
// written first with InsertPriceList.
func (tx *Tx) InsertContract(ctx context.Context, c *contract.Contract) error {
	c.Version = 1
	_, err := tx.q.ExecContext(ctx, `INSERT INTO contracts (id, organization_id, name, currency, price_list_id, commitment_kind,
		committed_amount, committed_quantity, starts_at, ends_at, terms, created_at, updated_at, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		c.ID, c.OrganizationID, c.Name, c.Currency, null(c.PriceListID), string(c.Commitment.Kind),
		c.Commitment.Amount.Minor, int64(c.Commitment.Quantity), utc(c.StartsAt), utc(c.EndsAt), c.Terms,
		utc(c.CreatedAt), utc(c.UpdatedAt), c.Version)
	return err
}

// UpdateContract writes a contract's fields if its stored version is still
// c.Version, and bumps it; a stale version is a conflict.
func (tx *Tx) UpdateContract(ctx context.Context, c *contract.Contract) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE contracts SET name = $3, price_list_id = $4, commitment_kind = $5,
		committed_amount = $6, committed_quantity = $7, starts_at = $8, ends_at = $9, terms = $10, updated_at = $11,
		version = version + 1 WHERE id = $1 AND version = $2`,
		c.ID, c.Version, c.Name, null(c.PriceListID), string(c.Commitment.Kind), c.Commitment.Amount.Minor,
		int64(c.Commitment.Quantity), utc(c.StartsAt), utc(c.EndsAt), c.Terms, utc(c.UpdatedAt))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "the contract changed meanwhile; reload it and try again")
	}
	c.Version++
	return nil
}

// Contract loads a contract with its agreed prices.
func (tx *Tx) Contract(ctx context.Context, id string) (contract.Contract, error) {
	c, err := scanContract(tx.q.QueryRowContext(ctx, `SELECT `+contractColumns+` FROM contracts WHERE id = $1`, id))
	if err != nil {
		return c, notFound(err, "no contract %s", id)
	}
	return c, tx.contractPrices(ctx, []*contract.Contract{&c})
}

// ContractsOf lists an organization's contracts with their prices, by start.
func (tx *Tx) ContractsOf(ctx context.Context, organizationID string) ([]contract.Contract, error) {
	cs, err := queryAll(ctx, tx.q, scanContract, `SELECT `+contractColumns+` FROM contracts
		WHERE organization_id = $1 ORDER BY starts_at, id`, organizationID)
	if err != nil {
		return nil, err
	}
	ptrs := make([]*contract.Contract, len(cs))
	for i := range cs {
		ptrs[i] = &cs[i]
	}
	return cs, tx.contractPrices(ctx, ptrs)
}

// contractPrices fills the contracts' prices from their price lists.
func (tx *Tx) contractPrices(ctx context.Context, cs []*contract.Contract) error {
	var args []any
	for _, c := range cs {
		if c.PriceListID != "" {
			args = append(args, c.PriceListID)
		}
	}
	if len(args) == 0 {
		return nil
	}
	rows, err := tx.q.QueryContext(ctx, `SELECT price_list_id, sku, min_quantity, amount FROM price_list_entries
		WHERE price_list_id IN (`+placeholders(1, len(args))+`) ORDER BY price_list_id, sku, min_quantity`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	byList := map[string][]pricing.Entry{}
	for rows.Next() {
		var list string
		var e pricing.Entry
		if err := rows.Scan(&list, &e.SKU, &e.MinQuantity, &e.Price.Minor); err != nil {
			return err
		}
		byList[list] = append(byList[list], e)
	}
	for _, c := range cs {
		c.Prices = byList[c.PriceListID]
		for i := range c.Prices {
			c.Prices[i].Price.Currency = c.Currency
		}
	}
	return rows.Err()
}

// ReplacePriceList writes a price list's name, validity and entries over the
// stored ones: a contract's prices change with the contract.
func (tx *Tx) ReplacePriceList(ctx context.Context, l *pricing.PriceList) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE price_lists SET name = $2, valid_from = $3, valid_to = $4 WHERE id = $1`,
		l.ID, l.Name, utc(l.ValidFrom), nullTime(l.ValidTo))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "no price list %s", l.ID)
	}
	if _, err := tx.q.ExecContext(ctx, `DELETE FROM price_list_entries WHERE price_list_id = $1`, l.ID); err != nil {
		return err
	}
	for _, e := range l.Entries {
		if _, err := tx.q.ExecContext(ctx, `INSERT INTO price_list_entries (price_list_id, sku, min_quantity, amount)
			VALUES ($1, $2, $3, $4)`, l.ID, e.SKU, int64(e.MinQuantity), e.Price.Minor); err != nil {
			return err
		}
	}
	return nil
}

// ContractUsage sums what an organization bought from from up to until: its b2b
// orders placed in that time that were not cancelled or returned, counting only
// the lines of the SKUs of the price list priceListID when one is given (a
// contract's agreed prices). Amounts in other currencies than currency cannot be
// added and are only counted.
func (tx *Tx) ContractUsage(ctx context.Context, organizationID, currency string, from, until time.Time, priceListID string) (contract.Usage, error) {
	u := contract.Usage{}
	u.Net.Currency = currency
	args := []any{organizationID, currency, utc(from), utc(until)}
	skuCond := ""
	if priceListID != "" {
		args = append(args, priceListID)
		skuCond = ` AND l.sku IN (SELECT sku FROM price_list_entries WHERE price_list_id = $5)`
	}
	err := tx.q.QueryRowContext(ctx, `SELECT
			COALESCE(SUM(CASE WHEN o.currency = $2 THEN l.net ELSE 0 END), 0),
			COALESCE(SUM(l.quantity), 0),
			COUNT(DISTINCT CASE WHEN o.currency = $2 THEN o.id END),
			COUNT(DISTINCT CASE WHEN o.currency <> $2 THEN o.id END)
		FROM orders o JOIN order_lines l ON l.order_id = o.id
		WHERE o.organization_id = $1 AND o.channel = 'b2b' AND o.status NOT IN ('cancelled', 'returned')
		  AND o.placed_at >= $3 AND o.placed_at < $4`+skuCond, args...).
		Scan(&u.Net.Minor, &u.Quantity, &u.Orders, &u.OtherCurrency)
	return u, err
}
