package admin

import (
	"net/http"

	"b2x/app"
	"b2x/errs"
	"b2x/inventory"
	"b2x/qty"
	"b2x/web/page"
)

type stockListPage struct {
	Rows       []app.StockRow
	Warehouses []inventory.Warehouse
	Q, Next    string
}

// Level is the row's level in a warehouse, for the table's columns.
func (d stockListPage) Level(row app.StockRow, warehouse string) inventory.Level {
	for _, l := range row.Levels {
		if l.Warehouse == warehouse {
			return l
		}
	}
	return inventory.Level{}
}

// stockList shows stocked products with on-hand and available per warehouse.
func (s *Server) stockList(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := r.URL.Query()
	d := stockListPage{Q: q.Get("q")}
	var err error
	if d.Rows, err = s.app.StockList(r.Context(), rq.actor, app.ProductQuery{Q: d.Q, After: q.Get("after"), Limit: productPageSize + 1}); err != nil {
		return err
	}
	if len(d.Rows) > productPageSize {
		d.Rows = d.Rows[:productPageSize]
		d.Next = d.Rows[productPageSize-1].Product.SKU
	}
	if d.Warehouses, err = s.app.Warehouses(r.Context()); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "stock", rq, rq.p.T("ops.stock"), d)
	return nil
}

// stockForm is the movement or reorder-point form as typed.
type stockForm struct {
	Form                                             string // which form failed: "move" or "reorder"
	Kind, Quantity, Warehouse, ToWarehouse, Reason   string
	Point, ReorderQuantity, ReorderWarehouse, Remove string
}

type skuPage struct {
	Stock      app.SKUStock
	Warehouses []inventory.Warehouse
	Form       stockForm
	Errors     page.FormErrors
	Done       string
}

// Point is the reorder point of a warehouse, nil when none is set.
func (d skuPage) Point(warehouse string) *inventory.ReorderPoint {
	for i, p := range d.Stock.ReorderPoints {
		if p.Warehouse == warehouse {
			return &d.Stock.ReorderPoints[i]
		}
	}
	return nil
}

// Kinds are the movements a person records from the form.
func (skuPage) Kinds() []inventory.MovementKind {
	return []inventory.MovementKind{inventory.Receipt, inventory.Adjustment, inventory.Transfer, inventory.Return}
}

func (s *Server) skuPage(r *http.Request, rq *request) (skuPage, error) {
	st, err := s.app.StockOfSKU(r.Context(), rq.actor, r.PathValue("sku"))
	if err != nil {
		return skuPage{}, err
	}
	ws, err := s.app.Warehouses(r.Context())
	return skuPage{Stock: st, Warehouses: ws, Done: r.URL.Query().Get("done")}, err
}

// skuStock shows one SKU's stock by warehouse with forms to receive, adjust and
// transfer it and to set its reorder points.
func (s *Server) skuStock(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := s.skuPage(r, rq)
	if err != nil {
		return err
	}
	d.Form.Kind = string(inventory.Receipt)
	s.render(w, r, http.StatusOK, "sku", rq, d.Stock.Product.Name, d)
	return nil
}

// moveStock receives, adjusts (with a reason, which the ledger keeps as the
// movement's note) or transfers stock through RecordMovement.
func (s *Server) moveStock(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	sku := r.PathValue("sku")
	f := stockForm{Form: "move", Kind: page.Field(r, "kind"), Quantity: page.Field(r, "quantity"),
		Warehouse: page.Field(r, "warehouse"), ToWarehouse: page.Field(r, "to_warehouse"), Reason: page.Field(r, "reason")}
	in := app.MovementInput{SKU: sku, Kind: inventory.MovementKind(f.Kind), Warehouse: f.Warehouse, Note: f.Reason}
	if in.Kind == inventory.Transfer {
		in.ToWarehouse = f.ToWarehouse
	}
	var bad errs.Fields
	q, err := qty.Parse(f.Quantity)
	if err != nil {
		bad.Add("quantity", "%s", rq.p.T("ops.bad_quantity"))
	}
	in.Quantity = q
	if in.Kind == inventory.Adjustment && f.Reason == "" {
		// A count that finds more or less than the books must say why, or the
		// ledger cannot be checked later.
		bad.Add("reason", "%s", rq.p.T("ops.reason_required"))
	}
	err = bad.Err()
	if err == nil {
		if _, err = s.app.RecordMovement(r.Context(), rq.actor, in); err == nil {
			http.Redirect(w, r, "/admin/stock/"+sku+"?done="+f.Kind, http.StatusSeeOther)
			return nil
		}
	}
	return s.stockRefused(w, r, rq, f, err)
}

// setReorderPoint sets or removes a SKU's reorder point in a warehouse.
func (s *Server) setReorderPoint(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	sku := r.PathValue("sku")
	f := stockForm{Form: "reorder", Point: page.Field(r, "point"), ReorderQuantity: page.Field(r, "quantity"),
		ReorderWarehouse: page.Field(r, "warehouse"), Remove: page.Field(r, "remove")}
	in := app.ReorderPointInput{SKU: sku, Warehouse: f.ReorderWarehouse, Remove: f.Remove != ""}
	var bad errs.Fields
	if !in.Remove {
		var err error
		if in.Point, err = qty.Parse(f.Point); err != nil {
			bad.Add("point", "%s", rq.p.T("ops.bad_quantity"))
		}
		if f.ReorderQuantity != "" {
			if in.Quantity, err = qty.Parse(f.ReorderQuantity); err != nil {
				bad.Add("quantity", "%s", rq.p.T("ops.bad_quantity"))
			}
		}
	}
	err := bad.Err()
	if err == nil {
		if _, err = s.app.SetReorderPoint(r.Context(), rq.actor, in); err == nil {
			http.Redirect(w, r, "/admin/stock/"+sku+"?done=reorder", http.StatusSeeOther)
			return nil
		}
	}
	return s.stockRefused(w, r, rq, f, err)
}

func (s *Server) stockRefused(w http.ResponseWriter, r *http.Request, rq *request, f stockForm, err error) error {
	fe, other := page.AsFormErrorsIn(rq.p, err)
	if other != nil {
		return other
	}
	d, perr := s.skuPage(r, rq)
	if perr != nil {
		return perr
	}
	d.Form, d.Errors, d.Done = f, fe, ""
	s.render(w, r, page.FormStatus(err), "sku", rq, d.Stock.Product.Name, d)
	return nil
}

type lowStockPage struct {
	Items      []app.LowStockItem
	Warehouses []inventory.Warehouse
	Warehouse  string
	// NextSKU and NextWarehouse are the cursor of the next page.
	NextSKU, NextWarehouse string
}

// lowStock lists what is below its reorder point (S22.3) with what to order.
func (s *Server) lowStock(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := r.URL.Query()
	d := lowStockPage{Warehouse: q.Get("warehouse")}
	items, err := s.app.LowStock(r.Context(), rq.actor, app.LowStockQuery{Warehouse: d.Warehouse, AfterSKU: q.Get("after"),
		AfterWarehouse: q.Get("after_warehouse"), Limit: app.MaxPageSize + 1})
	if err != nil {
		return err
	}
	if len(items) > app.MaxPageSize {
		items = items[:app.MaxPageSize]
		d.NextSKU, d.NextWarehouse = items[len(items)-1].SKU, items[len(items)-1].Warehouse
	}
	d.Items = items
	if d.Warehouses, err = s.app.Warehouses(r.Context()); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "lowstock", rq, rq.p.T("ops.low_stock"), d)
	return nil
}
