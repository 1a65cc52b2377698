package app

import (
	"context"

	"b2x/crm"
	"b2x/errs"
	"b2x/ids"
	"b2x/order"
	"b2x/party"
	"b2x/quote"
	"b2x/review"
	"b2x/staff"
	"b2x/store"
)

// CustomerViewItems is how many of each kind of record the customer view shows;
// the counts cover all of them.
const CustomerViewItems = 20

// CustomerOverview is everything the company knows about one customer on one page:
// what they bought and were offered, the deals and activities with them, who looks
// after them, who referred them and whom they referred, the reviews they wrote
// (S4), and for an
// organization its buying center (S6) and tenders (S5).
type CustomerOverview struct {
	Kind           string              `json:"kind"` // organization or person
	Organization   *party.Organization `json:"organization,omitempty"`
	Person         *party.Person       `json:"person,omitempty"`
	ReferredBy     string              `json:"referred_by,omitempty"` // a person or organization id
	Referrals      []string            `json:"referrals"`             // ids of the customers they referred
	AccountManager string              `json:"account_manager,omitempty"`
	AccountHistory []crm.Assignment    `json:"account_history"`
	Orders         []order.Order       `json:"orders"`
	OrderCount     int                 `json:"order_count"`
	Quotes         []quote.Quote       `json:"quotes"`
	QuoteCount     int                 `json:"quote_count"`
	Deals          []OpportunityView   `json:"deals"`
	DealCount      int                 `json:"deal_count"`
	Activities     []ActivityView      `json:"activities"`
	ActivityCount  int                 `json:"activity_count"`
	Overdue        []ActivityView      `json:"overdue"`
	Tenders        []TenderView        `json:"tenders"`
	Reviews        []review.Review     `json:"reviews"` // a person's, newest first, whatever their status
	BuyingCenter   *BuyingCenter       `json:"buying_center,omitempty"`
}

// CustomerView gathers one customer's page: id is an organization's or a person's.
func (a *App) CustomerView(ctx context.Context, actor Actor, id string) (CustomerOverview, error) {
	if err := require(actor, staff.CustomersRead); err != nil {
		return CustomerOverview{}, err
	}
	if !ids.Valid(id) {
		return CustomerOverview{}, errs.E(errs.NotFound, "no customer %s", id)
	}
	v := CustomerOverview{Referrals: []string{}, AccountHistory: []crm.Assignment{}, Orders: []order.Order{},
		Quotes: []quote.Quote{}, Deals: []OpportunityView{}, Activities: []ActivityView{}, Overdue: []ActivityView{},
		Tenders: []TenderView{}, Reviews: []review.Review{}}
	err := a.read(ctx, func(tx *store.Tx) error {
		referrer, isOrg, err := tx.ReferredBy(ctx, id)
		if err != nil {
			return err
		}
		v.ReferredBy = referrer
		column, of := "person_id", store.OpportunityFilter{PersonID: id}
		af := store.ActivityFilter{PersonID: id}
		if isOrg {
			column, of, af = "organization_id", store.OpportunityFilter{OrganizationID: id}, store.ActivityFilter{OrganizationID: id}
			if err := checkManaged(ctx, tx, actor, id, "customer", id); err != nil {
				return err
			}
			o, err := tx.Organization(ctx, id)
			if err != nil {
				return err
			}
			v.Kind, v.Organization = "organization", &o
			if err := a.organizationParts(ctx, tx, &v, id); err != nil {
				return err
			}
		} else {
			p, err := tx.Person(ctx, id)
			if err != nil {
				return err
			}
			v.Kind, v.Person = "person", &p
			rs, err := tx.ListReviews(ctx, store.ReviewFilter{PersonID: id, Limit: CustomerViewItems})
			if err != nil {
				return err
			}
			v.Reviews = append(v.Reviews, rs...)
		}
		if v.Referrals, err = tx.Referrals(ctx, id, CustomerViewItems); err != nil {
			return err
		}
		if v.Referrals == nil {
			v.Referrals = []string{}
		}
		orders, err := tx.ListOrders(ctx, store.OrderFilter{Customer: id, Limit: CustomerViewItems})
		if err != nil {
			return err
		}
		v.Orders = append(v.Orders, orders...)
		p, err := tx.Pipeline(ctx)
		if err != nil {
			return err
		}
		now := a.clock()
		of.Newest, of.Limit = true, CustomerViewItems
		deals, err := tx.ListOpportunities(ctx, of)
		if err != nil {
			return err
		}
		for _, r := range deals {
			v.Deals = append(v.Deals, opportunityView(p, r, now, false))
		}
		af.Limit = CustomerViewItems
		acts, err := tx.ListActivities(ctx, af)
		if err != nil {
			return err
		}
		v.Activities = append(v.Activities, views(acts, activityView)...)
		open := false
		af.Done, af.DueTo = &open, now
		overdue, err := tx.ListActivities(ctx, af)
		if err != nil {
			return err
		}
		v.Overdue = append(v.Overdue, views(overdue, activityView)...)
		for _, c := range []struct {
			table string
			n     *int
		}{{"orders", &v.OrderCount}, {"opportunities", &v.DealCount}, {"activities", &v.ActivityCount}} {
			if *c.n, err = tx.CountWhere(ctx, c.table, column, id); err != nil {
				return err
			}
		}
		return nil
	})
	return v, err
}

