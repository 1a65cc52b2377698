package app_test

import (
	"context"
	"reflect"
	"sort"
	"testing"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/party"
	"b2x/store"
	"b2x/store/storetest"
)

var partyStaff = app.Actor{UserID: "u1", Role: "admin"}

// partyApp makes an App whose clock reads *now, so tests can move time.
func partyApp(db *store.DB, now *time.Time) *app.App {
	return app.New(db, app.WithClock(func() time.Time { return *now }))
}

// partyWantFields fails unless err is an invalid *errs.Error naming exactly fields.
func partyWantFields(t *testing.T, err error, fields ...string) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Invalid {
		t.Fatalf("err = %v, want invalid", err)
	}
	var got []string
	for _, f := range e.Fields {
		got = append(got, f.Field)
	}
	sort.Strings(got)
	sort.Strings(fields)
	if !reflect.DeepEqual(got, fields) {
		t.Fatalf("fields = %v, want %v (%v)", got, fields, err)
	}
}

func partyWantCode(t *testing.T, err error, code errs.Code) {
	t.Helper()
	if errs.CodeOf(err) != code {
		t.Fatalf("err = %v, want %s", err, code)
	}
}

func partyPtr[T any](v T) *T { return &v }

func TestPartyPersonUseCases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
		a := partyApp(db, &now)

		p, err := a.CreatePerson(ctx, partyStaff, party.Person{ID: "ignored", Name: "Ana Novak", Email: "ana@example.com", Phone: "040 111 222", Trade: true})
		if err != nil {
			t.Fatal(err)
		}
		if !ids.Valid(p.ID) || !p.CreatedAt.Equal(now) || !p.UpdatedAt.Equal(now) {
			t.Fatalf("created %+v: want a new id and times at %v", p, now)
		}
		if p.Group != "" || !reflect.DeepEqual(p.Groups(), []string{party.TradeGroup}) {
			t.Errorf("trade person: Group = %q, Groups() = %v; want the group left empty and trade in Groups", p.Group, p.Groups())
		}
		got, err := a.Person(ctx, partyStaff, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, p) {
			t.Fatalf("read back\n got %+v\nwant %+v", got, p)
		}

		// Update: only the fields named change.
		now = now.Add(time.Hour)
		up, err := a.UpdatePerson(ctx, partyStaff, p.ID, app.PersonPatch{Phone: partyPtr(""), Trade: partyPtr(false), Group: partyPtr("vip")})
		if err != nil {
			t.Fatal(err)
		}
		want := p
		want.Phone, want.Trade, want.Group, want.UpdatedAt = "", false, "vip", now
		if !reflect.DeepEqual(up, want) {
			t.Fatalf("updated\n got %+v\nwant %+v", up, want)
		}
		if got, _ := a.Person(ctx, partyStaff, p.ID); !reflect.DeepEqual(got, want) {
			t.Fatalf("read after update\n got %+v\nwant %+v", got, want)
		}

		// Invalid input names every bad field and writes nothing.
		_, err = a.CreatePerson(ctx, partyStaff, party.Person{Name: " ", Email: "not an email", Phone: "12", Group: " x"})
		partyWantFields(t, err, "name", "email", "phone", "group")
		_, err = a.UpdatePerson(ctx, partyStaff, p.ID, app.PersonPatch{Name: partyPtr(""), Email: partyPtr("a@")})
		partyWantFields(t, err, "name", "email")
		if got, _ := a.Person(ctx, partyStaff, p.ID); !reflect.DeepEqual(got, want) {
			t.Fatalf("an invalid update changed the person\n got %+v\nwant %+v", got, want)
		}
		all, err := a.Persons(ctx, partyStaff, app.PersonQuery{Limit: app.MaxPageSize})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 1 {
			t.Fatalf("persons = %d, want 1 (an invalid create wrote something)", len(all))
		}

		// Unknown and malformed ids are not found.
		for _, id := range []string{ids.New(), "nope", ""} {
			_, err = a.Person(ctx, partyStaff, id)
			partyWantCode(t, err, errs.NotFound)
			_, err = a.UpdatePerson(ctx, partyStaff, id, app.PersonPatch{Name: partyPtr("X")})
			partyWantCode(t, err, errs.NotFound)
		}

		// Listing.
		b, err := a.CreatePerson(ctx, partyStaff, party.Person{Name: "Boris Novak", Trade: true})
		if err != nil {
			t.Fatal(err)
		}
		list, err := a.Persons(ctx, partyStaff, app.PersonQuery{Q: "NOVAK", Trade: partyPtr(true), Limit: 10})
		if err != nil || len(list) != 1 || list[0].ID != b.ID {
			t.Fatalf("trade novaks = %v, %v; want Boris", list, err)
		}
		list, err = a.Persons(ctx, partyStaff, app.PersonQuery{After: p.ID, Limit: 1})
		if err != nil || len(list) != 1 || list[0].ID != b.ID {
			t.Fatalf("page after Ana = %v, %v; want Boris", list, err)
		}
		for _, q := range []app.PersonQuery{{Limit: 0}, {Limit: app.MaxPageSize + 2}} {
			_, err = a.Persons(ctx, partyStaff, q)
			partyWantFields(t, err, "limit")
		}
		_, err = a.Persons(ctx, partyStaff, app.PersonQuery{After: "x", Limit: 1})
		partyWantFields(t, err, "cursor")
	})
}

