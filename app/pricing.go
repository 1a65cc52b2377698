package app

import (
	"context"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/pricing"
	"b2x/qty"
	"b2x/staff"
	"b2x/store"
)

// PriceQuestion asks what a unit of a SKU costs a buyer.
type PriceQuestion struct {
	SKU            string
	Quantity       qty.Quantity
	OrganizationID string
	PersonID       string
	Channel        catalog.Channel
}

// ResolvePrice answers a PriceQuestion for now, with the rule that won.
func (a *App) ResolvePrice(ctx context.Context, actor Actor, q PriceQuestion) (pricing.Resolution, error) {
	var fs errs.Fields
	if !catalog.ValidSKU(q.SKU) {
		fs.Add("sku", "is not a valid SKU")
	}
	if q.Quantity <= 0 {
		fs.Add("quantity", "must be positive")
	}
	if !q.Channel.Valid() {
		fs.Add("channel", "must be b2c or b2b")
	}
	if q.OrganizationID != "" && q.PersonID != "" {
		fs.Add("organization", "ask for an organization or a person, not both")
	}
	if err := fs.Err(); err != nil {
		return pricing.Resolution{}, err
	}
	if !actor.Staff() && (q.OrganizationID != "" || q.PersonID != "" || q.Channel == catalog.B2B) {
		return pricing.Resolution{}, errs.E(errs.Unauthorized, "customer prices need a signed-in user")
	}
	var res pricing.Resolution
	err := a.read(ctx, func(tx *store.Tx) error {
		p, err := tx.Product(ctx, q.SKU)
		if errs.CodeOf(err) == errs.NotFound {
			return errs.Field("sku", "no product %s", q.SKU)
		} else if err != nil {
			return err
		}
		if !actor.Staff() && !p.Sellable(catalog.B2C) {
			return errs.Field("sku", "no product %s", q.SKU)
		}
		if err := checkUnit(p, q.Quantity, "quantity"); err != nil {
			return err
		}
		buyer, err := a.buyer(ctx, tx, &CheckoutInput{OrganizationID: q.OrganizationID, PersonID: q.PersonID})
		if err != nil {
			return err
		}
		now := a.clock()
		base, err := tx.BasePrices(ctx, []string{q.SKU})
		if err != nil {
			return err
		}
		lists, err := tx.PriceListsFor(ctx, buyer, []string{q.SKU}, now)
		if err != nil {
			return err
		}
		res, err = pricing.Resolve(pricing.Request{SKU: q.SKU, Quantity: q.Quantity, Buyer: buyer, Channel: q.Channel,
			At: now, TaxRateBP: p.TaxRateBP}, base[q.SKU], lists)
		return err
	})
	return res, err
}

// CreatePriceList adds a price list for an organization or a customer group.
func (a *App) CreatePriceList(ctx context.Context, actor Actor, l pricing.PriceList) (pricing.PriceList, error) {
	if err := require(actor, staff.PricesEdit); err != nil {
		return l, err
	}
	l.ID = ids.New()
	if l.ValidFrom.IsZero() {
		l.ValidFrom = a.clock()
	}
	if err := l.Validate(); err != nil {
		return l, err
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		if l.OrganizationID != "" {
			if _, err := tx.Organization(ctx, l.OrganizationID); errs.CodeOf(err) == errs.NotFound {
				return errs.Field("organization_id", "no organization %s", l.OrganizationID)
			} else if err != nil {
				return err
			}
		}
		skus := make([]string, len(l.Entries))
		for i, e := range l.Entries {
			skus[i] = e.SKU
		}
		found, err := tx.ProductsBySKU(ctx, skus)
		if err != nil {
			return err
		}
		var fs errs.Fields
		for i, e := range l.Entries {
			if _, ok := found[e.SKU]; !ok {
				fs.Add("entries["+itoa(i)+"].sku", "no product %s", e.SKU)
			}
		}
		if err := fs.Err(); err != nil {
			return err
		}
		if err := tx.InsertPriceList(ctx, &l, a.clock()); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "price_list.create", "price_list", l.ID, l)
	})
	return l, err
}

// PriceLists returns an organization's own price lists (contracts' included):
// staff any organization's, a buyer only their own (another is not found).
func (a *App) PriceLists(ctx context.Context, actor Actor, organizationID string) ([]pricing.PriceList, error) {
	if !actor.Buyer() {
		if err := require(actor, staff.PricesRead); err != nil {
			return nil, err
		}
	}
	if !ids.Valid(organizationID) || (actor.Buyer() && organizationID != actor.OrganizationID) {
		return nil, errs.E(errs.NotFound, "no organization %s", organizationID)
	}
	var out []pricing.PriceList
	err := a.portalRead(ctx, actor, func(tx *store.Tx) (err error) {
		if _, err := tx.Organization(ctx, organizationID); err != nil {
			return err
		}
		out, err = tx.PriceListsOf(ctx, organizationID)
		return err
	})
	return out, err
}
