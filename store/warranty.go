package store

import (
	"context"
	"database/sql"
	"time"

	"b2x/errs"
	"b2x/warranty"
)

// InsertRegistration writes a warranty registration. A serial number already
// registered for the SKU is a conflict.
func (tx *Tx) InsertRegistration(ctx context.Context, r *warranty.Registration) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO warranty_registrations (id, person_id, sku, serial_number, order_id,
		purchased_at, warranty_until, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		r.ID, r.PersonID, r.SKU, r.SerialNumber, null(r.OrderID), utc(r.PurchasedAt), utc(r.Until), r.CreatedBy,
		utc(r.CreatedAt))
	if uniqueViolation(err) {
		return &errs.Error{Code: errs.Conflict, Message: "serial number " + r.SerialNumber + " of " + r.SKU + " is already registered",
			Fields: []errs.FieldError{{Field: "serial_number", Message: "is already registered"}}}
	}
	return err
}

const registrationColumns = `id, person_id, sku, serial_number, COALESCE(order_id, ''), purchased_at, warranty_until,
	created_by, created_at`

func scanRegistration(row scanner) (warranty.Registration, error) {
	var r warranty.Registration
	err := row.Scan(&r.ID, &r.PersonID, &r.SKU, &r.SerialNumber, &r.OrderID, &r.PurchasedAt, &r.Until, &r.CreatedBy,
		&r.CreatedAt)
	r.PurchasedAt, r.Until, r.CreatedAt = r.PurchasedAt.UTC(), r.Until.UTC(), r.CreatedAt.UTC()
	return r, err
}

// Registration loads a warranty registration.
func (tx *Tx) Registration(ctx context.Context, id string) (warranty.Registration, error) {
	r, err := scanRegistration(tx.q.QueryRowContext(ctx, `SELECT `+registrationColumns+`
		FROM warranty_registrations WHERE id = $1`, id))
	return r, notFound(err, "no warranty registration %s", id)
}

// RegistrationFilter selects registrations, newest first.
type RegistrationFilter struct {
	PersonID string
	Before   string // cursor: the last id of the previous page
	Limit    int
}

// ListRegistrations returns one page of registrations.
func (tx *Tx) ListRegistrations(ctx context.Context, f RegistrationFilter) ([]warranty.Registration, error) {
	var c conditions
	if f.PersonID != "" {
		c.add("person_id = " + c.arg(f.PersonID))
	}
	if f.Before != "" {
		c.add("id < " + c.arg(f.Before))
	}
	q := `SELECT ` + registrationColumns + ` FROM warranty_registrations` + c.where() + ` ORDER BY id DESC LIMIT ` + c.arg(f.Limit)
	return queryAll(ctx, tx.q, scanRegistration, q, c.args...)
}

// InsertClaim writes a new claim with its first transition. A registration that
// already has an open claim refuses a second one.
func (tx *Tx) InsertClaim(ctx context.Context, c *warranty.Claim, t warranty.Transition) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO warranty_claims (id, registration_id, person_id, sku, serial_number,
		problem, status, reason, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		c.ID, c.RegistrationID, c.PersonID, c.SKU, c.SerialNumber, c.Problem, string(c.Status), c.Reason,
		utc(c.CreatedAt), utc(c.UpdatedAt))
	if uniqueViolation(err) {
		return errs.EKey(errs.Conflict, "err.warranty.open_claim", "this item already has an open warranty claim; it must be closed before another one")
	}
	if err != nil {
		return err
	}
	return tx.insertClaimTransition(ctx, c.ID, 1, t)
}

