package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/order"
	"b2x/party"
	"b2x/recurring"
	"b2x/staff"
	"b2x/store"
)

// Recurring orders (S22.7, the "profit conveyor"): an organization's standing
// order, placed through the same B2B checkout as a buyer's order (prices of the
// day, stock, credit, the contact's permission and spending limit) on every run
// date. The work is two idempotent use cases a job (or b2x serve's minute sweep)
// calls with the current time: RunDueRecurringOrders places the due runs, and
// DueRecurringNotices hands out the notices to mail before them.

// RecurringOrderInput is a recurring order to set up.
type RecurringOrderInput struct {
	OrganizationID string // staff only; a buyer's schedule is their organization's
	ContactID      string // staff: optional, the contact the orders are placed for; a buyer: themselves
	Name           string
	Lines          []recurring.Line
	Every          int
	Unit           recurring.Unit
	StartsOn       time.Time // a date (midnight UTC), today or later
	NoticeDays     int
	DeliveryMethod order.DeliveryMethod
	// DeliveryAddress is where every order goes, when delivered.
	DeliveryAddress string
}

// RecurringChanges changes a recurring order; nil fields stay as they are.
// Changing the rhythm or the start moves the next run to the first run date from
// today on.
type RecurringChanges struct {
	Name            *string
	Lines           *[]recurring.Line
	Every           *int
	Unit            *recurring.Unit
	StartsOn        *time.Time
	NoticeDays      *int
	Active          *bool
	DeliveryMethod  *order.DeliveryMethod
	DeliveryAddress *string
}

// RecurringOrderView is a recurring order with its latest runs.
type RecurringOrderView struct {
	Schedule recurring.Schedule
	Runs     []store.RecurringRun // latest first, at most RecurringRunsShown
}

// RecurringRunsShown is how many past runs a recurring order's page shows.
const RecurringRunsShown = 24

// CreateRecurringOrder sets up a standing order. A buyer needs the order
// permission and the schedule places orders for them; staff need recurring.edit
// and name the organization and, optionally, the contact. The audit log holds it.
func (a *App) CreateRecurringOrder(ctx context.Context, actor Actor, in RecurringOrderInput) (recurring.Schedule, error) {
	if err := requireBuyerOr(actor, staff.RecurringEdit); err != nil {
		return recurring.Schedule{}, err
	}
	if actor.Buyer() {
		var fs errs.Fields
		if in.OrganizationID != "" && in.OrganizationID != actor.OrganizationID {
			fs.Add("organization_id", "a buyer sets up recurring orders for their own organization only; leave it out")
		}
		if in.ContactID != "" && in.ContactID != actor.ContactID {
			fs.Add("contact_id", "a buyer sets up recurring orders for themselves only; leave it out")
		}
		if err := fs.Err(); err != nil {
			return recurring.Schedule{}, err
		}
		in.OrganizationID, in.ContactID = actor.OrganizationID, actor.ContactID
	}
	now := a.clock()
	s := recurring.Schedule{ID: ids.At(now), OrganizationID: in.OrganizationID, ContactID: in.ContactID, Name: in.Name,
		Lines: slices.Clone(in.Lines), Every: in.Every, Unit: in.Unit, StartsOn: in.StartsOn.UTC(), NoticeDays: in.NoticeDays,
		Active: true, DeliveryMethod: in.DeliveryMethod, DeliveryAddress: in.DeliveryAddress, CreatedBy: actor.Label(),
		CreatedAt: now, UpdatedAt: now}
	if s.DeliveryMethod == "" {
		s.DeliveryMethod = order.Pickup
	}
	var fs errs.Fields
	if !actor.Buyer() && !ids.Valid(s.OrganizationID) {
		fs.Add("organization_id", "is not an id")
	}
	if s.ContactID != "" && !ids.Valid(s.ContactID) {
		fs.Add("contact_id", "is not an id")
	}
	fs.Wrap("", s.Validate())
	if !s.StartsOn.IsZero() && s.StartsOn.Before(recurring.DayOf(now)) {
		fs.Add("starts_on", "is in the past; the first run is today at the earliest")
	}
	if err := fs.Err(); err != nil {
		return recurring.Schedule{}, err
	}
	s.NextRun = s.StartsOn
	err := a.write(ctx, func(tx *store.Tx) error {
		if err := checkSchedule(ctx, tx, actor, &s); err != nil {
			return err
		}
		if err := tx.InsertSchedule(ctx, &s); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "recurring_order.create", "recurring_order", s.ID, s)
	})
	return s, err
}

