package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"b2x/catalog"
	"b2x/contract"
	"b2x/errs"
	"b2x/ids"
	"b2x/licence"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
	"b2x/recurring"
	"b2x/store"
	"b2x/store/storetest"
)

func b2bRead[T any](t *testing.T, db *store.DB, fn func(tx *store.Tx) (T, error)) T {
	t.Helper()
	var v T
	if err := db.Read(context.Background(), func(tx *store.Tx) (err error) { v, err = fn(tx); return err }); err != nil {
		t.Fatal(err)
	}
	return v
}

// b2bOrder writes a b2b order of the organization with one line.
func b2bOrder(t *testing.T, db *store.DB, orgID, sku string, units, unitMinor int64, status order.Status, at time.Time) order.Order {
	t.Helper()
	l := order.Line{No: 1, SKU: sku, Name: sku, Kind: catalog.Goods, Unit: "pcs", Quantity: qty.Units(units),
		UnitPrice: money.MustNew(unitMinor, "EUR"), TaxRateBP: 2000}
	if err := order.PriceLine(&l, false); err != nil {
		t.Fatal(err)
	}
	o := order.Order{ID: ids.New(), Channel: catalog.B2B, Status: status, Currency: "EUR", DeliveryMethod: order.Pickup,
		Customer: order.Customer{OrganizationID: orgID}, Lines: []order.Line{l}, PlacedAt: at, UpdatedAt: at}
	if err := o.Sum(); err != nil {
		t.Fatal(err)
	}
	partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertOrder(context.Background(), &o) })
	return o
}

func TestContactAccessRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := partyOrg(t, db, "Acme", "", "")
		at := partyTime.UTC().Truncate(time.Microsecond)
		c := party.Contact{ID: ids.New(), OrganizationID: org.ID, Name: "Vera", Permissions: []party.Permission{party.View, party.Approve},
			SpendingLimit: money.MustNew(250000, "EUR"), CreatedAt: at, UpdatedAt: at}
		partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertContact(ctx, &c) })
		if got := partyReadContact(t, db, c.ID); !reflect.DeepEqual(got, c) {
			t.Errorf("read back\n got %+v\nwant %+v", got, c)
		}
		c.Permissions, c.SpendingLimit = nil, money.Amount{}
		partyWrite(t, db, func(tx *store.Tx) error { return tx.UpdateContact(ctx, &c) })
		if got := partyReadContact(t, db, c.ID); got.Permissions != nil || got.SpendingLimit != (money.Amount{}) {
			t.Errorf("no permissions, no limit: %+v", got)
		}
	})
}

func TestSavedListsAndComments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := partyOrg(t, db, "Acme", "", "")
		other := partyOrg(t, db, "Other", "", "")
		at := partyTime.UTC().Truncate(time.Microsecond)
		l := store.SavedList{ID: ids.New(), OrganizationID: org.ID, Name: "Monthly", CreatedBy: "contact:x", CreatedAt: at, UpdatedAt: at,
			Lines: []store.SavedListLine{{SKU: "BRK", Quantity: qty.Units(5)}}}
		partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertSavedList(ctx, &l) })
		if got := b2bRead(t, db, func(tx *store.Tx) (store.SavedList, error) { return tx.SavedList(ctx, org.ID, l.ID) }); !reflect.DeepEqual(got, l) {
			t.Errorf("read back\n got %+v\nwant %+v", got, l)
		}
		dup := l
		dup.ID = ids.New()
		err := db.Write(ctx, func(tx *store.Tx) error { return tx.InsertSavedList(ctx, &dup) })
		if e, ok := errs.As(err); !ok || e.Code != errs.Invalid || e.Fields[0].Field != "name" {
			t.Errorf("a name twice: %v", err)
		}
		for name, fn := range map[string]func(tx *store.Tx) error{
			"read":   func(tx *store.Tx) error { _, err := tx.SavedList(ctx, other.ID, l.ID); return err },
			"update": func(tx *store.Tx) error { x := l; x.OrganizationID = other.ID; return tx.UpdateSavedList(ctx, &x) },
			"delete": func(tx *store.Tx) error { return tx.DeleteSavedList(ctx, other.ID, l.ID) },
		} {
			if err := db.Write(ctx, fn); errs.CodeOf(err) != errs.NotFound {
				t.Errorf("%s through another organization: %v", name, err)
			}
		}

		quoteProduct(t, db, "BRK", catalog.Goods)
		c := store.QuoteComment{ID: ids.New(), QuoteID: "", AuthorKind: "buyer", AuthorID: "c1", AuthorName: "Vera", Body: "Hi", At: at}
		// A comment needs its quote: the foreign key refuses an unknown one.
		c.QuoteID = ids.New()
		if err := db.Write(ctx, func(tx *store.Tx) error { _, err := tx.InsertQuoteComment(ctx, c, ""); return err }); err == nil {
			t.Error("a comment on no quote was stored")
		}
	})
}

func TestContractStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := partyOrg(t, db, "Acme", "", "")
		quoteProduct(t, db, "BRK", catalog.Goods)
		quoteProduct(t, db, "CEM", catalog.Goods)
		eur := func(m int64) money.Amount { return money.MustNew(m, "EUR") }
		start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		c := contract.Contract{ID: ids.New(), OrganizationID: org.ID, Name: "Frame", Currency: "EUR", PriceListID: ids.New(),
			Prices:     []pricing.Entry{{SKU: "BRK", Price: eur(75)}, {SKU: "BRK", MinQuantity: qty.Units(100), Price: eur(70)}},
			Commitment: contract.Commitment{Kind: contract.AmountKind, Amount: eur(100000)}, StartsAt: start, EndsAt: start.AddDate(1, 0, 0),
			Terms: "t", CreatedAt: start, UpdatedAt: start}
		l := c.PriceList()
		partyWrite(t, db, func(tx *store.Tx) error {
			if err := tx.InsertPriceList(ctx, &l, start); err != nil {
				return err
			}
			return tx.InsertContract(ctx, &c)
		})
		if got := b2bRead(t, db, func(tx *store.Tx) (contract.Contract, error) { return tx.Contract(ctx, c.ID) }); !reflect.DeepEqual(got, c) {
			t.Errorf("read back\n got %+v\nwant %+v", got, c)
		}
		stale := c
		c.Prices = []pricing.Entry{{SKU: "CEM", Price: eur(900)}}
		c.UpdatedAt = start.Add(time.Hour)
		l = c.PriceList()
		partyWrite(t, db, func(tx *store.Tx) error {
			if err := tx.ReplacePriceList(ctx, &l); err != nil {
				return err
			}
			return tx.UpdateContract(ctx, &c)
		})
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.UpdateContract(ctx, &stale) }); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("a stale write: %v", err)
		}
		cs := b2bRead(t, db, func(tx *store.Tx) ([]contract.Contract, error) { return tx.ContractsOf(ctx, org.ID) })
		if len(cs) != 1 || cs[0].Version != 2 || len(cs[0].Prices) != 1 || cs[0].Prices[0].SKU != "CEM" {
			t.Errorf("after the update %+v", cs)
		}

		in := start.AddDate(0, 2, 0)
		b2bOrder(t, db, org.ID, "BRK", 10, 75, order.Placed, in)
		b2bOrder(t, db, org.ID, "CEM", 2, 900, order.Delivered, in)
		b2bOrder(t, db, org.ID, "BRK", 99, 75, order.Cancelled, in)
		b2bOrder(t, db, org.ID, "BRK", 99, 75, order.Placed, start.Add(-time.Second))
		b2bOrder(t, db, org.ID, "BRK", 99, 75, order.Placed, start.AddDate(1, 0, 0))
		all := b2bRead(t, db, func(tx *store.Tx) (contract.Usage, error) {
			return tx.ContractUsage(ctx, org.ID, "EUR", start, start.AddDate(1, 0, 0), "")
		})
		if all.Net.String() != "25.50" || all.Quantity != qty.Units(12) || all.Orders != 2 || all.OtherCurrency != 0 {
			t.Errorf("usage of every SKU %+v", all)
		}
		// The contract's list now holds CEM only.
		cem := b2bRead(t, db, func(tx *store.Tx) (contract.Usage, error) {
			return tx.ContractUsage(ctx, org.ID, "EUR", start, start.AddDate(1, 0, 0), c.PriceListID)
		})
		if cem.Net.String() != "18.00" || cem.Quantity != qty.Units(2) || cem.Orders != 1 {
			t.Errorf("usage of the list's SKUs %+v", cem)
		}
	})
}

func TestLicenceAndRecurringStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := partyOrg(t, db, "Acme", "", "")
		quoteProduct(t, db, "CAD", catalog.Licence)
		at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
		o := b2bOrder(t, db, org.ID, "CAD", 2, 40000, order.Placed, at)
		l, err := licence.New(2, o.Net, 24, at)
		if err != nil {
			t.Fatal(err)
		}
		l.ID, l.OrganizationID, l.SKU, l.Name, l.OrderID, l.LineNo, l.CreatedAt, l.UpdatedAt = ids.New(), org.ID, "CAD", "CAD", o.ID, 1, at, at
		partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertLicence(ctx, &l) })
		if got := b2bRead(t, db, func(tx *store.Tx) (licence.Licence, error) { return tx.Licence(ctx, l.ID) }); !reflect.DeepEqual(got, l) {
			t.Errorf("read back\n got %+v\nwant %+v", got, l)
		}
		twice := l
		twice.ID = ids.New()
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.InsertLicence(ctx, &twice) }); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("a second licence for one order line: %v", err)
		}
		partyWrite(t, db, func(tx *store.Tx) error { return tx.AddLicenceSeats(ctx, l.ID, 1, 3, at) })
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.AddLicenceSeats(ctx, l.ID, 1, 3, at) }); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("seats added on a stale version: %v", err)
		}
		ending := b2bRead(t, db, func(tx *store.Tx) ([]licence.Licence, error) {
			return tx.LicencesEnding(ctx, at.AddDate(2, 0, -1), at.AddDate(2, 0, 1))
		})
		if len(ending) != 1 || ending[0].Seats != 5 {
			t.Errorf("ending %+v", ending)
		}

		day := recurring.DayOf(at)
		s := recurring.Schedule{ID: ids.New(), OrganizationID: org.ID, Name: "Weekly", Lines: []recurring.Line{{SKU: "CAD", Quantity: qty.Units(1)}},
			Every: 1, Unit: recurring.Week, StartsOn: day, NextRun: day, NoticeDays: 3, Active: true, DeliveryMethod: order.Pickup,
			CreatedBy: "u", CreatedAt: at, UpdatedAt: at}
		partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertSchedule(ctx, &s) })
		if got := b2bRead(t, db, func(tx *store.Tx) (recurring.Schedule, error) { return tx.Schedule(ctx, s.ID) }); !reflect.DeepEqual(got, s) {
			t.Errorf("read back\n got %+v\nwant %+v", got, s)
		}
		if due := b2bRead(t, db, func(tx *store.Tx) ([]recurring.Schedule, error) { return tx.DueSchedules(ctx, day.Add(-time.Second)) }); len(due) != 0 {
			t.Errorf("due before its run: %d", len(due))
		}
		if due := b2bRead(t, db, func(tx *store.Tx) ([]recurring.Schedule, error) { return tx.DueSchedules(ctx, day) }); len(due) != 1 {
			t.Errorf("due on its run: %d", len(due))
		}
		failed := store.RecurringRun{ScheduleID: s.ID, RunOn: day, Outcome: "failed", Problem: "out of stock", At: at}
		ordered := store.RecurringRun{ScheduleID: s.ID, RunOn: day, Outcome: "ordered", OrderID: o.ID, At: at}
		var results []bool
		partyWrite(t, db, func(tx *store.Tx) error {
			results = nil
			for _, r := range []store.RecurringRun{failed, failed, ordered, ordered, failed} {
				ok, err := tx.InsertRecurringRun(ctx, r)
				if err != nil {
					return err
				}
				results = append(results, ok)
			}
			return nil
		})
		// A failure is recorded once; an order replaces it once; nothing replaces an order.
		if !reflect.DeepEqual(results, []bool{true, false, true, false, false}) {
			t.Errorf("run records %v", results)
		}
		runs := b2bRead(t, db, func(tx *store.Tx) ([]store.RecurringRun, error) { return tx.RecurringRuns(ctx, s.ID, 10) })
		if len(runs) != 1 || runs[0].Outcome != "ordered" || runs[0].OrderID != o.ID || runs[0].Problem != "" {
			t.Errorf("runs %+v", runs)
		}
		var moved []bool
		partyWrite(t, db, func(tx *store.Tx) error {
			moved = nil
			for range 2 {
				ok, err := tx.AdvanceSchedule(ctx, s.ID, day, day.AddDate(0, 0, 7), at)
				if err != nil {
					return err
				}
				moved = append(moved, ok)
			}
			return nil
		})
		if !reflect.DeepEqual(moved, []bool{true, false}) {
			t.Errorf("advances %v", moved)
		}
		next := day.AddDate(0, 0, 7)
		cands := b2bRead(t, db, func(tx *store.Tx) ([]recurring.Schedule, error) {
			return tx.NoticeCandidates(ctx, next.AddDate(0, 0, -3), next.AddDate(0, 0, 57))
		})
		if len(cands) != 1 {
			t.Fatalf("notice candidates %d", len(cands))
		}
		var claims []bool
		partyWrite(t, db, func(tx *store.Tx) error {
			claims = nil
			for range 2 {
				ok, err := tx.ClaimRecurringNotice(ctx, s.ID, next, at)
				if err != nil {
					return err
				}
				claims = append(claims, ok)
			}
			return nil
		})
		if !reflect.DeepEqual(claims, []bool{true, false}) {
			t.Errorf("claims %v", claims)
		}
		if cands := b2bRead(t, db, func(tx *store.Tx) ([]recurring.Schedule, error) {
			return tx.NoticeCandidates(ctx, next.AddDate(0, 0, -3), next)
		}); len(cands) != 0 {
			t.Errorf("noticed again: %d", len(cands))
		}
	})
}
