package app_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/party"
	"b2x/staff"
	"b2x/store"
)

// crmFixture is an App whose clock the test moves, with one staff user per role
// and an organization with a contact.
type crmFixture struct {
	t     testing.TB
	ctx   context.Context
	db    *store.DB
	app   *app.App
	now   time.Time
	users map[staff.Role]app.Actor
	org   party.Organization
	ceo   party.Contact
}

// crmStart is a Monday.
var crmStart = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newCRMFixture(t testing.TB, db *store.DB) *crmFixture {
	t.Helper()
	f := &crmFixture{t: t, ctx: context.Background(), db: db, now: crmStart, users: map[staff.Role]app.Actor{}}
	f.app = app.New(db, app.WithClock(func() time.Time { return f.now }))
	// Users are written straight to the store: hashing six passwords with argon2
	// would cost more than the rest of a test under the race detector.
	for _, r := range staff.Roles {
		u := staff.User{ID: ids.New(), Email: string(r) + "@example.com", Name: "User " + string(r), Role: r,
			PasswordHash: "-", CreatedAt: crmStart}
		f.must(db.Write(f.ctx, func(tx *store.Tx) error { return tx.InsertUser(f.ctx, &u) }))
		f.users[r] = app.Actor{UserID: u.ID, Role: string(r)}
	}
	var err error
	f.org, err = f.app.CreateOrganization(f.ctx, f.owner(), party.Organization{LegalName: "Depot GmbH"})
	f.must(err)
	f.ceo, err = f.app.CreateContact(f.ctx, f.owner(), party.Contact{OrganizationID: f.org.ID, Name: "Clara CEO",
		Role: party.DecisionMaker, Influence: 5})
	f.must(err)
	return f
}

func (f *crmFixture) owner() app.Actor { return f.users[staff.Owner] }
func (f *crmFixture) sales() app.Actor { return f.users[staff.SalesManager] }

func (f *crmFixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *crmFixture) advance(d time.Duration) { f.now = f.now.Add(d) }

// manage gives an organization to an account manager from now on.
func (f *crmFixture) manage(organizationID string, am app.Actor) {
	f.t.Helper()
	_, err := f.app.ReassignAccount(f.ctx, f.sales(), organizationID, am.UserID)
	f.must(err)
}

func (f *crmFixture) deal(title string, minor int64, currency string) app.OpportunityView {
	f.t.Helper()
	v, err := f.app.CreateOpportunity(f.ctx, f.sales(), app.NewOpportunity{OrganizationID: f.org.ID, Title: title,
		Amount: money.MustNew(minor, currency), ExpectedClose: f.now.AddDate(0, 1, 0), Source: "referral"})
	f.must(err)
	return v
}

// rows counts the rows of the tables a CRM change writes.
func (f *crmFixture) rows() map[string]int {
	f.t.Helper()
	out := map[string]int{}
	for _, table := range []string{"audit_log", "opportunities", "opportunity_stage_changes", "activities",
		"activity_contacts", "account_assignments", "tenders", "winning_points", "winning_point_uses", "crm_pipeline",
		"users", "organizations", "contacts", "persons", "products", "price_lists", "quotes", "stock_movements"} {
		n, err := f.db.CountRows(f.ctx, table)
		f.must(err)
		out[table] = n
	}
	return out
}

// audits returns the audit entries about one entity, newest first.
func (f *crmFixture) audits(entity, id string) []app.AuditEntry {
	f.t.Helper()
	es, err := f.app.AuditLog(f.ctx, f.owner(), app.AuditQuery{Entity: entity, ID: id, Limit: app.MaxPageSize})
	f.must(err)
	return es
}

func crmWantCode(t testing.TB, err error, code errs.Code) {
	t.Helper()
	if errs.CodeOf(err) != code {
		t.Fatalf("err = %v, want %s", err, code)
	}
}

func crmWantField(t testing.TB, err error, field string) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Invalid {
		t.Fatalf("err = %v, want invalid %s", err, field)
	}
	for _, f := range e.Fields {
		if f.Field == field {
			return
		}
	}
	t.Fatalf("err = %v, want a problem with %s", err, field)
}

func changeOf(t testing.TB, e app.AuditEntry) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(e.Change, &m); err != nil {
		t.Fatalf("audit change %s: %v", e.Change, err)
	}
	return m
}

func partyOrg(name string) party.Organization { return party.Organization{LegalName: name} }
