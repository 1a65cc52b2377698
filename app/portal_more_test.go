package app_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/party"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

// A contact's own list is theirs alone, a shared list is the company's, and
// another company's contact can neither see nor change, order or quote either.
func TestSavedListsOwnSharedAndIsolated(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		tess, joe := buyerOf(f.tech), buyerOf(f.joe)
		other := f.organization("Other AG", 1_000_000)
		olga := buyerOf(f.contact(other.ID, "Olga", party.DecisionMaker, 3))
		mine, err := f.app.SaveList(f.ctx, tess, app.SavedListInput{Name: "Tess's", Lines: []app.QuickOrderLine{{SKU: "BRK", Quantity: qty.Units(5)}}})
		f.must(err)
		shared, err := f.app.SaveList(f.ctx, tess, app.SavedListInput{Name: "Site", Shared: true,
			Lines: []app.QuickOrderLine{{SKU: "BRK", Quantity: qty.Units(10)}}})
		f.must(err)
		if mine.ContactID != f.tech.ID || shared.ContactID != "" {
			t.Fatalf("owners: mine %q, shared %q", mine.ContactID, shared.ContactID)
		}
		names := func(a app.Actor) string {
			ls, err := f.app.SavedLists(f.ctx, a, "")
			f.must(err)
			var out []string
			for _, l := range ls {
				out = append(out, l.Name)
			}
			return strings.Join(out, ",")
		}
		if got := names(tess); got != "Site,Tess's" {
			t.Errorf("Tess sees %q", got)
		}
		if got := names(joe); got != "Site" {
			t.Errorf("Joe sees %q", got)
		}
		if got := names(olga); got != "" {
			t.Errorf("Olga sees %q", got)
		}
		if staffLists, err := f.app.SavedLists(f.ctx, staffActor, f.org.ID); err != nil || len(staffLists) != 2 {
			t.Errorf("staff: %d lists, %v", len(staffLists), err)
		}
		// Joe may use the shared list but not Tess's own; Olga neither.
		if _, err := f.app.AddToSavedList(f.ctx, joe, shared.ID, "CEM-KG", qty.Units(2)); err != nil {
			t.Errorf("Joe adds to the shared list: %v", err)
		}
		before := f.b2bCounts()
		for who, a := range map[string]app.Actor{"Joe": joe, "Olga": olga} {
			for id, what := range map[string]string{mine.ID: "own", shared.ID: "shared"} {
				if who == "Joe" && what == "shared" {
					continue
				}
				for op, err := range map[string]error{
					"read":   func() error { _, err := f.app.SavedList(f.ctx, a, id); return err }(),
					"add":    func() error { _, err := f.app.AddToSavedList(f.ctx, a, id, "BRK", qty.Units(1)); return err }(),
					"order":  func() error { _, _, err := f.app.OrderSavedList(f.ctx, a, id, "x-"+who+what); return err }(),
					"quote":  func() error { _, err := f.app.QuoteSavedList(f.ctx, a, id, ""); return err }(),
					"delete": f.app.DeleteSavedList(f.ctx, a, id),
					"replace": func() error {
						_, err := f.app.SaveList(f.ctx, a, app.SavedListInput{ID: id, Name: "Taken", Lines: []app.QuickOrderLine{{SKU: "BRK", Quantity: qty.Units(1)}}})
						return err
					}(),
				} {
					expectCode(t, fmt.Sprintf("%s %s %s list", who, op, what), err, errs.NotFound)
				}
			}
		}
		if after := f.b2bCounts(); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("refusals wrote: %v → %v", before, after)
		}
		// Adding merges a SKU already on the list; bad input names the field.
		l, err := f.app.AddToSavedList(f.ctx, tess, mine.ID, "BRK", qty.Units(3))
		f.must(err)
		if len(l.Lines) != 1 || l.Lines[0].Quantity != qty.Units(8) {
			t.Errorf("merged lines %+v", l.Lines)
		}
		_, err = f.app.AddToSavedList(f.ctx, tess, mine.ID, "TOY", qty.Units(1))
		expectField(t, "a b2c-only product", err, "sku")
		_, err = f.app.AddToSavedList(f.ctx, tess, mine.ID, "BRK", 0)
		expectField(t, "no quantity", err, "quantity")
		// Requesting a quote from a list makes a request with its lines.
		req, err := f.app.QuoteSavedList(f.ctx, joe, shared.ID, "for the site <b>now</b>")
		f.must(err)
		if len(req.Lines) != 2 || req.Lines[0].SKU != "BRK" || req.Lines[0].Quantity != qty.Units(10) {
			t.Errorf("request lines %+v", req.Lines)
		}
		cs, err := f.app.QuoteComments(f.ctx, joe, req.QuoteID)
		f.must(err)
		if len(cs) != 1 || cs[0].Body != "for the site <b>now</b>" {
			t.Errorf("note %+v", cs)
		}
		// A contact who may not order changes no list.
		f.restrict(f.joe, 0, party.View)
		_, err = f.app.AddToSavedList(f.ctx, joe, shared.ID, "BRK", qty.Units(1))
		expectCode(t, "Joe without order", err, errs.Forbidden)
	})
}

