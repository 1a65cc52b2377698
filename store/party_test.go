package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/party"
	"b2x/store"
	"b2x/store/storetest"
)

// A time with nanoseconds and a zone other than UTC: it must read back as its UTC
// microsecond.
var partyTime = time.Date(2024, 3, 5, 10, 11, 12, 123456789, time.FixedZone("CET", 3600))

func TestPartyPersonRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		p := party.Person{ID: ids.New(), Name: "Ana Novak", Email: "ana@example.com", Phone: "+386 1 234 5678",
			Trade: true, Group: "contractors", CreatedAt: partyTime, UpdatedAt: partyTime.Add(time.Hour)}
		partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertPerson(ctx, &p) })

		got := partyReadPerson(t, db, p.ID)
		want := p
		want.CreatedAt = partyTime.UTC().Truncate(time.Microsecond)
		want.UpdatedAt = partyTime.Add(time.Hour).UTC().Truncate(time.Microsecond)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("read back\n got %+v\nwant %+v", got, want)
		}
		if got.CreatedAt.Location() != time.UTC {
			t.Errorf("CreatedAt location = %v, want UTC", got.CreatedAt.Location())
		}

		// Update writes every field but created_at.
		up := want
		up.Name, up.Email, up.Phone, up.Trade, up.Group = "Ana Kovač", "", "", false, ""
		up.CreatedAt = partyTime.Add(24 * time.Hour) // ignored
		up.UpdatedAt = partyTime.Add(2 * time.Hour).UTC().Truncate(time.Microsecond)
		partyWrite(t, db, func(tx *store.Tx) error { return tx.UpdatePerson(ctx, &up) })
		got = partyReadPerson(t, db, p.ID)
		up.CreatedAt = want.CreatedAt
		if !reflect.DeepEqual(got, up) {
			t.Fatalf("after update\n got %+v\nwant %+v", got, up)
		}

		missing := party.Person{ID: ids.New(), Name: "Nobody", CreatedAt: partyTime, UpdatedAt: partyTime}
		err := db.Write(ctx, func(tx *store.Tx) error { return tx.UpdatePerson(ctx, &missing) })
		if errs.CodeOf(err) != errs.NotFound {
			t.Errorf("update missing person: %v, want not_found", err)
		}
		err = db.Read(ctx, func(tx *store.Tx) error { _, err := tx.Person(ctx, missing.ID); return err })
		if errs.CodeOf(err) != errs.NotFound {
			t.Errorf("read missing person: %v, want not_found", err)
		}
	})
}

func TestPartyOrganizationRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := party.Organization{
			ID: ids.New(), LegalName: "Gradnja d.o.o.", TaxID: "SI12345678", Industry: "Construction",
			Employees: 42, TurnoverBand: party.TurnoverSmall,
			Capabilities: map[party.Capability]bool{party.OwnTransport: false, party.Accounting: true, party.IT: false},
			Group:        "wholesale", PaymentTerms: party.Net30, CreditLimit: money.MustNew(5_000_00, "EUR"),
			Website: "https://gradnja.example", Address: "Dunajska 1\n1000 Ljubljana",
			CreatedAt: partyTime.UTC().Truncate(time.Microsecond), UpdatedAt: partyTime.UTC().Truncate(time.Microsecond),
		}
		partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertOrganization(ctx, &o) })
		got := partyReadOrganization(t, db, o.ID)
		if !reflect.DeepEqual(got, o) {
			t.Fatalf("read back\n got %+v\nwant %+v", got, o)
		}
		if !got.Lacks(party.OwnTransport) || got.Lacks(party.Legal) {
			t.Errorf("capabilities lost their known/unknown distinction: %v", got.Capabilities)
		}

		// Zero credit is stored without a currency; no capabilities read back as nil.
		up := o
		up.LegalName, up.TaxID, up.Industry, up.Employees, up.TurnoverBand = "Gradnja Plus d.o.o.", "", "", 0, ""
		up.Capabilities, up.Group, up.PaymentTerms, up.Website, up.Address = map[party.Capability]bool{}, "", "", "", ""
		up.CreditLimit = money.Amount{Currency: "EUR"}
		up.UpdatedAt = o.UpdatedAt.Add(time.Minute)
		partyWrite(t, db, func(tx *store.Tx) error { return tx.UpdateOrganization(ctx, &up) })
		got = partyReadOrganization(t, db, o.ID)
		want := up
		want.Capabilities, want.CreditLimit = nil, money.Amount{}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("after update\n got %+v\nwant %+v", got, want)
		}

		missing := o
		missing.ID = ids.New()
		err := db.Write(ctx, func(tx *store.Tx) error { return tx.UpdateOrganization(ctx, &missing) })
		if errs.CodeOf(err) != errs.NotFound {
			t.Errorf("update missing organization: %v, want not_found", err)
		}
		err = db.Read(ctx, func(tx *store.Tx) error { _, err := tx.Organization(ctx, missing.ID); return err })
		if errs.CodeOf(err) != errs.NotFound {
			t.Errorf("read missing organization: %v, want not_found", err)
		}
	})
}

