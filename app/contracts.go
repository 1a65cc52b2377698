package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"b2x/catalog"
	"b2x/contract"
	"b2x/errs"
	"b2x/ids"
	"b2x/pricing"
	"b2x/staff"
	"b2x/store"
)

// Contracts (S7, S22.8, S22.9): staff agree prices, a volume and a term with an
// organization; the organization's buyers read them with what they have bought
// so far. The agreed prices are a price list the contract owns, so they apply
// wherever the organization is priced.

// ContractView is a contract with what the organization has bought against it.
type ContractView struct {
	Contract    contract.Contract
	Consumption contract.Consumption
}

// ContractChanges changes a contract; nil fields stay as they are. The
// organization and currency never change.
type ContractChanges struct {
	Name       *string
	Prices     *[]pricing.Entry
	Commitment *contract.Commitment
	StartsAt   *time.Time
	EndsAt     *time.Time
	Terms      *string
}

// CreateContract agrees a contract with an organization. Its prices become the
// organization's price list for the term (contracts.edit).
func (a *App) CreateContract(ctx context.Context, actor Actor, c contract.Contract) (ContractView, error) {
	if err := require(actor, staff.ContractsEdit); err != nil {
		return ContractView{}, err
	}
	now := a.clock()
	c.ID, c.PriceListID, c.CreatedAt, c.UpdatedAt = ids.At(now), "", now, now
	c.StartsAt, c.EndsAt = utcMicro(c.StartsAt), utcMicro(c.EndsAt)
	if c.Commitment.Kind == "" {
		c.Commitment.Kind = contract.NoCommitment
	}
	if err := c.Validate(); err != nil {
		return ContractView{}, err
	}
	if !ids.Valid(c.OrganizationID) {
		return ContractView{}, errs.Field("organization_id", "no organization %s", c.OrganizationID)
	}
	var v ContractView
	err := a.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Organization(ctx, c.OrganizationID); errs.CodeOf(err) == errs.NotFound {
			return errs.Field("organization_id", "no organization %s", c.OrganizationID)
		} else if err != nil {
			return err
		}
		if err := checkContractSKUs(ctx, tx, c.Prices); err != nil {
			return err
		}
		if len(c.Prices) > 0 {
			c.PriceListID = ids.At(now)
			l := c.PriceList()
			if err := tx.InsertPriceList(ctx, &l, now); err != nil {
				return err
			}
		}
		if err := tx.InsertContract(ctx, &c); err != nil {
			return err
		}
		var err error
		if v, err = a.contractView(ctx, tx, c); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "contract.create", "contract", c.ID, c)
	})
	return v, err
}

// checkContractSKUs refuses prices for SKUs that are not sold in the b2b channel.
func checkContractSKUs(ctx context.Context, tx *store.Tx, prices []pricing.Entry) error {
	var skus []string
	for _, e := range prices {
		if !slices.Contains(skus, e.SKU) {
			skus = append(skus, e.SKU)
		}
	}
	products, err := tx.ProductsBySKU(ctx, skus)
	if err != nil {
		return err
	}
	var fs errs.Fields
	for i, e := range prices {
		if p, ok := products[e.SKU]; !ok || !p.VisibleIn(catalog.B2B) {
			fs.Add(fmt.Sprintf("prices[%d].sku", i), "no product %s in the b2b catalog", e.SKU)
		}
	}
	return fs.Err()
}

// UpdateContract changes a contract and, with it, its price list
// (contracts.edit).
func (a *App) UpdateContract(ctx context.Context, actor Actor, id string, ch ContractChanges) (ContractView, error) {
	if err := require(actor, staff.ContractsEdit); err != nil {
		return ContractView{}, err
	}
	if !ids.Valid(id) {
		return ContractView{}, errs.E(errs.NotFound, "no contract %s", id)
	}
	now := a.clock()
	var v ContractView
	err := a.write(ctx, func(tx *store.Tx) error {
		c, err := tx.Contract(ctx, id)
		if err != nil {
			return err
		}
		before := c
		before.Prices = slices.Clone(c.Prices)
		set(&c.Name, ch.Name)
		set(&c.Commitment, ch.Commitment)
		set(&c.Terms, ch.Terms)
		if ch.Prices != nil {
			c.Prices = slices.Clone(*ch.Prices)
		}
		if ch.StartsAt != nil {
			c.StartsAt = utcMicro(*ch.StartsAt)
		}
		if ch.EndsAt != nil {
			c.EndsAt = utcMicro(*ch.EndsAt)
		}
		if c.Commitment.Kind == "" {
			c.Commitment.Kind = contract.NoCommitment
		}
		c.UpdatedAt = now
		if err := c.Validate(); err != nil {
			return err
		}
		if err := checkContractSKUs(ctx, tx, c.Prices); err != nil {
			return err
		}
		switch {
		case c.PriceListID != "":
			l := c.PriceList()
			if err := tx.ReplacePriceList(ctx, &l); err != nil {
				return err
			}
		case len(c.Prices) > 0:
			c.PriceListID = ids.At(now)
			l := c.PriceList()
			if err := tx.InsertPriceList(ctx, &l, now); err != nil {
				return err
			}
		}
		if err := tx.UpdateContract(ctx, &c); err != nil {
			return err
		}
		if v, err = a.contractView(ctx, tx, c); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "contract.update", "contract", id, diff(before, c))
	})
	return v, err
}

// contractView measures a contract's consumption from the organization's orders.
func (a *App) contractView(ctx context.Context, tx *store.Tx, c contract.Contract) (ContractView, error) {
	list := ""
	if len(c.Prices) > 0 {
		list = c.PriceListID // a list emptied by an update counts every SKU, like no list
	}
	u, err := tx.ContractUsage(ctx, c.OrganizationID, c.Currency, c.StartsAt, c.EndsAt, list)
	if err != nil {
		return ContractView{}, err
	}
	return ContractView{Contract: c, Consumption: contract.Consume(c, u, a.clock())}, nil
}

// Contracts lists an organization's contracts with their consumption: a buyer
// always their own organization's (another organization named is ignored), staff
// the organization named (contracts.read).
func (a *App) Contracts(ctx context.Context, actor Actor, organizationID string) ([]ContractView, error) {
	if err := requireBuyerOr(actor, staff.ContractsRead); err != nil {
		return nil, err
	}
	org, err := organizationOf(actor, organizationID, true)
	if err != nil {
		return nil, err
	}
	var out []ContractView
	err = a.portalRead(ctx, actor, func(tx *store.Tx) error {
		cs, err := tx.ContractsOf(ctx, org)
		if err != nil {
			return err
		}
		for _, c := range cs {
			v, err := a.contractView(ctx, tx, c)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return nil
	})
	return out, err
}

// Contract returns one contract with its consumption; another organization's is
// not found for a buyer; staff need contracts.read.
func (a *App) Contract(ctx context.Context, actor Actor, id string) (ContractView, error) {
	if err := requireBuyerOr(actor, staff.ContractsRead); err != nil {
		return ContractView{}, err
	}
	var v ContractView
	err := a.portalRead(ctx, actor, func(tx *store.Tx) error {
		if !ids.Valid(id) {
			return errs.E(errs.NotFound, "no contract %s", id)
		}
		c, err := tx.Contract(ctx, id)
		if err != nil {
			return err
		}
		if actor.Buyer() && c.OrganizationID != actor.OrganizationID {
			return errs.E(errs.NotFound, "no contract %s", id)
		}
		v, err = a.contractView(ctx, tx, c)
		return err
	})
	return v, err
}
