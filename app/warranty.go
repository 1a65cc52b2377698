package app

import (
	"context"
	"strings"
	"time"

	"b2x/errs"
	"b2x/ids"
	"b2x/order"
	"b2x/party"
	"b2x/staff"
	"b2x/store"
	"b2x/warranty"
)

// NewRegistration is an item registered for warranty. A consumer registers for
// themselves; staff name the person.
type NewRegistration struct {
	PersonID     string
	SKU          string
	SerialNumber string
	// OrderID is the order it was bought with, when bought here: it must be the
	// person's, not cancelled, and contain the SKU, and the purchase date is the
	// order's. Without it PurchasedAt is required.
	OrderID     string
	PurchasedAt time.Time
}

// RegistrationQuery selects a page of registrations, newest first.
type RegistrationQuery struct {
	PersonID string // staff: one person's; a consumer always sees their own
	Limit    int
	Before   string
}

// ClaimQuery selects a page of warranty claims, newest first.
type ClaimQuery struct {
	PersonID string // staff: one person's; a consumer always sees their own
	Status   warranty.Status
	SKU      string
	Limit    int
	Before   string
}

// ClaimDetail is a claim with its history and the defects found.
type ClaimDetail struct {
	Claim        warranty.Claim
	Registration warranty.Registration
	Transitions  []warranty.Transition
	Defects      []warranty.Defect
}

// ClaimMove is a staff member's move of a claim. A defect found may be recorded
// with the diagnosis.
type ClaimMove struct {
	To     warranty.Status
	Note   string // required for a rejection: the reason the customer is told
	Defect *DefectInput
}

// DefectInput is a defect found in a product.
type DefectInput struct {
	SKU         string // ignored with a claim: the claim's SKU
	Code        string
	Category    warranty.Category
	Description string
}

// DefectQuery selects the defects to count: recorded in [From, To), of one SKU or
// all. Zero From counts from the beginning, zero To up to now.
type DefectQuery struct {
	From, To time.Time
	SKU      string
}

// warrantyPerson is the person an actor acts for: a consumer for themselves, staff
// with perm for the person named.
func warrantyPerson(actor Actor, named string, perm staff.Permission) (string, error) {
	switch {
	case actor.Staff():
		return named, require(actor, perm)
	case actor.Buyer():
		return "", errs.E(errs.Forbidden, "warranty is for consumers; a company's buyer may not do this")
	case actor.PersonID == "":
		return "", errs.EKey(errs.Unauthorized, "err.sign_in_account", "sign in to your account to do this")
	case named != "" && named != actor.PersonID:
		return "", errs.Field("person_id", "a customer acts only for themselves")
	}
	return actor.PersonID, nil
}

// RegisterWarranty registers a bought item. The warranty runs the product's
// WarrantyMonths from the purchase; a product without warranty is refused.
func (a *App) RegisterWarranty(ctx context.Context, actor Actor, in NewRegistration) (warranty.Registration, error) {
	personID, err := warrantyPerson(actor, in.PersonID, staff.WarrantyEdit)
	if err != nil {
		return warranty.Registration{}, err
	}
	now := a.clock()
	r := warranty.Registration{ID: ids.At(now), PersonID: personID, SKU: strings.TrimSpace(in.SKU),
		SerialNumber: in.SerialNumber, OrderID: in.OrderID, PurchasedAt: utcMicro(in.PurchasedAt), CreatedAt: now,
		CreatedBy: actor.Label()}
	var fs errs.Fields
	if personID != "" && !ids.Valid(personID) {
		fs.Add("person_id", "is not an id")
	}
	if in.OrderID != "" {
		if !ids.Valid(in.OrderID) {
			fs.AddKey("order_id", "err.warranty.order_id", "is not an id")
		}
		if !in.PurchasedAt.IsZero() {
			fs.AddKey("purchased_at", "err.warranty.date_from_order", "is taken from the order; leave it out")
		}
		r.PurchasedAt = now // checked again below with the order's date
	}
	fs.Wrap("", r.Validate(now))
	if err := fs.Err(); err != nil {
		return warranty.Registration{}, err
	}
	err = a.write(ctx, func(tx *store.Tx) error {
		person, err := tx.Person(ctx, personID)
		if errs.CodeOf(err) == errs.NotFound {
			if !actor.Staff() {
				return errs.EKey(errs.Unauthorized, "err.account.gone", "sign in again: this customer account no longer exists")
			}
			return errs.Field("person_id", "no person %s", personID)
		} else if err != nil {
			return err
		}
		p, err := tx.Product(ctx, r.SKU)
		if errs.CodeOf(err) == errs.NotFound {
			return errs.FieldKey("sku", "err.product.unknown", "no product {sku}", "sku", r.SKU)
		} else if err != nil {
			return err
		}
		if p.WarrantyMonths == 0 {
			return errs.FieldKey("sku", "err.warranty.none", "{sku} has no warranty to register", "sku", p.SKU)
		}
		if in.OrderID != "" {
			o, err := tx.Order(ctx, in.OrderID)
			if errs.CodeOf(err) == errs.NotFound {
				return errs.FieldKey("order_id", "err.warranty.no_order", "no order {id}", "id", in.OrderID)
			} else if err != nil {
				return err
			}
			if err := orderHasItem(o, person, r.SKU); err != nil {
				return err
			}
			r.PurchasedAt = o.PlacedAt
		}
		r.Until = warranty.Until(r.PurchasedAt, p.WarrantyMonths)
		if err := tx.InsertRegistration(ctx, &r); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "warranty_registration.create", "warranty_registration", r.ID, r)
	})
	return r, err
}

