package crm

import (
	"reflect"
	"testing"

	"b2x/money"
)

func TestWorkload(t *testing.T) {
	p := DefaultPipeline()
	opp := func(owner, stage string, amount money.Amount) Opportunity {
		o := validOpp()
		o.Owner, o.Stage, o.Amount = owner, stage, amount
		return o
	}
	usd := money.MustNew(500, "USD")
	opps := []Opportunity{
		opp("anna", "lead", eur(100)), opp("anna", "proposal", eur(250)), opp("anna", "meeting", usd),
		opp("anna", "won", eur(9999)), opp("anna", "lost", eur(9999)),
		opp("carl", "negotiation", eur(1000)),
	}
	acts := []Activity{
		{ID: "1", Kind: KindTask, Owner: "anna", Due: day(1)},
		{ID: "2", Kind: KindCall, Owner: "anna", Due: day(2)},
		{ID: "3", Kind: KindTask, Owner: "anna", Due: day(9)},
		{ID: "4", Kind: KindTask, Owner: "dora", Due: day(1)},
		{ID: "5", Kind: KindTask, Owner: "boris", Due: day(1), DoneAt: day(1)},
	}
	orgs := map[string][]string{"anna": {"org1", "org2"}, "boris": {"org3"}}
	tests := []struct {
		name string
		orgs map[string][]string
		opps []Opportunity
		acts []Activity
		want []WorkloadRow
	}{
		{"nothing", nil, nil, nil, []WorkloadRow{}},
		{"everyone who carries something", orgs, opps, acts, []WorkloadRow{
			{Manager: "anna", Accounts: 2, OpenDeals: 3, OpenAmount: []money.Amount{eur(350), usd}, OverdueTasks: 2},
			{Manager: "boris", Accounts: 1, OpenAmount: []money.Amount{}},
			{Manager: "carl", OpenDeals: 1, OpenAmount: []money.Amount{eur(1000)}},
			{Manager: "dora", OpenAmount: []money.Amount{}, OverdueTasks: 1},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Workload(tt.orgs, tt.opps, tt.acts, day(5))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
