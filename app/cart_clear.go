package app

import (
	"context"

	"b2x/store"
)

// RemoveFromCart takes lines off the actor's cart: after a checkout, the lines
// the order bought. Lines added meanwhile (another tab) stay.
func (a *App) RemoveFromCart(ctx context.Context, actor Actor, token string, skus []string) error {
	return a.write(ctx, func(tx *store.Tx) error {
		c, ok, err := actorCart(ctx, tx, actor, token)
		if !ok || err != nil {
			return err
		}
		for _, sku := range skus {
			if err := tx.DeleteCartLine(ctx, c.ID, sku); err != nil {
				return err
			}
		}
		return tx.TouchCart(ctx, c.ID, a.clock())
	})
}
