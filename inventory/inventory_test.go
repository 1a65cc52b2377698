package inventory

import (
	"testing"

	"b2x/errs"
	"b2x/qty"
)

func TestAllocate(t *testing.T) {
	levels := []Level{
		{SKU: "S", Warehouse: "MAIN", OnHand: qty.Units(5), Reserved: qty.Units(2)},
		{SKU: "S", Warehouse: "EMPTY", OnHand: 0},
		{SKU: "S", Warehouse: "NORTH", OnHand: qty.Units(10)},
	}
	takes, err := Allocate("S", levels, qty.Units(3))
	if err != nil || len(takes) != 1 || takes[0] != (Take{"MAIN", qty.Units(3)}) {
		t.Errorf("from one warehouse: %v %v", takes, err)
	}
	takes, err = Allocate("S", levels, qty.Units(8))
	if err != nil || len(takes) != 2 || takes[0] != (Take{"MAIN", qty.Units(3)}) || takes[1] != (Take{"NORTH", qty.Units(5)}) {
		t.Errorf("split: %v %v", takes, err)
	}
	_, err = Allocate("S", levels, qty.Units(14))
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Conflict || e.Detail["available"] != qty.Units(13) || e.Detail["sku"] != "S" {
		t.Errorf("shortage: %v", err)
	}
}

func TestCheckManual(t *testing.T) {
	ok := []struct {
		k MovementKind
		q int64
	}{{Receipt, 1}, {Return, 2}, {Adjustment, -3}, {Adjustment, 3}, {Transfer, 4}}
	for _, c := range ok {
		if err := CheckManual(c.k, qty.Units(c.q)); err != nil {
			t.Errorf("%s %d: %v", c.k, c.q, err)
		}
	}
	bad := []struct {
		k MovementKind
		q int64
	}{{Receipt, 0}, {Receipt, -1}, {Return, 0}, {Adjustment, 0}, {Transfer, -1}, {Sale, -1}, {"gift", 1}}
	for _, c := range bad {
		if err := CheckManual(c.k, qty.Units(c.q)); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("%s %d accepted: %v", c.k, c.q, err)
		}
	}
}