func TestPartyOrganizationUseCases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
		a := partyApp(db, &now)

		in := party.Organization{
			LegalName: "Gradnja d.o.o.", TaxID: "SI12345678", Industry: "Construction", Employees: 42,
			TurnoverBand: party.TurnoverSmall, Capabilities: map[party.Capability]bool{party.OwnTransport: false, party.Accounting: true},
			Group: "wholesale", PaymentTerms: party.Net30, CreditLimit: money.MustNew(500000, "EUR"),
			Website: "https://gradnja.example", Address: "Dunajska 1, Ljubljana",
		}
		o, err := a.CreateOrganization(ctx, partyStaff, in)
		if err != nil {
			t.Fatal(err)
		}
		if !ids.Valid(o.ID) || !o.CreatedAt.Equal(now) {
			t.Fatalf("created %+v: want a new id and time", o)
		}
		got, err := a.Organization(ctx, partyStaff, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, o) {
			t.Fatalf("read back\n got %+v\nwant %+v", got, o)
		}
		if !got.Lacks(party.OwnTransport) {
			t.Error("the organization should lack own transport")
		}

		now = now.Add(time.Minute)
		up, err := a.UpdateOrganization(ctx, partyStaff, o.ID, app.OrganizationPatch{
			Employees:    partyPtr(50),
			Capabilities: partyPtr(map[party.Capability]bool{party.OwnTransport: true}),
			CreditLimit:  partyPtr(money.Amount{Currency: "EUR"}), // no credit: stored without a currency
		})
		if err != nil {
			t.Fatal(err)
		}
		want := o
		want.Employees, want.Capabilities, want.CreditLimit, want.UpdatedAt = 50, map[party.Capability]bool{party.OwnTransport: true}, money.Amount{}, now
		if !reflect.DeepEqual(up, want) {
			t.Fatalf("updated\n got %+v\nwant %+v", up, want)
		}
		if got, _ := a.Organization(ctx, partyStaff, o.ID); !reflect.DeepEqual(got, want) {
			t.Fatalf("read after update\n got %+v\nwant %+v", got, want)
		}

		// Invalid input.
		_, err = a.CreateOrganization(ctx, partyStaff, party.Organization{
			Employees: -1, TurnoverBand: "huge", Capabilities: map[party.Capability]bool{"teleport": true},
			PaymentTerms: "net90", CreditLimit: money.Amount{Minor: -5, Currency: "EUR"},
		})
		partyWantFields(t, err, "legal_name", "employees", "turnover_band", "capabilities", "payment_terms", "credit_limit")
		_, err = a.CreateOrganization(ctx, partyStaff, party.Organization{LegalName: "X", CreditLimit: money.Amount{Minor: 100}})
		partyWantFields(t, err, "credit_limit")
		_, err = a.UpdateOrganization(ctx, partyStaff, o.ID, app.OrganizationPatch{LegalName: partyPtr(""), PaymentTerms: partyPtr(party.PaymentTerms("cod"))})
		partyWantFields(t, err, "legal_name", "payment_terms")
		if got, _ := a.Organization(ctx, partyStaff, o.ID); !reflect.DeepEqual(got, want) {
			t.Fatalf("an invalid update changed the organization\n got %+v\nwant %+v", got, want)
		}
		all, err := a.Organizations(ctx, partyStaff, app.OrganizationQuery{Limit: app.MaxPageSize})
		if err != nil || len(all) != 1 {
			t.Fatalf("organizations = %d, %v; want 1 (an invalid create wrote something)", len(all), err)
		}

		for _, id := range []string{ids.New(), "nope"} {
			_, err = a.Organization(ctx, partyStaff, id)
			partyWantCode(t, err, errs.NotFound)
			_, err = a.UpdateOrganization(ctx, partyStaff, id, app.OrganizationPatch{Employees: partyPtr(1)})
			partyWantCode(t, err, errs.NotFound)
		}

		s, err := a.CreateOrganization(ctx, partyStaff, party.Organization{LegalName: "Softline", TaxID: "HR333", Industry: "IT"})
		if err != nil {
			t.Fatal(err)
		}
		list, err := a.Organizations(ctx, partyStaff, app.OrganizationQuery{Industry: "construction", Limit: 10})
		if err != nil || len(list) != 1 || list[0].ID != o.ID {
			t.Fatalf("construction = %v, %v; want Gradnja", list, err)
		}
		list, err = a.Organizations(ctx, partyStaff, app.OrganizationQuery{Q: "hr3", Limit: 10})
		if err != nil || len(list) != 1 || list[0].ID != s.ID {
			t.Fatalf("tax id hr3 = %v, %v; want Softline", list, err)
		}
		list, err = a.Organizations(ctx, partyStaff, app.OrganizationQuery{After: o.ID, Limit: 5})
		if err != nil || len(list) != 1 || list[0].ID != s.ID {
			t.Fatalf("page after Gradnja = %v, %v; want Softline", list, err)
		}
		_, err = a.Organizations(ctx, partyStaff, app.OrganizationQuery{Limit: 0})
		partyWantFields(t, err, "limit")
	})
}

