package app_test

import (
	"maps"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/licence"
	"b2x/party"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

func TestLicences(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		buyer := buyerOf(f.tech)
		q := f.sent(app.NewQuote{OrganizationID: f.org.ID, RequestedBy: f.tech.ID, ValidUntil: time.Now().Add(time.Hour),
			Lines: []app.QuoteLineInput{{SKU: "LIC-CAD", Quantity: qty.Units(5), Seats: 5, MaintenanceMonths: 24}, {SKU: "BRK", Quantity: qty.Units(10)}}})
		o, _, err := f.app.AcceptQuote(f.ctx, buyer, q.ID, "lic-q")
		f.must(err)
		placed, _, err := f.app.PlaceCompanyOrder(f.ctx, buyer, "lic-o", app.CompanyOrderInput{Lines: []app.CheckoutLine{line("LIC-CAD", 3)}})
		f.must(err)
		staffOrder, _, err := f.app.Checkout(f.ctx, staffActor, "lic-s", app.CheckoutInput{Channel: catalog.B2B, OrganizationID: f.org.ID,
			Lines: []app.CheckoutLine{line("LIC-CAD", 1)}})
		f.must(err)

		list, err := f.app.Licences(f.ctx, buyer, app.LicenceQuery{Limit: 10})
		f.must(err)
		if len(list) != 3 {
			t.Fatalf("%d licences, want one per licence line", len(list))
		}
		fromQuote, fromOrder := list[0], list[1]
		year := o.PlacedAt.AddDate(1, 0, 0)
		if fromQuote.OrderID != o.ID || fromQuote.QuoteID != q.ID || fromQuote.Seats != 5 || fromQuote.SeatPrice.String() != "400.00" ||
			!fromQuote.EndsAt.Equal(year) || !fromQuote.MaintenanceUntil.Equal(o.PlacedAt.AddDate(2, 0, 0)) || fromQuote.LineNo != 1 {
			t.Errorf("licence from the quote %+v", fromQuote)
		}
		if fromOrder.OrderID != placed.ID || fromOrder.QuoteID != "" || fromOrder.Seats != 3 ||
			!fromOrder.MaintenanceUntil.Equal(fromOrder.EndsAt) || list[2].OrderID != staffOrder.ID {
			t.Errorf("licence from the order %+v", fromOrder)
		}

		// Half-way through the term, two more seats cost about half of two seats.
		mid := app.New(db, app.WithClock(func() time.Time { return fromQuote.StartsAt.AddDate(0, 6, 0) }))
		price, err := mid.LicenceSeatPrice(f.ctx, buyer, fromQuote.ID, 2)
		f.must(err)
		want, err := licence.ProRata(fromQuote.SeatPrice, 2, fromQuote.StartsAt, fromQuote.EndsAt, fromQuote.StartsAt.AddDate(0, 6, 0))
		f.must(err)
		if price != want || price.DaysRemaining < 180 || price.DaysRemaining > 186 {
			t.Errorf("price %+v, want %+v", price, want)
		}
		viewer := f.restrict(f.joe, 0, party.View)
		other := f.organization("Other AG", 1_000_000)
		stranger := buyerOf(f.contact(other.ID, "Stranger", party.DecisionMaker, 1))
		before := f.b2bCounts()
		_, _, _, err = mid.AddLicenceSeats(f.ctx, buyerOf(viewer), fromQuote.ID, 2, "seats-v")
		expectCode(t, "adding seats without the order permission", err, errs.Forbidden)
		_, _, _, err = mid.AddLicenceSeats(f.ctx, stranger, fromQuote.ID, 2, "seats-s")
		expectCode(t, "another organization's licence", err, errs.NotFound)
		_, _, _, err = mid.AddLicenceSeats(f.ctx, buyer, fromQuote.ID, 0, "seats-0")
		expectField(t, "no seats", err, "seats")
		after := app.New(db, app.WithClock(func() time.Time { return fromQuote.EndsAt.Add(time.Hour) }))
		_, _, _, err = after.AddLicenceSeats(f.ctx, buyer, fromQuote.ID, 1, "seats-late")
		expectCode(t, "after the term", err, errs.Conflict)
		if got := f.b2bCounts(); !maps.Equal(before, got) {
			t.Errorf("refusals wrote rows:\nbefore %v\nafter  %v", before, got)
		}
		v, seatOrder, replayed, err := mid.AddLicenceSeats(f.ctx, buyer, fromQuote.ID, 2, "seats-1")
		f.must(err)
		if replayed || v.Licence.Seats != 7 || len(v.SeatChanges) != 1 || seatOrder.Net != want.Amount ||
			seatOrder.Lines[0].Kind != catalog.Licence || seatOrder.Lines[0].PriceRule.Kind != "pro_rata" ||
			v.SeatChanges[0].OrderID != seatOrder.ID || v.SeatChanges[0].DaysRemaining != want.DaysRemaining {
			t.Errorf("seats added: %+v, order %+v", v, seatOrder)
		}
		v2, again, replayed, err := mid.AddLicenceSeats(f.ctx, buyer, fromQuote.ID, 2, "seats-1")
		if err != nil || !replayed || again.ID != seatOrder.ID || v2.Licence.Seats != 7 {
			t.Errorf("replay: %v %v %s seats %d", err, replayed, again.ID, v2.Licence.Seats)
		}
		if n, _ := db.CountRows(f.ctx, "licences"); n != 3 {
			t.Errorf("%d licences after adding seats, want still 3", n)
		}

		// Renewal reminders: the terms end after a year, the quote's maintenance
		// after two.
		due, err := f.app.LicencesDueForRenewal(f.ctx, year.AddDate(0, 0, -20), 30*24*time.Hour)
		f.must(err)
		terms := 0
		for _, d := range due {
			if d.What == "term" {
				terms++
			}
		}
		if terms != 3 || len(due) != 5 {
			t.Errorf("due in a year: %d terms of %d", terms, len(due))
		}
		due, _ = f.app.LicencesDueForRenewal(f.ctx, o.PlacedAt.AddDate(2, 0, -10), 30*24*time.Hour)
		if len(due) != 1 || due[0].What != "maintenance" || due[0].Licence.ID != fromQuote.ID {
			t.Errorf("due in two years: %+v", due)
		}
		if theirs, _ := f.app.Licences(f.ctx, stranger, app.LicenceQuery{OrganizationID: f.org.ID, Limit: 10}); len(theirs) != 0 {
			t.Errorf("a filter naming another organization: %d", len(theirs))
		}
		if _, err := f.app.Licence(f.ctx, stranger, fromQuote.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("another organization reads a licence: %v", err)
		}
	})
}
