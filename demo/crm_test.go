package demo

import (
	"reflect"
	"testing"
	"time"

	"b2x/crm"
)

func TestGenerateCRM(t *testing.T) {
	now := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	d := Generate(7, now)
	again := Generate(7, now)
	if !reflect.DeepEqual(d.CRM, again.CRM) {
		t.Fatal("the same seed and now gave different CRM data")
	}
	c := d.CRM
	if len(c.Opportunities) != CRMFull.Opportunities || len(c.Activities) != CRMFull.Activities || len(c.Tenders) != CRMFull.Tenders {
		t.Fatalf("sizes: %d deals, %d activities, %d tenders", len(c.Opportunities), len(c.Activities), len(c.Tenders))
	}
	p := crm.DefaultPipeline()
	stages := map[string]int{}
	for i := range c.Opportunities {
		o := &c.Opportunities[i]
		if err := p.Check(o); err != nil {
			t.Fatalf("deal %d: %v", i, err)
		}
		stages[o.Stage]++
		if o.CreatedAt.After(now) {
			t.Fatalf("deal %d created in the future", i)
		}
	}
	for _, s := range p.Stages {
		if stages[s.Key] == 0 {
			t.Errorf("no deal in %s: %v", s.Key, stages)
		}
	}
	overdue := crm.Overdue(c.Activities, now)
	if len(overdue) == 0 {
		t.Error("no overdue activity: the overdue lists would be empty in the demo")
	}
	for i := range c.Activities {
		if err := c.Activities[i].Validate(); err != nil {
			t.Fatalf("activity %d: %v", i, err)
		}
	}
	current := map[string]int{}
	for _, a := range c.Assignments {
		if a.Current() {
			current[a.OrganizationID]++
		}
	}
	if len(current) != len(d.Organizations) {
		t.Errorf("%d of %d organizations have a manager", len(current), len(d.Organizations))
	}
	for org, n := range current {
		if n != 1 {
			t.Errorf("%s has %d current managers", org, n)
		}
	}
	for i := range c.Tenders {
		if err := c.Tenders[i].Validate(); err != nil {
			t.Fatalf("tender %d: %v", i, err)
		}
	}
}
