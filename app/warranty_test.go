package app_test

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/order"
	"b2x/store"
	"b2x/store/storetest"
	"b2x/warranty"
)

// clocked is an after-sales fixture whose App reads time from *now.
func clocked(t *testing.T, db *store.DB, now *time.Time) *afterSales {
	f := newFixture(t, db)
	f.app = app.New(db, app.WithClock(func() time.Time { return *now }))
	return newAfterSales(t, f)
}

func TestWarrantyRegistration(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 3, 31, 12, 0, 0, 0, time.UTC)
		f := clocked(t, db, &now)
		ann := app.Actor{PersonID: f.ann.ID}
		o := f.buy(f.ann.ID, "", "DRL-RED", "BRK")

		r, err := f.app.RegisterWarranty(f.ctx, ann, app.NewRegistration{SKU: "DRL-RED", SerialNumber: " SN-0001 ", OrderID: o.ID})
		f.must(err)
		if r.PersonID != f.ann.ID || r.SerialNumber != "SN-0001" || !r.PurchasedAt.Equal(o.PlacedAt) ||
			!r.Until.Equal(time.Date(2027, 3, 31, 12, 0, 0, 0, time.UTC)) || r.CreatedBy != "person:"+f.ann.ID {
			t.Errorf("registration: %+v", r)
		}
		// Bought elsewhere: staff register it for Ann with the date from the receipt.
		now = now.Add(time.Millisecond)
		bought := time.Date(2025, 12, 31, 9, 0, 0, 0, time.UTC)
		r2, err := f.app.RegisterWarranty(f.ctx, staffActor, app.NewRegistration{PersonID: f.ann.ID, SKU: "DRL", SerialNumber: "X-9",
			PurchasedAt: bought})
		f.must(err)
		if !r2.Until.Equal(time.Date(2027, 12, 31, 9, 0, 0, 0, time.UTC)) || r2.OrderID != "" {
			t.Errorf("registration without order: %+v", r2)
		}

		other, err := f.app.CreatePerson(f.ctx, staffActor, asPerson("Olaf", "olaf@example.com"))
		f.must(err)
		cancelled := f.buy(f.ann.ID, "", "DRL-BLUE")
		_, err = f.app.TransitionOrder(f.ctx, staffActor, cancelled.ID, order.Cancelled, "")
		f.must(err)
		before := rowCounts(t, f.fixture, "warranty_registrations")
		tests := []struct {
			name   string
			actor  app.Actor
			in     app.NewRegistration
			code   errs.Code
			fields []string
		}{
			{"no warranty", ann, app.NewRegistration{SKU: "BRK", SerialNumber: "B1", PurchasedAt: bought}, errs.Invalid, []string{"sku"}},
			{"unknown product", ann, app.NewRegistration{SKU: "NOPE", SerialNumber: "B1", PurchasedAt: bought}, errs.Invalid, []string{"sku"}},
			{"serial taken", ann, app.NewRegistration{SKU: "DRL-RED", SerialNumber: "SN-0001", PurchasedAt: bought}, errs.Conflict, []string{"serial_number"}},
			{"another's order", app.Actor{PersonID: other.ID}, app.NewRegistration{SKU: "DRL-RED", SerialNumber: "S2", OrderID: o.ID}, errs.Invalid, []string{"order_id"}},
			{"cancelled order", ann, app.NewRegistration{SKU: "DRL-BLUE", SerialNumber: "S3", OrderID: cancelled.ID}, errs.Invalid, []string{"order_id"}},
			{"order without the SKU", ann, app.NewRegistration{SKU: "DRL", SerialNumber: "S4", OrderID: o.ID}, errs.Invalid, []string{"order_id"}},
			{"date with an order", ann, app.NewRegistration{SKU: "DRL-RED", SerialNumber: "S5", OrderID: o.ID, PurchasedAt: bought}, errs.Invalid, []string{"purchased_at"}},
			{"no date", ann, app.NewRegistration{SKU: "DRL", SerialNumber: "S6"}, errs.Invalid, []string{"purchased_at"}},
			{"future date", ann, app.NewRegistration{SKU: "DRL", SerialNumber: "S7", PurchasedAt: now.Add(time.Hour)}, errs.Invalid, []string{"purchased_at"}},
			{"no serial", ann, app.NewRegistration{SKU: "DRL", PurchasedAt: bought}, errs.Invalid, []string{"serial_number"}},
			{"for someone else", ann, app.NewRegistration{PersonID: other.ID, SKU: "DRL", SerialNumber: "S8", PurchasedAt: bought}, errs.Invalid, []string{"person_id"}},
			{"staff names nobody", staffActor, app.NewRegistration{SKU: "DRL", SerialNumber: "S9", PurchasedAt: bought}, errs.Invalid, []string{"person_id"}},
			{"the public", app.Actor{}, app.NewRegistration{SKU: "DRL", SerialNumber: "S10", PurchasedAt: bought}, errs.Unauthorized, nil},
		}
		for _, tt := range tests {
			_, err := f.app.RegisterWarranty(f.ctx, tt.actor, tt.in)
			if errs.CodeOf(err) != tt.code || !slices.Equal(fieldsOf(err), tt.fields) {
				t.Errorf("%s: %v, want %s %v", tt.name, err, tt.code, tt.fields)
			}
		}
		if after := rowCounts(t, f.fixture, "warranty_registrations"); after["warranty_registrations"] != before["warranty_registrations"] {
			t.Errorf("refused registrations wrote rows: %v → %v", before, after)
		}

		mine, err := f.app.WarrantyRegistrations(f.ctx, ann, app.RegistrationQuery{Limit: 10})
		f.must(err)
		if len(mine) != 2 || mine[0].ID != r2.ID || mine[1].ID != r.ID {
			t.Errorf("ann's registrations: %+v", mine)
		}
		theirs, err := f.app.WarrantyRegistrations(f.ctx, app.Actor{PersonID: other.ID}, app.RegistrationQuery{Limit: 10})
		f.must(err)
		if len(theirs) != 0 {
			t.Errorf("olaf sees %d registrations", len(theirs))
		}
		if _, err := f.app.WarrantyRegistration(f.ctx, app.Actor{PersonID: other.ID}, r.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("olaf reads ann's registration: %v", err)
		}
		if _, err := f.app.WarrantyRegistrations(f.ctx, app.Actor{PersonID: other.ID}, app.RegistrationQuery{PersonID: f.ann.ID, Limit: 10}); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("olaf lists ann's registrations: %v", err)
		}
	})
}

