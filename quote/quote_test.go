package quote

import (
	"testing"

	"b2x/qty"
)

func TestPrice(t *testing.T) {
	q := validQuote()
	if err := q.Price(); err != nil {
		t.Fatal(err)
	}
	want := []struct{ net, tax, gross int64 }{
		{12500, 2500, 15000},    // 10 × 12.50, 20 % added
		{200000, 40000, 240000}, // 5 seats × 400.00
		{0, 0, 0},               // included training, shown at zero
	}
	for i, w := range want {
		l := q.Lines[i]
		if l.Net != eur(w.net) || l.Tax != eur(w.tax) || l.Gross != eur(w.gross) {
			t.Errorf("line %d: %s %s %s, want %d %d %d", i, l.Net, l.Tax, l.Gross, w.net, w.tax, w.gross)
		}
	}
	if q.Net != eur(212500) || q.Tax != eur(42500) || q.Total != eur(255000) {
		t.Errorf("totals %s %s %s", q.Net, q.Tax, q.Total)
	}

	q.Lines[0].Quantity = 2500 // 2.5 m at 19.99
	q.Lines[0].Unit, q.Lines[0].UnitPrice = "m", eur(1999)
	if err := q.Price(); err != nil {
		t.Fatal(err)
	}
	if q.Lines[0].Net != eur(4998) || q.Lines[0].Tax != eur(1000) {
		t.Errorf("fractional line %s %s", q.Lines[0].Net, q.Lines[0].Tax)
	}

	q.Lines[1].UnitPrice.Currency = "USD"
	if q.Price() == nil {
		t.Error("mixed currencies priced")
	}
}

func TestOrderLine(t *testing.T) {
	l := goodsLine(4, "BRK-1", 3, 100)
	ol := l.OrderLine()
	if ol.No != 4 || ol.SKU != "BRK-1" || ol.Quantity != qty.Units(3) || ol.UnitPrice != eur(100) || ol.Kind != l.Kind {
		t.Errorf("order line %+v", ol)
	}
}
