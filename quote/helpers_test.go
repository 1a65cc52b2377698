package quote

import (
	"time"

	"b2x/catalog"
	"b2x/money"
	"b2x/qty"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func eur(minor int64) money.Amount { return money.MustNew(minor, "EUR") }

func goodsLine(no int, sku string, units int64, price int64) Line {
	return Line{No: no, SKU: sku, Name: "Item " + sku, Kind: catalog.Goods, Unit: "pcs",
		Quantity: qty.Units(units), UnitPrice: eur(price), TaxRateBP: 2000}
}

func serviceLine(no int, sku string, k ServiceKind, price int64) Line {
	return Line{No: no, SKU: sku, Name: "Service " + sku, Kind: catalog.Service, Unit: "h",
		Quantity: qty.Units(1), UnitPrice: eur(price), TaxRateBP: 2000, Service: &ServiceTerms{Kind: k}}
}

func licenceLine(no int, sku string, seats int, months int, price int64) Line {
	return Line{No: no, SKU: sku, Name: "Licence " + sku, Kind: catalog.Licence, Unit: "seat",
		Quantity: qty.Units(int64(seats)), UnitPrice: eur(price), TaxRateBP: 2000,
		Licence: &LicenceTerms{Seats: seats, MaintenanceMonths: months}}
}

func validQuote() Quote {
	return Quote{
		ID: "q1", Number: "Q-1", OrganizationID: "org1", RequestedBy: "c1", Owner: "u1",
		Status: StatusDraft, Currency: "EUR",
		Lines: []Line{
			goodsLine(1, "BRK-1", 10, 1250),
			licenceLine(2, "CAD-SEAT", 5, 12, 40000),
			func() Line { l := serviceLine(3, "SVC-TRAIN", Training, 0); l.Included = true; return l }(),
		},
		ValidUntil: t0.AddDate(0, 0, 30), PaymentTerms: "net30", DeliveryTerms: "DAP site, 4 weeks",
		WinningPoints: []string{"Own fleet", "Service in 24 h"}, Revision: 1,
		CreatedAt: t0, UpdatedAt: t0,
	}
}
