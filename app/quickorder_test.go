package app_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"b2x/app"
	"b2x/errs"
	"b2x/party"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

func TestParseQuickOrder(t *testing.T) {
	lines, err := app.ParseQuickOrder("\uFEFFSKU;Quantity\nBRK;500\n\n  CEM-KG ; 2,5 \nLIC-CAD\t3\nSVC-INS, 4\nTOY 1\n\"X-1\";\"7\";\n")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range lines {
		got = append(got, l.SKU+"="+l.Quantity.String())
	}
	if want := []string{"BRK=500", "CEM-KG=2.5", "LIC-CAD=3", "SVC-INS=4", "TOY=1", "X-1=7"}; !slices.Equal(got, want) {
		t.Errorf("lines %v, want %v", got, want)
	}
	_, err = app.ParseQuickOrder("BRK;5\nBRK 5 6\n!bad;1\nCEM;lots\nOK,1,5\n")
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Invalid {
		t.Fatalf("bad lines: %v", err)
	}
	var fields []string
	for _, f := range e.Fields {
		fields = append(fields, f.Field)
	}
	// "OK,1,5" is three cells: a comma separator leaves no decimal comma.
	if want := []string{"line 2", "line 3", "line 4", "line 5"}; !slices.Equal(fields, want) {
		t.Errorf("fields %v, want %v (%v)", fields, want, err)
	}
	if !strings.Contains(err.Error(), `line 4: quantity "lots" is not a number`) {
		t.Errorf("message: %v", err)
	}
	for text, field := range map[string]string{"": "csv", "\n \n": "csv", "BRK;1\xff": "csv", strings.Repeat("x", app.MaxQuickOrderText+1): "csv"} {
		if _, err := app.ParseQuickOrder(text); err == nil || !hasField(mustErr(err), field) {
			t.Errorf("%.20q: %v", text, err)
		}
	}
}

func TestQuickOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		buyer := buyerOf(f.tech)
		before := f.b2bCounts()
		_, _, err := f.app.QuickOrder(f.ctx, buyer, "q-1", app.QuickOrderInput{CSV: "sku;qty\nBRK;10\nNOPE;1\nTOY;1\nBRK;0,5\nCEM-KG;1,25\nLIC-CAD;0\n"})
		e := expectCode(t, "bad quick order", err, errs.Invalid)
		msgs := map[string]string{}
		for _, fe := range e.Fields {
			msgs[fe.Field] = fe.Message
		}
		// Line numbers are of the input lines the problem is on (the header is line
		// 1); a SKU on two lines is added up on the first, which says so.
		want := map[string]string{"line 2": "BRK is sold in whole pcs, not 10.5 (lines 2 and 5 added up)",
			"line 3": "no product NOPE in the catalog", "line 4": "no product TOY in the catalog",
			"line 7": "the quantity of LIC-CAD must be more than 0"}
		if !maps.Equal(msgs, want) {
			t.Errorf("problems %v, want %v", msgs, want)
		}
		_, _, err = f.app.QuickOrder(f.ctx, buyer, "q-2", app.QuickOrderInput{Lines: []app.QuickOrderLine{{SKU: "BRK", Quantity: qty.Units(1) / 2}}})
		expectField(t, "half a piece", err, "line 1")
		if after := f.b2bCounts(); !maps.Equal(before, after) {
			t.Errorf("refused quick orders wrote rows:\nbefore %v\nafter  %v", before, after)
		}

		check, err := f.app.CheckQuickOrder(f.ctx, buyer, app.QuickOrderInput{CSV: "BRK;10\nCEM-KG;1,25\nBRK;5\nLIC-CAD;2\nBRK;6000\n"})
		f.must(err)
		if len(check.Lines) != 3 || check.Lines[0].Quantity != qty.Units(6015) || !slices.Equal(check.Merged, []string{"BRK"}) ||
			check.Lines[0].Short != qty.Units(1015) || check.Lines[2].Stocked || check.Net.String() != "6214.13" {
			t.Errorf("check %+v", check)
		}
		o, _, err := f.app.QuickOrder(f.ctx, buyer, "q-3", app.QuickOrderInput{CSV: "BRK;10\nCEM-KG;1,25\nBRK;5\nLIC-CAD;2\n", Note: "site 7"})
		f.must(err)
		var got []string
		for _, l := range o.Lines {
			got = append(got, l.SKU+"="+l.Quantity.String())
		}
		if !slices.Equal(got, []string{"BRK=15", "CEM-KG=1.25", "LIC-CAD=2"}) || o.Note != "site 7" || o.Customer.ContactID != f.tech.ID {
			t.Errorf("order %v %+v", got, o)
		}
		_, _, err = f.app.QuickOrder(f.ctx, buyer, "q-4", app.QuickOrderInput{CSV: "BRK;6000"})
		expectCode(t, "more than in stock", err, errs.Conflict)

		// Reorder: the same lines at today's prices, for the same organization only.
		lines, err := f.app.ReorderLines(f.ctx, buyer, o.ID)
		if err != nil || len(lines) != 3 || lines[1].Quantity != qty.Units(5)/4 {
			t.Errorf("reorder lines: %v %v", err, lines)
		}
		other := f.organization("Other AG", 1_000_000)
		stranger := buyerOf(f.contact(other.ID, "Stranger", party.DecisionMaker, 1))
		if _, err := f.app.ReorderLines(f.ctx, stranger, o.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("another organization's order: %v", err)
		}
		again, _, err := f.app.Reorder(f.ctx, buyer, o.ID, "q-5")
		if err != nil || again.ID == o.ID || again.Net != o.Net {
			t.Errorf("reorder: %v %s %s", err, again.Net, o.Net)
		}
		f.ledgerBalanced()
	})
}

