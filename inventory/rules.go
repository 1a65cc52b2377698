package inventory

import (
	"b2x/errs"
	"b2x/qty"
)

// CheckManual validates a movement a person records by hand (API, CLI, import):
// the kind and the sign of the quantity must agree, and sales come only from orders.
func CheckManual(kind MovementKind, q qty.Quantity) error {
	switch kind {
	case Receipt, Return:
		if q <= 0 {
			return errs.Field("quantity", "must be positive for a %s", kind)
		}
	case Adjustment:
		if q == 0 {
			return errs.Field("quantity", "must not be zero")
		}
	case Transfer:
		if q <= 0 {
			return errs.Field("quantity", "must be positive for a transfer")
		}
	case Sale:
		return errs.Field("kind", "sales are recorded by orders, not by hand")
	default:
		return errs.Field("kind", "must be one of receipt, return, adjustment, transfer")
	}
	return nil
}

// Take is stock to take from one warehouse.
type Take struct {
	Warehouse string
	Quantity  qty.Quantity
}

// Allocate plans where an order line's stock comes from: warehouses in the order
// given (callers sort by priority), each giving what it has available, until need is
// met. It fails with a conflict naming the SKU and what is available.
func Allocate(sku string, levels []Level, need qty.Quantity) ([]Take, error) {
	var takes []Take
	left := need
	for _, l := range levels {
		if left == 0 {
			break
		}
		avail := l.Available()
		if avail <= 0 {
			continue
		}
		n := min(avail, left)
		takes = append(takes, Take{Warehouse: l.Warehouse, Quantity: n})
		left -= n
	}
	if left > 0 {
		return nil, Shortage(sku, need, Sum(sku, levels).Available())
	}
	return takes, nil
}

// Shortage is the conflict returned when there is too little stock.
func Shortage(sku string, requested, available qty.Quantity) error {
	available = max(available, 0)
	e := errs.EKey(errs.Conflict, "err.stock.short", "not enough stock of {sku}: requested {requested}, available {available}",
		"sku", sku, "requested", requested, "available", available)
	e.Detail = map[string]any{"sku": sku, "requested": requested, "available": available}
	return e
}