func TestPartyContactUseCases(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2024, 6, 1, 9, 0, 0, 0, time.UTC)
		a := partyApp(db, &now)

		org, err := a.CreateOrganization(ctx, partyStaff, party.Organization{LegalName: "Acme"})
		if err != nil {
			t.Fatal(err)
		}
		c, err := a.CreateContact(ctx, partyStaff, party.Contact{
			OrganizationID: org.ID, Name: "Boris Horvat", Email: "boris@acme.example", Phone: "01 555 1234",
			JobTitle: "Head of purchasing", Role: party.FinancialApprover, Influence: 4, Sphere: party.Budget, RequiredApprover: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := a.Contact(ctx, partyStaff, c.ID); err != nil || !reflect.DeepEqual(got, c) {
			t.Fatalf("read back\n got %+v, %v\nwant %+v", got, err, c)
		}

		now = now.Add(time.Minute)
		up, err := a.UpdateContact(ctx, partyStaff, c.ID, app.ContactPatch{Influence: partyPtr(5), JobTitle: partyPtr("CFO")})
		if err != nil {
			t.Fatal(err)
		}
		want := c
		want.Influence, want.JobTitle, want.UpdatedAt = 5, "CFO", now
		if !reflect.DeepEqual(up, want) {
			t.Fatalf("updated\n got %+v\nwant %+v", up, want)
		}

		// A required approver needs a role: dropping the role alone is refused.
		_, err = a.UpdateContact(ctx, partyStaff, c.ID, app.ContactPatch{Role: partyPtr(party.Role(""))})
		partyWantFields(t, err, "required_approver")
		_, err = a.UpdateContact(ctx, partyStaff, c.ID, app.ContactPatch{Influence: partyPtr(6), Sphere: partyPtr(party.Sphere("astrology"))})
		partyWantFields(t, err, "influence", "sphere")
		if got, _ := a.Contact(ctx, partyStaff, c.ID); !reflect.DeepEqual(got, want) {
			t.Fatalf("an invalid update changed the contact\n got %+v\nwant %+v", got, want)
		}

		_, err = a.CreateContact(ctx, partyStaff, party.Contact{OrganizationID: org.ID, Name: "", Role: "boss", Influence: -1})
		partyWantFields(t, err, "name", "role", "influence")
		_, err = a.CreateContact(ctx, partyStaff, party.Contact{Name: "No Org"})
		partyWantFields(t, err, "organization_id")

		// A contact for a missing organization.
		for _, orgID := range []string{ids.New(), "not-an-id"} {
			_, err = a.CreateContact(ctx, partyStaff, party.Contact{OrganizationID: orgID, Name: "Lost"})
			partyWantFields(t, err, "organization_id")
			_, err = a.Contacts(ctx, partyStaff, orgID)
			partyWantCode(t, err, errs.NotFound)
		}

		d, err := a.CreateContact(ctx, partyStaff, party.Contact{OrganizationID: org.ID, Name: "Ana Kos", Influence: 2})
		if err != nil {
			t.Fatal(err)
		}
		cs, err := a.Contacts(ctx, partyStaff, org.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != 2 || cs[0].ID != c.ID || cs[1].ID != d.ID {
			t.Fatalf("contacts = %+v; want Boris (influence 5) then Ana; invalid creates must write nothing", cs)
		}

		for _, id := range []string{ids.New(), "nope"} {
			_, err = a.Contact(ctx, partyStaff, id)
			partyWantCode(t, err, errs.NotFound)
			_, err = a.UpdateContact(ctx, partyStaff, id, app.ContactPatch{Name: partyPtr("X")})
			partyWantCode(t, err, errs.NotFound)
		}
	})
}

