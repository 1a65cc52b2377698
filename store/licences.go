package store

import (
	"context"
	"time"

	"b2x/errs"
	"b2x/licence"
	"b2x/money"
)

const licenceColumns = `id, organization_id, sku, name, seats, seat_price, currency, starts_at, ends_at,
	maintenance_until, order_id, line_no, COALESCE(quote_id, ''), created_at, updated_at, version`

func scanLicence(row scanner) (licence.Licence, error) {
	var l licence.Licence
	err := row.Scan(&l.ID, &l.OrganizationID, &l.SKU, &l.Name, &l.Seats, &l.SeatPrice.Minor, &l.SeatPrice.Currency,
		&l.StartsAt, &l.EndsAt, &l.MaintenanceUntil, &l.OrderID, &l.LineNo, &l.QuoteID, &l.CreatedAt, &l.UpdatedAt, &l.Version)
	l.StartsAt, l.EndsAt, l.MaintenanceUntil = l.StartsAt.UTC(), l.EndsAt.UTC(), l.MaintenanceUntil.UTC()
	l.CreatedAt, l.UpdatedAt = l.CreatedAt.UTC(), l.UpdatedAt.UTC()
	return l, err
}

// InsertLicence writes a licence at version 1; one order line makes at most one
// licence (a unique key), so a replayed order cannot make two.
func (tx *Tx) InsertLicence(ctx context.Context, l *licence.Licence) error {
	l.Version = 1
	_, err := tx.q.ExecContext(ctx, `INSERT INTO licences (id, organization_id, sku, name, seats, seat_price, currency, starts_at, ends_at,
		maintenance_until, order_id, line_no, quote_id, created_at, updated_at, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
		l.ID, l.OrganizationID, l.SKU, l.Name, l.Seats, l.SeatPrice.Minor, l.SeatPrice.Currency, utc(l.StartsAt),
		utc(l.EndsAt), utc(l.MaintenanceUntil), l.OrderID, l.LineNo, null(l.QuoteID), utc(l.CreatedAt), utc(l.UpdatedAt),
		l.Version)
	if uniqueViolation(err) {
		return errs.E(errs.Conflict, "order %s line %d already has a licence", l.OrderID, l.LineNo)
	}
	return err
}

// Licence loads a licence.
func (tx *Tx) Licence(ctx context.Context, id string) (licence.Licence, error) {
	l, err := scanLicence(tx.q.QueryRowContext(ctx, `SELECT `+licenceColumns+` FROM licences WHERE id = $1`, id))
	return l, notFound(err, "no licence %s", id)
}

// LicenceFilter selects licences for a listing.
type LicenceFilter struct {
	OrganizationID string
	After          string // cursor: the last id of the previous page
	Limit          int
}

// ListLicences returns one page of licences ordered by id (creation order).
func (tx *Tx) ListLicences(ctx context.Context, f LicenceFilter) ([]licence.Licence, error) {
	var c conditions
	if f.OrganizationID != "" {
		c.add("organization_id = " + c.arg(f.OrganizationID))
	}
	if f.After != "" {
		c.add("id > " + c.arg(f.After))
	}
	return queryAll(ctx, tx.q, scanLicence, `SELECT `+licenceColumns+` FROM licences`+c.where()+
		` ORDER BY id LIMIT `+c.arg(f.Limit), c.args...)
}

// LicencesEnding lists the licences whose term or maintenance ends from from up
// to until, in order of id.
func (tx *Tx) LicencesEnding(ctx context.Context, from, until time.Time) ([]licence.Licence, error) {
	return queryAll(ctx, tx.q, scanLicence, `SELECT `+licenceColumns+` FROM licences
		WHERE (ends_at >= $1 AND ends_at < $2) OR (maintenance_until >= $1 AND maintenance_until < $2)
		ORDER BY id`, utc(from), utc(until))
}

// AddLicenceSeats adds seats to a licence if its stored version is still
// version; a stale version is a conflict.
func (tx *Tx) AddLicenceSeats(ctx context.Context, id string, version, seats int, at time.Time) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE licences SET seats = seats + $3, updated_at = $4, version = version + 1
		WHERE id = $1 AND version = $2`, id, version, seats, utc(at))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "the licence changed meanwhile; reload it and try again")
	}
	return nil
}

// SeatChange is seats added to a licence mid-term and the order that charged
// for them.
type SeatChange struct {
	ID            string
	LicenceID     string
	Seats         int
	OrderID       string
	Amount        money.Amount
	DaysRemaining int
	TermDays      int
	At            time.Time
}

// InsertSeatChange records seats added to a licence.
func (tx *Tx) InsertSeatChange(ctx context.Context, c SeatChange) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO licence_seat_changes (id, licence_id, seats, order_id, amount, currency,
		days_remaining, term_days, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		c.ID, c.LicenceID, c.Seats, c.OrderID, c.Amount.Minor, c.Amount.Currency, c.DaysRemaining, c.TermDays, utc(c.At))
	return err
}

// SeatChanges lists the seats added to a licence, oldest first.
func (tx *Tx) SeatChanges(ctx context.Context, licenceID string) ([]SeatChange, error) {
	return queryAll(ctx, tx.q, func(row scanner) (c SeatChange, err error) {
		err = row.Scan(&c.ID, &c.LicenceID, &c.Seats, &c.OrderID, &c.Amount.Minor, &c.Amount.Currency, &c.DaysRemaining,
			&c.TermDays, &c.At)
		c.At = c.At.UTC()
		return c, err
	}, `SELECT id, licence_id, seats, order_id, amount, currency, days_remaining, term_days, at
		FROM licence_seat_changes WHERE licence_id = $1 ORDER BY at, id`, licenceID)
}
