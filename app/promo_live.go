package app

import (
	"context"

	"b2x/catalog"
	"b2x/promo"
	"b2x/store"
)

// LivePromotions returns the shop's automatic promotions running now, for the
// home page's banners (S4). Anyone may call it.
func (a *App) LivePromotions(ctx context.Context) ([]promo.Promotion, error) {
	now := a.clock()
	var live []promo.Promotion
	err := a.read(ctx, func(tx *store.Tx) error {
		all, err := a.promotions(ctx, tx, now)
		for _, p := range all {
			if p.Live(now, catalog.B2C) {
				live = append(live, p)
			}
		}
		return err
	})
	return live, err
}