func TestSavedLists(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		buyer := buyerOf(f.tech)
		l, err := f.app.SaveList(f.ctx, buyer, app.SavedListInput{Name: "Monthly",
			Lines: []app.QuickOrderLine{{SKU: "BRK", Quantity: qty.Units(200)}, {SKU: "CEM-KG", Quantity: qty.Units(20)}}})
		f.must(err)
		if l.OrganizationID != f.org.ID || len(l.Lines) != 2 || l.CreatedBy != "contact:"+f.tech.ID {
			t.Errorf("list %+v", l)
		}
		_, err = f.app.SaveList(f.ctx, buyer, app.SavedListInput{Name: "Monthly", Lines: []app.QuickOrderLine{{SKU: "BRK", Quantity: qty.Units(1)}}})
		expectField(t, "a name twice", err, "name")
		_, err = f.app.SaveList(f.ctx, buyer, app.SavedListInput{Name: "Bad", Lines: []app.QuickOrderLine{{SKU: "BRK", Quantity: qty.Units(1)}, {SKU: "BRK", Quantity: qty.Units(2)}, {SKU: "x y", Quantity: 1}}})
		e := expectCode(t, "bad lines", err, errs.Invalid)
		if !hasField(e, "line 2") || !hasField(e, "line 3") {
			t.Errorf("fields %v", e.Fields)
		}
		l.Name = "Monthly consumables"
		up, err := f.app.SaveList(f.ctx, buyer, app.SavedListInput{ID: l.ID, Name: l.Name, Lines: []app.QuickOrderLine{{SKU: "BRK", Quantity: qty.Units(300)}}})
		if err != nil || up.Name != l.Name || !up.CreatedAt.Equal(l.CreatedAt) || len(up.Lines) != 1 {
			t.Errorf("update: %v %+v", err, up)
		}
		other := f.organization("Other AG", 1_000_000)
		stranger := buyerOf(f.contact(other.ID, "Stranger", party.DecisionMaker, 1))
		for name, err := range map[string]error{
			"read": func() error { _, err := f.app.SavedList(f.ctx, stranger, l.ID); return err }(),
			"replace": func() error {
				_, err := f.app.SaveList(f.ctx, stranger, app.SavedListInput{ID: l.ID, Name: "Mine", Lines: []app.QuickOrderLine{{SKU: "BRK", Quantity: qty.Units(1)}}})
				return err
			}(),
			"delete": f.app.DeleteSavedList(f.ctx, stranger, l.ID),
			"order":  func() error { _, _, err := f.app.OrderSavedList(f.ctx, stranger, l.ID, "s-1"); return err }(),
		} {
			expectCode(t, "another organization's list: "+name, err, errs.NotFound)
		}
		if lists, err := f.app.SavedLists(f.ctx, stranger, f.org.ID); err != nil || len(lists) != 0 {
			t.Errorf("a filter naming another organization: %v %v", err, lists)
		}
		o, _, err := f.app.OrderSavedList(f.ctx, buyer, l.ID, "s-2")
		if err != nil || len(o.Lines) != 1 || o.Lines[0].Quantity != qty.Units(300) {
			t.Errorf("ordered list: %v %+v", err, o)
		}
		f.must(f.app.DeleteSavedList(f.ctx, buyer, l.ID))
		if lists, _ := f.app.SavedLists(f.ctx, buyer, ""); len(lists) != 0 {
			t.Errorf("after delete: %v", lists)
		}
		if lists, err := f.app.SavedLists(f.ctx, staffActor, f.org.ID); err != nil || len(lists) != 0 {
			t.Errorf("staff: %v %v", err, lists)
		}
	})
}
