package store

import (
	"context"

	"b2x/errs"
	"b2x/party"
	"b2x/quote"
)

// StancedContact is a contact with how they stand towards us, for the buying-center
// map (S6).
type StancedContact struct {
	Contact party.Contact
	Stance  quote.Stance
}

// BuyingCenterContacts returns an organization's contacts with their stances, by
// influence (highest first), then name.
func (tx *Tx) BuyingCenterContacts(ctx context.Context, organizationID string) ([]StancedContact, error) {
	return queryAll(ctx, tx.q, func(row scanner) (s StancedContact, err error) {
		c := &s.Contact
		err = row.Scan(&c.ID, &c.OrganizationID, &c.Name, &c.Email, &c.Phone, &c.JobTitle, &c.Role, &c.Influence,
			&c.Sphere, &c.RequiredApprover, &c.CreatedAt, &c.UpdatedAt, &s.Stance)
		c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
		return s, err
	}, `SELECT id, organization_id, name, email, phone, job_title, role, influence, sphere, required_approver,
		created_at, updated_at, stance FROM contacts WHERE organization_id = $1 ORDER BY influence DESC, name, id`,
		organizationID)
}

// ContactStance returns a contact's stance.
func (tx *Tx) ContactStance(ctx context.Context, contactID string) (quote.Stance, error) {
	var s quote.Stance
	err := tx.q.QueryRowContext(ctx, `SELECT stance FROM contacts WHERE id = $1`, contactID).Scan(&s)
	return s, notFound(err, "no contact %s", contactID)
}

// SetContactStance records how a contact stands towards us.
func (tx *Tx) SetContactStance(ctx context.Context, contactID string, s quote.Stance) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE contacts SET stance = $2 WHERE id = $1`, contactID, string(s))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "no contact %s", contactID)
	}
	return nil
}

// ReferredBy returns who referred a customer (a person or organization id, "" when
// nobody or unknown), and whether the customer is an organization. A customer id
// that is neither is not found.
func (tx *Tx) ReferredBy(ctx context.Context, customerID string) (referrer string, organization bool, err error) {
	err = tx.q.QueryRowContext(ctx, `SELECT referred_by FROM organizations WHERE id = $1`, customerID).Scan(&referrer)
	if err == nil {
		return referrer, true, nil
	}
	err = tx.q.QueryRowContext(ctx, `SELECT referred_by FROM persons WHERE id = $1`, customerID).Scan(&referrer)
	return referrer, false, notFound(err, "no customer %s", customerID)
}

// SetReferredBy records who referred a customer (S4: recommendations).
func (tx *Tx) SetReferredBy(ctx context.Context, customerID string, organization bool, referrer string) error {
	table := "persons"
	if organization {
		table = "organizations"
	}
	_, err := tx.q.ExecContext(ctx, `UPDATE `+table+` SET referred_by = $2 WHERE id = $1`, customerID, referrer)
	return err
}

// Referrals lists the customers a customer referred: ids of persons and
// organizations, at most limit.
func (tx *Tx) Referrals(ctx context.Context, referrer string, limit int) ([]string, error) {
	return queryAll(ctx, tx.q, scanString, `SELECT id FROM (SELECT id FROM organizations WHERE referred_by = $1
		UNION ALL SELECT id FROM persons WHERE referred_by = $1) r ORDER BY id LIMIT $2`, referrer, limit)
}

// CustomerQuotes returns an organization's newest quotes without lines, at most
// limit.
func (tx *Tx) CustomerQuotes(ctx context.Context, organizationID string, limit int) ([]quote.Quote, error) {
	return queryAll(ctx, tx.q, func(row scanner) (quote.Quote, error) {
		r, err := scanQuote(row)
		return r.Quote, err
	}, `SELECT `+quoteColumns+` FROM quotes WHERE organization_id = $1 ORDER BY id DESC LIMIT $2`, organizationID, limit)
}

// CountWhere counts the rows of a CRM table that belong to a customer: column is
// organization_id or person_id. It backs the customer view's totals.
func (tx *Tx) CountWhere(ctx context.Context, table, column, id string) (int, error) {
	switch table + "." + column {
	case "orders.organization_id", "orders.person_id", "quotes.organization_id", "opportunities.organization_id",
		"opportunities.person_id", "activities.organization_id", "activities.person_id", "tenders.organization_id":
	default:
		return 0, errs.E(errs.Internal, "store: CountWhere on %s.%s", table, column)
	}
	var n int
	err := tx.q.QueryRowContext(ctx, `SELECT count(*) FROM `+table+` WHERE `+column+` = $1`, id).Scan(&n)
	return n, err
}
