package app_test

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/contract"
	"b2x/errs"
	"b2x/money"
	"b2x/pricing"
	"b2x/qty"
	"b2x/recurring"
	"b2x/store"
	"b2x/store/storetest"
)

// TestB2BPermissionsAndAudit: a contract carries prices, so an account manager
// reads it but may not change it; a sales manager's change is in the audit log
// with the fields it changed; a buyer's standing order is logged under the buyer.
func TestB2BPermissionsAndAudit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		sales := app.Actor{UserID: "sales-1", Role: "sales_manager"}
		accounts := app.Actor{UserID: "am-1", Role: "account_manager"}
		now := time.Now().UTC()
		v, err := f.app.CreateContract(f.ctx, sales, contract.Contract{OrganizationID: f.org.ID, Name: "Framework", Currency: "EUR",
			Prices:   []pricing.Entry{{SKU: "BRK", Price: money.MustNew(75, "EUR")}},
			StartsAt: now.Add(-time.Hour), EndsAt: now.AddDate(1, 0, 0), Terms: "Reviewed quarterly"})
		f.must(err)
		id := v.Contract.ID

		before := f.b2bCounts()
		terms := "Reviewed monthly"
		_, err = f.app.UpdateContract(f.ctx, accounts, id, app.ContractChanges{Terms: &terms})
		if e := expectCode(t, "an account manager changes a contract", err, errs.Forbidden); !strings.Contains(e.Message, "contracts.edit") {
			t.Errorf("the refusal does not name contracts.edit: %v", err)
		}
		if after := f.b2bCounts(); !maps.Equal(before, after) {
			t.Errorf("a refused change wrote rows:\nbefore %v\nafter  %v", before, after)
		}
		if _, err := f.app.Contract(f.ctx, accounts, id); err != nil {
			t.Errorf("an account manager reads a contract: %v", err)
		}
		if _, err := f.app.Contract(f.ctx, app.Actor{UserID: "wh-1", Role: "warehouse"}, id); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("the warehouse reads a contract: %v", err)
		}

		_, err = f.app.UpdateContract(f.ctx, sales, id, app.ContractChanges{Terms: &terms})
		f.must(err)
		log, err := f.app.AuditLog(f.ctx, staffActor, app.AuditQuery{Entity: "contract", ID: id, Limit: 10})
		f.must(err)
		if len(log) != 2 || log[0].Action != "contract.update" || log[1].Action != "contract.create" || log[0].Actor != "sales-1" {
			t.Fatalf("contract's audit log %+v", log)
		}
		var change map[string]app.FieldChange
		f.must(json.Unmarshal(log[0].Change, &change))
		if c, ok := change["Terms"]; !ok || c.From != "Reviewed quarterly" || c.To != terms {
			t.Errorf("update logged as %s", log[0].Change)
		}

		buyer := buyerOf(f.tech)
		s, err := f.app.CreateRecurringOrder(f.ctx, buyer, app.RecurringOrderInput{Name: "Weekly", Every: 1, Unit: recurring.Week,
			StartsOn: recurring.DayOf(now).AddDate(0, 0, 1), Lines: []recurring.Line{{SKU: "BRK", Quantity: qty.Units(1)}}})
		f.must(err)
		log, err = f.app.AuditLog(f.ctx, staffActor, app.AuditQuery{Entity: "recurring_order", ID: s.ID, Limit: 10})
		f.must(err)
		if len(log) != 1 || log[0].Actor != "contact:"+f.tech.ID || log[0].Action != "recurring_order.create" {
			t.Errorf("buyer's standing order logged as %+v", log)
		}
	})
}