// Additions to one list at once all count, on both engines.
func TestAddToSavedListConcurrently(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		tess, cfo := buyerOf(f.tech), buyerOf(f.cfo)
		l, err := f.app.SaveList(f.ctx, tess, app.SavedListInput{Name: "Shared", Shared: true,
			Lines: []app.QuickOrderLine{{SKU: "BRK", Quantity: qty.Units(1)}}})
		f.must(err)
		const n = 8
		var wg sync.WaitGroup
		errc := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a := tess
				if i%2 == 1 {
					a = cfo
				}
				_, err := f.app.AddToSavedList(f.ctx, a, l.ID, "BRK", qty.Units(1))
				errc <- err
			}()
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			f.must(err)
		}
		got, err := f.app.SavedList(f.ctx, tess, l.ID)
		f.must(err)
		if got.Lines[0].Quantity != qty.Units(1+n) {
			t.Errorf("after %d additions of 1 to 1: %s", n, got.Lines[0].Quantity)
		}
	})
}

// Reordering reads a past order's lines for the form, names the lines whose
// products are no longer sold, and finds no other company's order.
func TestReorderDraft(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		tess := buyerOf(f.tech)
		f.productOf("OLD", catalog.Goods, "pcs", []catalog.Channel{catalog.B2B}, 300, 10)
		o, _, err := f.app.PlaceCompanyOrder(f.ctx, tess, "r-1", app.CompanyOrderInput{Lines: []app.CheckoutLine{
			{SKU: "BRK", Quantity: qty.Units(20)}, {SKU: "OLD", Quantity: qty.Units(2)}}})
		f.must(err)
		status := catalog.Discontinued
		_, err = f.app.UpdateProduct(f.ctx, staffActor, "OLD", app.ProductPatch{Status: &status})
		f.must(err)
		d, err := f.app.ReorderDraft(f.ctx, tess, o.ID)
		f.must(err)
		if len(d.Lines) != 1 || d.Lines[0].SKU != "BRK" || d.Lines[0].Quantity != qty.Units(20) {
			t.Errorf("lines %+v", d.Lines)
		}
		if len(d.Gone) != 1 || d.Gone[0].SKU != "OLD" || d.Gone[0].Quantity != qty.Units(2) {
			t.Errorf("gone %+v", d.Gone)
		}
		other := f.organization("Other AG", 1_000_000)
		olga := buyerOf(f.contact(other.ID, "Olga", party.DecisionMaker, 3))
		_, err = f.app.ReorderDraft(f.ctx, olga, o.ID)
		expectCode(t, "another company's order", err, errs.NotFound)
		_, err = f.app.ReorderDraft(f.ctx, olga, "not-an-id")
		expectCode(t, "a bad id", err, errs.NotFound)
	})
}