// orderHasItem checks that an order proves the person bought the SKU.
func orderHasItem(o order.Order, p party.Person, sku string) error {
	mine := o.Customer.PersonID == p.ID ||
		(o.Customer.Guest != nil && p.Email != "" && strings.EqualFold(o.Customer.Guest.Email, p.Email))
	if !mine {
		return errs.FieldKey("order_id", "err.warranty.not_your_order", "is not an order of this person")
	}
	if o.Status == order.Cancelled {
		return errs.FieldKey("order_id", "err.warranty.cancelled", "was cancelled")
	}
	for _, l := range o.Lines {
		if l.SKU == sku {
			return nil
		}
	}
	return errs.FieldKey("order_id", "err.warranty.not_in_order", "does not contain {sku}", "sku", sku)
}

// WarrantyRegistrations lists registrations: a consumer's own, or for staff
// everyone's or one person's.
func (a *App) WarrantyRegistrations(ctx context.Context, actor Actor, q RegistrationQuery) ([]warranty.Registration, error) {
	personID, err := warrantyPerson(actor, q.PersonID, staff.WarrantyRead)
	if err != nil {
		return nil, err
	}
	var fs errs.Fields
	checkLimit(&fs, q.Limit)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []warranty.Registration
	err = a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.ListRegistrations(ctx, store.RegistrationFilter{PersonID: personID, Before: q.Before, Limit: q.Limit})
		return err
	})
	return out, err
}

// WarrantyRegistration returns one registration the actor may see.
func (a *App) WarrantyRegistration(ctx context.Context, actor Actor, id string) (warranty.Registration, error) {
	if _, err := warrantyPerson(actor, "", staff.WarrantyRead); err != nil {
		return warranty.Registration{}, err
	}
	var r warranty.Registration
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		r, err = visibleRegistration(ctx, tx, actor, id)
		return err
	})
	return r, err
}

// visibleRegistration loads a registration; another person's is not found.
func visibleRegistration(ctx context.Context, tx *store.Tx, actor Actor, id string) (warranty.Registration, error) {
	if !ids.Valid(id) {
		return warranty.Registration{}, errs.E(errs.NotFound, "no warranty registration %s", id)
	}
	r, err := tx.Registration(ctx, id)
	if err == nil && !actor.Staff() && r.PersonID != actor.PersonID {
		return warranty.Registration{}, errs.E(errs.NotFound, "no warranty registration %s", id)
	}
	return r, err
}

// SubmitClaim opens a warranty claim (an RMA) on a registered item. A claim after
// the warranty's end is a conflict that names the end date; an item with an open
// claim is a conflict too.
func (a *App) SubmitClaim(ctx context.Context, actor Actor, registrationID, problem string) (ClaimDetail, error) {
	if _, err := warrantyPerson(actor, "", staff.WarrantyEdit); err != nil {
		return ClaimDetail{}, err
	}
	var id string
	err := a.write(ctx, func(tx *store.Tx) error {
		reg, err := visibleRegistration(ctx, tx, actor, registrationID)
		if errs.CodeOf(err) == errs.NotFound {
			return errs.FieldKey("registration_id", "err.warranty.no_registration", "no warranty registration {id}", "id", registrationID)
		} else if err != nil {
			return err
		}
		now := a.clock()
		c, t, err := warranty.NewClaim(ids.At(now), &reg, problem, actor.Label(), now)
		if err != nil {
			return err
		}
		id = c.ID
		if err := tx.InsertClaim(ctx, &c, t); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "warranty_claim.create", "warranty_claim", c.ID,
			map[string]string{"registration_id": reg.ID, "problem": problem})
	})
	if err != nil {
		return ClaimDetail{}, err
	}
	return a.WarrantyClaim(ctx, actor, id)
}