func TestPartyContactRoundTrip(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := partyOrg(t, db, "Acme", "", "")
		other := partyOrg(t, db, "Other", "", "")
		c := party.Contact{
			ID: ids.New(), OrganizationID: org.ID, Name: "Boris Horvat", Email: "boris@acme.example", Phone: "01 555 1234",
			JobTitle: "Head of purchasing", Role: party.FinancialApprover, Influence: 4, Sphere: party.Budget,
			RequiredApprover: true, CreatedAt: partyTime, UpdatedAt: partyTime,
		}
		partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertContact(ctx, &c) })
		got := partyReadContact(t, db, c.ID)
		want := c
		want.CreatedAt = partyTime.UTC().Truncate(time.Microsecond)
		want.UpdatedAt = want.CreatedAt
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("read back\n got %+v\nwant %+v", got, want)
		}

		// Update changes every field but the organization and created_at.
		up := want
		up.OrganizationID = other.ID // ignored
		up.Name, up.Email, up.Phone, up.JobTitle = "Boris H.", "", "", ""
		up.Role, up.Influence, up.Sphere, up.RequiredApprover = "", 0, "", false
		up.UpdatedAt = want.UpdatedAt.Add(time.Second)
		partyWrite(t, db, func(tx *store.Tx) error { return tx.UpdateContact(ctx, &up) })
		got = partyReadContact(t, db, c.ID)
		up.OrganizationID = org.ID
		if !reflect.DeepEqual(got, up) {
			t.Fatalf("after update\n got %+v\nwant %+v", got, up)
		}

		missing := up
		missing.ID = ids.New()
		err := db.Write(ctx, func(tx *store.Tx) error { return tx.UpdateContact(ctx, &missing) })
		if errs.CodeOf(err) != errs.NotFound {
			t.Errorf("update missing contact: %v, want not_found", err)
		}
		err = db.Read(ctx, func(tx *store.Tx) error { _, err := tx.Contact(ctx, missing.ID); return err })
		if errs.CodeOf(err) != errs.NotFound {
			t.Errorf("read missing contact: %v, want not_found", err)
		}

		// The organization must exist.
		orphan := party.Contact{ID: ids.New(), OrganizationID: ids.New(), Name: "Orphan", CreatedAt: partyTime, UpdatedAt: partyTime}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.InsertContact(ctx, &orphan) }); err == nil {
			t.Error("inserted a contact of a missing organization")
		}
	})
}

func TestPartyContactsOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org := partyOrg(t, db, "Acme", "", "")
		other := partyOrg(t, db, "Other", "", "")
		add := func(orgID, name string, influence int) {
			c := party.Contact{ID: ids.New(), OrganizationID: orgID, Name: name, Influence: influence, CreatedAt: partyTime, UpdatedAt: partyTime}
			partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertContact(ctx, &c) })
		}
		add(org.ID, "Dora", 2)
		add(org.ID, "Cene", 5)
		add(org.ID, "Bine", 2)
		add(org.ID, "Ana", 0)
		add(other.ID, "Zala", 5)

		var cs []party.Contact
		err := db.Read(ctx, func(tx *store.Tx) (err error) { cs, err = tx.Contacts(ctx, org.ID); return err })
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, c := range cs {
			names = append(names, c.Name)
		}
		if want := []string{"Cene", "Bine", "Dora", "Ana"}; !reflect.DeepEqual(names, want) {
			t.Errorf("contacts = %v, want %v", names, want)
		}

		err = db.Read(ctx, func(tx *store.Tx) (err error) { cs, err = tx.Contacts(ctx, ids.New()); return err })
		if err != nil || len(cs) != 0 {
			t.Errorf("contacts of an unknown organization = %v, %v; want none", cs, err)
		}
	})
}

func TestPartyListPersons(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		add := func(name, email, phone string, trade bool) string {
			p := party.Person{ID: ids.New(), Name: name, Email: email, Phone: phone, Trade: trade, CreatedAt: partyTime, UpdatedAt: partyTime}
			partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertPerson(ctx, &p) })
			return p.ID
		}
		ana := add("Ana Novak", "ana@example.com", "040 111 222", false)
		bor := add("Boris NOVAK", "boris@example.com", "", true)
		cir := add("Ciril Zupan", "cz@novak-gradnja.example", "", true)
		dan := add("Dan 100%_off", "dan@example.com", "041 999 000", false)

		yes, no := true, false
		tests := []struct {
			name string
			f    store.PersonFilter
			want []string
		}{
			{"all", store.PersonFilter{Limit: 10}, []string{ana, bor, cir, dan}},
			{"name case-insensitive", store.PersonFilter{Query: "novak", Limit: 10}, []string{ana, bor, cir}},
			{"email", store.PersonFilter{Query: "BORIS@", Limit: 10}, []string{bor}},
			{"phone", store.PersonFilter{Query: "999", Limit: 10}, []string{dan}},
			{"like wildcards are literal", store.PersonFilter{Query: "%_", Limit: 10}, []string{dan}},
			{"underscore is literal", store.PersonFilter{Query: "a_a", Limit: 10}, nil},
			{"trade", store.PersonFilter{Trade: &yes, Limit: 10}, []string{bor, cir}},
			{"private", store.PersonFilter{Trade: &no, Limit: 10}, []string{ana, dan}},
			{"query and trade", store.PersonFilter{Query: "novak", Trade: &no, Limit: 10}, []string{ana}},
			{"first page", store.PersonFilter{Limit: 2}, []string{ana, bor}},
			{"second page", store.PersonFilter{After: bor, Limit: 2}, []string{cir, dan}},
			{"last page", store.PersonFilter{After: dan, Limit: 2}, nil},
			{"paged filter", store.PersonFilter{Trade: &yes, After: bor, Limit: 2}, []string{cir}},
		}
		for _, tt := range tests {
			var ps []party.Person
			err := db.Read(ctx, func(tx *store.Tx) (err error) { ps, err = tx.ListPersons(ctx, tt.f); return err })
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			var got []string
			for _, p := range ps {
				got = append(got, p.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
			}
		}
	})
}

