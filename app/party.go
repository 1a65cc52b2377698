package app

import (
	"context"
	"slices"
	"unicode/utf8"

	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/party"
	"b2x/staff"
	"b2x/store"
)

// Persons.

// CreatePerson adds a private customer. A trade person's Group is kept as given:
// party.Person.Groups adds the trade group by itself.
func (a *App) CreatePerson(ctx context.Context, actor Actor, p party.Person) (party.Person, error) {
	if err := require(actor, staff.CustomersEdit); err != nil {
		return party.Person{}, err
	}
	now := a.clock()
	p.ID, p.CreatedAt, p.UpdatedAt = ids.New(), now, now
	if err := p.Validate(); err != nil {
		return party.Person{}, err
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertPerson(ctx, &p); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "person.create", "person", p.ID, p)
	})
	if err != nil {
		return party.Person{}, err
	}
	return p, nil
}

// PersonPatch changes some fields of a person; nil fields stay as they are.
type PersonPatch struct {
	Name  *string
	Email *string
	Phone *string
	Trade *bool
	Group *string
}

// Apply writes the patch's fields onto p.
func (pp *PersonPatch) Apply(p *party.Person) {
	set(&p.Name, pp.Name)
	set(&p.Email, pp.Email)
	set(&p.Phone, pp.Phone)
	set(&p.Trade, pp.Trade)
	set(&p.Group, pp.Group)
}

// UpdatePerson applies a patch to the person with the given id.
func (a *App) UpdatePerson(ctx context.Context, actor Actor, id string, patch PersonPatch) (party.Person, error) {
	if err := require(actor, staff.CustomersEdit); err != nil {
		return party.Person{}, err
	}
	if !ids.Valid(id) {
		return party.Person{}, errs.E(errs.NotFound, "no person %s", id)
	}
	var p party.Person
	err := a.write(ctx, func(tx *store.Tx) error {
		var err error
		if p, err = tx.Person(ctx, id); err != nil {
			return err
		}
		before := p
		patch.Apply(&p)
		p.UpdatedAt = a.clock()
		if err := p.Validate(); err != nil {
			return err
		}
		if err := tx.UpdatePerson(ctx, &p); err != nil {
			return err
		}
		before.UpdatedAt = p.UpdatedAt
		return a.audit(ctx, tx, actor, "person.update", "person", id, diff(before, p))
	})
	if err != nil {
		return party.Person{}, err
	}
	return p, nil
}

// Person returns one person.
func (a *App) Person(ctx context.Context, actor Actor, id string) (party.Person, error) {
	if err := require(actor, staff.CustomersRead); err != nil {
		return party.Person{}, err
	}
	if !ids.Valid(id) {
		return party.Person{}, errs.E(errs.NotFound, "no person %s", id)
	}
	var p party.Person
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		p, err = tx.Person(ctx, id)
		return err
	})
	return p, err
}

// PersonQuery selects a page of persons.
type PersonQuery struct {
	Q     string // part of the name, email or phone
	Trade *bool  // only trade (true) or only private (false) persons; nil: both
	After string // the last id of the previous page
	Limit int
}

// Persons lists persons by id.
func (a *App) Persons(ctx context.Context, actor Actor, q PersonQuery) ([]party.Person, error) {
	if err := require(actor, staff.CustomersRead); err != nil {
		return nil, err
	}
	if err := checkPartyPage(q.Q, q.After, q.Limit); err != nil {
		return nil, err
	}
	var out []party.Person
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.ListPersons(ctx, store.PersonFilter{Query: q.Q, Trade: q.Trade, After: q.After, Limit: q.Limit})
		return err
	})
	return out, err
}

// Organizations.

// CreateOrganization adds a business customer.
func (a *App) CreateOrganization(ctx context.Context, actor Actor, o party.Organization) (party.Organization, error) {
	if err := require(actor, staff.CustomersEdit); err != nil {
		return party.Organization{}, err
	}
	now := a.clock()
	o.ID, o.CreatedAt, o.UpdatedAt = ids.New(), now, now
	if err := validateOrganization(&o); err != nil {
		return party.Organization{}, err
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertOrganization(ctx, &o); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "organization.create", "organization", o.ID, o)
	})
	if err != nil {
		return party.Organization{}, err
	}
	return o, nil
}

// OrganizationPatch changes some fields of an organization; nil fields stay as they
// are. Capabilities, when set, replaces the whole map.
type OrganizationPatch struct {
	LegalName    *string
	TaxID        *string
	Industry     *string
	Employees    *int
	TurnoverBand *party.TurnoverBand
	Capabilities *map[party.Capability]bool
	Group        *string
	PaymentTerms *party.PaymentTerms
	CreditLimit  *money.Amount
	Website      *string
	Address      *string
}

