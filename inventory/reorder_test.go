package inventory

import (
	"testing"

	"b2x/qty"
)

func TestReorderSuggestion(t *testing.T) {
	r := ReorderPoint{Point: qty.Units(10), Quantity: qty.Units(20)}
	cases := []struct {
		name  string
		r     ReorderPoint
		l     Level
		whole bool
		low   bool
		want  qty.Quantity
	}{
		{"above the point", r, Level{OnHand: qty.Units(15)}, true, false, 0},
		{"at the point is not below it", r, Level{OnHand: qty.Units(10)}, true, false, 0},
		{"below: up to point + quantity", r, Level{OnHand: qty.Units(8)}, true, true, qty.Units(22)},
		{"reserved stock is not available", r, Level{OnHand: qty.Units(12), Reserved: qty.Units(5)}, true, true, qty.Units(23)},
		{"no batch: back to the point", ReorderPoint{Point: qty.Units(10)}, Level{OnHand: qty.Units(4)}, true, true, qty.Units(6)},
		{"pieces round up", ReorderPoint{Point: 2500}, Level{OnHand: 1000}, true, true, qty.Units(2)},
		{"metres stay fractional", ReorderPoint{Point: 2500}, Level{OnHand: 1000}, false, true, 1500},
		{"zero point is never low", ReorderPoint{}, Level{}, true, false, 0},
	}
	for _, c := range cases {
		if got := c.r.Low(c.l); got != c.low {
			t.Errorf("%s: low = %v", c.name, got)
		}
		if got := c.r.Suggest(c.l, c.whole); got != c.want {
			t.Errorf("%s: suggest %v, want %v", c.name, got, c.want)
		}
	}
	if err := (ReorderPoint{Point: -1}).Validate(); err == nil {
		t.Error("a negative point is accepted")
	}
}
