package app_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
	"b2x/quote"
	"b2x/store"
	"b2x/store/storetest"
)

func TestContactPermissionsAreChecked(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		if !slices.Equal(f.joe.Permissions, party.Permissions) {
			t.Fatalf("a new contact's permissions %v, want all", f.joe.Permissions)
		}
		q := f.bigQuote()
		q.Rules = nil
		sent := f.sent(q)
		f.approve(sent.ID, f.tech, "")
		viewer := f.restrict(f.joe, 0, party.View)
		blind := f.restrict(f.cfo, 0, party.Order, party.Approve)
		before := f.b2bCounts()

		_, _, err := f.app.PlaceCompanyOrder(f.ctx, buyerOf(viewer), "k-1", app.CompanyOrderInput{Lines: []app.CheckoutLine{line("BRK", 10)}})
		if e := expectCode(t, "order without the order permission", err, errs.Forbidden); e.Detail["permission"] != party.Order {
			t.Errorf("detail %v", e.Detail)
		}
		_, _, err = f.app.AcceptQuote(f.ctx, buyerOf(viewer), sent.ID, "k-2")
		expectCode(t, "accept without the order permission", err, errs.Forbidden)
		_, err = f.app.RequestQuote(f.ctx, buyerOf(viewer), app.QuoteRequestInput{Lines: []app.RFQLine{{SKU: "BRK", Quantity: qty.Units(1)}}})
		expectCode(t, "request without the permission", err, errs.Forbidden)
		_, err = f.app.DecideQuote(f.ctx, buyerOf(f.restrict(f.tech, 0, party.View)), sent.ID, quote.Approve, "", "")
		expectCode(t, "decide without the approve permission", err, errs.Forbidden)
		_, err = f.app.AddQuoteComment(f.ctx, buyerOf(viewer), sent.ID, "hello", "")
		expectCode(t, "comment as a reader", err, errs.Forbidden)

		// Without view a buyer reads nothing, not even whether a quote exists.
		for name, err := range map[string]error{
			"quote": func() error { _, err := f.app.Quote(f.ctx, buyerOf(blind), sent.ID); return err }(),
			"no quote": func() error {
				_, err := f.app.Quote(f.ctx, buyerOf(blind), "00000000-0000-7000-8000-000000000000")
				return err
			}(),
			"quotes": func() error { _, err := f.app.Quotes(f.ctx, buyerOf(blind), app.QuoteQuery{Limit: 10}); return err }(),
			"catalog": func() error {
				_, err := f.app.PortalCatalog(f.ctx, buyerOf(blind), app.PortalCatalogQuery{Limit: 10})
				return err
			}(),
			"orders": func() error {
				_, err := f.app.PortalOrders(f.ctx, buyerOf(blind), app.PortalOrderQuery{Limit: 10})
				return err
			}(),
			"contracts": func() error { _, err := f.app.Contracts(f.ctx, buyerOf(blind), ""); return err }(),
			"licences":  func() error { _, err := f.app.Licences(f.ctx, buyerOf(blind), app.LicenceQuery{Limit: 10}); return err }(),
		} {
			expectCode(t, name+" without view", err, errs.Forbidden)
		}
		if after := f.b2bCounts(); !maps.Equal(before, after) {
			t.Errorf("refusals wrote rows:\nbefore %v\nafter  %v", before, after)
		}
		// Permissions come back as given; a bad one names the field.
		got, err := f.app.Contact(f.ctx, staffActor, viewer.ID)
		f.must(err)
		if !slices.Equal(got.Permissions, []party.Permission{party.View}) {
			t.Errorf("stored permissions %v", got.Permissions)
		}
		bad := []party.Permission{party.View, "admin"}
		_, err = f.app.UpdateContact(f.ctx, staffActor, viewer.ID, app.ContactPatch{Permissions: &bad})
		expectField(t, "unknown permission", err, "permissions")
		negative := money.MustNew(-1, "EUR")
		_, err = f.app.UpdateContact(f.ctx, staffActor, viewer.ID, app.ContactPatch{SpendingLimit: &negative})
		expectField(t, "negative limit", err, "spending_limit")
		// The token still works after a permission is given back.
		f.restrict(viewer, 0, party.View, party.Order)
		if _, _, err := f.app.PlaceCompanyOrder(f.ctx, buyerOf(viewer), "k-3", app.CompanyOrderInput{Lines: []app.CheckoutLine{line("BRK", 1)}}); err != nil {
			t.Errorf("order once allowed: %v", err)
		}
	})
}

func TestSpendingLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		junior := f.restrict(f.joe, 5000, party.Permissions...) // 50.00 EUR net per order
		q := f.bigQuote()
		q.Rules = nil
		sent := f.sent(q)
		f.approve(sent.ID, f.tech, "")
		before := f.b2bCounts()
		_, _, err := f.app.PlaceCompanyOrder(f.ctx, buyerOf(junior), "over", app.CompanyOrderInput{Lines: []app.CheckoutLine{line("BRK", 100)}})
		expectField(t, "90.00 over a limit of 50.00", err, "spending_limit")
		if e, _ := errs.As(err); e != nil && !strings.Contains(e.Error(), "90.00") {
			t.Errorf("the refusal does not say the total: %v", e)
		}
		_, _, err = f.app.AcceptQuote(f.ctx, buyerOf(junior), sent.ID, "acc")
		expectField(t, "accepting 900.00 with a limit of 50.00", err, "spending_limit")
		if after := f.b2bCounts(); !maps.Equal(before, after) {
			t.Errorf("refusals wrote rows:\nbefore %v\nafter  %v", before, after)
		}
		o, _, err := f.app.PlaceCompanyOrder(f.ctx, buyerOf(junior), "within", app.CompanyOrderInput{Lines: []app.CheckoutLine{line("BRK", 50)}})
		if err != nil || o.Net.String() != "45.00" || o.Customer.ContactID != junior.ID || o.Channel != catalog.B2B {
			t.Fatalf("order within the limit: %v %+v", err, o)
		}
		usd := money.MustNew(100000, "USD")
		_, err = f.app.UpdateContact(f.ctx, staffActor, junior.ID, app.ContactPatch{SpendingLimit: &usd})
		f.must(err)
		_, _, err = f.app.PlaceCompanyOrder(f.ctx, buyerOf(junior), "usd", app.CompanyOrderInput{Lines: []app.CheckoutLine{line("BRK", 1)}})
		expectField(t, "a limit in another currency", err, "spending_limit")
		// The CFO has no limit and accepts.
		if _, _, err := f.app.AcceptQuote(f.ctx, buyerOf(f.cfo), sent.ID, "acc-cfo"); err != nil {
			t.Errorf("accept without a limit: %v", err)
		}
	})
}