// TransitionClaim moves a claim on (staff). With a defect, the defect is
// recorded against the claim's SKU; that is allowed with the diagnosis only.
func (a *App) TransitionClaim(ctx context.Context, actor Actor, id string, m ClaimMove) (ClaimDetail, error) {
	if err := require(actor, staff.WarrantyEdit); err != nil {
		return ClaimDetail{}, err
	}
	if !ids.Valid(id) {
		return ClaimDetail{}, errs.E(errs.NotFound, "no warranty claim %s", id)
	}
	var d *warranty.Defect
	if m.Defect != nil {
		if m.To != warranty.Diagnosed {
			return ClaimDetail{}, errs.Field("defect", "is recorded with the diagnosis (to: diagnosed)")
		}
		// The claim's SKU is filled in inside the transaction; "-" stands in for it here.
		d = &warranty.Defect{SKU: "-", Code: m.Defect.Code, Category: m.Defect.Category, Description: m.Defect.Description}
		var fs errs.Fields
		fs.Wrap("defect", d.Validate())
		if err := fs.Err(); err != nil {
			return ClaimDetail{}, err
		}
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		c, _, err := tx.Claim(ctx, id)
		if err != nil {
			return err
		}
		now := a.clock()
		t, err := warranty.Move(&c, m.To, m.Note, actor.Label(), now)
		if err != nil {
			return err
		}
		from := t.From
		if err := tx.MoveClaim(ctx, &c, t); err != nil {
			return err
		}
		change := map[string]any{"status": FieldChange{From: from, To: m.To}, "note": m.Note}
		if d != nil {
			d.ID, d.SKU, d.ClaimID, d.RecordedAt, d.RecordedBy = ids.At(now), c.SKU, c.ID, now, actor.Label()
			if err := tx.InsertDefect(ctx, d); err != nil {
				return err
			}
			change["defect"] = d
		}
		return a.audit(ctx, tx, actor, "warranty_claim.move", "warranty_claim", id, change)
	})
	if err != nil {
		return ClaimDetail{}, err
	}
	return a.WarrantyClaim(ctx, actor, id)
}

// WarrantyClaim returns a claim the actor may see with its history and defects.
func (a *App) WarrantyClaim(ctx context.Context, actor Actor, id string) (ClaimDetail, error) {
	if _, err := warrantyPerson(actor, "", staff.WarrantyRead); err != nil {
		return ClaimDetail{}, err
	}
	if !ids.Valid(id) {
		return ClaimDetail{}, errs.E(errs.NotFound, "no warranty claim %s", id)
	}
	var d ClaimDetail
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		if d.Claim, d.Transitions, err = tx.Claim(ctx, id); err != nil {
			return err
		}
		if !actor.Staff() && d.Claim.PersonID != actor.PersonID {
			return errs.E(errs.NotFound, "no warranty claim %s", id)
		}
		if d.Registration, err = tx.Registration(ctx, d.Claim.RegistrationID); err != nil {
			return err
		}
		d.Defects, err = tx.ClaimDefects(ctx, id)
		return err
	})
	return d, err
}

// WarrantyClaims lists claims: a consumer's own, or for staff by person, status
// and SKU.
func (a *App) WarrantyClaims(ctx context.Context, actor Actor, q ClaimQuery) ([]warranty.Claim, error) {
	personID, err := warrantyPerson(actor, q.PersonID, staff.WarrantyRead)
	if err != nil {
		return nil, err
	}
	var fs errs.Fields
	checkLimit(&fs, q.Limit)
	if q.Status != "" && !q.Status.Valid() {
		fs.Add("status", "unknown status %q", q.Status)
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []warranty.Claim
	err = a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.ListClaims(ctx, store.ClaimFilter{PersonID: personID, Status: q.Status, SKU: q.SKU,
			Before: q.Before, Limit: q.Limit})
		return err
	})
	return out, err
}

// RecordDefect records a defect found outside a warranty claim (a return, an
// inspection of stock) against its SKU (staff).
func (a *App) RecordDefect(ctx context.Context, actor Actor, in DefectInput) (warranty.Defect, error) {
	if err := require(actor, staff.WarrantyEdit); err != nil {
		return warranty.Defect{}, err
	}
	now := a.clock()
	d := warranty.Defect{ID: ids.At(now), SKU: strings.TrimSpace(in.SKU), Code: in.Code, Category: in.Category,
		Description: in.Description, RecordedAt: now, RecordedBy: actor.Label()}
	if err := d.Validate(); err != nil {
		return warranty.Defect{}, err
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Product(ctx, d.SKU); errs.CodeOf(err) == errs.NotFound {
			return errs.Field("sku", "no product %s", d.SKU)
		} else if err != nil {
			return err
		}
		if err := tx.InsertDefect(ctx, &d); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "defect.create", "defect", d.ID, in)
	})
	return d, err
}

// DefectsBySKU counts the defects per SKU, the most defective first, with their
// categories and codes (staff): which products come back, and why.
func (a *App) DefectsBySKU(ctx context.Context, actor Actor, q DefectQuery) ([]warranty.SKUDefects, error) {
	if err := require(actor, staff.WarrantyRead); err != nil {
		return nil, err
	}
	if q.To.IsZero() {
		q.To = a.clock().Add(time.Microsecond)
	}
	if q.From.IsZero() {
		q.From = time.Unix(0, 0).UTC()
	}
	if !q.From.Before(q.To) {
		return nil, errs.Field("from", "must be before to")
	}
	var counts []warranty.Count
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		counts, err = tx.DefectCounts(ctx, q.From, q.To, q.SKU)
		return err
	})
	return warranty.Tally(counts), err
}
