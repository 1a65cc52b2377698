package app

import (
	"context"
	"fmt"

	"b2x/demo"
	"b2x/errs"
	"b2x/party"
	"b2x/store"
)

// SeedDemo writes a demo data set (demo.Generate) into an empty database, in one
// transaction: the catalog with its base prices, the warehouses, the customers
// with their buying centers, the price lists, the order history and the stock
// ledger. Every stock movement goes through the store's guarded RecordMovement in
// time order, so the ledger balances and never goes below zero. Order numbers are
// handed out by the store in the order the orders were placed.
//
// A database that already has products is refused with a conflict: the demo SKUs
// would clash with them.
func (a *App) SeedDemo(ctx context.Context, d *demo.Dataset) error {
	if err := checkDataset(d); err != nil {
		return err
	}
	defer a.catalog.changed()
	return a.write(ctx, func(tx *store.Tx) error {
		if ps, err := tx.ListProducts(ctx, store.ProductFilter{Limit: 1}); err != nil {
			return err
		} else if len(ps) > 0 {
			return errs.E(errs.Conflict, "the database already has products; demo data is seeded only into an empty database")
		}
		for _, c := range d.Categories {
			if err := tx.UpsertCategory(ctx, c); err != nil {
				return fmt.Errorf("demo category %s: %w", c.Slug, err)
			}
		}
		for i := range d.Products {
			if err := tx.InsertProduct(ctx, &d.Products[i]); err != nil {
				return fmt.Errorf("demo product %s: %w", d.Products[i].SKU, err)
			}
		}
		for _, bp := range d.Prices {
			if err := tx.SetBasePrice(ctx, bp); err != nil {
				return fmt.Errorf("demo price of %s: %w", bp.SKU, err)
			}
		}
		for _, w := range d.Warehouses {
			if err := tx.UpsertWarehouse(ctx, w); err != nil {
				return fmt.Errorf("demo warehouse %s: %w", w.Code, err)
			}
		}
		for i := range d.Persons {
			if err := tx.InsertPerson(ctx, &d.Persons[i]); err != nil {
				return fmt.Errorf("demo person %s: %w", d.Persons[i].Name, err)
			}
		}
		for i := range d.Organizations {
			if err := tx.InsertOrganization(ctx, &d.Organizations[i]); err != nil {
				return fmt.Errorf("demo organization %s: %w", d.Organizations[i].LegalName, err)
			}
		}
		for i := range d.Contacts {
			if d.Contacts[i].Permissions == nil {
				d.Contacts[i].Permissions = party.Permissions
			}
			if err := tx.InsertContact(ctx, &d.Contacts[i]); err != nil {
				return fmt.Errorf("demo contact %s: %w", d.Contacts[i].Name, err)
			}
		}
		for i := range d.PriceLists {
			l := &d.PriceLists[i]
			if err := tx.InsertPriceList(ctx, l, l.ValidFrom); err != nil {
				return fmt.Errorf("demo price list %s: %w", l.Name, err)
			}
		}
		for i := range d.Orders {
			o := d.Orders[i] // a copy: the number belongs to this database, not to the data set
			if err := tx.InsertOrder(ctx, &o); err != nil {
				return fmt.Errorf("demo order placed %s: %w", o.PlacedAt.Format("2006-01-02 15:04"), err)
			}
		}
		for _, m := range d.Movements {
			if err := tx.RecordMovement(ctx, m); err != nil {
				return fmt.Errorf("demo stock movement %s %s %s at %s: %w", m.Kind, m.Quantity, m.SKU, m.At.Format("2006-01-02 15:04"), err)
			}
		}
		for i := range d.Reviews {
			if err := tx.InsertReview(ctx, &d.Reviews[i]); err != nil {
				return fmt.Errorf("demo review of %s: %w", d.Reviews[i].SKU, err)
			}
		}
		for i := range d.News {
			if err := tx.InsertNewsPost(ctx, &d.News[i]); err != nil {
				return fmt.Errorf("demo news post %s: %w", d.News[i].Slug, err)
			}
		}
		for i := range d.Banners {
			if err := tx.InsertBanner(ctx, &d.Banners[i]); err != nil {
				return fmt.Errorf("demo banner %s: %w", d.Banners[i].Title, err)
			}
		}
		if d.CRM == nil {
			return nil
		}
		return seedCRM(ctx, tx, d.CRM)
	})
}

// checkDataset validates every record the way the use cases that create them
// would, so that a broken generator fails here with the record named.
func checkDataset(d *demo.Dataset) error {
	if d == nil {
		return errs.E(errs.Invalid, "no demo data set")
	}
	var fs errs.Fields
	for _, c := range d.Categories {
		fs.Wrap("category "+c.Slug, c.Validate())
	}
	for i := range d.Products {
		fs.Wrap("product "+d.Products[i].SKU, d.Products[i].Validate())
	}
	for _, w := range d.Warehouses {
		fs.Wrap("warehouse "+w.Code, w.Validate())
	}
	for i := range d.Persons {
		fs.Wrap("person "+d.Persons[i].ID, d.Persons[i].Validate())
	}
	for i := range d.Organizations {
		fs.Wrap("organization "+d.Organizations[i].ID, d.Organizations[i].Validate())
	}
	for i := range d.Contacts {
		fs.Wrap("contact "+d.Contacts[i].ID, d.Contacts[i].Validate())
	}
	for i := range d.PriceLists {
		fs.Wrap("price list "+d.PriceLists[i].ID, d.PriceLists[i].Validate())
	}
	for i := range d.Reviews {
		fs.Wrap("review "+d.Reviews[i].ID, d.Reviews[i].Validate())
	}
	for i := range d.News {
		fs.Wrap("news post "+d.News[i].Slug, d.News[i].Validate())
	}
	for i := range d.Banners {
		fs.Wrap("banner "+d.Banners[i].Title, d.Banners[i].Validate())
	}
	if d.CRM != nil {
		fs.Wrap("crm", checkCRMData(d.CRM))
	}
	return fs.Err()
}

// HasProducts reports whether the catalog has any product, so that the demo data
// is seeded only into an empty database.
func (a *App) HasProducts(ctx context.Context) (bool, error) {
	var has bool
	err := a.read(ctx, func(tx *store.Tx) error {
		ps, err := tx.ListProducts(ctx, store.ProductFilter{Limit: 1})
		has = len(ps) > 0
		return err
	})
	return has, err
}
