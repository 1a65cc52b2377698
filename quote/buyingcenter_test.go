package quote

import (
	"slices"
	"testing"

	"b2x/errs"
	"b2x/money"
	"b2x/party"
)

func fieldNames(err error) []string {
	e, ok := errs.As(err)
	if !ok {
		return nil
	}
	var out []string
	for _, f := range e.Fields {
		if !slices.Contains(out, f.Field) {
			out = append(out, f.Field)
		}
	}
	return out
}

func TestDoubters(t *testing.T) {
	tests := []struct {
		name string
		ps   []Participant
		want []string
	}{
		{"none", nil, nil},
		{"sceptic with influence 4", center, []string{"boris"}},
		{"sceptic with influence 3 is no risk", []Participant{{ContactID: "x", Stance: Sceptic, Influence: 3}}, nil},
		{"supporter with influence 5 is no risk", []Participant{{ContactID: "x", Stance: Supporter, Influence: 5}}, nil},
		{"two doubters", []Participant{
			{ContactID: "x", Stance: Sceptic, Influence: 5}, {ContactID: "y", Stance: Neutral, Influence: 5},
			{ContactID: "z", Stance: Sceptic, Influence: 4},
		}, []string{"x", "z"}},
	}
	for _, tt := range tests {
		var got []string
		for _, p := range Doubters(tt.ps) {
			got = append(got, p.ContactID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestValidateParticipants(t *testing.T) {
	if err := ValidateParticipants(center); err != nil {
		t.Fatalf("valid center: %v", err)
	}
	bad := []Participant{
		{ContactID: "", Role: "boss", Influence: 6, Sphere: "fun", Stance: "angry"},
		{ContactID: "a", Role: party.User, Influence: 1, Stance: Neutral},
		{ContactID: "a", Role: party.User, Influence: 1, Stance: Neutral},
	}
	want := []string{"participants[0].contact_id", "participants[0].role", "participants[0].influence",
		"participants[0].sphere", "participants[0].stance", "participants[2].role"}
	if got := fieldNames(ValidateParticipants(bad)); !slices.Equal(got, want) {
		t.Errorf("fields %v, want %v", got, want)
	}
}

func TestValidateRules(t *testing.T) {
	ok := []Rule{{Role: party.FinancialApprover, Above: eur(5_000_000)}, {Role: party.DecisionMaker}}
	if err := ValidateRules(ok, "EUR"); err != nil {
		t.Fatal(err)
	}
	bad := []Rule{{Role: "cfo"}, {Role: party.User, Above: eur(-1)}, {Role: party.User, Above: money.MustNew(1, "USD")}}
	want := []string{"rules[0].role", "rules[1].above", "rules[2].above"}
	if got := fieldNames(ValidateRules(bad, "EUR")); !slices.Equal(got, want) {
		t.Errorf("fields %v, want %v", got, want)
	}
}

func TestApprovalValidate(t *testing.T) {
	tests := []struct {
		name string
		a    Approval
		want []string
	}{
		{"approve", approve("anna", 1), nil},
		{"reject with reason", reject("boris", 1, "over budget"), nil},
		{"reject without reason", reject("boris", 1, ""), []string{"reason"}},
		{"empty", Approval{Role: "cfo", Decision: "maybe"}, []string{"contact_id", "role", "decision", "at"}},
	}
	for _, tt := range tests {
		if got := fieldNames(tt.a.Validate()); !slices.Equal(got, tt.want) {
			t.Errorf("%s: fields %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestFromContact(t *testing.T) {
	c := party.Contact{ID: "c1", Name: "Olga", Role: party.FinancialApprover, Influence: 4, Sphere: party.Budget, RequiredApprover: true}
	p := FromContact(c, Sceptic)
	want := Participant{ContactID: "c1", Name: "Olga", Role: party.FinancialApprover, Influence: 4, Sphere: party.Budget, Stance: Sceptic, Required: true}
	if p != want {
		t.Errorf("%+v", p)
	}
}
