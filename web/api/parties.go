package api

import (
	"encoding/json"
	"net/http"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/money"
	"b2x/party"
)

type personJSON struct {
	Type      string    `json:"type"` // always "person", to tell customers apart in mixed lists
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	Phone     string    `json:"phone"`
	Trade     bool      `json:"trade"`
	Group     string    `json:"group"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func personOut(p party.Person) personJSON {
	return personJSON{"person", p.ID, p.Name, p.Email, p.Phone, p.Trade, p.Group, p.CreatedAt, p.UpdatedAt}
}

// personIn is the body of POST and PATCH; pointers tell "absent" from "empty".
type personIn struct {
	Name  *string `json:"name"`
	Email *string `json:"email"`
	Phone *string `json:"phone"`
	Trade *bool   `json:"trade"`
	Group *string `json:"group"`
}

func (in personIn) patch() app.PersonPatch {
	return app.PersonPatch{Name: in.Name, Email: in.Email, Phone: in.Phone, Trade: in.Trade, Group: in.Group}
}

func (s *Server) listPersons(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	pq := app.PersonQuery{Q: q.Get("q"), After: q.Get("cursor"), Limit: limit + 1}
	switch q.Get("trade") {
	case "":
	case "true", "false":
		t := q.Get("trade") == "true"
		pq.Trade = &t
	default:
		return errs.Field("trade", "must be true or false")
	}
	ps, err := s.app.Persons(r.Context(), actorOf(r), pq)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, pageOf(ps, limit, personOut, func(p party.Person) string { return p.ID }))
}

func (s *Server) createPerson(w http.ResponseWriter, r *http.Request) error {
	var in personIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var p party.Person
	patch := in.patch()
	patch.Apply(&p)
	p, err := s.app.CreatePerson(r.Context(), actorOf(r), p)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/persons/"+p.ID)
	return writeJSON(w, http.StatusCreated, personOut(p))
}

func (s *Server) getPerson(w http.ResponseWriter, r *http.Request) error {
	p, err := s.app.Person(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, personOut(p))
}

func (s *Server) updatePerson(w http.ResponseWriter, r *http.Request) error {
	var in personIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p, err := s.app.UpdatePerson(r.Context(), actorOf(r), r.PathValue("id"), in.patch())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, personOut(p))
}

type organizationJSON struct {
	Type         string                    `json:"type"` // always "organization"
	ID           string                    `json:"id"`
	LegalName    string                    `json:"legal_name"`
	TaxID        string                    `json:"tax_id"`
	Industry     string                    `json:"industry"`
	Employees    int                       `json:"employees"`
	TurnoverBand party.TurnoverBand        `json:"turnover_band"`
	Capabilities map[party.Capability]bool `json:"capabilities"`
	Group        string                    `json:"group"`
	PaymentTerms party.PaymentTerms        `json:"payment_terms"`
	CreditLimit  *money.Amount             `json:"credit_limit"`
	Website      string                    `json:"website"`
	Address      string                    `json:"address"`
	CreatedAt    time.Time                 `json:"created_at"`
	UpdatedAt    time.Time                 `json:"updated_at"`
	Contacts     []contactJSON             `json:"contacts,omitempty"`
}

func organizationOut(o party.Organization) organizationJSON {
	out := organizationJSON{Type: "organization", ID: o.ID, LegalName: o.LegalName, TaxID: o.TaxID, Industry: o.Industry, Employees: o.Employees,
		TurnoverBand: o.TurnoverBand, Capabilities: o.Capabilities, Group: o.Group, PaymentTerms: o.PaymentTerms,
		Website: o.Website, Address: o.Address, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt}
	if out.Capabilities == nil {
		out.Capabilities = map[party.Capability]bool{}
	}
	if o.CreditLimit.Currency != "" {
		out.CreditLimit = &o.CreditLimit
	}
	return out
}

type organizationIn struct {
	LegalName    *string                    `json:"legal_name"`
	TaxID        *string                    `json:"tax_id"`
	Industry     *string                    `json:"industry"`
	Employees    *int                       `json:"employees"`
	TurnoverBand *party.TurnoverBand        `json:"turnover_band"`
	Capabilities *map[party.Capability]bool `json:"capabilities"`
	Group        *string                    `json:"group"`
	PaymentTerms *party.PaymentTerms        `json:"payment_terms"`
	CreditLimit  json.RawMessage            `json:"credit_limit"`
	Website      *string                    `json:"website"`
	Address      *string                    `json:"address"`
}

func (in organizationIn) patch() (app.OrganizationPatch, error) {
	p := app.OrganizationPatch{LegalName: in.LegalName, TaxID: in.TaxID, Industry: in.Industry, Employees: in.Employees,
		TurnoverBand: in.TurnoverBand, Capabilities: in.Capabilities, Group: in.Group, PaymentTerms: in.PaymentTerms,
		Website: in.Website, Address: in.Address}
	if in.CreditLimit != nil {
		limit, err := moneyField("credit_limit", in.CreditLimit)
		if err != nil {
			return p, err
		}
		p.CreditLimit = &limit
	}
	return p, nil
}

func (s *Server) listOrganizations(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	os, err := s.app.Organizations(r.Context(), actorOf(r), app.OrganizationQuery{Q: q.Get("q"), Industry: q.Get("industry"),
		After: q.Get("cursor"), Limit: limit + 1})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, pageOf(os, limit, organizationOut, func(o party.Organization) string { return o.ID }))
}

func (s *Server) createOrganization(w http.ResponseWriter, r *http.Request) error {
	var in organizationIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var o party.Organization
	patch, err := in.patch()
	if err != nil {
		return err
	}
	patch.Apply(&o)
	o, err = s.app.CreateOrganization(r.Context(), actorOf(r), o)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/organizations/"+o.ID)
	return writeJSON(w, http.StatusCreated, organizationOut(o))
}

func (s *Server) getOrganization(w http.ResponseWriter, r *http.Request) error {
	o, err := s.app.Organization(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, organizationOut(o))
}

func (s *Server) updateOrganization(w http.ResponseWriter, r *http.Request) error {
	var in organizationIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	patch, err := in.patch()
	if err != nil {
		return err
	}
	o, err := s.app.UpdateOrganization(r.Context(), actorOf(r), r.PathValue("id"), patch)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, organizationOut(o))
}

type contactJSON struct {
	ID               string       `json:"id"`
	OrganizationID   string       `json:"organization_id"`
	Name             string       `json:"name"`
	Email            string       `json:"email"`
	Phone            string       `json:"phone"`
	JobTitle         string       `json:"job_title"`
	Role             party.Role   `json:"role"`
	Influence        int          `json:"influence"`
	Sphere           party.Sphere `json:"sphere"`
	RequiredApprover bool         `json:"required_approver"`
	// What the contact may do in the buyer portal, and the most one order of
	// theirs may cost (net); null is no limit.
	Permissions   []party.Permission `json:"permissions"`
	SpendingLimit *money.Amount      `json:"spending_limit"`
	CreatedAt     time.Time          `json:"created_at"`
	UpdatedAt     time.Time          `json:"updated_at"`
}

func contactOut(c party.Contact) contactJSON {
	out := contactJSON{ID: c.ID, OrganizationID: c.OrganizationID, Name: c.Name, Email: c.Email, Phone: c.Phone,
		JobTitle: c.JobTitle, Role: c.Role, Influence: c.Influence, Sphere: c.Sphere, RequiredApprover: c.RequiredApprover,
		Permissions: nonNil(c.Permissions), CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
	if c.SpendingLimit.Minor != 0 {
		limit := c.SpendingLimit
		out.SpendingLimit = &limit
	}
	return out
}

type contactIn struct {
	Name             *string             `json:"name"`
	Email            *string             `json:"email"`
	Phone            *string             `json:"phone"`
	JobTitle         *string             `json:"job_title"`
	Role             *party.Role         `json:"role"`
	Influence        *int                `json:"influence"`
	Sphere           *party.Sphere       `json:"sphere"`
	RequiredApprover *bool               `json:"required_approver"`
	Permissions      *[]party.Permission `json:"permissions"`
	// SpendingLimit is a Money object; null removes the limit.
	SpendingLimit json.RawMessage `json:"spending_limit"`
}

func (in contactIn) patch() (app.ContactPatch, error) {
	p := app.ContactPatch{Name: in.Name, Email: in.Email, Phone: in.Phone, JobTitle: in.JobTitle, Role: in.Role,
		Influence: in.Influence, Sphere: in.Sphere, RequiredApprover: in.RequiredApprover, Permissions: in.Permissions}
	switch {
	case len(in.SpendingLimit) == 0:
	case string(in.SpendingLimit) == "null":
		p.SpendingLimit = &money.Amount{}
	default:
		limit, err := moneyField("spending_limit", in.SpendingLimit)
		if err != nil {
			return p, err
		}
		p.SpendingLimit = &limit
	}
	return p, nil
}

func (s *Server) listContacts(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.app.Contacts(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := make([]contactJSON, len(cs))
	for i, c := range cs {
		out[i] = contactOut(c)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (s *Server) createContact(w http.ResponseWriter, r *http.Request) error {
	var in contactIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c := party.Contact{OrganizationID: r.PathValue("id")}
	patch, err := in.patch()
	if err != nil {
		return err
	}
	patch.Apply(&c)
	c, err = s.app.CreateContact(r.Context(), actorOf(r), c)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/contacts/"+c.ID)
	return writeJSON(w, http.StatusCreated, contactOut(c))
}

func (s *Server) getContact(w http.ResponseWriter, r *http.Request) error {
	c, err := s.app.Contact(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, contactOut(c))
}

func (s *Server) updateContact(w http.ResponseWriter, r *http.Request) error {
	var in contactIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	patch, err := in.patch()
	if err != nil {
		return err
	}
	c, err := s.app.UpdateContact(r.Context(), actorOf(r), r.PathValue("id"), patch)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, contactOut(c))
}

// pageOf cuts a listing fetched with limit+1 rows into a page and its cursor.
func pageOf[T, J any](items []T, limit int, out func(T) J, key func(T) string) page[J] {
	p := page[J]{Items: []J{}}
	for i, it := range items {
		if i == limit {
			p.NextCursor = key(items[i-1])
			break
		}
		p.Items = append(p.Items, out(it))
	}
	return p
}
