package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/licence"
	"b2x/order"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
	"b2x/quote"
	"b2x/staff"
	"b2x/store"
)

// Licences (S7): every licence line of an organization's order makes a licence
// record in the order's transaction, whether the order came from checkout, the
// portal or a quote; seats can be added mid-term at a pro-rata price, and a job
// asks which licences are due for renewal.

// recordLicences makes the licences of an order's licence lines. From a quote,
// seats and maintenance come from the quote line's licence terms; otherwise a
// line's whole units are its seats and maintenance runs with the term. Orders
// without an organization (consumers) make none.
func recordLicences(ctx context.Context, tx *store.Tx, o *order.Order, q *quote.Quote) error {
	if o.Customer.OrganizationID == "" {
		return nil
	}
	for i, l := range o.Lines {
		if l.Kind != catalog.Licence {
			continue
		}
		seats, months := int(l.Quantity.WholeUnits()), 0
		if q != nil && i < len(q.Lines) && q.Lines[i].Licence != nil {
			seats, months = q.Lines[i].Licence.Seats, q.Lines[i].Licence.MaintenanceMonths
		}
		lic, err := licence.New(max(seats, 1), l.Net, months, o.PlacedAt)
		if err != nil {
			return err
		}
		lic.ID, lic.OrganizationID, lic.SKU, lic.Name = ids.At(o.PlacedAt), o.Customer.OrganizationID, l.SKU, l.Name
		lic.OrderID, lic.LineNo, lic.CreatedAt, lic.UpdatedAt = o.ID, l.No, o.PlacedAt, o.PlacedAt
		if q != nil {
			lic.QuoteID = q.ID
		}
		if err := tx.InsertLicence(ctx, &lic); err != nil {
			return err
		}
	}
	return nil
}

// LicenceQuery selects a page of licences in creation order.
type LicenceQuery struct {
	OrganizationID string // staff: optional filter; a buyer always sees their own organization's
	After          string // the last id of the previous page
	Limit          int
}

// Licences lists licences: a buyer's organization's, or for staff any
// organization's or all (licences.read).
func (a *App) Licences(ctx context.Context, actor Actor, q LicenceQuery) ([]licence.Licence, error) {
	if err := requireBuyerOr(actor, staff.LicencesRead); err != nil {
		return nil, err
	}
	org, err := organizationOf(actor, q.OrganizationID, false)
	if err != nil {
		return nil, err
	}
	var fs errs.Fields
	if q.After != "" && !ids.Valid(q.After) {
		fs.Add("cursor", "is not a cursor this API gave out")
	}
	checkLimit(&fs, q.Limit)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []licence.Licence
	err = a.portalRead(ctx, actor, func(tx *store.Tx) (err error) {
		out, err = tx.ListLicences(ctx, store.LicenceFilter{OrganizationID: org, After: q.After, Limit: q.Limit})
		return err
	})
	return out, err
}

// LicenceView is a licence with the seats added to it and what of it is due for
// renewal within RenewalWindow.
type LicenceView struct {
	Licence     licence.Licence
	SeatChanges []store.SeatChange
	Due         []licence.Due
}

// RenewalWindow is how far ahead a licence's page warns of its renewal.
const RenewalWindow = 60 * 24 * time.Hour

// Licence returns a licence the actor may see; another organization's is not
// found; staff need licences.read.
func (a *App) Licence(ctx context.Context, actor Actor, id string) (LicenceView, error) {
	if err := requireBuyerOr(actor, staff.LicencesRead); err != nil {
		return LicenceView{}, err
	}
	var v LicenceView
	err := a.portalRead(ctx, actor, func(tx *store.Tx) (err error) {
		v, err = a.licenceView(ctx, tx, actor, id)
		return err
	})
	return v, err
}

func (a *App) licenceView(ctx context.Context, tx *store.Tx, actor Actor, id string) (LicenceView, error) {
	l, err := visibleLicence(ctx, tx, actor, id)
	if err != nil {
		return LicenceView{}, err
	}
	changes, err := tx.SeatChanges(ctx, id)
	if err != nil {
		return LicenceView{}, err
	}
	return LicenceView{Licence: l, SeatChanges: changes, Due: licence.DueForRenewal(l, a.clock(), RenewalWindow)}, nil
}

