package account

import (
	"time"

	"b2x/errs"
	"b2x/order"
	"b2x/qty"
)

// Carts. A guest's cart is found by a random token the shop keeps in a cookie; a
// signed-in person has one cart, found by the person. At sign-in the guest's cart
// is merged into the person's and deleted.

// MaxCartLines bounds a cart.
const MaxCartLines = 100

// MaxCartQuantity bounds one line, as an order line is bounded.
const MaxCartQuantity = order.MaxLineQuantity

// GuestCartTTL is how long an untouched guest cart is kept.
const GuestCartTTL = 60 * 24 * time.Hour

// CartLine is a SKU and how much of it the customer wants.
type CartLine struct {
	SKU      string
	Quantity qty.Quantity
}

// CheckQuantity validates a quantity to set on a line; zero removes the line.
func CheckQuantity(field string, q qty.Quantity) error {
	switch {
	case q < 0:
		return errs.FieldKey(field, "err.cart.negative", "must not be negative; 0 removes the line")
	case q > MaxCartQuantity:
		return errs.FieldKey(field, "err.cart.max", "must be at most {max}", "max", MaxCartQuantity)
	}
	return nil
}

// SetLine sets the quantity of sku in lines, adding the line at the end when it
// is new and removing it when q is zero. A new line beyond MaxCartLines is refused.
func SetLine(lines []CartLine, sku string, q qty.Quantity) ([]CartLine, error) {
	if err := CheckQuantity("quantity", q); err != nil {
		return nil, err
	}
	out := make([]CartLine, 0, len(lines)+1)
	found := false
	for _, l := range lines {
		if l.SKU != sku {
			out = append(out, l)
			continue
		}
		found = true
		if q > 0 {
			out = append(out, CartLine{SKU: sku, Quantity: q})
		}
	}
	if !found && q > 0 {
		if len(lines) >= MaxCartLines {
			return nil, errs.FieldKey("sku", "err.cart.full", "a cart holds at most {max} lines; remove one first", "max", MaxCartLines)
		}
		out = append(out, CartLine{SKU: sku, Quantity: q})
	}
	return out, nil
}

// MergeLines adds a guest's lines to a person's: quantities of the same SKU are
// summed up to MaxCartQuantity, new SKUs follow the person's lines, and lines
// that would pass MaxCartLines are left out and returned as dropped.
func MergeLines(person, guest []CartLine) (merged []CartLine, dropped []string) {
	merged = append([]CartLine(nil), person...)
	at := make(map[string]int, len(merged))
	for i, l := range merged {
		at[l.SKU] = i
	}
	for _, g := range guest {
		if i, ok := at[g.SKU]; ok {
			merged[i].Quantity = min(merged[i].Quantity+g.Quantity, MaxCartQuantity)
			continue
		}
		if len(merged) >= MaxCartLines {
			dropped = append(dropped, g.SKU)
			continue
		}
		at[g.SKU] = len(merged)
		merged = append(merged, CartLine{SKU: g.SKU, Quantity: min(g.Quantity, MaxCartQuantity)})
	}
	return merged, dropped
}
