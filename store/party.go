package store

import (
	"context"
	"strings"

	"b2x/errs"
	"b2x/money"
	"b2x/party"
)

// Persons.

const personColumns = `id, name, email, phone, trade, customer_group, created_at, updated_at`

func scanPerson(row scanner) (party.Person, error) {
	var p party.Person
	err := row.Scan(&p.ID, &p.Name, &p.Email, &p.Phone, &p.Trade, &p.Group, &p.CreatedAt, &p.UpdatedAt)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, err
}

// InsertPerson adds a private customer.
func (tx *Tx) InsertPerson(ctx context.Context, p *party.Person) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO persons (`+personColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		p.ID, p.Name, p.Email, p.Phone, p.Trade, p.Group, utc(p.CreatedAt), utc(p.UpdatedAt))
	return err
}

// UpdatePerson writes every field of an existing person except created_at.
func (tx *Tx) UpdatePerson(ctx context.Context, p *party.Person) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE persons SET name = $2, email = $3, phone = $4, trade = $5,
		customer_group = $6, updated_at = $7 WHERE id = $1`,
		p.ID, p.Name, p.Email, p.Phone, p.Trade, p.Group, utc(p.UpdatedAt))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "no person %s", p.ID)
	}
	return nil
}

// Person finds a person by id.
func (tx *Tx) Person(ctx context.Context, id string) (party.Person, error) {
	p, err := scanPerson(tx.q.QueryRowContext(ctx, `SELECT `+personColumns+` FROM persons WHERE id = $1`, id))
	return p, notFound(err, "no person %s", id)
}

// PersonFilter selects persons for a listing.
type PersonFilter struct {
	Query string // matched, case-insensitively, against name, email and phone
	Trade *bool  // only trade (true) or only private (false) persons; nil: both
	After string // cursor: the last id of the previous page
	Limit int
}

// ListPersons returns one page of persons ordered by id.
func (tx *Tx) ListPersons(ctx context.Context, f PersonFilter) ([]party.Person, error) {
	var c conditions
	if f.Query != "" {
		c.like(f.Query, "name", "email", "phone")
	}
	if f.Trade != nil {
		c.add("trade = " + c.arg(*f.Trade))
	}
	if f.After != "" {
		c.add("id > " + c.arg(f.After))
	}
	q := `SELECT ` + personColumns + ` FROM persons` + c.where() + ` ORDER BY id LIMIT ` + c.arg(f.Limit)
	return queryAll(ctx, tx.q, scanPerson, q, c.args...)
}

// Organizations.

const organizationColumns = `id, legal_name, tax_id, industry, employees, turnover_band, capabilities, customer_group,
	payment_terms, credit_limit, credit_currency, website, address, created_at, updated_at`

func scanOrganization(row scanner) (party.Organization, error) {
	var o party.Organization
	var caps string
	err := row.Scan(&o.ID, &o.LegalName, &o.TaxID, &o.Industry, &o.Employees, &o.TurnoverBand, &caps, &o.Group,
		&o.PaymentTerms, &o.CreditLimit.Minor, &o.CreditLimit.Currency, &o.Website, &o.Address, &o.CreatedAt, &o.UpdatedAt)
	if err != nil {
		return o, err
	}
	o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	if err := fromJSON(caps, &o.Capabilities); err != nil {
		return o, err
	}
	if len(o.Capabilities) == 0 {
		o.Capabilities = nil
	}
	return o, nil
}

// organizationArgs lists the columns' values in organizationColumns order. A zero
// credit limit is stored without a currency.
func organizationArgs(o *party.Organization) []any {
	caps := o.Capabilities
	if caps == nil {
		caps = map[party.Capability]bool{}
	}
	credit := o.CreditLimit
	if credit.Minor == 0 {
		credit = money.Amount{}
	}
	return []any{o.ID, o.LegalName, o.TaxID, o.Industry, o.Employees, string(o.TurnoverBand), toJSON(caps), o.Group,
		string(o.PaymentTerms), credit.Minor, credit.Currency, o.Website, o.Address, utc(o.CreatedAt), utc(o.UpdatedAt)}
}

// InsertOrganization adds a business customer.
func (tx *Tx) InsertOrganization(ctx context.Context, o *party.Organization) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO organizations (`+organizationColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`, organizationArgs(o)...)
	return err
}

// UpdateOrganization writes every field of an existing organization except created_at.
func (tx *Tx) UpdateOrganization(ctx context.Context, o *party.Organization) error {
	// Every placeholder must be used, or PostgreSQL cannot tell its type: drop created_at.
	args := organizationArgs(o)
	args = append(args[:13], args[14])
	res, err := tx.q.ExecContext(ctx, `UPDATE organizations SET legal_name = $2, tax_id = $3, industry = $4,
		employees = $5, turnover_band = $6, capabilities = $7, customer_group = $8, payment_terms = $9,
		credit_limit = $10, credit_currency = $11, website = $12, address = $13, updated_at = $14
		WHERE id = $1`, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "no organization %s", o.ID)
	}
	return nil
}