func visibleLicence(ctx context.Context, tx *store.Tx, actor Actor, id string) (licence.Licence, error) {
	if !ids.Valid(id) {
		return licence.Licence{}, errs.E(errs.NotFound, "no licence %s", id)
	}
	l, err := tx.Licence(ctx, id)
	if err == nil && actor.Buyer() && l.OrganizationID != actor.OrganizationID {
		return licence.Licence{}, errs.E(errs.NotFound, "no licence %s", id)
	}
	return l, err
}

// LicenceRenewals is LicencesDueForRenewal from now, for staff with
// licences.read.
func (a *App) LicenceRenewals(ctx context.Context, actor Actor, within time.Duration) ([]licence.Due, error) {
	if err := require(actor, staff.LicencesRead); err != nil {
		return nil, err
	}
	return a.LicencesDueForRenewal(ctx, a.clock(), within)
}

// LicencesDueForRenewal lists what of every licence ends from now up to
// now+within: terms and maintenance periods, for the renewal reminders a job
// sends. It only reads, so running it twice is harmless; the job remembers what
// it has sent.
func (a *App) LicencesDueForRenewal(ctx context.Context, now time.Time, within time.Duration) ([]licence.Due, error) {
	if within <= 0 {
		return nil, errs.Field("within", "must be positive")
	}
	var out []licence.Due
	err := a.read(ctx, func(tx *store.Tx) error {
		ls, err := tx.LicencesEnding(ctx, now, now.Add(within))
		if err != nil {
			return err
		}
		for _, l := range ls {
			out = append(out, licence.DueForRenewal(l, now, within)...)
		}
		return nil
	})
	return out, err
}