// checkSchedule checks what needs the database: the organization and contact,
// the buyer's order permission, and that every SKU is sold in b2b.
func checkSchedule(ctx context.Context, tx *store.Tx, actor Actor, s *recurring.Schedule) error {
	if actor.Buyer() {
		if _, err := buyerContact(ctx, tx, actor, party.Order); err != nil {
			return err
		}
	} else {
		if _, err := tx.Organization(ctx, s.OrganizationID); errs.CodeOf(err) == errs.NotFound {
			return errs.Field("organization_id", "no organization %s", s.OrganizationID)
		} else if err != nil {
			return err
		}
		if s.ContactID != "" {
			c, err := tx.Contact(ctx, s.ContactID)
			if errs.CodeOf(err) == errs.NotFound || (err == nil && c.OrganizationID != s.OrganizationID) {
				return errs.Field("contact_id", "no contact %s at this organization", s.ContactID)
			} else if err != nil {
				return err
			}
		}
	}
	skus := make([]string, len(s.Lines))
	for i, l := range s.Lines {
		skus[i] = l.SKU
	}
	products, err := tx.ProductsBySKU(ctx, skus)
	if err != nil {
		return err
	}
	var fs errs.Fields
	for i, l := range s.Lines {
		if p, ok := products[l.SKU]; !ok || !p.Sellable(catalog.B2B) {
			fs.Add(fmt.Sprintf("lines[%d].sku", i), "no product %s for sale in b2b", l.SKU)
		} else if err := checkUnit(p, l.Quantity, fmt.Sprintf("lines[%d].quantity", i)); err != nil {
			fs.Wrap("", err)
		}
	}
	return fs.Err()
}

// UpdateRecurringOrder changes a standing order: a buyer of its organization with
// the order permission, or staff with recurring.edit. Active false pauses it;
// true resumes it from the first run date from today on.
func (a *App) UpdateRecurringOrder(ctx context.Context, actor Actor, id string, ch RecurringChanges) (recurring.Schedule, error) {
	if err := requireBuyerOr(actor, staff.RecurringEdit); err != nil {
		return recurring.Schedule{}, err
	}
	if !ids.Valid(id) {
		return recurring.Schedule{}, errs.E(errs.NotFound, "no recurring order %s", id)
	}
	now := a.clock()
	var s recurring.Schedule
	err := a.write(ctx, func(tx *store.Tx) error {
		var err error
		if s, err = visibleSchedule(ctx, tx, actor, id); err != nil {
			return err
		}
		wasActive, old := s.Active, s
		old.Lines = slices.Clone(s.Lines)
		set(&s.Name, ch.Name)
		if ch.Lines != nil {
			s.Lines = slices.Clone(*ch.Lines)
		}
		set(&s.Every, ch.Every)
		set(&s.Unit, ch.Unit)
		if ch.StartsOn != nil {
			s.StartsOn = ch.StartsOn.UTC()
		}
		set(&s.NoticeDays, ch.NoticeDays)
		set(&s.Active, ch.Active)
		set(&s.DeliveryMethod, ch.DeliveryMethod)
		set(&s.DeliveryAddress, ch.DeliveryAddress)
		s.UpdatedAt = now
		if err := s.Validate(); err != nil {
			return err
		}
		if ch.StartsOn != nil && !s.StartsOn.Equal(old.StartsOn) && s.StartsOn.Before(recurring.DayOf(now)) {
			return errs.Field("starts_on", "is in the past; the first run is today at the earliest")
		}
		rhythm := s.Every != old.Every || s.Unit != old.Unit || !s.StartsOn.Equal(old.StartsOn)
		if rhythm || (s.Active && !wasActive) {
			// The first run date from today on (a run already made today is not made
			// again: its idempotency key is taken). Resuming without a new rhythm
			// keeps a next run that is still ahead.
			next := s.After(recurring.DayOf(now).Add(-time.Nanosecond))
			if rhythm || old.NextRun.Before(next) {
				s.NextRun = next
			}
		}
		if err := checkSchedule(ctx, tx, actor, &s); err != nil {
			return err
		}
		if err := tx.UpdateSchedule(ctx, &s); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "recurring_order.update", "recurring_order", id, diff(old, s))
	})
	return s, err
}

