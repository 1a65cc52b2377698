package app

import (
	"context"

	"b2x/catalog"
	"b2x/errs"
	"b2x/inventory"
	"b2x/qty"
	"b2x/staff"
	"b2x/store"
)

// SKUStock is what the back office shows of one SKU's stock: its levels per
// warehouse, its reorder points and its recent movements.
type SKUStock struct {
	Product       catalog.Product
	Stock         inventory.Stock
	Levels        []inventory.Level
	ReorderPoints []inventory.ReorderPoint
	Movements     []inventory.Movement // newest first, at most MaxPageSize
}

// StockOfSKU reads one SKU's stock for staff (stock.read).
func (a *App) StockOfSKU(ctx context.Context, actor Actor, sku string) (SKUStock, error) {
	if err := require(actor, staff.StockRead); err != nil {
		return SKUStock{}, err
	}
	var out SKUStock
	err := a.read(ctx, func(tx *store.Tx) error {
		p, err := tx.Product(ctx, sku)
		if err != nil {
			return err
		}
		out = SKUStock{Product: p}
		if out.Levels, err = tx.Levels(ctx, sku); err != nil {
			return err
		}
		out.Stock = inventory.Sum(sku, out.Levels)
		if out.ReorderPoints, err = tx.ReorderPoints(ctx, sku); err != nil {
			return err
		}
		ms, err := tx.Movements(ctx, sku)
		if err != nil {
			return err
		}
		for i := len(ms) - 1; i >= 0 && len(out.Movements) < MaxPageSize; i-- {
			out.Movements = append(out.Movements, ms[i])
		}
		return nil
	})
	return out, err
}

// StockRow is one product of the stock list with its levels per warehouse.
type StockRow struct {
	Product catalog.Product
	Stock   inventory.Stock
	Levels  []inventory.Level
}

// StockList lists stocked products (goods) by SKU with their levels (stock.read).
func (a *App) StockList(ctx context.Context, actor Actor, q ProductQuery) ([]StockRow, error) {
	if err := require(actor, staff.StockRead); err != nil {
		return nil, err
	}
	var fs errs.Fields
	checkLimit(&fs, q.Limit)
	if len(q.Q) > 200 {
		fs.Add("q", "is longer than 200 characters")
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []StockRow
	err := a.read(ctx, func(tx *store.Tx) error {
		ps, err := tx.ListProducts(ctx, store.ProductFilter{Query: q.Q, Category: q.Category, Kind: catalog.Goods,
			After: q.After, Limit: q.Limit})
		if err != nil {
			return err
		}
		skus := make([]string, len(ps))
		for i, p := range ps {
			skus[i] = p.SKU
		}
		levels, err := tx.LevelsOf(ctx, skus)
		if err != nil {
			return err
		}
		out = make([]StockRow, len(ps))
		for i, p := range ps {
			out[i] = StockRow{Product: p, Levels: levels[p.SKU], Stock: inventory.Sum(p.SKU, levels[p.SKU])}
		}
		return nil
	})
	return out, err
}

// ReorderPointInput sets (or, with Remove, deletes) a SKU's reorder point in a
// warehouse.
type ReorderPointInput struct {
	SKU       string
	Warehouse string
	Point     qty.Quantity
	Quantity  qty.Quantity
	Remove    bool
}

// SetReorderPoint sets when to buy more of a SKU for a warehouse (stock.move),
// audited as reorder_point.set or reorder_point.remove.
func (a *App) SetReorderPoint(ctx context.Context, actor Actor, in ReorderPointInput) (inventory.ReorderPoint, error) {
	if err := require(actor, staff.StockMove); err != nil {
		return inventory.ReorderPoint{}, err
	}
	r := inventory.ReorderPoint{SKU: in.SKU, Warehouse: in.Warehouse, Point: in.Point, Quantity: in.Quantity,
		UpdatedAt: a.clock(), UpdatedBy: actor.Label()}
	var fs errs.Fields
	if !catalog.ValidSKU(in.SKU) {
		fs.Add("sku", "is not a valid SKU")
	}
	if in.Warehouse == "" {
		fs.Add("warehouse", "is required")
	}
	if !in.Remove {
		fs.Wrap("", r.Validate())
	}
	if err := fs.Err(); err != nil {
		return inventory.ReorderPoint{}, err
	}
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
		if _, err := a.warehouse(ctx, tx, in.Warehouse, "warehouse"); err != nil {
			return err
		}
		if in.Remove {
			ok, err := tx.DeleteReorderPoint(ctx, in.SKU, in.Warehouse)
			if err != nil || !ok {
				return err
			}
			return a.audit(ctx, tx, actor, "reorder_point.remove", "product", in.SKU, map[string]string{"warehouse": in.Warehouse})
		}
		if err := checkUnit(p, r.Point, "point"); err != nil {
			return err
		}
		if err := checkUnit(p, r.Quantity, "quantity"); err != nil {
			return err
		}
		if err := tx.PutReorderPoint(ctx, r); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "reorder_point.set", "product", in.SKU, in)
	})
	return r, err
}