// Apply writes the patch's fields onto o.
func (op *OrganizationPatch) Apply(o *party.Organization) {
	set(&o.LegalName, op.LegalName)
	set(&o.TaxID, op.TaxID)
	set(&o.Industry, op.Industry)
	set(&o.Employees, op.Employees)
	set(&o.TurnoverBand, op.TurnoverBand)
	set(&o.Capabilities, op.Capabilities)
	set(&o.Group, op.Group)
	set(&o.PaymentTerms, op.PaymentTerms)
	set(&o.CreditLimit, op.CreditLimit)
	set(&o.Website, op.Website)
	set(&o.Address, op.Address)
}

// UpdateOrganization applies a patch to the organization with the given id.
func (a *App) UpdateOrganization(ctx context.Context, actor Actor, id string, patch OrganizationPatch) (party.Organization, error) {
	if err := require(actor, staff.CustomersEdit); err != nil {
		return party.Organization{}, err
	}
	if !ids.Valid(id) {
		return party.Organization{}, errs.E(errs.NotFound, "no organization %s", id)
	}
	var o party.Organization
	err := a.write(ctx, func(tx *store.Tx) error {
		var err error
		if o, err = tx.Organization(ctx, id); err != nil {
			return err
		}
		before := o
		patch.Apply(&o)
		o.UpdatedAt = a.clock()
		if err := validateOrganization(&o); err != nil {
			return err
		}
		if err := tx.UpdateOrganization(ctx, &o); err != nil {
			return err
		}
		before.UpdatedAt = o.UpdatedAt
		return a.audit(ctx, tx, actor, "organization.update", "organization", id, diff(before, o))
	})
	if err != nil {
		return party.Organization{}, err
	}
	return o, nil
}

// validateOrganization checks the domain rules plus what the store needs: a credit
// limit in a known currency. A zero credit limit is normalized to no currency and
// an empty capability map to nil, the way they read back.
func validateOrganization(o *party.Organization) error {
	if o.CreditLimit.Minor == 0 {
		o.CreditLimit = money.Amount{}
	}
	if len(o.Capabilities) == 0 {
		o.Capabilities = nil
	}
	var fs errs.Fields
	fs.Wrap("", o.Validate())
	if o.CreditLimit.Minor != 0 {
		if _, ok := money.Digits(o.CreditLimit.Currency); !ok {
			fs.Add("credit_limit", "needs a known currency, got %q", o.CreditLimit.Currency)
		}
	}
	for _, f := range []struct{ name, v string }{{"website", o.Website}, {"address", o.Address}} {
		if utf8.RuneCountInString(f.v) > 1000 {
			fs.Add(f.name, "is longer than 1000 characters")
		}
	}
	return fs.Err()
}

// Organization returns one organization.
func (a *App) Organization(ctx context.Context, actor Actor, id string) (party.Organization, error) {
	if err := require(actor, staff.CustomersRead); err != nil {
		return party.Organization{}, err
	}
	if !ids.Valid(id) {
		return party.Organization{}, errs.E(errs.NotFound, "no organization %s", id)
	}
	var o party.Organization
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		if o, err = tx.Organization(ctx, id); err != nil {
			return err
		}
		return checkManaged(ctx, tx, actor, id, "organization", id)
	})
	return o, err
}

// OrganizationQuery selects a page of organizations.
type OrganizationQuery struct {
	Q        string // part of the legal name or tax id
	Industry string // the industry, compared case-insensitively
	After    string // the last id of the previous page
	Limit    int
}

// Organizations lists organizations by id.
func (a *App) Organizations(ctx context.Context, actor Actor, q OrganizationQuery) ([]party.Organization, error) {
	if err := require(actor, staff.CustomersRead); err != nil {
		return nil, err
	}
	if err := checkPartyPage(q.Q, q.After, q.Limit); err != nil {
		return nil, err
	}
	var out []party.Organization
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.ListOrganizations(ctx, store.OrganizationFilter{Query: q.Q, Industry: q.Industry, After: q.After,
			ManagedBy: managerOf(actor), Limit: q.Limit})
		return err
	})
	return out, err
}

// Contacts.