// Organization finds an organization by id.
func (tx *Tx) Organization(ctx context.Context, id string) (party.Organization, error) {
	o, err := scanOrganization(tx.q.QueryRowContext(ctx, `SELECT `+organizationColumns+` FROM organizations WHERE id = $1`, id))
	return o, notFound(err, "no organization %s", id)
}

// OrganizationFilter selects organizations for a listing.
type OrganizationFilter struct {
	Query    string // matched, case-insensitively, against legal name and tax id
	Industry string // the industry, compared case-insensitively
	After    string // cursor: the last id of the previous page
	// ManagedBy keeps the organizations this account manager has now.
	ManagedBy string
	Limit     int
}

// ListOrganizations returns one page of organizations ordered by id.
func (tx *Tx) ListOrganizations(ctx context.Context, f OrganizationFilter) ([]party.Organization, error) {
	var c conditions
	if f.Query != "" {
		c.like(f.Query, "legal_name", "tax_id")
	}
	if f.Industry != "" {
		c.add("lower(industry) = " + c.arg(strings.ToLower(f.Industry)))
	}
	if f.After != "" {
		c.add("id > " + c.arg(f.After))
	}
	if f.ManagedBy != "" {
		c.add(managedIn(&c, "id", f.ManagedBy))
	}
	q := `SELECT ` + organizationColumns + ` FROM organizations` + c.where() + ` ORDER BY id LIMIT ` + c.arg(f.Limit)
	return queryAll(ctx, tx.q, scanOrganization, q, c.args...)
}

// Contacts.

const contactColumns = `id, organization_id, name, email, phone, job_title, role, influence, sphere,
	required_approver, created_at, updated_at, permissions, spending_limit, spending_currency`

func scanContact(row scanner) (party.Contact, error) {
	var c party.Contact
	var perms string
	err := row.Scan(&c.ID, &c.OrganizationID, &c.Name, &c.Email, &c.Phone, &c.JobTitle, &c.Role, &c.Influence,
		&c.Sphere, &c.RequiredApprover, &c.CreatedAt, &c.UpdatedAt, &perms, &c.SpendingLimit.Minor, &c.SpendingLimit.Currency)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	c.Permissions = party.ParsePermissions(perms)
	return c, err
}

// spendingLimit is how a contact's limit is stored: no limit without a currency.
func spendingLimit(a money.Amount) money.Amount {
	if a.Minor == 0 {
		return money.Amount{}
	}
	return a
}

// InsertContact adds a person at an organization; the organization must exist.
func (tx *Tx) InsertContact(ctx context.Context, c *party.Contact) error {
	limit := spendingLimit(c.SpendingLimit)
	_, err := tx.q.ExecContext(ctx, `INSERT INTO contacts (`+contactColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
		c.ID, c.OrganizationID, c.Name, c.Email, c.Phone, c.JobTitle, string(c.Role), c.Influence, string(c.Sphere),
		c.RequiredApprover, utc(c.CreatedAt), utc(c.UpdatedAt), party.FormatPermissions(c.Permissions), limit.Minor,
		limit.Currency)
	return err
}

// UpdateContact writes every field of an existing contact except its organization
// and created_at: a contact never moves to another organization, so the orders
// placed through it keep pointing at a consistent pair.
func (tx *Tx) UpdateContact(ctx context.Context, c *party.Contact) error {
	limit := spendingLimit(c.SpendingLimit)
	res, err := tx.q.ExecContext(ctx, `UPDATE contacts SET name = $2, email = $3, phone = $4, job_title = $5,
		role = $6, influence = $7, sphere = $8, required_approver = $9, updated_at = $10, permissions = $11,
		spending_limit = $12, spending_currency = $13 WHERE id = $1`,
		c.ID, c.Name, c.Email, c.Phone, c.JobTitle, string(c.Role), c.Influence, string(c.Sphere),
		c.RequiredApprover, utc(c.UpdatedAt), party.FormatPermissions(c.Permissions), limit.Minor, limit.Currency)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "no contact %s", c.ID)
	}
	return nil
}

// Contact finds a contact by id.
func (tx *Tx) Contact(ctx context.Context, id string) (party.Contact, error) {
	c, err := scanContact(tx.q.QueryRowContext(ctx, `SELECT `+contactColumns+` FROM contacts WHERE id = $1`, id))
	return c, notFound(err, "no contact %s", id)
}

// Contacts lists an organization's contacts, the most influential first, then by name.
func (tx *Tx) Contacts(ctx context.Context, organizationID string) ([]party.Contact, error) {
	return queryAll(ctx, tx.q, scanContact, `SELECT `+contactColumns+` FROM contacts WHERE organization_id = $1
		ORDER BY influence DESC, name, id`, organizationID)
}
