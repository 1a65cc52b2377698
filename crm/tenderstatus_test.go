package crm

import (
	"testing"

	"b2x/errs"
)

func TestCheckTenderTransition(t *testing.T) {
	allowed := map[[2]TenderStatus]bool{
		{TenderOpen, TenderBidding}: true, {TenderOpen, TenderDeclined}: true, {TenderOpen, TenderCancelled}: true,
		{TenderBidding, TenderOpen}: true, {TenderBidding, TenderDeclined}: true, {TenderBidding, TenderSubmitted}: true,
		{TenderBidding, TenderCancelled}: true,
		{TenderDeclined, TenderOpen}:     true, {TenderDeclined, TenderBidding}: true, {TenderDeclined, TenderCancelled}: true,
		{TenderSubmitted, TenderWon}: true, {TenderSubmitted, TenderLost}: true, {TenderSubmitted, TenderCancelled}: true,
	}
	for _, from := range TenderStatuses {
		for _, to := range TenderStatuses {
			err := CheckTenderTransition(from, to)
			if allowed[[2]TenderStatus{from, to}] != (err == nil) {
				t.Errorf("%s → %s: err = %v", from, to, err)
			}
			if err != nil && errs.CodeOf(err) != errs.Conflict {
				t.Errorf("%s → %s: code %s", from, to, errs.CodeOf(err))
			}
		}
	}
	if errs.CodeOf(CheckTenderTransition(TenderOpen, "x")) != errs.Invalid {
		t.Error("an unknown status is not invalid input")
	}
	for _, s := range TenderStatuses {
		if s.Final() != (s == TenderWon || s == TenderLost || s == TenderCancelled) {
			t.Errorf("%s: Final = %v", s, s.Final())
		}
	}
}

func TestTenderLifecycle(t *testing.T) {
	type step struct {
		name     string
		do       func(tn *Tender) error
		wantCode errs.Code
		status   TenderStatus
	}
	decide := func(d Decision, r string) func(*Tender) error {
		return func(tn *Tender) error { return tn.Decide(d, r) }
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"bid, submit, lose", []step{
			{"no-bid without reason", decide(NoBid, " "), errs.Invalid, TenderOpen},
			{"no-bid", decide(NoBid, "needs own fleet"), "", TenderDeclined},
			{"changed our mind", decide(Bid, ""), "", TenderBidding},
			{"submit without quote", func(tn *Tender) error { return tn.Submit("", day(5)) }, errs.Invalid, TenderBidding},
			{"submit late", func(tn *Tender) error { return tn.Submit("q1", day(31)) }, errs.Conflict, TenderBidding},
			{"submit", func(tn *Tender) error { return tn.Submit("q1", day(30)) }, "", TenderSubmitted},
			{"no decisions after submission", decide(NoBid, "too late"), errs.Conflict, TenderSubmitted},
			{"lost without winner", func(tn *Tender) error { return tn.Close(OutcomeLost, "", eur(1)) }, errs.Invalid, TenderSubmitted},
			{"lost", func(tn *Tender) error { return tn.Close(OutcomeLost, "Rival", eur(80_000_00)) }, "", TenderLost},
			{"final", func(tn *Tender) error { return tn.Close(OutcomeWon, "", eur(0)) }, errs.Conflict, TenderLost},
		}},
		{"cannot submit undecided or win unsubmitted", []step{
			{"submit undecided", func(tn *Tender) error { return tn.Submit("q1", day(1)) }, errs.Conflict, TenderOpen},
			{"win", func(tn *Tender) error { return tn.Close(OutcomeWon, "", eur(0)) }, errs.Conflict, TenderOpen},
			{"pending is not a close", func(tn *Tender) error { return tn.Close(OutcomePending, "", eur(0)) }, errs.Invalid, TenderOpen},
			{"cancel", func(tn *Tender) error { return tn.Close(OutcomeCancelled, "", eur(0)) }, "", TenderCancelled},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tn := validTender()
			for _, s := range tt.steps {
				err := s.do(&tn)
				if tt := s.wantCode; (tt == "") != (err == nil) || (err != nil && errs.CodeOf(err) != tt) {
					t.Fatalf("%s: err = %v, want %q", s.name, err, s.wantCode)
				}
				if tn.Status() != s.status {
					t.Fatalf("%s: status %s, want %s", s.name, tn.Status(), s.status)
				}
				if err := tn.Validate(); err != nil {
					t.Fatalf("%s: tender no longer valid: %v", s.name, err)
				}
			}
		})
	}
}
