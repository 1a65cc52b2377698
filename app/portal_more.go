package app

import (
	"context"
	"slices"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/order"
	"b2x/party"
	"b2x/qty"
	"b2x/staff"
	"b2x/store"
)

// The portal's ways back to what a company bought before: a past order or a
// saved list becomes an order form, a quote request or a standing order, at the
// day's prices, with what is no longer sold said rather than dropped silently.

// ReorderDraft is a past order's lines for the order form: the lines still sold
// to companies, and the ones that are not any more.
type ReorderDraft struct {
	Order order.Order
	Lines []QuickOrderLine
	Gone  []GoneLine
}

// GoneLine is a line of a past order whose product is no longer sold in b2b
// (withdrawn, deleted, or now for consumers only).
type GoneLine struct {
	SKU      string
	Name     string
	Quantity qty.Quantity
	Unit     string
}

// ReorderDraft reads one of the buyer's organization's past orders for the
// order form: its lines whose products are still for sale in b2b, and those that
// are not. Prices are not copied: the form prices the lines at today's company
// prices. Another organization's order is not found.
func (a *App) ReorderDraft(ctx context.Context, actor Actor, orderID string) (ReorderDraft, error) {
	var d ReorderDraft
	err := a.portalRead(ctx, actor, func(tx *store.Tx) error {
		o, err := visibleOrder(ctx, tx, actor, orderID)
		if err != nil {
			return err
		}
		d.Order = o
		skus := make([]string, len(o.Lines))
		for i, l := range o.Lines {
			skus[i] = l.SKU
		}
		products, err := tx.ProductsBySKU(ctx, skus)
		if err != nil {
			return err
		}
		for _, l := range o.Lines {
			if p, ok := products[l.SKU]; ok && p.Sellable(catalog.B2B) {
				d.Lines = append(d.Lines, QuickOrderLine{SKU: l.SKU, Quantity: l.Quantity})
			} else {
				d.Gone = append(d.Gone, GoneLine{SKU: l.SKU, Name: l.Name, Quantity: l.Quantity, Unit: l.Unit})
			}
		}
		return nil
	})
	return d, err
}

// QuoteSavedList asks for a quote for a saved list's lines (the request_quote
// permission), with an optional note that opens the quote's thread.
func (a *App) QuoteSavedList(ctx context.Context, actor Actor, id, note string) (QuoteRequest, error) {
	l, err := a.SavedList(ctx, actor, id)
	if err != nil {
		return QuoteRequest{}, err
	}
	lines := make([]RFQLine, len(l.Lines))
	for i, x := range l.Lines {
		lines[i] = RFQLine{SKU: x.SKU, Quantity: x.Quantity}
	}
	return a.RequestQuote(ctx, actor, QuoteRequestInput{Lines: lines, Note: note})
}

// AddToSavedList adds a SKU and quantity to a saved list the actor sees (from
// the catalog or an order): a SKU already on it gets the quantities added. The
// list's row is locked first, so two additions at once both count. A buyer
// needs the order permission; staff customers.edit.
func (a *App) AddToSavedList(ctx context.Context, actor Actor, id, sku string, quantity qty.Quantity) (store.SavedList, error) {
	if err := requireBuyerOr(actor, staff.CustomersEdit); err != nil {
		return store.SavedList{}, err
	}
	var fs errs.Fields
	if !catalog.ValidSKU(sku) {
		fs.AddKey("sku", "err.qo.sku", `"{sku}" is not a valid SKU`, "sku", sku)
	}
	if quantity <= 0 || quantity > order.MaxLineQuantity {
		fs.AddKey("quantity", "err.list.line_quantity", "must be more than 0 and at most {max}", "max", order.MaxLineQuantity.String())
	}
	if err := fs.Err(); err != nil {
		return store.SavedList{}, err
	}
	if !ids.Valid(id) {
		return store.SavedList{}, errs.E(errs.NotFound, "no saved list %s", id)
	}
	var l store.SavedList
	err := a.write(ctx, func(tx *store.Tx) error {
		if actor.Buyer() {
			if _, err := buyerContact(ctx, tx, actor, party.Order); err != nil {
				return err
			}
		}
		if err := tx.LockSavedList(ctx, id); err != nil {
			return err
		}
		var err error
		if l, err = visibleSavedList(ctx, tx, actor, id); err != nil {
			return err
		}
		products, err := tx.ProductsBySKU(ctx, []string{sku})
		if err != nil {
			return err
		}
		if p, ok := products[sku]; !ok || !p.Sellable(catalog.B2B) {
			return errs.FieldKey("sku", "err.list.not_b2b", "no product {sku} for sale to companies", "sku", sku)
		}
		i := slices.IndexFunc(l.Lines, func(x store.SavedListLine) bool { return x.SKU == sku })
		switch {
		case i >= 0 && l.Lines[i].Quantity > order.MaxLineQuantity-quantity:
			return errs.FieldKey("quantity", "err.list.over", "{sku} would be more than {max} on the list", "sku", sku, "max", order.MaxLineQuantity.String())
		case i >= 0:
			l.Lines[i].Quantity += quantity
		case len(l.Lines) >= order.MaxLines:
			return errs.FieldKey("sku", "err.list.too_many", "a list has at most {max} lines", "max", order.MaxLines)
		default:
			l.Lines = append(l.Lines, store.SavedListLine{SKU: sku, Quantity: quantity})
		}
		l.UpdatedAt = a.clock()
		if err := tx.UpdateSavedList(ctx, &l); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "saved_list.add", "saved_list", id, map[string]any{"sku": sku, "quantity": quantity})
	})
	return l, err
}
