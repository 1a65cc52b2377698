package app

import (
	"context"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/inventory"
	"b2x/qty"
	"b2x/staff"
	"b2x/store"
)

// DefaultWarehouse receives stock when a movement names none.
const DefaultWarehouse = "MAIN"

// MovementInput is a stock change recorded by a person.
type MovementInput struct {
	SKU         string
	Kind        inventory.MovementKind
	Quantity    qty.Quantity
	Warehouse   string // default: the first warehouse by priority
	ToWarehouse string // the destination of a transfer
	Reference   string
	Note        string
}

// RecordMovement records a receipt, return, adjustment or transfer and moves the
// stock with it. A transfer writes two ledger rows under one reference.
func (a *App) RecordMovement(ctx context.Context, actor Actor, in MovementInput) (inventory.Stock, error) {
	if err := require(actor, staff.StockMove); err != nil {
		return inventory.Stock{}, err
	}
	var fs errs.Fields
	if !catalog.ValidSKU(in.SKU) {
		fs.Add("sku", "is not a valid SKU")
	}
	fs.Wrap("", inventory.CheckManual(in.Kind, in.Quantity))
	if in.Kind == inventory.Transfer && in.ToWarehouse == "" {
		fs.Add("to_warehouse", "a transfer needs a destination warehouse")
	}
	if in.Kind != inventory.Transfer && in.ToWarehouse != "" {
		fs.Add("to_warehouse", "only transfers have a destination")
	}
	if len(in.Note) > 1000 || len(in.Reference) > 200 {
		fs.Add("note", "note at most 1000 and reference at most 200 characters")
	}
	if err := fs.Err(); err != nil {
		return inventory.Stock{}, err
	}
	var stock inventory.Stock
	err := a.write(ctx, func(tx *store.Tx) error {
		p, err := tx.Product(ctx, in.SKU)
		if errs.CodeOf(err) == errs.NotFound {
			return errs.Field("sku", "no product %s", in.SKU)
		} else if err != nil {
			return err
		}
		if !p.Kind.Stocked() {
			return errs.Field("sku", "%s is a %s and has no stock", in.SKU, p.Kind)
		}
		if err := checkUnit(p, in.Quantity, "quantity"); err != nil {
			return err
		}
		from, err := a.warehouse(ctx, tx, in.Warehouse, "warehouse")
		if err != nil {
			return err
		}
		now := a.clock()
		m := inventory.Movement{ID: ids.New(), SKU: in.SKU, Warehouse: from, Kind: in.Kind, Quantity: in.Quantity,
			Reference: in.Reference, Note: in.Note, By: actor.Label(), At: now}
		if in.Kind == inventory.Transfer {
			to, err := a.warehouse(ctx, tx, in.ToWarehouse, "to_warehouse")
			if err != nil {
				return err
			}
			if to == from {
				return errs.Field("to_warehouse", "must differ from the source warehouse")
			}
			if m.Reference == "" {
				m.Reference = "transfer:" + m.ID
			}
			m.Quantity = -in.Quantity
			if err := tx.RecordMovement(ctx, m); err != nil {
				return err
			}
			m.ID, m.Warehouse, m.Quantity = ids.New(), to, in.Quantity
		}
		if err := tx.RecordMovement(ctx, m); err != nil {
			return err
		}
		if err := a.audit(ctx, tx, actor, "stock.move", "product", in.SKU, in); err != nil {
			return err
		}
		if err := a.noteRestock(ctx, tx, movementRise(in)); err != nil {
			return err
		}
		levels, err := tx.Levels(ctx, in.SKU)
		stock = inventory.Sum(in.SKU, levels)
		return err
	})
	return stock, err
}

// warehouse resolves a warehouse code, or the first warehouse when code is empty.
func (a *App) warehouse(ctx context.Context, tx *store.Tx, code, field string) (string, error) {
	ws, err := tx.Warehouses(ctx)
	if err != nil {
		return "", err
	}
	if len(ws) == 0 {
		return "", errs.E(errs.Conflict, "no warehouse exists yet")
	}
	if code == "" {
		return ws[0].Code, nil
	}
	for _, w := range ws {
		if w.Code == code {
			return code, nil
		}
	}
	return "", errs.Field(field, "no warehouse %q", code)
}

// checkUnit refuses fractions of units that are sold whole.
func checkUnit(p catalog.Product, q qty.Quantity, field string) error {
	u, _ := catalog.LookupUnit(p.Unit)
	if !u.Fractional && !q.IsWhole() {
		return errs.FieldKey(field, "err.unit.whole", "{sku} is sold in whole {unit}", "sku", p.SKU, "unit", p.Unit)
	}
	return nil
}

