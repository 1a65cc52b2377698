package crm

import (
	"testing"

	"b2x/money"
)

func validTender() Tender {
	return Tender{
		ID: "t1", OrganizationID: "org1", Title: "Supply of bricks 2026", PublishedAt: t0, Deadline: day(30),
		Requirements: []Requirement{{Text: "ISO 9001", Met: true}, {Text: "Delivery in 2 weeks"}},
		Documents:    []string{"spec.pdf"}, Decision: Undecided, Outcome: OutcomePending,
	}
}

func TestTenderValidate(t *testing.T) {
	submitted := func(tn *Tender) { tn.Decision, tn.QuoteID, tn.SubmittedAt = Bid, "q1", day(29) }
	tests := []struct {
		name   string
		edit   func(tn *Tender)
		fields []string
	}{
		{"open", func(*Tender) {}, nil},
		{"empty", func(tn *Tender) { *tn = Tender{} },
			[]string{"organization_id", "title", "published_at", "deadline", "decision", "outcome"}},
		{"deadline before published", func(tn *Tender) { tn.Deadline = day(-1) }, []string{"deadline"}},
		{"deadline equals published", func(tn *Tender) { tn.Deadline = t0 }, []string{"deadline"}},
		{"requirement and documents", func(tn *Tender) {
			tn.Requirements = append(tn.Requirements, Requirement{Text: " "})
			tn.Documents = []string{"a.pdf", "a.pdf", ""}
		}, []string{"requirements[2].text", "documents[1]", "documents[2]"}},
		{"no-bid without reason", func(tn *Tender) { tn.Decision = NoBid }, []string{"decision_reason"}},
		{"no-bid with reason", func(tn *Tender) { tn.Decision, tn.DecisionReason = NoBid, "needs own fleet" }, nil},
		{"submitted", submitted, nil},
		{"submitted at the deadline", func(tn *Tender) { submitted(tn); tn.SubmittedAt = tn.Deadline }, nil},
		{"submitted late", func(tn *Tender) { submitted(tn); tn.SubmittedAt = day(31) }, []string{"submitted_at"}},
		{"submitted without quote or bid", func(tn *Tender) { submitted(tn); tn.QuoteID, tn.Decision = "", Undecided },
			[]string{"quote_id", "submitted_at"}},
		{"submitted before published", func(tn *Tender) { submitted(tn); tn.SubmittedAt = day(-1) }, []string{"submitted_at"}},
		{"won", func(tn *Tender) { submitted(tn); tn.Outcome = OutcomeWon }, nil},
		{"won without submission", func(tn *Tender) { tn.Outcome = OutcomeWon }, []string{"outcome"}},
		{"won with a winner", func(tn *Tender) { submitted(tn); tn.Outcome, tn.WinnerName = OutcomeWon, "Rival" }, []string{"winner_name"}},
		{"lost with winner and price", func(tn *Tender) {
			submitted(tn)
			tn.Outcome, tn.WinnerName, tn.WinningPrice = OutcomeLost, "Rival LLC", eur(90_000_00)
		}, nil},
		{"lost with winner, price not published", func(tn *Tender) { submitted(tn); tn.Outcome, tn.WinnerName = OutcomeLost, "Rival" }, nil},
		{"lost without winner", func(tn *Tender) { submitted(tn); tn.Outcome = OutcomeLost }, []string{"winner_name"}},
		{"lost with a bad price", func(tn *Tender) {
			submitted(tn)
			tn.Outcome, tn.WinnerName, tn.WinningPrice = OutcomeLost, "Rival", money.Amount{Minor: -5, Currency: "EUR"}
		}, []string{"winning_price"}},
		{"cancelled before a decision", func(tn *Tender) { tn.Outcome = OutcomeCancelled }, nil},
		{"unknown outcome", func(tn *Tender) { tn.Outcome = "maybe" }, []string{"outcome"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tn := validTender()
			tt.edit(&tn)
			wantFields(t, tn.Validate(), tt.fields...)
		})
	}
}
