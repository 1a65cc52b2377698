package store

import (
	"context"

	"b2x/order"
)

// DeliveryRates lists the delivery methods with their rates.
func (tx *Tx) DeliveryRates(ctx context.Context) ([]order.DeliveryRate, error) {
	return queryAll(ctx, tx.q, func(row scanner) (r order.DeliveryRate, err error) {
		err = row.Scan(&r.Method, &r.Name, &r.Fee.Minor, &r.FreeFrom.Minor, &r.Fee.Currency, &r.TaxRateBP, &r.Active, &r.UpdatedAt)
		r.FreeFrom.Currency, r.UpdatedAt = r.Fee.Currency, r.UpdatedAt.UTC()
		return r, err
	}, `SELECT method, name, fee, free_from, currency, tax_rate_bp, active, updated_at FROM delivery_rates
		ORDER BY CASE method WHEN 'pickup' THEN 1 WHEN 'own_delivery' THEN 2 ELSE 3 END`)
}

// PutDeliveryRate writes a method's rate.
func (tx *Tx) PutDeliveryRate(ctx context.Context, r order.DeliveryRate) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO delivery_rates (method, name, fee, free_from, currency, tax_rate_bp, active, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (method) DO UPDATE SET name = excluded.name, fee = excluded.fee, free_from = excluded.free_from,
			currency = excluded.currency, tax_rate_bp = excluded.tax_rate_bp, active = excluded.active, updated_at = excluded.updated_at`,
		string(r.Method), r.Name, r.Fee.Minor, r.FreeFrom.Minor, r.Fee.Currency, r.TaxRateBP, r.Active, utc(r.UpdatedAt))
	return err
}