// Stock returns a SKU's stock summed over warehouses, with the levels per warehouse.
func (a *App) Stock(ctx context.Context, actor Actor, sku string) (inventory.Stock, []inventory.Level, error) {
	var levels []inventory.Level
	err := a.read(ctx, func(tx *store.Tx) error {
		p, err := tx.Product(ctx, sku)
		if err != nil {
			return err
		}
		if !actor.Staff() && !p.Sellable(catalog.B2C) {
			return errs.E(errs.NotFound, "no product %s", sku)
		}
		levels, err = tx.Levels(ctx, sku)
		return err
	})
	return inventory.Sum(sku, levels), levels, err
}

// UpsertWarehouse adds or changes a warehouse.
func (a *App) UpsertWarehouse(ctx context.Context, actor Actor, w inventory.Warehouse) error {
	if err := require(actor, staff.WarehousesEdit); err != nil {
		return err
	}
	if err := w.Validate(); err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		if err := tx.UpsertWarehouse(ctx, w); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "warehouse.upsert", "warehouse", w.Code, w)
	})
}

// ReserveInput holds stock of one SKU for someone until ExpiresAt.
type ReserveInput struct {
	SKU       string
	Quantity  qty.Quantity
	Reference string
	ExpiresAt time.Time
}

// Reserve holds stock, taking it from warehouses by priority.
func (a *App) Reserve(ctx context.Context, actor Actor, in ReserveInput) error {
	if err := require(actor, staff.StockMove); err != nil {
		return err
	}
	now := a.clock()
	var fs errs.Fields
	if in.Quantity <= 0 {
		fs.Add("quantity", "must be positive")
	}
	if in.Reference == "" {
		fs.Add("reference", "is required")
	}
	if !in.ExpiresAt.After(now) {
		fs.Add("expires_at", "must be in the future")
	}
	if err := fs.Err(); err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		levels, err := tx.LockLevels(ctx, in.SKU)
		if err != nil {
			return err
		}
		takes, err := inventory.Allocate(in.SKU, levels, in.Quantity)
		if err != nil {
			return err
		}
		for _, t := range takes {
			r := inventory.Reservation{ID: ids.New(), SKU: in.SKU, Warehouse: t.Warehouse, Quantity: t.Quantity,
				Reference: in.Reference, ExpiresAt: in.ExpiresAt, CreatedAt: now}
			if err := tx.Reserve(ctx, r); err != nil {
				return err
			}
		}
		return a.audit(ctx, tx, actor, "stock.reserve", "product", in.SKU, in)
	})
}

// Release gives back every reservation made for a reference.
func (a *App) Release(ctx context.Context, actor Actor, reference string) error {
	if err := require(actor, staff.StockMove); err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		rs, err := tx.ReleaseReservations(ctx, reference)
		if err != nil || len(rs) == 0 {
			return err
		}
		if err := a.noteRestock(ctx, tx, reservationRise(rs)); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "stock.release", "reservation", reference, map[string]int{"released": len(rs)})
	})
}

// ExpireReservations releases reservations whose time has passed; a job runs it.
func (a *App) ExpireReservations(ctx context.Context) (int, error) {
	var n int
	err := a.write(ctx, func(tx *store.Tx) error {
		n = 0 // a retried transaction counts again from the start
		refs, err := tx.ExpiredReservationRefs(ctx, a.clock())
		if err != nil {
			return err
		}
		for _, ref := range refs {
			rs, err := tx.ReleaseReservations(ctx, ref)
			if err != nil {
				return err
			}
			if err := a.noteRestock(ctx, tx, reservationRise(rs)); err != nil {
				return err
			}
			n += len(rs)
		}
		return nil
	})
	return n, err
}

// Warehouses lists the warehouses by priority.
func (a *App) Warehouses(ctx context.Context) ([]inventory.Warehouse, error) {
	var out []inventory.Warehouse
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.Warehouses(ctx)
		return err
	})
	return out, err
}

// Movements returns a SKU's stock ledger, oldest first.
func (a *App) Movements(ctx context.Context, actor Actor, sku string) ([]inventory.Movement, error) {
	if err := require(actor, staff.StockRead); err != nil {
		return nil, err
	}
	var ms []inventory.Movement
	err := a.read(ctx, func(tx *store.Tx) error {
		if _, err := tx.Product(ctx, sku); err != nil {
			return err
		}
		var err error
		ms, err = tx.Movements(ctx, sku)
		return err
	})
	return ms, err
}