func TestPlaceCompanyOrderCreditAndReplay(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		tight := f.organization("Tight GmbH", 15000) // 150.00: one order of 108.00 gross
		buyer := f.contact(tight.ID, "Tina", party.DecisionMaker, 3)
		in := app.CompanyOrderInput{Lines: []app.CheckoutLine{line("BRK", 100)}, Note: "for site 4"}
		first, replayed, err := f.app.PlaceCompanyOrder(f.ctx, buyerOf(buyer), "t-1", in)
		if err != nil || replayed || first.Total.String() != "108.00" || first.Customer.OrganizationID != tight.ID ||
			first.Lines[0].PriceRule.Kind != pricing.BaseRule {
			t.Fatalf("first order: %v %v %+v", err, replayed, first)
		}
		again, replayed, err := f.app.PlaceCompanyOrder(f.ctx, buyerOf(buyer), "t-1", in)
		if err != nil || !replayed || again.ID != first.ID {
			t.Errorf("replay: %v %v %s", err, replayed, again.ID)
		}
		_, _, err = f.app.PlaceCompanyOrder(f.ctx, buyerOf(buyer), "t-1", app.CompanyOrderInput{Lines: []app.CheckoutLine{line("BRK", 1)}})
		expectField(t, "one key, another order", err, "Idempotency-Key")
		// A buyer of another organization who guesses the key gets nothing back.
		_, _, err = f.app.PlaceCompanyOrder(f.ctx, buyerOf(f.tech), "t-1", in)
		expectField(t, "another organization's key", err, "Idempotency-Key")
		_, _, err = f.app.PlaceCompanyOrder(f.ctx, buyerOf(buyer), "t-2", in)
		if e := expectCode(t, "second order over the credit limit", err, errs.Conflict); !strings.Contains(e.Message, "credit limit") {
			t.Errorf("message %q", e.Message)
		}
		acc, err := f.app.PortalAccount(f.ctx, buyerOf(buyer))
		if err != nil || acc.CreditUsed.String() != "108.00" || acc.CreditAvailable.String() != "42.00" || acc.Organization.ID != tight.ID {
			t.Errorf("account: %v %+v", err, acc)
		}
		// Prepaid organizations are not checked against credit.
		terms := party.Prepaid
		_, err = f.app.UpdateOrganization(f.ctx, staffActor, tight.ID, app.OrganizationPatch{PaymentTerms: &terms})
		f.must(err)
		if _, _, err := f.app.PlaceCompanyOrder(f.ctx, buyerOf(buyer), "t-3", in); err != nil {
			t.Errorf("prepaid order: %v", err)
		}
		if _, _, err := f.app.PlaceCompanyOrder(f.ctx, staffActor, "t-4", in); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("staff in the portal: %v", err)
		}
		// Orders list: own organization only, newest first; another's order is not found.
		list, err := f.app.PortalOrders(f.ctx, buyerOf(buyer), app.PortalOrderQuery{Limit: 10})
		if err != nil || len(list) != 2 || list[1].ID != first.ID {
			t.Errorf("orders: %v %d", err, len(list))
		}
		if _, err := f.app.PortalOrder(f.ctx, buyerOf(f.tech), first.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("another organization's order: %v", err)
		}
		got, err := f.app.PortalOrder(f.ctx, buyerOf(buyer), first.ID)
		if err != nil || len(got.Lines) != 1 || got.Status != order.Placed {
			t.Errorf("own order: %v %+v", err, got)
		}
		f.ledgerBalanced()
	})
}

func TestPortalCatalog(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		group := "wholesale"
		_, err := f.app.UpdateOrganization(f.ctx, staffActor, f.org.ID, app.OrganizationPatch{Group: &group})
		f.must(err)
		eur := func(m int64) money.Amount { return money.MustNew(m, "EUR") }
		_, err = f.app.CreatePriceList(f.ctx, staffActor, pricing.PriceList{Name: "Wholesale", Currency: "EUR", Group: group,
			Entries: []pricing.Entry{{SKU: "BRK", Price: eur(85)}, {SKU: "BRK", MinQuantity: qty.Units(100), Price: eur(80)},
				{SKU: "BRK", MinQuantity: qty.Units(500), Price: eur(80)}}})
		f.must(err)
		_, err = f.app.CreatePriceList(f.ctx, staffActor, pricing.PriceList{Name: "Buyer GmbH", Currency: "EUR", OrganizationID: f.org.ID,
			Entries: []pricing.Entry{{SKU: "BRK", MinQuantity: qty.Units(1000), Price: eur(70)}}})
		f.must(err)
		other := f.organization("Other AG", 0)
		_, err = f.app.CreatePriceList(f.ctx, staffActor, pricing.PriceList{Name: "Other", Currency: "EUR", OrganizationID: other.ID,
			Entries: []pricing.Entry{{SKU: "BRK", Price: eur(1)}}})
		f.must(err)

		page, err := f.app.PortalCatalog(f.ctx, buyerOf(f.tech), app.PortalCatalogQuery{OrganizationID: other.ID, Limit: 50})
		f.must(err)
		var skus []string
		for _, p := range page {
			skus = append(skus, p.Product.SKU)
		}
		// b2b only: the b2c toy is not there (S15).
		if want := []string{"BRK", "CEM-KG", "LIC-CAD", "SVC-DLV", "SVC-INS"}; !slices.Equal(skus, want) {
			t.Fatalf("skus %v, want %v", skus, want)
		}
		brk := page[0]
		var tiers []string
		for _, tr := range brk.Tiers {
			tiers = append(tiers, tr.MinQuantity.String()+"@"+tr.Unit.String()+":"+string(tr.Rule.Kind))
		}
		// The organization's own list wins from 1000 up; below, the group list; the
		// 500 tier of the same price is no break; the other organization's 0.01
		// never shows.
		if want := []string{"1@0.85:group_price_list", "100@0.80:group_price_list", "1000@0.70:organization_price_list"}; !slices.Equal(tiers, want) {
			t.Errorf("tiers %v, want %v", tiers, want)
		}
		if !brk.HasPrice || brk.Price.Unit.String() != "0.85" || !brk.Stocked || brk.Available != qty.Units(5000) {
			t.Errorf("BRK %+v", brk)
		}
		if lic := page[2]; lic.Stocked || lic.Price.Unit.String() != "400.00" || len(lic.Tiers) != 1 {
			t.Errorf("licence %+v", lic)
		}
		next, err := f.app.PortalCatalog(f.ctx, buyerOf(f.tech), app.PortalCatalogQuery{After: "CEM-KG", Limit: 2})
		if err != nil || len(next) != 2 || next[0].Product.SKU != "LIC-CAD" {
			t.Errorf("next page: %v %v", err, next)
		}
		found, err := f.app.PortalCatalog(f.ctx, buyerOf(f.tech), app.PortalCatalogQuery{Q: "cem", Limit: 10})
		if err != nil || len(found) != 1 || found[0].Product.SKU != "CEM-KG" {
			t.Errorf("search: %v %v", err, found)
		}
		// Staff see the catalog as an organization sees it, and must say which.
		asOther, err := f.app.PortalCatalog(f.ctx, staffActor, app.PortalCatalogQuery{OrganizationID: other.ID, Limit: 1})
		if err != nil || asOther[0].Price.Unit.String() != "0.01" {
			t.Errorf("staff as Other: %v %+v", err, asOther)
		}
		_, err = f.app.PortalCatalog(f.ctx, staffActor, app.PortalCatalogQuery{Limit: 1})
		expectField(t, "staff without an organization", err, "organization_id")
		_, err = f.app.PortalCatalog(f.ctx, app.Actor{}, app.PortalCatalogQuery{Limit: 1})
		expectCode(t, "the public", err, errs.Unauthorized)
	})
}