// LicenceSeatPrice says what adding seats to a licence would cost now (see
// licence.ProRata); staff need licences.read.
func (a *App) LicenceSeatPrice(ctx context.Context, actor Actor, id string, seats int) (licence.ProRataPrice, error) {
	if err := requireBuyerOr(actor, staff.LicencesRead); err != nil {
		return licence.ProRataPrice{}, err
	}
	var p licence.ProRataPrice
	err := a.portalRead(ctx, actor, func(tx *store.Tx) error {
		l, err := visibleLicence(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		p, err = licence.ProRata(l.SeatPrice, seats, l.StartsAt, l.EndsAt, a.clock())
		return err
	})
	return p, err
}

// licenceSeatsScope is the idempotency-key scope of AddLicenceSeats.
const licenceSeatsScope = "licence-seats"

// AddLicenceSeats adds seats to a licence mid-term: it places a B2B order of one
// licence line at the pro-rata price (licence.ProRata) and raises the licence's
// seats in the same transaction, with the buyer's order permission, spending
// limit and the organization's credit checked as for any order. With an
// idempotency key a retry returns the first order and adds nothing (replayed is
// true). Staff need licences.edit; the change is in the audit log.
func (a *App) AddLicenceSeats(ctx context.Context, actor Actor, id string, seats int, key string) (LicenceView, order.Order, bool, error) {
	if err := requireBuyerOr(actor, staff.LicencesEdit); err != nil {
		return LicenceView{}, order.Order{}, false, err
	}
	if key != "" {
		if err := CheckIdempotencyKey(key); err != nil {
			return LicenceView{}, order.Order{}, false, err
		}
	}
	if seats < 1 || seats > licence.MaxSeats {
		return LicenceView{}, order.Order{}, false, errs.Field("seats", "must be between 1 and %d", licence.MaxSeats)
	}
	if !ids.Valid(id) {
		return LicenceView{}, order.Order{}, false, errs.E(errs.NotFound, "no licence %s", id)
	}
	hash := itoa(seats) + ":" + id
	now := a.clock()
	orderID := ids.At(now)
	var o order.Order
	var v LicenceView
	err := a.write(ctx, func(tx *store.Tx) error {
		if key != "" {
			ok, err := tx.ClaimIdempotencyKey(ctx, licenceSeatsScope, key, store.IdempotentResult{RequestHash: hash, ResultID: orderID}, now)
			if err != nil {
				return err
			}
			if !ok {
				return errKeyTaken
			}
		}
		l, err := visibleLicence(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		var contact party.Contact
		if actor.Buyer() {
			if contact, err = buyerContact(ctx, tx, actor, party.Order); err != nil {
				return err
			}
		}
		price, err := licence.ProRata(l.SeatPrice, seats, l.StartsAt, l.EndsAt, now)
		if err != nil {
			return err
		}
		p, err := tx.Product(ctx, l.SKU)
		if err != nil {
			return err
		}
		o = seatOrder(orderID, l, p, price, actor, now)
		if actor.Buyer() {
			if err := checkSpendingLimit(contact, o.Net); err != nil {
				return err
			}
		}
		if err := a.checkCreditFor(ctx, tx, l.OrganizationID, "", o.Total, "order", now); err != nil {
			return err
		}
		if err := tx.InsertOrder(ctx, &o); err != nil {
			return err
		}
		if err := tx.AddLicenceSeats(ctx, l.ID, l.Version, seats, now); err != nil {
			return err
		}
		if err := tx.InsertSeatChange(ctx, store.SeatChange{ID: ids.At(now), LicenceID: l.ID, Seats: seats, OrderID: o.ID,
			Amount: price.Amount, DaysRemaining: price.DaysRemaining, TermDays: price.TermDays, At: now}); err != nil {
			return err
		}
		if v, err = a.licenceView(ctx, tx, actor, id); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "licence.add_seats", "licence", l.ID,
			map[string]any{"seats": seats, "order_id": o.ID, "amount": price.Amount})
	})
	if errors.Is(err, errKeyTaken) {
		o, replayed, err := a.replay(ctx, licenceSeatsScope, key, hash, "to add other seats")
		if err != nil {
			return LicenceView{}, order.Order{}, false, err
		}
		if actor.Buyer() && o.Customer.OrganizationID != actor.OrganizationID {
			return LicenceView{}, order.Order{}, false, errs.E(errs.NotFound, "no licence %s", id)
		}
		v, err = a.Licence(ctx, actor, id)
		return v, o, replayed, err
	}
	if err != nil {
		return LicenceView{}, order.Order{}, false, err
	}
	return v, o, false, nil
}

// seatOrder is the order that charges for seats added mid-term: one licence line
// of the product whose quantity is the seats and whose net is the pro-rata
// amount, rounded once (the unit price shown is that amount over the seats).
func seatOrder(id string, l licence.Licence, p catalog.Product, price licence.ProRataPrice, actor Actor, now time.Time) order.Order {
	unit, _ := price.Amount.MulRat(1, int64(price.Seats))
	line := order.Line{No: 1, SKU: l.SKU, Name: fmt.Sprintf("%s: %d more seats until %s", l.Name, price.Seats,
		l.EndsAt.Format(time.DateOnly)), Kind: catalog.Licence, Unit: p.Unit, Quantity: qty.Units(int64(price.Seats)),
		UnitPrice: unit, TaxRateBP: p.TaxRateBP, Net: price.Amount,
		PriceRule: pricing.Rule{Kind: "pro_rata", Explanation: fmt.Sprintf("%d seats at %s %s for %d of %d days of the term",
			price.Seats, l.SeatPrice, l.SeatPrice.Currency, price.DaysRemaining, price.TermDays)}}
	line.Tax, _ = line.Net.MulRat(int64(line.TaxRateBP), 10000)
	line.Gross, _ = line.Net.Add(line.Tax)
	o := order.Order{ID: id, Channel: catalog.B2B, Status: order.Placed, Currency: l.SeatPrice.Currency,
		DeliveryMethod: order.Pickup, Customer: order.Customer{OrganizationID: l.OrganizationID, ContactID: actor.ContactID},
		Note: "seats added to licence " + l.ID, Lines: []order.Line{line}, PlacedAt: now, UpdatedAt: now,
		Transitions: []order.Transition{{To: order.Placed, At: now, By: actor.Label(), Note: "licence seats"}}}
	_ = o.Sum()
	return o
}