func rowCounts(t *testing.T, f *fixture, tables ...string) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range tables {
		n, err := f.db.CountRows(f.ctx, table)
		f.must(err)
		out[table] = n
	}
	return out
}

func TestWarrantyClaimFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC)
		f := clocked(t, db, &now)
		ann := app.Actor{PersonID: f.ann.ID}
		o := f.buy(f.ann.ID, "", "DRL-RED") // 12 months
		reg, err := f.app.RegisterWarranty(f.ctx, ann, app.NewRegistration{SKU: "DRL-RED", SerialNumber: "SN-1", OrderID: o.ID})
		f.must(err)

		now = now.AddDate(0, 6, 0)
		d, err := f.app.SubmitClaim(f.ctx, ann, reg.ID, "Battery does not charge")
		f.must(err)
		if d.Claim.Status != warranty.Submitted || d.Claim.SKU != "DRL-RED" || len(d.Transitions) != 1 || d.Registration.ID != reg.ID {
			t.Errorf("claim: %+v", d)
		}
		if _, err := f.app.SubmitClaim(f.ctx, ann, reg.ID, "Again"); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("second open claim: %v", err)
		}
		if _, err := f.app.TransitionClaim(f.ctx, ann, d.Claim.ID, app.ClaimMove{To: warranty.Received}); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("a consumer moves a claim: %v", err)
		}
		steps := []app.ClaimMove{
			{To: warranty.Received, Note: "arrived by courier"},
			{To: warranty.Diagnosed, Note: "cell failed", Defect: &app.DefectInput{Code: "bat-01", Category: warranty.Electrical, Description: "Cell 3 open circuit"}},
			{To: warranty.Replaced},
			{To: warranty.Closed, Note: "sent back"},
		}
		for i, m := range steps {
			now = now.Add(time.Hour)
			if d, err = f.app.TransitionClaim(f.ctx, staffActor, d.Claim.ID, m); err != nil {
				t.Fatalf("step %d (%s): %v", i, m.To, err)
			}
		}
		if d.Claim.Status != warranty.Closed || len(d.Transitions) != 5 || len(d.Defects) != 1 {
			t.Fatalf("after the flow: %+v", d)
		}
		if tr := d.Transitions[2]; tr.From != warranty.Received || tr.To != warranty.Diagnosed || tr.Note != "cell failed" ||
			tr.By != staffActor.UserID || !tr.At.Equal(now.Add(-2*time.Hour)) {
			t.Errorf("diagnosis transition: %+v", tr)
		}
		if df := d.Defects[0]; df.SKU != "DRL-RED" || df.Code != "BAT-01" || df.ClaimID != d.Claim.ID {
			t.Errorf("defect: %+v", df)
		}

		// A closed claim makes room for a new one, which is rejected with its reason.
		d2, err := f.app.SubmitClaim(f.ctx, ann, reg.ID, "Chuck wobbles")
		f.must(err)
		if _, err := f.app.TransitionClaim(f.ctx, staffActor, d2.Claim.ID, app.ClaimMove{To: warranty.Rejected}); !slices.Equal(fieldsOf(err), []string{"note"}) {
			t.Errorf("rejection without reason: %v", err)
		}
		if _, err := f.app.TransitionClaim(f.ctx, staffActor, d2.Claim.ID, app.ClaimMove{To: warranty.Repaired}); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("submitted → repaired: %v", err)
		}
		if _, err := f.app.TransitionClaim(f.ctx, staffActor, d2.Claim.ID, app.ClaimMove{To: warranty.Received,
			Defect: &app.DefectInput{Code: "X", Category: warranty.Other, Description: "x"}}); !slices.Equal(fieldsOf(err), []string{"defect"}) {
			t.Errorf("defect without diagnosis: %v", err)
		}
		d2, err = f.app.TransitionClaim(f.ctx, staffActor, d2.Claim.ID, app.ClaimMove{To: warranty.Rejected, Note: "Dropped from height"})
		f.must(err)
		if d2.Claim.Reason != "Dropped from height" || d2.Claim.Status != warranty.Rejected {
			t.Errorf("rejected: %+v", d2.Claim)
		}

		// Olaf sees none of it.
		olaf, err := f.app.CreatePerson(f.ctx, staffActor, asPerson("Olaf", ""))
		f.must(err)
		if _, err := f.app.WarrantyClaim(f.ctx, app.Actor{PersonID: olaf.ID}, d.Claim.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("olaf reads ann's claim: %v", err)
		}
		if _, err := f.app.SubmitClaim(f.ctx, app.Actor{PersonID: olaf.ID}, reg.ID, "mine now"); !slices.Equal(fieldsOf(err), []string{"registration_id"}) {
			t.Errorf("olaf claims on ann's item: %v", err)
		}
		list, err := f.app.WarrantyClaims(f.ctx, ann, app.ClaimQuery{Limit: 10})
		f.must(err)
		if len(list) != 2 || list[0].ID != d2.Claim.ID {
			t.Errorf("ann's claims: %+v", list)
		}
		list, err = f.app.WarrantyClaims(f.ctx, staffActor, app.ClaimQuery{Status: warranty.Closed, Limit: 10})
		f.must(err)
		if len(list) != 1 || list[0].ID != d.Claim.ID {
			t.Errorf("closed claims: %+v", list)
		}
	})
}

