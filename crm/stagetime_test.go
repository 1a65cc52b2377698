package crm

import (
	"maps"
	"testing"
	"time"
)

func TestTimeInStages(t *testing.T) {
	h := 24 * time.Hour
	p := DefaultPipeline()
	moved := validOpp()
	for _, m := range []struct {
		to string
		at time.Time
	}{{"qualified", day(2)}, {"meeting", day(5)}, {"qualified", day(6)}} {
		if err := p.Move(&moved, m.to, m.at, "anna", ""); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name string
		o    Opportunity
		now  time.Time
		want map[string]time.Duration
	}{
		{"never moved", validOpp(), day(4), map[string]time.Duration{"lead": 4 * h}},
		// lead 2 days, qualified 3 days, meeting 1 day, back in qualified 4 more days.
		{"three moves, one stage twice", moved, day(10),
			map[string]time.Duration{"lead": 2 * h, "qualified": 7 * h, "meeting": h}},
		{"now before last move counts nothing more", moved, day(6),
			map[string]time.Duration{"lead": 2 * h, "qualified": 3 * h, "meeting": h}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TimeInStages(tt.o, tt.now); !maps.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestStale(t *testing.T) {
	p := DefaultPipeline()
	movedDay5 := validOpp()
	movedDay5.Stage = "qualified"
	movedDay5.History = []StageChange{{"lead", "qualified", day(5), "anna"}}
	won := validOpp()
	won.Stage = "won"
	tests := []struct {
		name         string
		o            Opportunity
		lastActivity time.Time
		now          time.Time
		want         bool
	}{
		{"nothing since creation", validOpp(), time.Time{}, day(14), true},
		{"just under", validOpp(), time.Time{}, day(14).Add(-time.Second), false},
		{"recent activity", validOpp(), day(10), day(14), false},
		{"old activity", validOpp(), day(-3), day(14), true},
		{"recent move", movedDay5, day(1), day(14), false},
		{"won never stale", won, time.Time{}, day(100), false},
	}
	for _, tt := range tests {
		if got := p.Stale(tt.o, tt.lastActivity, tt.now, 14); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
