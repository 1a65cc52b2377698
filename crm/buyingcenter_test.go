package crm

import (
	"slices"
	"testing"

	"b2x/party"
)

func TestMissingRoles(t *testing.T) {
	ceo := party.Contact{ID: "a", Role: party.DecisionMaker}
	cfo := party.Contact{ID: "b", Role: party.FinancialApprover}
	tech := party.Contact{ID: "c", Role: party.TechnicalEvaluator}
	outsider := party.Contact{ID: "d"}
	tests := []struct {
		name     string
		contacts []party.Contact
		extra    []party.Role
		want     []party.Role
	}{
		{"nobody", nil, nil, []party.Role{party.DecisionMaker, party.FinancialApprover}},
		{"contacts outside the buying center do not count", []party.Contact{outsider}, nil,
			[]party.Role{party.DecisionMaker, party.FinancialApprover}},
		{"no CFO", []party.Contact{ceo, tech}, nil, []party.Role{party.FinancialApprover}},
		{"complete", []party.Contact{cfo, ceo}, nil, nil},
		{"an extra role the company requires", []party.Contact{cfo, ceo}, []party.Role{party.TechnicalEvaluator},
			[]party.Role{party.TechnicalEvaluator}},
		{"extra role held", []party.Contact{cfo, ceo, tech}, []party.Role{party.TechnicalEvaluator}, nil},
	}
	for _, tt := range tests {
		if got := MissingRoles(tt.contacts, tt.extra...); !slices.Equal(got, tt.want) {
			t.Errorf("%s: MissingRoles = %v, want %v", tt.name, got, tt.want)
		}
	}
}