func TestWarrantyClaimAfterTheEnd(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC)
		f := clocked(t, db, &now)
		ann := app.Actor{PersonID: f.ann.ID}
		reg, err := f.app.RegisterWarranty(f.ctx, ann, app.NewRegistration{SKU: "DRL-RED", SerialNumber: "SN-1",
			PurchasedAt: time.Date(2025, 1, 31, 10, 0, 0, 0, time.UTC)})
		f.must(err)
		if !reg.Until.Equal(time.Date(2026, 1, 31, 10, 0, 0, 0, time.UTC)) {
			t.Fatalf("until %s", reg.Until)
		}
		now = now.Add(time.Second)
		_, err = f.app.SubmitClaim(f.ctx, ann, reg.ID, "Broken")
		e, ok := errs.As(err)
		if !ok || e.Code != errs.Conflict || !strings.Contains(e.Message, "ended on 31 January 2026") {
			t.Errorf("late claim: %v", err)
		}
		if n := rowCounts(t, f.fixture, "warranty_claims", "warranty_claim_transitions"); n["warranty_claims"]+n["warranty_claim_transitions"] != 0 {
			t.Errorf("a refused claim wrote %v", n)
		}
	})
}

func TestWarrantyClaimMovedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAfterSales(t, newFixture(t, db))
		reg, err := f.app.RegisterWarranty(f.ctx, staffActor, app.NewRegistration{PersonID: f.ann.ID, SKU: "DRL", SerialNumber: "S",
			PurchasedAt: time.Now().Add(-time.Hour)})
		f.must(err)
		d, err := f.app.SubmitClaim(f.ctx, staffActor, reg.ID, "Smoke")
		f.must(err)
		var wg sync.WaitGroup
		results := make([]error, 8)
		for i := range results {
			wg.Go(func() {
				to := warranty.Received
				if i%2 == 1 {
					to = warranty.Rejected
				}
				_, results[i] = f.app.TransitionClaim(f.ctx, staffActor, d.Claim.ID, app.ClaimMove{To: to, Note: "n"})
			})
		}
		wg.Wait()
		ok := 0
		for _, err := range results {
			if err == nil {
				ok++
			} else if errs.CodeOf(err) != errs.Conflict {
				t.Errorf("unexpected: %v", err)
			}
		}
		got, err := f.app.WarrantyClaim(f.ctx, staffActor, d.Claim.ID)
		f.must(err)
		// received → rejected is allowed too, so at most two moves win, and every
		// one that won is in the history.
		if ok < 1 || ok > 2 || len(got.Transitions) != ok+1 {
			t.Errorf("%d moves won, %d transitions", ok, len(got.Transitions))
		}
	})
}

