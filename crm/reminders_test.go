package crm

import (
	"reflect"
	"testing"
	"time"
)

func TestDueReminders(t *testing.T) {
	h := time.Hour
	now := day(10)
	tender := func(id string, deadline time.Time, edit func(*Tender)) Tender {
		tn := validTender()
		tn.ID, tn.Deadline = id, deadline
		if edit != nil {
			edit(&tn)
		}
		return tn
	}
	bid := func(tn *Tender) { tn.Decision = Bid }
	tenders := []Tender{
		tender("far", now.Add(8*24*h), nil),      // no reminder yet
		tender("week", now.Add(6*24*h), nil),     // 7-day reminder
		tender("twodays", now.Add(47*h), bid),    // 2-day reminder
		tender("tomorrow", now.Add(23*h), bid),   // 1-day reminder
		tender("exactly7", now.Add(7*24*h), nil), // the boundary counts
		tender("passed", now.Add(-h), nil),       // too late
		tender("declined", now.Add(23*h), func(tn *Tender) { tn.Decision, tn.DecisionReason = NoBid, "no" }),
		tender("submitted", now.Add(23*h), func(tn *Tender) { tn.Decision, tn.QuoteID, tn.SubmittedAt = Bid, "q", now }),
		tender("cancelled", now.Add(23*h), func(tn *Tender) { tn.Outcome = OutcomeCancelled }),
	}
	type r struct {
		id   string
		lead time.Duration
	}
	got := func(leads []time.Duration) []r {
		out := []r{}
		for _, x := range DueReminders(tenders, now, leads) {
			out = append(out, r{x.TenderID, x.Lead})
			if x.Left != x.Deadline.Sub(now) {
				t.Errorf("%s: left %s", x.TenderID, x.Left)
			}
		}
		return out
	}
	tests := []struct {
		name  string
		leads []time.Duration
		want  []r
	}{
		{"default leads, by deadline", nil, []r{
			{"tomorrow", 24 * h}, {"twodays", 48 * h}, {"week", 7 * 24 * h}, {"exactly7", 7 * 24 * h},
		}},
		{"one lead", []time.Duration{3 * 24 * h}, []r{{"tomorrow", 3 * 24 * h}, {"twodays", 3 * 24 * h}}},
		{"no leads", []time.Duration{}, []r{}},
	}
	for _, tt := range tests {
		if g := got(tt.leads); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, g, tt.want)
		}
	}
}