func TestPartyNeedsStaff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := app.New(db)
		org, err := a.CreateOrganization(ctx, partyStaff, party.Organization{LegalName: "Acme"})
		if err != nil {
			t.Fatal(err)
		}
		p, err := a.CreatePerson(ctx, partyStaff, party.Person{Name: "Ana"})
		if err != nil {
			t.Fatal(err)
		}
		c, err := a.CreateContact(ctx, partyStaff, party.Contact{OrganizationID: org.ID, Name: "Boris"})
		if err != nil {
			t.Fatal(err)
		}
		for _, actor := range []app.Actor{{}, {Role: "admin"}} {
			calls := map[string]func() error{
				"CreatePerson": func() error { _, err := a.CreatePerson(ctx, actor, party.Person{Name: "Eve"}); return err },
				"UpdatePerson": func() error {
					_, err := a.UpdatePerson(ctx, actor, p.ID, app.PersonPatch{Name: partyPtr("Eve")})
					return err
				},
				"Person":  func() error { _, err := a.Person(ctx, actor, p.ID); return err },
				"Persons": func() error { _, err := a.Persons(ctx, actor, app.PersonQuery{Limit: 10}); return err },
				"CreateOrganization": func() error {
					_, err := a.CreateOrganization(ctx, actor, party.Organization{LegalName: "Evil"})
					return err
				},
				"UpdateOrganization": func() error {
					_, err := a.UpdateOrganization(ctx, actor, org.ID, app.OrganizationPatch{LegalName: partyPtr("Evil")})
					return err
				},
				"Organization":  func() error { _, err := a.Organization(ctx, actor, org.ID); return err },
				"Organizations": func() error { _, err := a.Organizations(ctx, actor, app.OrganizationQuery{Limit: 10}); return err },
				"CreateContact": func() error {
					_, err := a.CreateContact(ctx, actor, party.Contact{OrganizationID: org.ID, Name: "Eve"})
					return err
				},
				"UpdateContact": func() error {
					_, err := a.UpdateContact(ctx, actor, c.ID, app.ContactPatch{Name: partyPtr("Eve")})
					return err
				},
				"Contact":  func() error { _, err := a.Contact(ctx, actor, c.ID); return err },
				"Contacts": func() error { _, err := a.Contacts(ctx, actor, org.ID); return err },
			}
			for name, call := range calls {
				if err := call(); errs.CodeOf(err) != errs.Unauthorized {
					t.Errorf("%s as %+v: %v, want unauthorized", name, actor, err)
				}
			}
		}
		// Nothing changed.
		if got, _ := a.Person(ctx, partyStaff, p.ID); got.Name != "Ana" {
			t.Errorf("person renamed to %q", got.Name)
		}
		if got, _ := a.Organization(ctx, partyStaff, org.ID); got.LegalName != "Acme" {
			t.Errorf("organization renamed to %q", got.LegalName)
		}
		if cs, _ := a.Contacts(ctx, partyStaff, org.ID); len(cs) != 1 || cs[0].Name != "Boris" {
			t.Errorf("contacts = %+v, want only Boris", cs)
		}
	})
}
