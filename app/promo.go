package app

import (
	"context"
	"fmt"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/promo"
	"b2x/staff"
	"b2x/store"
)

// CreateCoupon adds a coupon code (promotions.edit). The code is stored in upper
// case; a code already taken is a conflict.
func (a *App) CreateCoupon(ctx context.Context, actor Actor, c promo.Coupon) (promo.Coupon, error) {
	if err := require(actor, staff.PromotionsEdit); err != nil {
		return promo.Coupon{}, err
	}
	if err := c.Validate(); err != nil {
		return promo.Coupon{}, err
	}
	c.ID, c.CreatedAt, c.Used = ids.New(), a.clock(), 0
	err := a.write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertCoupon(ctx, &c); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "coupon.create", "coupon", c.ID, c)
	})
	return c, err
}

// Coupons lists every coupon with its uses, newest first (promotions.read).
func (a *App) Coupons(ctx context.Context, actor Actor) ([]promo.Coupon, error) {
	if err := require(actor, staff.PromotionsRead); err != nil {
		return nil, err
	}
	var out []promo.Coupon
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.Coupons(ctx)
		return err
	})
	return out, err
}

// CreatePromotion adds an automatic promotion (promotions.edit). Every SKU and
// category it names must exist.
func (a *App) CreatePromotion(ctx context.Context, actor Actor, p promo.Promotion) (promo.Promotion, error) {
	if err := require(actor, staff.PromotionsEdit); err != nil {
		return promo.Promotion{}, err
	}
	if err := p.Validate(); err != nil {
		return promo.Promotion{}, err
	}
	p.ID, p.CreatedAt = ids.New(), a.clock()
	err := a.write(ctx, func(tx *store.Tx) error {
		products, err := tx.ProductsBySKU(ctx, p.SKUs)
		if err != nil {
			return err
		}
		var fs errs.Fields
		for i, s := range p.SKUs {
			if _, ok := products[s]; !ok {
				fs.Add(fmt.Sprintf("skus[%d]", i), "no product %s", s)
			}
		}
		if len(p.Categories) > 0 {
			cats, err := tx.Categories(ctx)
			if err != nil {
				return err
			}
			known := map[string]bool{}
			for _, c := range cats {
				known[c.Slug] = true
			}
			for i, c := range p.Categories {
				if !known[c] {
					fs.Add(fmt.Sprintf("categories[%d]", i), "no category %s", c)
				}
			}
		}
		if err := fs.Err(); err != nil {
			return err
		}
		if err := tx.InsertPromotion(ctx, &p); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "promotion.create", "promotion", p.ID, p)
	})
	a.shop.changed()
	return p, err
}

// Promotions lists every promotion, newest first (promotions.read).
func (a *App) Promotions(ctx context.Context, actor Actor) ([]promo.Promotion, error) {
	if err := require(actor, staff.PromotionsRead); err != nil {
		return nil, err
	}
	var out []promo.Promotion
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.Promotions(ctx)
		return err
	})
	return out, err
}

// MaxPromotionSKUs bounds one PromotionsFor call.
const MaxPromotionSKUs = 500

// PromotionsFor returns, for each of the SKUs, the automatic promotions that
// apply to it in the shop (b2c) now, for product pages and listings. SKUs that
// no promotion covers, or that are unknown, are absent. promo.Promotion.UnitPrice
// gives the price a page shows; checkout applies the best one of each line.
// Anyone may call it.
func (a *App) PromotionsFor(ctx context.Context, skus []string) (map[string][]promo.Promotion, error) {
	if len(skus) > MaxPromotionSKUs {
		return nil, errs.Field("skus", "at most %d at once", MaxPromotionSKUs)
	}
	out := map[string][]promo.Promotion{}
	if len(skus) == 0 {
		return out, nil
	}
	now := a.clock()
	err := a.read(ctx, func(tx *store.Tx) error {
		all, err := a.promotions(ctx, tx, now)
		if err != nil || len(all) == 0 {
			return err
		}
		products, err := tx.ProductsBySKU(ctx, skus)
		if err != nil {
			return err
		}
		for _, sku := range skus {
			p, ok := products[sku]
			if !ok || !p.Sellable(catalog.B2C) {
				continue
			}
			for _, pr := range all {
				if pr.Live(now, catalog.B2C) && pr.Covers(p.SKU, p.Category, p.Brand) {
					out[sku] = append(out[sku], pr)
				}
			}
		}
		return nil
	})
	return out, err
}

// promotions returns the promotions that have not ended at at, from the shop
// cache when it has them. Callers check each one's window and channel.
func (a *App) promotions(ctx context.Context, tx *store.Tx, at time.Time) ([]promo.Promotion, error) {
	if ps, ok := a.shop.promotions(at); ok {
		return ps, nil
	}
	gen := a.shop.generation()
	ps, err := tx.PromotionsNotEnded(ctx, at)
	if err != nil {
		return nil, err
	}
	a.shop.putPromotions(gen, at, ps)
	return ps, nil
}
