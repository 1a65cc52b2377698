package crm

import (
	"testing"
	"time"

	"b2x/errs"
)

func TestMove(t *testing.T) {
	p := DefaultPipeline()
	tests := []struct {
		name      string
		from      string
		to        string
		at        time.Time
		by        string
		reason    string
		wantCode  errs.Code // "" means success
		wantStage string
	}{
		{"forward", "lead", "qualified", day(1), "anna", "", "", "qualified"},
		{"skip stages", "lead", "negotiation", day(1), "anna", "", "", "negotiation"},
		{"backward", "proposal", "meeting", day(1), "anna", "", "", "meeting"},
		{"win", "negotiation", "won", day(1), "anna", "", "", "won"},
		{"lose with reason", "proposal", "lost", day(1), "anna", "  over budget ", "", "lost"},
		{"lose without reason", "proposal", "lost", day(1), "anna", "  ", errs.Invalid, "proposal"},
		{"leave won", "won", "negotiation", day(1), "anna", "", errs.Conflict, "won"},
		{"leave lost", "lost", "lead", day(1), "anna", "", errs.Conflict, "lost"},
		{"won to lost", "won", "lost", day(1), "anna", "changed mind", errs.Conflict, "won"},
		{"same stage", "lead", "lead", day(1), "anna", "", errs.Conflict, "lead"},
		{"unknown stage", "lead", "dreaming", day(1), "anna", "", errs.Invalid, "lead"},
		{"no actor", "lead", "qualified", day(1), "", "", errs.Invalid, "lead"},
		{"before creation", "lead", "qualified", day(-1), "anna", "", errs.Invalid, "lead"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := validOpp()
			o.Stage, o.Probability = tt.from, pct(33)
			if tt.from == "lost" {
				o.LostReason = "price"
			}
			err := p.Move(&o, tt.to, tt.at, tt.by, tt.reason)
			if tt.wantCode == "" {
				if err != nil {
					t.Fatal(err)
				}
				want := StageChange{From: tt.from, To: tt.to, At: tt.at, By: tt.by}
				if len(o.History) != 1 || o.History[0] != want {
					t.Errorf("history = %+v, want %+v", o.History, want)
				}
				if o.Probability != nil {
					t.Error("the probability override survived the move")
				}
				if err := p.Check(&o); err != nil {
					t.Errorf("moved deal does not check: %v", err)
				}
			} else {
				if errs.CodeOf(err) != tt.wantCode {
					t.Fatalf("err = %v, want %s", err, tt.wantCode)
				}
				if len(o.History) != 0 || o.Probability == nil {
					t.Error("a refused move changed the deal")
				}
			}
			if o.Stage != tt.wantStage {
				t.Errorf("stage = %s, want %s", o.Stage, tt.wantStage)
			}
			if tt.to == "lost" && tt.wantCode == "" && o.LostReason != "over budget" {
				t.Errorf("lost reason = %q", o.LostReason)
			}
		})
	}
}

func TestReopen(t *testing.T) {
	p := DefaultPipeline()
	tests := []struct {
		name     string
		from, to string
		wantCode errs.Code
	}{
		{"lost to qualified", "lost", "qualified", ""},
		{"won to negotiation", "won", "negotiation", ""},
		{"open deal", "proposal", "lead", errs.Conflict},
		{"into a closed stage", "lost", "won", errs.Invalid},
		{"unknown", "lost", "x", errs.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := validOpp()
			o.Stage = tt.from
			if tt.from == "lost" {
				o.LostReason = "price"
			}
			err := p.Reopen(&o, tt.to, day(3), "boss")
			if tt.wantCode != "" {
				if errs.CodeOf(err) != tt.wantCode || o.Stage != tt.from {
					t.Fatalf("err = %v, stage %s", err, o.Stage)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if o.Stage != tt.to || o.LostReason != "" || len(o.History) != 1 || o.History[0].From != tt.from {
				t.Errorf("after reopen: %+v", o)
			}
			if err := p.Move(&o, "proposal", day(4), "anna", ""); err != nil {
				t.Errorf("a reopened deal cannot move: %v", err)
			}
		})
	}
}
