package store

import (
	"context"

	"b2x/account"
)

const addressColumns = `id, person_id, label, name, line1, line2, city, postcode, country, phone, created_at, updated_at`

func scanAddress(row scanner) (account.Address, error) {
	var a account.Address
	err := row.Scan(&a.ID, &a.PersonID, &a.Label, &a.Name, &a.Line1, &a.Line2, &a.City, &a.Postcode, &a.Country, &a.Phone,
		&a.CreatedAt, &a.UpdatedAt)
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return a, err
}

// InsertAddress adds an entry to a person's address book.
func (tx *Tx) InsertAddress(ctx context.Context, a *account.Address) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO addresses (`+addressColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		a.ID, a.PersonID, a.Label, a.Name, a.Line1, a.Line2, a.City, a.Postcode, a.Country, a.Phone,
		utc(a.CreatedAt), utc(a.UpdatedAt))
	return err
}

// UpdateAddress writes an address's fields; the person must own it.
func (tx *Tx) UpdateAddress(ctx context.Context, a *account.Address) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE addresses SET label = $3, name = $4, line1 = $5, line2 = $6, city = $7,
		postcode = $8, country = $9, phone = $10, updated_at = $11 WHERE id = $1 AND person_id = $2`,
		a.ID, a.PersonID, a.Label, a.Name, a.Line1, a.Line2, a.City, a.Postcode, a.Country, a.Phone, utc(a.UpdatedAt))
	return affectedOne(res, err, "no address %s", a.ID)
}

// DeleteAddress deletes a person's address.
func (tx *Tx) DeleteAddress(ctx context.Context, personID, id string) error {
	res, err := tx.q.ExecContext(ctx, `DELETE FROM addresses WHERE id = $1 AND person_id = $2`, id, personID)
	return affectedOne(res, err, "no address %s", id)
}

// Address finds one of a person's addresses; another person's is not found.
func (tx *Tx) Address(ctx context.Context, personID, id string) (account.Address, error) {
	a, err := scanAddress(tx.q.QueryRowContext(ctx, `SELECT `+addressColumns+` FROM addresses WHERE id = $1 AND person_id = $2`,
		id, personID))
	return a, notFound(err, "no address %s", id)
}

// Addresses lists a person's address book in the order it was made.
func (tx *Tx) Addresses(ctx context.Context, personID string) ([]account.Address, error) {
	return queryAll(ctx, tx.q, scanAddress, `SELECT `+addressColumns+` FROM addresses WHERE person_id = $1 ORDER BY id`, personID)
}

// CountAddresses counts a person's addresses.
func (tx *Tx) CountAddresses(ctx context.Context, personID string) (int, error) {
	var n int
	err := tx.q.QueryRowContext(ctx, `SELECT count(*) FROM addresses WHERE person_id = $1`, personID).Scan(&n)
	return n, err
}