// organizationParts adds what only an organization has: quotes, tenders, account
// managers and the buying center.
func (a *App) organizationParts(ctx context.Context, tx *store.Tx, v *CustomerOverview, id string) error {
	quotes, err := tx.CustomerQuotes(ctx, id, CustomerViewItems)
	if err != nil {
		return err
	}
	v.Quotes = append(v.Quotes, quotes...)
	if v.QuoteCount, err = tx.CountWhere(ctx, "quotes", "organization_id", id); err != nil {
		return err
	}
	tenders, err := tx.ListTenders(ctx, store.TenderFilter{OrganizationID: id, Limit: CustomerViewItems})
	if err != nil {
		return err
	}
	v.Tenders = append(v.Tenders, views(tenders, tenderView)...)
	history, err := tx.Assignments(ctx, id)
	if err != nil {
		return err
	}
	v.AccountHistory = append(v.AccountHistory, history...)
	for _, as := range history {
		if as.Current() {
			v.AccountManager = as.Manager
		}
	}
	bc, err := buyingCenter(ctx, tx, id)
	v.BuyingCenter = &bc
	return err
}

// BuyingCenterMember is a contact of the buying center with how they stand.
type BuyingCenterMember struct {
	party.Contact
	Stance quote.Stance `json:"stance"`
	// Doubter: a sceptic with enough influence to put the deal in question (S6).
	Doubter bool `json:"doubter,omitempty"`
}

// BuyingCenter is the map of an organization's buying center: who takes part with
// which role, influence, sphere and stance, which key roles nobody holds yet, and
// the contacts outside it.
type BuyingCenter struct {
	OrganizationID string               `json:"organization_id"`
	Members        []BuyingCenterMember `json:"members"`
	Others         []BuyingCenterMember `json:"others"` // contacts without a buying-center role
	MissingRoles   []party.Role         `json:"missing_roles"`
}

// BuyingCenterMap returns an organization's buying-center map.
func (a *App) BuyingCenterMap(ctx context.Context, actor Actor, organizationID string) (BuyingCenter, error) {
	if err := require(actor, staff.CustomersRead); err != nil {
		return BuyingCenter{}, err
	}
	if !ids.Valid(organizationID) {
		return BuyingCenter{}, errs.E(errs.NotFound, "no organization %s", organizationID)
	}
	var bc BuyingCenter
	err := a.read(ctx, func(tx *store.Tx) error {
		if _, err := tx.Organization(ctx, organizationID); err != nil {
			return err
		}
		if err := checkManaged(ctx, tx, actor, organizationID, "organization", organizationID); err != nil {
			return err
		}
		var err error
		bc, err = buyingCenter(ctx, tx, organizationID)
		return err
	})
	return bc, err
}

func buyingCenter(ctx context.Context, tx *store.Tx, organizationID string) (BuyingCenter, error) {
	cs, err := tx.BuyingCenterContacts(ctx, organizationID)
	bc := BuyingCenter{OrganizationID: organizationID, Members: []BuyingCenterMember{}, Others: []BuyingCenterMember{},
		MissingRoles: []party.Role{}}
	contacts := make([]party.Contact, len(cs))
	for i, c := range cs {
		contacts[i] = c.Contact
		m := BuyingCenterMember{Contact: c.Contact, Stance: c.Stance,
			Doubter: c.Stance == quote.Sceptic && c.Contact.Influence >= quote.DoubterInfluence}
		if c.Contact.Role == "" {
			bc.Others = append(bc.Others, m)
		} else {
			bc.Members = append(bc.Members, m)
		}
	}
	bc.MissingRoles = append(bc.MissingRoles, crm.MissingRoles(contacts)...)
	return bc, err
}

// SetContactStance records how a contact of the buying center stands towards us.
func (a *App) SetContactStance(ctx context.Context, actor Actor, contactID string, s quote.Stance) error {
	if err := require(actor, staff.CustomersEdit); err != nil {
		return err
	}
	if s != quote.Supporter && s != quote.Neutral && s != quote.Sceptic {
		return errs.Field("stance", "must be one of supporter, neutral, sceptic")
	}
	if !ids.Valid(contactID) {
		return errs.E(errs.NotFound, "no contact %s", contactID)
	}
	return a.write(ctx, func(tx *store.Tx) error {
		old, err := tx.ContactStance(ctx, contactID)
		if err != nil {
			return err
		}
		if err := tx.SetContactStance(ctx, contactID, s); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "contact.stance", "contact", contactID, map[string]FieldChange{"stance": {From: old, To: s}})
	})
}

// SetReferredBy records who referred a customer (S4): referrer is a person's or
// organization's id, or empty to clear it.
func (a *App) SetReferredBy(ctx context.Context, actor Actor, customerID, referrer string) error {
	if err := require(actor, staff.CustomersEdit); err != nil {
		return err
	}
	if !ids.Valid(customerID) {
		return errs.E(errs.NotFound, "no customer %s", customerID)
	}
	if referrer == customerID {
		return errs.Field("referred_by", "a customer does not refer themselves")
	}
	return a.write(ctx, func(tx *store.Tx) error {
		old, isOrg, err := tx.ReferredBy(ctx, customerID)
		if err != nil {
			return err
		}
		if referrer != "" {
			if _, _, err := tx.ReferredBy(ctx, referrer); !ids.Valid(referrer) || errs.CodeOf(err) == errs.NotFound {
				return errs.Field("referred_by", "no person or organization %s", referrer)
			} else if err != nil {
				return err
			}
		}
		entity := "person"
		if isOrg {
			entity = "organization"
		}
		if err := tx.SetReferredBy(ctx, customerID, isOrg, referrer); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, entity+".referred_by", entity, customerID,
			map[string]FieldChange{"referred_by": {From: old, To: referrer}})
	})
}