func (tx *Tx) insertClaimTransition(ctx context.Context, claimID string, seq int, t warranty.Transition) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO warranty_claim_transitions (claim_id, seq, from_status, to_status, at,
		by_actor, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`, claimID, seq, string(t.From), string(t.To), utc(t.At), t.By, t.Note)
	return err
}

// MoveClaim stores a claim's new status only if it is still in t.From, so two
// people moving one claim cannot both succeed, and records the transition.
func (tx *Tx) MoveClaim(ctx context.Context, c *warranty.Claim, t warranty.Transition) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE warranty_claims SET status = $3, reason = $4, updated_at = $5
		WHERE id = $1 AND status = $2`, c.ID, string(t.From), string(c.Status), c.Reason, utc(c.UpdatedAt))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "the claim changed meanwhile; reload it and try again")
	}
	var seq int
	if err := tx.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM warranty_claim_transitions
		WHERE claim_id = $1`, c.ID).Scan(&seq); err != nil {
		return err
	}
	return tx.insertClaimTransition(ctx, c.ID, seq, t)
}

const claimColumns = `id, registration_id, person_id, sku, serial_number, problem, status, reason, created_at, updated_at`

func scanClaim(row scanner) (warranty.Claim, error) {
	var c warranty.Claim
	err := row.Scan(&c.ID, &c.RegistrationID, &c.PersonID, &c.SKU, &c.SerialNumber, &c.Problem, &c.Status, &c.Reason,
		&c.CreatedAt, &c.UpdatedAt)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, err
}

// Claim loads a claim with its transitions in order.
func (tx *Tx) Claim(ctx context.Context, id string) (warranty.Claim, []warranty.Transition, error) {
	c, err := scanClaim(tx.q.QueryRowContext(ctx, `SELECT `+claimColumns+` FROM warranty_claims WHERE id = $1`, id))
	if err != nil {
		return c, nil, notFound(err, "no warranty claim %s", id)
	}
	ts, err := queryAll(ctx, tx.q, func(row scanner) (t warranty.Transition, err error) {
		err = row.Scan(&t.From, &t.To, &t.At, &t.By, &t.Note)
		t.At = t.At.UTC()
		return t, err
	}, `SELECT from_status, to_status, at, by_actor, note FROM warranty_claim_transitions WHERE claim_id = $1 ORDER BY seq`, id)
	return c, ts, err
}

// ClaimFilter selects claims, newest first.
type ClaimFilter struct {
	PersonID string
	Status   warranty.Status
	SKU      string
	Before   string // cursor: the last id of the previous page
	Limit    int
}

// ListClaims returns one page of claims.
func (tx *Tx) ListClaims(ctx context.Context, f ClaimFilter) ([]warranty.Claim, error) {
	var c conditions
	if f.PersonID != "" {
		c.add("person_id = " + c.arg(f.PersonID))
	}
	if f.Status != "" {
		c.add("status = " + c.arg(string(f.Status)))
	}
	if f.SKU != "" {
		c.add("sku = " + c.arg(f.SKU))
	}
	if f.Before != "" {
		c.add("id < " + c.arg(f.Before))
	}
	q := `SELECT ` + claimColumns + ` FROM warranty_claims` + c.where() + ` ORDER BY id DESC LIMIT ` + c.arg(f.Limit)
	return queryAll(ctx, tx.q, scanClaim, q, c.args...)
}

// InsertDefect records a defect against its SKU.
func (tx *Tx) InsertDefect(ctx context.Context, d *warranty.Defect) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO defects (id, sku, claim_id, code, category, description, recorded_by,
		recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, d.ID, d.SKU, null(d.ClaimID), d.Code, string(d.Category),
		d.Description, d.RecordedBy, utc(d.RecordedAt))
	return err
}

// ClaimDefects lists the defects recorded on a claim.
func (tx *Tx) ClaimDefects(ctx context.Context, claimID string) ([]warranty.Defect, error) {
	return queryAll(ctx, tx.q, func(row scanner) (d warranty.Defect, err error) {
		var claim sql.NullString
		err = row.Scan(&d.ID, &d.SKU, &claim, &d.Code, &d.Category, &d.Description, &d.RecordedBy, &d.RecordedAt)
		d.ClaimID, d.RecordedAt = claim.String, d.RecordedAt.UTC()
		return d, err
	}, `SELECT id, sku, claim_id, code, category, description, recorded_by, recorded_at FROM defects
		WHERE claim_id = $1 ORDER BY id`, claimID)
}

// DefectCounts counts the defects recorded in [from, to) per SKU, category and
// code; an empty sku counts every SKU.
func (tx *Tx) DefectCounts(ctx context.Context, from, to time.Time, sku string) ([]warranty.Count, error) {
	var c conditions
	c.add("recorded_at >= " + c.arg(utc(from)))
	c.add("recorded_at < " + c.arg(utc(to)))
	if sku != "" {
		c.add("sku = " + c.arg(sku))
	}
	return queryAll(ctx, tx.q, func(row scanner) (n warranty.Count, err error) {
		err = row.Scan(&n.SKU, &n.Category, &n.Code, &n.N)
		return n, err
	}, `SELECT sku, category, code, count(*) FROM defects`+c.where()+` GROUP BY sku, category, code`, c.args...)
}