func TestPartyListOrganizations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		a := partyOrg(t, db, "Gradnja d.o.o.", "SI111", "Construction").ID
		b := partyOrg(t, db, "Elektro Gradnja", "SI222", "construction").ID
		c := partyOrg(t, db, "Softline", "HR333", "IT").ID
		d := partyOrg(t, db, "Blue 50%_Co", "", "Retail").ID

		tests := []struct {
			name string
			f    store.OrganizationFilter
			want []string
		}{
			{"all", store.OrganizationFilter{Limit: 10}, []string{a, b, c, d}},
			{"legal name", store.OrganizationFilter{Query: "GRADNJA", Limit: 10}, []string{a, b}},
			{"tax id", store.OrganizationFilter{Query: "hr3", Limit: 10}, []string{c}},
			{"like wildcards are literal", store.OrganizationFilter{Query: "%_", Limit: 10}, []string{d}},
			{"industry case-insensitive", store.OrganizationFilter{Industry: "CONSTRUCTION", Limit: 10}, []string{a, b}},
			{"industry is not a substring match", store.OrganizationFilter{Industry: "Constr", Limit: 10}, nil},
			{"query and industry", store.OrganizationFilter{Query: "elektro", Industry: "Construction", Limit: 10}, []string{b}},
			{"first page", store.OrganizationFilter{Limit: 3}, []string{a, b, c}},
			{"second page", store.OrganizationFilter{After: c, Limit: 3}, []string{d}},
			{"paged filter", store.OrganizationFilter{Industry: "construction", After: a, Limit: 1}, []string{b}},
		}
		for _, tt := range tests {
			var orgs []party.Organization
			err := db.Read(ctx, func(tx *store.Tx) (err error) { orgs, err = tx.ListOrganizations(ctx, tt.f); return err })
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			var got []string
			for _, o := range orgs {
				got = append(got, o.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
			}
		}
	})
}

func partyWrite(t *testing.T, db *store.DB, fn func(*store.Tx) error) {
	t.Helper()
	if err := db.Write(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

func partyOrg(t *testing.T, db *store.DB, name, taxID, industry string) party.Organization {
	t.Helper()
	o := party.Organization{ID: ids.New(), LegalName: name, TaxID: taxID, Industry: industry, CreatedAt: partyTime, UpdatedAt: partyTime}
	partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertOrganization(context.Background(), &o) })
	return o
}

func partyReadPerson(t *testing.T, db *store.DB, id string) party.Person {
	t.Helper()
	var p party.Person
	if err := db.Read(context.Background(), func(tx *store.Tx) (err error) { p, err = tx.Person(context.Background(), id); return err }); err != nil {
		t.Fatal(err)
	}
	return p
}

func partyReadOrganization(t *testing.T, db *store.DB, id string) party.Organization {
	t.Helper()
	var o party.Organization
	if err := db.Read(context.Background(), func(tx *store.Tx) (err error) { o, err = tx.Organization(context.Background(), id); return err }); err != nil {
		t.Fatal(err)
	}
	return o
}

func partyReadContact(t *testing.T, db *store.DB, id string) party.Contact {
	t.Helper()
	var c party.Contact
	if err := db.Read(context.Background(), func(tx *store.Tx) (err error) { c, err = tx.Contact(context.Background(), id); return err }); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSearchFoldsUnicodeCase: a Cyrillic search ignores case on both engines.
func TestSearchFoldsUnicodeCase(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Now().UTC()
		p := party.Person{ID: ids.New(), Name: "Иван Кирпичников", CreatedAt: now, UpdatedAt: now}
		if err := db.Write(ctx, func(tx *store.Tx) error { return tx.InsertPerson(ctx, &p) }); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"кирпич", "КИРПИЧ", "Кирпич"} {
			var got []party.Person
			err := db.Read(ctx, func(tx *store.Tx) (err error) {
				got, err = tx.ListPersons(ctx, store.PersonFilter{Query: q, Limit: 10})
				return err
			})
			if err != nil || len(got) != 1 {
				t.Errorf("search %q found %d, %v", q, len(got), err)
			}
		}
	})
}