// LowStockItem is a SKU below its reorder point in one warehouse (S22.3).
type LowStockItem struct {
	SKU, Name, Unit string
	Warehouse       string
	OnHand          qty.Quantity
	Reserved        qty.Quantity
	Available       qty.Quantity
	Point           qty.Quantity
	Suggested       qty.Quantity // to order so the warehouse is back at point + quantity
}

// LowStockQuery selects a page of the low-stock list; the cursor is the last
// item's SKU and warehouse.
type LowStockQuery struct {
	Warehouse      string
	AfterSKU       string
	AfterWarehouse string
	Limit          int
}

// LowStock lists SKUs whose available stock in a warehouse is below its reorder
// point, with what to order (stock.read).
func (a *App) LowStock(ctx context.Context, actor Actor, q LowStockQuery) ([]LowStockItem, error) {
	if err := require(actor, staff.StockRead); err != nil {
		return nil, err
	}
	var fs errs.Fields
	checkLimit(&fs, q.Limit)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var rows []store.LowStockRow
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		rows, err = tx.LowStock(ctx, q.Warehouse, q.AfterSKU, q.AfterWarehouse, q.Limit)
		return err
	})
	out := make([]LowStockItem, len(rows))
	for i, r := range rows {
		u, _ := catalog.LookupUnit(r.Unit)
		out[i] = LowStockItem{SKU: r.Point.SKU, Name: r.Name, Unit: r.Unit, Warehouse: r.Point.Warehouse,
			OnHand: r.Level.OnHand, Reserved: r.Level.Reserved, Available: r.Level.Available(), Point: r.Point.Point,
			Suggested: r.Point.Suggest(r.Level, !u.Fractional)}
	}
	return out, err
}

// LowStockCount counts the SKU and warehouse pairs below their reorder point
// (stock.read), for the dashboard.
func (a *App) LowStockCount(ctx context.Context, actor Actor) (int, error) {
	if err := require(actor, staff.StockRead); err != nil {
		return 0, err
	}
	var n int
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		n, err = tx.LowStockCount(ctx)
		return err
	})
	return n, err
}

// ReorderPoints lists a SKU's reorder points by warehouse (stock.read).
func (a *App) ReorderPoints(ctx context.Context, actor Actor, sku string) ([]inventory.ReorderPoint, error) {
	if err := require(actor, staff.StockRead); err != nil {
		return nil, err
	}
	var out []inventory.ReorderPoint
	err := a.read(ctx, func(tx *store.Tx) error {
		if _, err := tx.Product(ctx, sku); err != nil {
			return err
		}
		var err error
		out, err = tx.ReorderPoints(ctx, sku)
		return err
	})
	return out, err
}
