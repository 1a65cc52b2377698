package app

import (
	"context"

	"b2x/order"
	"b2x/staff"
	"b2x/store"
)

// DeliveryRates lists the delivery methods with their fees and free-delivery
// thresholds, active or not. Anyone may read them.
func (a *App) DeliveryRates(ctx context.Context) ([]order.DeliveryRate, error) {
	var out []order.DeliveryRate
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = a.deliveryRates(ctx, tx)
		return err
	})
	return out, err
}

// UpdateDeliveryRate sets a delivery method's name, fee, free-delivery threshold,
// tax rate and whether customers may choose it (delivery.edit). Orders already
// placed keep the fee they were charged.
func (a *App) UpdateDeliveryRate(ctx context.Context, actor Actor, r order.DeliveryRate) (order.DeliveryRate, error) {
	if err := require(actor, staff.DeliveryEdit); err != nil {
		return order.DeliveryRate{}, err
	}
	if err := r.Validate(); err != nil {
		return order.DeliveryRate{}, err
	}
	r.UpdatedAt = a.clock()
	err := a.write(ctx, func(tx *store.Tx) error {
		rs, err := tx.DeliveryRates(ctx)
		if err != nil {
			return err
		}
		var before order.DeliveryRate
		for _, old := range rs {
			if old.Method == r.Method {
				before = old
			}
		}
		if err := tx.PutDeliveryRate(ctx, r); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "delivery_rate.update", "delivery_method", string(r.Method), diff(before, r))
	})
	a.shop.changed()
	return r, err
}

// deliveryRates reads the rates, from the shop cache when it has them.
func (a *App) deliveryRates(ctx context.Context, tx *store.Tx) ([]order.DeliveryRate, error) {
	if rs, ok := a.shop.deliveryRates(); ok {
		return rs, nil
	}
	gen := a.shop.generation()
	rs, err := tx.DeliveryRates(ctx)
	if err != nil {
		return nil, err
	}
	a.shop.putDeliveryRates(gen, rs)
	return rs, nil
}
