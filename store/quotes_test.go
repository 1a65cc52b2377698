package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
	"b2x/quote"
	"b2x/store"
	"b2x/store/storetest"
)

func quoteProduct(t *testing.T, db *store.DB, sku string, kind catalog.Kind) {
	t.Helper()
	p := catalog.Product{ID: ids.New(), SKU: sku, Name: "Product " + sku, Kind: kind, Unit: "pcs",
		Channels: catalog.Channels{catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000, CreatedAt: partyTime, UpdatedAt: partyTime}
	partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertProduct(context.Background(), &p) })
}

func TestQuoteRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := partyOrg(t, db, "Buyer GmbH", "", "")
		anna := party.Contact{ID: ids.New(), OrganizationID: org.ID, Name: "Anna", Role: party.TechnicalEvaluator, Influence: 3,
			Sphere: party.Technical, CreatedAt: partyTime, UpdatedAt: partyTime}
		olga := party.Contact{ID: ids.New(), OrganizationID: org.ID, Name: "Olga", Role: party.FinancialApprover, Influence: 5,
			Sphere: party.Budget, RequiredApprover: true, CreatedAt: partyTime, UpdatedAt: partyTime}
		for _, c := range []*party.Contact{&anna, &olga} {
			partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertContact(ctx, c) })
		}
		quoteProduct(t, db, "BRK-1", catalog.Goods)
		quoteProduct(t, db, "CAD-SEAT", catalog.Licence)
		quoteProduct(t, db, "SVC-DLV", catalog.Service)

		eur := func(m int64) money.Amount { return money.MustNew(m, "EUR") }
		at := partyTime.UTC().Truncate(time.Microsecond)
		q := quote.Quote{ID: ids.New(), OrganizationID: org.ID, RequestedBy: anna.ID, Owner: "manager-1",
			Status: quote.StatusSent, Currency: "EUR", ValidUntil: at.Add(30 * 24 * time.Hour), PaymentTerms: party.Net30,
			DeliveryTerms: "DAP site, within 2 weeks", WinningPoints: []string{"Own fleet", "Next-day service"}, Revision: 2,
			CreatedAt: at, UpdatedAt: at.Add(time.Hour),
			Lines: []quote.Line{
				{No: 1, SKU: "BRK-1", Name: "Brick", Kind: catalog.Goods, Unit: "pcs", Quantity: qty.Units(10), UnitPrice: eur(1250),
					TaxRateBP: 2000, PriceRule: pricing.Rule{Kind: pricing.BaseRule, Explanation: "base price"}},
				{No: 2, SKU: "CAD-SEAT", Name: "CAD seat", Kind: catalog.Licence, Unit: "pcs", Quantity: qty.Units(5), UnitPrice: eur(40000),
					TaxRateBP: 2000, Licence: &quote.LicenceTerms{Seats: 5, MaintenanceMonths: 12},
					PriceRule: pricing.Rule{Kind: pricing.OrganizationRule, PriceListID: "pl-1", PriceListName: "Buyer list",
						MinQuantity: qty.Units(5), Explanation: "organization price list"}},
				{No: 3, SKU: "SVC-DLV", Name: "Delivery", Kind: catalog.Service, Unit: "h", Quantity: qty.Units(1), UnitPrice: eur(0),
					TaxRateBP: 2000, Service: &quote.ServiceTerms{Kind: quote.Delivery}, Included: true,
					PriceRule: pricing.Rule{Kind: "quote", Explanation: "included"}},
			}}
		if err := q.Price(); err != nil {
			t.Fatal(err)
		}
		rec := store.QuoteRecord{Quote: q,
			Participants: []quote.Participant{quote.FromContact(olga, quote.Sceptic), quote.FromContact(anna, quote.Supporter)},
			Rules:        []quote.Rule{{Role: party.FinancialApprover, Above: eur(50000)}, {Role: party.TechnicalEvaluator}}}
		partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertQuote(ctx, &rec) })
		if rec.Quote.Number == "" || rec.Version != 1 {
			t.Fatalf("number %q version %d", rec.Quote.Number, rec.Version)
		}
		read := func() store.QuoteRecord {
			t.Helper()
			var got store.QuoteRecord
			if err := db.Read(ctx, func(tx *store.Tx) (err error) { got, err = tx.Quote(ctx, q.ID); return err }); err != nil {
				t.Fatal(err)
			}
			return got
		}
		if got := read(); !reflect.DeepEqual(got, rec) {
			t.Fatalf("read back\n got %+v\nwant %+v", got, rec)
		}

		// A second quote gets the next number.
		q2 := rec
		q2.Quote.ID, q2.Quote.Number = ids.New(), ""
		partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertQuote(ctx, &q2) })
		if q2.Quote.Number == rec.Quote.Number {
			t.Errorf("two quotes numbered %s", q2.Quote.Number)
		}

		// Update: header and lines, guarded by the version.
		up := rec
		up.Quote.Status, up.Quote.PaymentTerms, up.Quote.WinningPoints = quote.StatusOrdered, party.Prepaid, nil
		up.Quote.Lines = up.Quote.Lines[:1]
		if err := up.Quote.Price(); err != nil {
			t.Fatal(err)
		}
		up.Quote.UpdatedAt = at.Add(2 * time.Hour)
		o := order.Order{ID: ids.New(), Channel: catalog.B2B, Status: order.Placed, Customer: order.Customer{OrganizationID: org.ID},
			Currency: "EUR", DeliveryMethod: order.Pickup, PlacedAt: at, UpdatedAt: at}
		partyWrite(t, db, func(tx *store.Tx) error {
			if err := tx.InsertOrder(ctx, &o); err != nil {
				return err
			}
			up.OrderID = o.ID
			return tx.UpdateQuote(ctx, &up, true)
		})
		if up.Version != 2 {
			t.Errorf("version after update %d", up.Version)
		}
		if got := read(); !reflect.DeepEqual(got, up) {
			t.Fatalf("after update\n got %+v\nwant %+v", got, up)
		}
		stale := rec // version 1
		err := db.Write(ctx, func(tx *store.Tx) error { return tx.UpdateQuote(ctx, &stale, false) })
		if errs.CodeOf(err) != errs.Conflict {
			t.Errorf("stale update: %v", err)
		}

		// Approvals: idempotent by key, listed per revision in order.
		a1 := quote.Approval{ContactID: anna.ID, Decision: quote.Approve, Revision: 2, At: at}
		a2 := quote.Approval{ContactID: olga.ID, Role: party.FinancialApprover, Decision: quote.Reject, Reason: "over budget", Revision: 2, At: at.Add(time.Minute)}
		old := quote.Approval{ContactID: olga.ID, Decision: quote.Approve, Revision: 1, At: at.Add(-time.Hour)}
		var inserted []bool
		partyWrite(t, db, func(tx *store.Tx) error {
			inserted = inserted[:0]
			for _, x := range []struct {
				a   quote.Approval
				key string
			}{{old, "k0"}, {a1, "k1"}, {a2, "k2"}, {a1, "k1"}} {
				ok, err := tx.InsertQuoteApproval(ctx, q.ID, x.a, x.key)
				if err != nil {
					return err
				}
				inserted = append(inserted, ok)
			}
			return nil
		})
		if !reflect.DeepEqual(inserted, []bool{true, true, true, false}) {
			t.Errorf("inserted %v", inserted)
		}
		var cur, all []quote.Approval
		var byKey *quote.Approval
		if err := db.Read(ctx, func(tx *store.Tx) (err error) {
			if cur, err = tx.QuoteApprovals(ctx, q.ID, 2); err != nil {
				return err
			}
			if all, err = tx.QuoteApprovals(ctx, q.ID, 0); err != nil {
				return err
			}
			byKey, err = tx.QuoteApprovalByKey(ctx, q.ID, 2, olga.ID, "k2")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(cur, []quote.Approval{a1, a2}) || len(all) != 3 || byKey == nil || !reflect.DeepEqual(*byKey, a2) {
			t.Errorf("approvals: current %+v, all %d, by key %+v", cur, len(all), byKey)
		}

		// Revisions.
		revs := []store.QuoteRevision{{Revision: 1, At: at, By: "manager-1"},
			{Revision: 2, At: at.Add(time.Hour), By: "manager-2", Changes: quote.Diff(q, up.Quote)}}
		partyWrite(t, db, func(tx *store.Tx) error {
			for _, r := range revs {
				if err := tx.InsertQuoteRevision(ctx, q.ID, r); err != nil {
					return err
				}
			}
			return nil
		})
		var gotRevs []store.QuoteRevision
		if err := db.Read(ctx, func(tx *store.Tx) (err error) { gotRevs, err = tx.QuoteRevisions(ctx, q.ID); return err }); err != nil {
			t.Fatal(err)
		}
		if len(revs[1].Changes) == 0 || !reflect.DeepEqual(gotRevs, revs) {
			t.Errorf("revisions\n got %+v\nwant %+v", gotRevs, revs)
		}

		// Listing.
		var list []quote.Quote
		if err := db.Read(ctx, func(tx *store.Tx) (err error) {
			list, err = tx.ListQuotes(ctx, store.QuoteFilter{OrganizationID: org.ID, Status: quote.StatusSent, Limit: 10})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		if len(list) != 1 || list[0].ID != q2.Quote.ID || list[0].Lines != nil || list[0].Total != q2.Quote.Total {
			t.Errorf("listing: %+v", list)
		}

		// Missing quote.
		err = db.Read(ctx, func(tx *store.Tx) error { _, err := tx.Quote(ctx, ids.New()); return err })
		if errs.CodeOf(err) != errs.NotFound {
			t.Errorf("missing quote: %v", err)
		}
	})
}