// TestStaffRolesInThePortalUseCases: staff reach the portal's use cases under
// their role's permissions; the warehouse reads no customer's prices, requests,
// threads or lists.
func TestStaffRolesInThePortalUseCases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		q := f.sent(f.bigQuote())
		warehouse := app.Actor{UserID: "w-1", Role: "warehouse"}
		for name, err := range map[string]error{
			"catalog": func() error {
				_, err := f.app.PortalCatalog(f.ctx, warehouse, app.PortalCatalogQuery{OrganizationID: f.org.ID, Limit: 5})
				return err
			}(),
			"requests": func() error {
				_, err := f.app.QuoteRequests(f.ctx, warehouse, app.QuoteRequestQuery{Limit: 5})
				return err
			}(),
			"thread":  func() error { _, err := f.app.QuoteComments(f.ctx, warehouse, q.ID); return err }(),
			"comment": func() error { _, err := f.app.AddQuoteComment(f.ctx, warehouse, q.ID, "hi", ""); return err }(),
			"lists":   func() error { _, err := f.app.SavedLists(f.ctx, warehouse, f.org.ID); return err }(),
			"save list": func() error {
				_, err := f.app.SaveList(f.ctx, warehouse, app.SavedListInput{OrganizationID: f.org.ID, Name: "L",
					Lines: []app.QuickOrderLine{{SKU: "BRK", Quantity: qty.Units(1)}}})
				return err
			}(),
		} {
			expectCode(t, "warehouse: "+name, err, errs.Forbidden)
		}
		sales := app.Actor{UserID: "s-1", Role: "sales_manager"}
		if _, err := f.app.AddQuoteComment(f.ctx, sales, q.ID, "We can deliver on Monday.", ""); err != nil {
			t.Errorf("a sales manager comments: %v", err)
		}
		if _, err := f.app.PortalCatalog(f.ctx, sales, app.PortalCatalogQuery{OrganizationID: f.org.ID, Limit: 5}); err != nil {
			t.Errorf("a sales manager sees the customer's prices: %v", err)
		}
	})
}
