package catalog

import (
	"strings"
	"testing"

	"b2x/errs"
)

func valid() Product {
	return Product{SKU: "BRK-RED-250", Name: "Red brick", Kind: Goods, Unit: "pcs", Channels: Channels{B2B, B2C},
		Status: Active, TaxRateBP: 2000, Specs: []Spec{{"Size", "250×120×65 mm"}}}
}

func TestValidate(t *testing.T) {
	p := valid()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		field string
		edit  func(*Product)
	}{
		{"sku", func(p *Product) { p.SKU = "" }},
		{"sku", func(p *Product) { p.SKU = "has space" }},
		{"sku", func(p *Product) { p.SKU = strings.Repeat("A", 65) }},
		{"name", func(p *Product) { p.Name = "  " }},
		{"kind", func(p *Product) { p.Kind = "pizza" }},
		{"unit", func(p *Product) { p.Unit = "furlong" }},
		{"channels", func(p *Product) { p.Channels = nil }},
		{"channels", func(p *Product) { p.Channels = Channels{"b2g"} }},
		{"status", func(p *Product) { p.Status = "gone" }},
		{"tax_rate", func(p *Product) { p.TaxRateBP = 10001 }},
		{"warranty_months", func(p *Product) { p.WarrantyMonths = -1 }},
		{"specs", func(p *Product) { p.Specs = []Spec{{"a", "1"}, {"a", "2"}} }},
		{"variant_of", func(p *Product) { p.VariantOf = p.SKU }},
		{"category", func(p *Product) { p.Category = "Not A Slug" }},
	}
	for _, tt := range tests {
		p := valid()
		tt.edit(&p)
		e, ok := errs.As(p.Validate())
		if !ok || e.Code != errs.Invalid || len(e.Fields) == 0 || e.Fields[0].Field != tt.field {
			t.Errorf("%s: got %v", tt.field, e)
		}
	}
}

func TestSellable(t *testing.T) {
	p := valid()
	p.Channels = Channels{B2B}
	if p.Sellable(B2C) || !p.Sellable(B2B) {
		t.Error("a b2b-only product must not sell in b2c")
	}
	p.Status = Draft
	if p.Sellable(B2B) {
		t.Error("a draft sells")
	}
}