// CreateContact adds a person at an existing organization.
func (a *App) CreateContact(ctx context.Context, actor Actor, c party.Contact) (party.Contact, error) {
	if err := require(actor, staff.CustomersEdit); err != nil {
		return party.Contact{}, err
	}
	now := a.clock()
	c.ID, c.CreatedAt, c.UpdatedAt = ids.New(), now, now
	if c.Permissions == nil {
		c.Permissions = slices.Clone(party.Permissions)
	}
	if err := c.Validate(); err != nil {
		return party.Contact{}, err
	}
	noOrg := errs.Field("organization_id", "no organization %s", c.OrganizationID)
	if !ids.Valid(c.OrganizationID) {
		return party.Contact{}, noOrg
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Organization(ctx, c.OrganizationID); errs.CodeOf(err) == errs.NotFound {
			return noOrg
		} else if err != nil {
			return err
		}
		if err := tx.InsertContact(ctx, &c); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "contact.create", "contact", c.ID, c)
	})
	if err != nil {
		return party.Contact{}, err
	}
	return c, nil
}

// ContactPatch changes some fields of a contact; nil fields stay as they are. A
// contact stays with its organization.
type ContactPatch struct {
	Name             *string
	Email            *string
	Phone            *string
	JobTitle         *string
	Role             *party.Role
	Influence        *int
	Sphere           *party.Sphere
	RequiredApprover *bool
	Permissions      *[]party.Permission
	SpendingLimit    *money.Amount
}

// Apply writes the patch's fields onto c.
func (cp *ContactPatch) Apply(c *party.Contact) {
	set(&c.Name, cp.Name)
	set(&c.Email, cp.Email)
	set(&c.Phone, cp.Phone)
	set(&c.JobTitle, cp.JobTitle)
	set(&c.Role, cp.Role)
	set(&c.Influence, cp.Influence)
	set(&c.Sphere, cp.Sphere)
	set(&c.RequiredApprover, cp.RequiredApprover)
	if cp.Permissions != nil {
		c.Permissions = slices.Clone(*cp.Permissions)
	}
	set(&c.SpendingLimit, cp.SpendingLimit)
}

// UpdateContact applies a patch to the contact with the given id.
func (a *App) UpdateContact(ctx context.Context, actor Actor, id string, patch ContactPatch) (party.Contact, error) {
	if err := require(actor, staff.CustomersEdit); err != nil {
		return party.Contact{}, err
	}
	if !ids.Valid(id) {
		return party.Contact{}, errs.E(errs.NotFound, "no contact %s", id)
	}
	var c party.Contact
	err := a.write(ctx, func(tx *store.Tx) error {
		var err error
		if c, err = tx.Contact(ctx, id); err != nil {
			return err
		}
		before := c
		patch.Apply(&c)
		c.UpdatedAt = a.clock()
		if err := c.Validate(); err != nil {
			return err
		}
		if err := tx.UpdateContact(ctx, &c); err != nil {
			return err
		}
		before.UpdatedAt = c.UpdatedAt
		return a.audit(ctx, tx, actor, "contact.update", "contact", id, diff(before, c))
	})
	if err != nil {
		return party.Contact{}, err
	}
	return c, nil
}

// Contact returns one contact.
func (a *App) Contact(ctx context.Context, actor Actor, id string) (party.Contact, error) {
	if err := require(actor, staff.CustomersRead); err != nil {
		return party.Contact{}, err
	}
	if !ids.Valid(id) {
		return party.Contact{}, errs.E(errs.NotFound, "no contact %s", id)
	}
	var c party.Contact
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		c, err = tx.Contact(ctx, id)
		return err
	})
	return c, err
}

// Contacts lists an organization's contacts, the most influential first. A missing
// organization is not found.
func (a *App) Contacts(ctx context.Context, actor Actor, organizationID string) ([]party.Contact, error) {
	if err := require(actor, staff.CustomersRead); err != nil {
		return nil, err
	}
	if !ids.Valid(organizationID) {
		return nil, errs.E(errs.NotFound, "no organization %s", organizationID)
	}
	var out []party.Contact
	err := a.read(ctx, func(tx *store.Tx) error {
		if _, err := tx.Organization(ctx, organizationID); err != nil {
			return err
		}
		var err error
		out, err = tx.Contacts(ctx, organizationID)
		return err
	})
	return out, err
}

// checkPartyPage checks a listing's search text, cursor and page size.
func checkPartyPage(q, after string, limit int) error {
	var fs errs.Fields
	checkLimit(&fs, limit)
	if len(q) > 200 {
		fs.Add("q", "is longer than 200 characters")
	}
	if after != "" && !ids.Valid(after) {
		fs.Add("cursor", "is not a cursor this API gave out")
	}
	return fs.Err()
}
