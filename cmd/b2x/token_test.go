package main

import (
	"context"
	"errors"
	"strings"
	"testing"

	"b2x/app"
	"b2x/money"
	"b2x/party"
	"b2x/store"
)

func TestCLITokenCreateContact(t *testing.T) {
	dsn := transferDB(t)
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(db)
	org, err := a.CreateOrganization(ctx, operator, party.Organization{LegalName: "Alpha GmbH", PaymentTerms: party.Net30,
		CreditLimit: money.MustNew(100000, "EUR")})
	if err != nil {
		t.Fatal(err)
	}
	c, err := a.CreateContact(ctx, operator, party.Contact{OrganizationID: org.ID, Name: "Carl CFO", Role: party.FinancialApprover, Influence: 4})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	out, _, err := b2x(t, nil, "token", "create", "--contact", c.ID, "--name", "portal", "--db", dsn)
	if err != nil {
		t.Fatal(err)
	}
	token := strings.TrimSpace(out)
	if !strings.HasPrefix(token, "b2x_") {
		t.Fatalf("token %q", out)
	}

	db, err = store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	actor, err := app.New(db).Authenticate(ctx, token)
	if err != nil {
		t.Fatal(err)
	}
	if !actor.Buyer() || actor.Staff() || actor.ContactID != c.ID || actor.OrganizationID != org.ID {
		t.Errorf("actor %+v, want the buyer %s of %s", actor, c.ID, org.ID)
	}

	for _, args := range [][]string{
		{"token", "create", "--db", dsn},
		{"token", "create", "--user", "a@example.com", "--contact", c.ID, "--db", dsn},
	} {
		if _, _, err := b2x(t, nil, args...); !errors.Is(err, errUsage) {
			t.Errorf("%v: err %v, want a usage error", args, err)
		}
	}
	if _, _, err := b2x(t, nil, "token", "create", "--contact", "00000000-0000-7000-8000-000000000000", "--db", dsn); err == nil ||
		!strings.Contains(err.Error(), "no contact") {
		t.Errorf("unknown contact: %v", err)
	}
	if n, _ := db.CountRows(ctx, "contact_tokens"); n != 1 {
		t.Errorf("%d contact tokens, want 1", n)
	}
}
