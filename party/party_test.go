package party

import (
	"slices"
	"testing"

	"b2x/errs"
	"b2x/money"
)

func TestPersonGroups(t *testing.T) {
	p := Person{Name: "Ivan Petrov", Trade: true}
	if !slices.Equal(p.Groups(), []string{TradeGroup}) {
		t.Errorf("trade person groups %v", p.Groups())
	}
	p.Group = "vip"
	if !slices.Equal(p.Groups(), []string{"vip", TradeGroup}) {
		t.Errorf("groups %v", p.Groups())
	}
	p.Trade = false
	if !slices.Equal(p.Groups(), []string{"vip"}) {
		t.Errorf("groups %v", p.Groups())
	}
}

func TestOrganizationLacks(t *testing.T) {
	o := Organization{LegalName: "BuildCo", Capabilities: map[Capability]bool{OwnTransport: false, Accounting: true}}
	if !o.Lacks(OwnTransport) || o.Lacks(Accounting) || o.Lacks(IT) {
		t.Error("lacks: only what is known to be missing")
	}
}

func TestValidate(t *testing.T) {
	bad := map[string]error{
		"name":              (&Person{Name: " "}).Validate(),
		"email":             (&Person{Name: "A", Email: "a@"}).Validate(),
		"phone":             (&Person{Name: "A", Phone: "12ab"}).Validate(),
		"legal_name":        (&Organization{}).Validate(),
		"turnover_band":     (&Organization{LegalName: "X", TurnoverBand: "huge"}).Validate(),
		"capabilities":      (&Organization{LegalName: "X", Capabilities: map[Capability]bool{"canteen": true}}).Validate(),
		"payment_terms":     (&Organization{LegalName: "X", PaymentTerms: "net90"}).Validate(),
		"credit_limit":      (&Organization{LegalName: "X", CreditLimit: money.MustNew(-1, "EUR")}).Validate(),
		"employees":         (&Organization{LegalName: "X", Employees: -1}).Validate(),
		"role":              (&Contact{OrganizationID: "o", Name: "A", Role: "ceo"}).Validate(),
		"influence":         (&Contact{OrganizationID: "o", Name: "A", Influence: 6}).Validate(),
		"sphere":            (&Contact{OrganizationID: "o", Name: "A", Sphere: "gossip"}).Validate(),
		"organization_id":   (&Contact{Name: "A"}).Validate(),
		"required_approver": (&Contact{OrganizationID: "o", Name: "A", RequiredApprover: true}).Validate(),
	}
	for field, err := range bad {
		e, ok := errs.As(err)
		if !ok || e.Code != errs.Invalid || e.Fields[0].Field != field {
			t.Errorf("%s: got %v", field, err)
		}
	}
	good := Contact{OrganizationID: "o", Name: "Olga CFO", Role: FinancialApprover, Influence: 5, Sphere: Budget, RequiredApprover: true}
	if err := good.Validate(); err != nil {
		t.Error(err)
	}
}