func visibleSchedule(ctx context.Context, tx *store.Tx, actor Actor, id string) (recurring.Schedule, error) {
	if !ids.Valid(id) {
		return recurring.Schedule{}, errs.E(errs.NotFound, "no recurring order %s", id)
	}
	s, err := tx.Schedule(ctx, id)
	if err == nil && actor.Buyer() && s.OrganizationID != actor.OrganizationID {
		return recurring.Schedule{}, errs.E(errs.NotFound, "no recurring order %s", id)
	}
	return s, err
}

// RecurringOrders lists an organization's standing orders (a buyer's own
// organization's whatever they name); staff need recurring.read.
func (a *App) RecurringOrders(ctx context.Context, actor Actor, organizationID string) ([]recurring.Schedule, error) {
	if err := requireBuyerOr(actor, staff.RecurringRead); err != nil {
		return nil, err
	}
	org, err := organizationOf(actor, organizationID, true)
	if err != nil {
		return nil, err
	}
	var out []recurring.Schedule
	err = a.portalRead(ctx, actor, func(tx *store.Tx) (err error) {
		out, err = tx.SchedulesOf(ctx, org)
		return err
	})
	return out, err
}

// RecurringOrder returns a standing order with its latest runs; staff need
// recurring.read.
func (a *App) RecurringOrder(ctx context.Context, actor Actor, id string) (RecurringOrderView, error) {
	if err := requireBuyerOr(actor, staff.RecurringRead); err != nil {
		return RecurringOrderView{}, err
	}
	var v RecurringOrderView
	err := a.portalRead(ctx, actor, func(tx *store.Tx) (err error) {
		if v.Schedule, err = visibleSchedule(ctx, tx, actor, id); err != nil {
			return err
		}
		v.Runs, err = tx.RecurringRuns(ctx, id, RecurringRunsShown)
		return err
	})
	return v, err
}

