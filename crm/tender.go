package crm

import (
	"fmt"
	"slices"
	"time"

	"b2x/errs"
	"b2x/money"
)

// Decision is whether we take part in a tender.
type Decision string

const (
	Undecided Decision = "undecided"
	Bid       Decision = "bid"
	NoBid     Decision = "no_bid"
)

// Valid reports whether d is a known decision.
func (d Decision) Valid() bool { return d == Undecided || d == Bid || d == NoBid }

// Outcome is how a tender ended for us.
type Outcome string

const (
	OutcomePending   Outcome = "pending"
	OutcomeWon       Outcome = "won"
	OutcomeLost      Outcome = "lost"
	OutcomeCancelled Outcome = "cancelled" // the customer called the tender off
)

// Valid reports whether o is a known outcome.
func (o Outcome) Valid() bool {
	return o == OutcomePending || o == OutcomeWon || o == OutcomeLost || o == OutcomeCancelled
}

// Requirement is one line of the customer's checklist and whether our bid meets it.
type Requirement struct {
	Text string `json:"text"`
	Met  bool   `json:"met"`
}

// Tender is a large customer's call for bids that we track (S5).
type Tender struct {
	ID             string        `json:"id"`
	OrganizationID string        `json:"organization_id"`
	Title          string        `json:"title"`
	PublishedAt    time.Time     `json:"published_at"`
	Deadline       time.Time     `json:"deadline"`
	Requirements   []Requirement `json:"requirements,omitempty"`
	Documents      []string      `json:"documents,omitempty"` // names or ids of attached files
	Decision       Decision      `json:"decision"`
	DecisionReason string        `json:"decision_reason,omitempty"`
	QuoteID        string        `json:"quote_id,omitempty"`
	SubmittedAt    time.Time     `json:"submitted_at,omitzero"`
	Outcome        Outcome       `json:"outcome"`
	WinnerName     string        `json:"winner_name,omitempty"`
	WinningPrice   money.Amount  `json:"winning_price,omitzero"`
}

// Validate checks every field and reports all problems at once. The rules:
//   - the deadline is after publication;
//   - no-bid needs its reason (the next tender of this customer is decided from it);
//   - a submission needs a bid decision and our quote, and lies between publication
//     and the deadline: a late bid is refused by the customer, so it is refused here;
//   - won or lost needs a submission: without a bid there is nothing to win;
//   - lost needs the winner's name; the winning price is optional, since private
//     tenders do not always publish it (a zero amount means unknown), but when given
//     it is a positive amount in a known currency;
//   - only a lost tender has a winner or a winning price (when we win, the price is
//     our quote).
func (t *Tender) Validate() error {
	var fs errs.Fields
	if t.OrganizationID == "" {
		fs.Add("organization_id", "is required")
	}
	checkText(&fs, "title", t.Title, MaxTitle, true)
	if t.PublishedAt.IsZero() {
		fs.Add("published_at", "is required")
	}
	switch {
	case t.Deadline.IsZero():
		fs.Add("deadline", "is required")
	case !t.Deadline.After(t.PublishedAt):
		fs.Add("deadline", "must be after the tender was published")
	}
	for i, r := range t.Requirements {
		checkText(&fs, fmt.Sprintf("requirements[%d].text", i), r.Text, MaxReason, true)
	}
	for i, d := range t.Documents {
		if blank(d) || slices.Index(t.Documents, d) < i {
			fs.Add(fmt.Sprintf("documents[%d]", i), "is empty or appears twice")
		}
	}
	if !t.Decision.Valid() {
		fs.Add("decision", "must be one of undecided, bid, no_bid")
	}
	checkText(&fs, "decision_reason", t.DecisionReason, MaxReason, t.Decision == NoBid)
	t.validateSubmission(&fs)
	t.validateOutcome(&fs)
	return fs.Err()
}

func (t *Tender) validateSubmission(fs *errs.Fields) {
	if t.SubmittedAt.IsZero() {
		return
	}
	if t.Decision != Bid {
		fs.Add("submitted_at", "only a tender we bid on is submitted")
	}
	if t.QuoteID == "" {
		fs.Add("quote_id", "is required once the bid is submitted")
	}
	if t.SubmittedAt.Before(t.PublishedAt) {
		fs.Add("submitted_at", "is earlier than the tender was published")
	}
	if !t.Deadline.IsZero() && t.SubmittedAt.After(t.Deadline) {
		fs.Add("submitted_at", "is after the deadline")
	}
}

func (t *Tender) validateOutcome(fs *errs.Fields) {
	if !t.Outcome.Valid() {
		fs.Add("outcome", "must be one of pending, won, lost, cancelled")
		return
	}
	if (t.Outcome == OutcomeWon || t.Outcome == OutcomeLost) && t.SubmittedAt.IsZero() {
		fs.Add("outcome", "a tender is won or lost only after our bid was submitted")
	}
	if t.Outcome != OutcomeLost {
		if t.WinnerName != "" || !t.WinningPrice.IsZero() {
			fs.Add("winner_name", "only a lost tender records the winner")
		}
		return
	}
	checkText(fs, "winner_name", t.WinnerName, MaxTitle, true)
	if t.WinningPrice.IsZero() {
		return
	}
	switch _, ok := money.Digits(t.WinningPrice.Currency); {
	case !ok:
		fs.Add("winning_price", "unknown currency %q", t.WinningPrice.Currency)
	case t.WinningPrice.Minor <= 0 || t.WinningPrice.Minor > money.MaxMinor:
		fs.Add("winning_price", "must be positive")
	}
}