func TestDefectsBySKU(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
		f := clocked(t, db, &now)
		record := func(sku, code string, c warranty.Category) {
			t.Helper()
			_, err := f.app.RecordDefect(f.ctx, staffActor, app.DefectInput{SKU: sku, Code: code, Category: c, Description: "found in stock"})
			f.must(err)
			now = now.Add(time.Minute)
		}
		record("DRL", "HINGE", warranty.Mechanical)
		record("BRK", "CRACK", warranty.Cosmetic)
		record("DRL", "HINGE", warranty.Mechanical)
		record("DRL", "PCB", warranty.Electrical)
		mid := now
		record("BRK", "CRACK", warranty.Cosmetic)

		all, err := f.app.DefectsBySKU(f.ctx, staffActor, app.DefectQuery{})
		f.must(err)
		if len(all) != 2 || all[0].SKU != "DRL" || all[0].Total != 3 || all[0].ByCode["HINGE"] != 2 ||
			all[0].ByCategory[warranty.Electrical] != 1 || all[1].SKU != "BRK" || all[1].Total != 2 {
			t.Errorf("all defects: %+v", all)
		}
		early, err := f.app.DefectsBySKU(f.ctx, staffActor, app.DefectQuery{To: mid, SKU: "BRK"})
		f.must(err)
		if len(early) != 1 || early[0].Total != 1 {
			t.Errorf("BRK before %s: %+v", mid, early)
		}
		if _, err := f.app.DefectsBySKU(f.ctx, app.Actor{PersonID: f.ann.ID}, app.DefectQuery{}); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("a consumer reads defects: %v", err)
		}
		if _, err := f.app.RecordDefect(f.ctx, staffActor, app.DefectInput{SKU: "NOPE", Code: "X", Category: warranty.Other, Description: "x"}); !slices.Equal(fieldsOf(err), []string{"sku"}) {
			t.Errorf("defect of an unknown SKU: %v", err)
		}
		if _, err := f.app.RecordDefect(f.ctx, staffActor, app.DefectInput{SKU: "DRL", Code: "", Category: "rust", Description: ""}); !slices.Equal(fieldsOf(err), []string{"code", "category", "description"}) {
			t.Errorf("bad defect: %v", err)
		}
	})
}