// RunDueRecurringOrders places every run that is due at now and returns what
// became of each: an order, or the problem that stopped it (out of stock, over
// the credit or spending limit, a product no longer sold). Either way the run is
// recorded and the schedule moves to its first run date after now, so a missed
// run (b2x was down) is not made late and a failing one does not repeat every
// minute. Each run's order uses the idempotency key of the schedule and run date
// and is written in one transaction with the run's record and the schedule's
// move, so running this twice, or in two processes at once, never places a run
// twice. A job or b2x serve's minute sweep calls it.
func (a *App) RunDueRecurringOrders(ctx context.Context, now time.Time) ([]store.RecurringRun, error) {
	var due []recurring.Schedule
	if err := a.read(ctx, func(tx *store.Tx) (err error) {
		due, err = tx.DueSchedules(ctx, now)
		return err
	}); err != nil {
		return nil, err
	}
	var out []store.RecurringRun
	for _, s := range due {
		r, ok, err := a.runSchedule(ctx, s, now)
		if err != nil {
			return out, err
		}
		if ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// runSchedule makes one due run; ok is false when another process made it.
func (a *App) runSchedule(ctx context.Context, s recurring.Schedule, now time.Time) (store.RecurringRun, bool, error) {
	runOn, next := s.NextRun, s.After(now)
	run := store.RecurringRun{ScheduleID: s.ID, RunOn: runOn, Outcome: "ordered", At: a.clock()}
	// record stores the run and moves the schedule on, if it is still at this
	// run: of two processes making the same run, one records it.
	record := func(ctx context.Context, tx *store.Tx) (bool, error) {
		stored, err := tx.InsertRecurringRun(ctx, run)
		if err != nil {
			return false, err
		}
		moved, err := tx.AdvanceSchedule(ctx, s.ID, runOn, next, run.At)
		return stored && moved, err
	}
	lines := make([]CheckoutLine, len(s.Lines))
	for i, l := range s.Lines {
		lines[i] = CheckoutLine(l)
	}
	recorded := false
	actor := Actor{ContactID: s.ContactID, OrganizationID: s.OrganizationID}
	_, replayed, err := a.placeB2B(ctx, actor, recurring.IdempotencyKey(s.ID, runOn), b2bOrder{
		in: CheckoutInput{Channel: catalog.B2B, OrganizationID: s.OrganizationID, ContactID: s.ContactID, Lines: lines,
			DeliveryMethod: s.DeliveryMethod, DeliveryAddress: s.DeliveryAddress,
			Note: fmt.Sprintf("recurring order %q of %s", s.Name, runOn.Format(time.DateOnly))},
		asContact: s.ContactID != "",
		after: func(ctx context.Context, tx *store.Tx, o *order.Order) (err error) {
			run.OrderID = o.ID
			recorded, err = record(ctx, tx)
			return err
		},
	})
	switch {
	case err == nil && replayed:
		// The run's order exists: another process placed it and recorded the run
		// with it. Only make sure the schedule has moved on.
		err = a.write(ctx, func(tx *store.Tx) error {
			_, err := tx.AdvanceSchedule(ctx, s.ID, runOn, next, run.At)
			return err
		})
		return run, false, err
	case err == nil:
		return run, recorded, nil
	case errs.CodeOf(err) == errs.Internal:
		return run, false, err // the database, not the order: the next sweep tries again
	}
	run.Outcome, run.OrderID, run.Problem = "failed", "", err.Error()
	if e, ok := errs.As(err); ok {
		run.Problem = e.Message
	}
	err = a.write(ctx, func(tx *store.Tx) (err error) {
		recorded, err = record(ctx, tx)
		return err
	})
	return run, recorded && err == nil, err
}

// RecurringNotice tells a buyer that a standing order will be placed soon.
type RecurringNotice struct {
	Schedule     recurring.Schedule
	RunOn        time.Time
	Organization party.Organization
	Contact      *party.Contact    // who to tell; nil when the schedule names nobody
	Products     []catalog.Product // the lines' products, in line order, for the letter
}

// DueRecurringNotices returns the notices to send now: for every active standing
// order with notice days whose next run is at most that many days away. Each
// notice is marked as given in the same transaction that returns it, so of two
// callers (or two processes) only one gets it; a caller that fails to send it
// loses it, so the mail job should enqueue what it gets before anything else.
func (a *App) DueRecurringNotices(ctx context.Context, now time.Time) ([]RecurringNotice, error) {
	var out []RecurringNotice
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		out, err = a.claimRecurringNotices(ctx, tx, now)
		return err
	})
	return out, err
}

// claimRecurringNotices claims, in tx, the notices due at now (see
// DueRecurringNotices).
func (a *App) claimRecurringNotices(ctx context.Context, tx *store.Tx, now time.Time) ([]RecurringNotice, error) {
	var out []RecurringNotice
	candidates, err := tx.NoticeCandidates(ctx, now, now.AddDate(0, 0, recurring.MaxNoticeDays))
	if err != nil {
		return nil, err
	}
	for _, s := range candidates {
		if now.Before(s.NoticeFrom()) {
			continue
		}
		claimed, err := tx.ClaimRecurringNotice(ctx, s.ID, s.NextRun, a.clock())
		if err != nil {
			return nil, err
		}
		if !claimed {
			continue
		}
		n := RecurringNotice{Schedule: s, RunOn: s.NextRun}
		if n.Organization, err = tx.Organization(ctx, s.OrganizationID); err != nil {
			return nil, err
		}
		if s.ContactID != "" {
			c, err := tx.Contact(ctx, s.ContactID)
			if err != nil {
				return nil, err
			}
			n.Contact = &c
		}
		skus := make([]string, len(s.Lines))
		for i, l := range s.Lines {
			skus[i] = l.SKU
		}
		products, err := tx.ProductsBySKU(ctx, skus)
		if err != nil {
			return nil, err
		}
		for _, sku := range skus {
			n.Products = append(n.Products, products[sku])
		}
		out = append(out, n)
	}
	return out, nil
}
