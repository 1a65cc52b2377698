package crm

import (
	"testing"

	"b2x/money"
)

func TestOpportunityValidate(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(o *Opportunity)
		fields []string
	}{
		{"valid", func(*Opportunity) {}, nil},
		{"person only", func(o *Opportunity) { o.OrganizationID, o.PersonID = "", "p1" }, nil},
		{"everything missing", func(o *Opportunity) { *o = Opportunity{} },
			[]string{"organization_id", "title", "amount", "stage", "expected_close", "owner", "source", "created_at"}},
		{"negative amount", func(o *Opportunity) { o.Amount = eur(-1) }, []string{"amount"}},
		{"bad currency", func(o *Opportunity) { o.Amount = money.Amount{Minor: 1, Currency: "eur"} }, []string{"amount"}},
		{"probability", func(o *Opportunity) { o.Probability = pct(120) }, []string{"probability"}},
		{"source", func(o *Opportunity) { o.Source = "fax" }, []string{"source"}},
		{"history ok", func(o *Opportunity) {
			o.Stage = "meeting"
			o.History = []StageChange{{"lead", "qualified", day(1), "anna"}, {"qualified", "meeting", day(2), "anna"}}
		}, nil},
		{"history broken", func(o *Opportunity) {
			o.Stage = "proposal"
			o.History = []StageChange{{"lead", "qualified", day(2), ""}, {"lead", "meeting", day(1), "anna"}}
		}, []string{"history[0].by", "history[1].from", "history[1].at", "stage"}},
		{"history before creation", func(o *Opportunity) {
			o.Stage = "qualified"
			o.History = []StageChange{{"lead", "qualified", day(-1), "anna"}}
		}, []string{"history[0].at"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := validOpp()
			tt.edit(&o)
			wantFields(t, o.Validate(), tt.fields...)
		})
	}
}

func TestPipelineCheck(t *testing.T) {
	p := DefaultPipeline()
	tests := []struct {
		name   string
		edit   func(o *Opportunity)
		fields []string
	}{
		{"valid", func(*Opportunity) {}, nil},
		{"unknown stage", func(o *Opportunity) { o.Stage = "dreaming" }, []string{"stage"}},
		{"lost without reason", func(o *Opportunity) { o.Stage = "lost" }, []string{"lost_reason"}},
		{"lost with reason", func(o *Opportunity) { o.Stage, o.LostReason = "lost", "price" }, nil},
		{"reason while open", func(o *Opportunity) { o.LostReason = "price" }, []string{"lost_reason"}},
		{"unknown stage in history", func(o *Opportunity) {
			o.History = []StageChange{{"x", "lead", day(1), "anna"}}
		}, []string{"history[0]"}},
		{"field errors kept", func(o *Opportunity) { o.Owner = "" }, []string{"owner"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := validOpp()
			tt.edit(&o)
			wantFields(t, p.Check(&o), tt.fields...)
		})
	}
}
