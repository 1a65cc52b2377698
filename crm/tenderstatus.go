package crm

import (
	"slices"
	"strings"
	"time"

	"b2x/errs"
	"b2x/money"
)

// TenderStatus is where a tender stands for us. It is derived from the fields (see
// Tender.Status) so it can never disagree with them; Decide, Submit and Close move a
// tender and check the move with CheckTenderTransition.
type TenderStatus string

const (
	TenderOpen      TenderStatus = "open"      // not yet decided
	TenderBidding   TenderStatus = "bidding"   // we bid; the bid is being prepared
	TenderDeclined  TenderStatus = "declined"  // no bid
	TenderSubmitted TenderStatus = "submitted" // our bid is in; waiting for the result
	TenderWon       TenderStatus = "won"
	TenderLost      TenderStatus = "lost"
	TenderCancelled TenderStatus = "cancelled"
)

// TenderStatuses lists every status in the order they usually happen.
var TenderStatuses = []TenderStatus{
	TenderOpen, TenderBidding, TenderDeclined, TenderSubmitted, TenderWon, TenderLost, TenderCancelled,
}

// nextTender lists the allowed moves. A decision may be changed until the bid is
// submitted (a no-bid may be revisited when the customer clarifies a requirement);
// the customer may cancel at any point before the result.
var nextTender = map[TenderStatus][]TenderStatus{
	TenderOpen:      {TenderBidding, TenderDeclined, TenderCancelled},
	TenderBidding:   {TenderOpen, TenderDeclined, TenderSubmitted, TenderCancelled},
	TenderDeclined:  {TenderOpen, TenderBidding, TenderCancelled},
	TenderSubmitted: {TenderWon, TenderLost, TenderCancelled},
}

// Valid reports whether s is a known status.
func (s TenderStatus) Valid() bool { return slices.Contains(TenderStatuses, s) }

// Final reports whether nothing can happen to a tender in s any more.
func (s TenderStatus) Final() bool { return s.Valid() && len(nextTender[s]) == 0 }

// Status derives where t stands from its decision, submission and outcome.
func (t Tender) Status() TenderStatus {
	switch {
	case t.Outcome == OutcomeWon:
		return TenderWon
	case t.Outcome == OutcomeLost:
		return TenderLost
	case t.Outcome == OutcomeCancelled:
		return TenderCancelled
	case !t.SubmittedAt.IsZero():
		return TenderSubmitted
	case t.Decision == Bid:
		return TenderBidding
	case t.Decision == NoBid:
		return TenderDeclined
	}
	return TenderOpen
}

// CheckTenderTransition says whether a tender may move from one status to another.
func CheckTenderTransition(from, to TenderStatus) error {
	if !to.Valid() {
		return errs.Field("to", "unknown status %q", to)
	}
	if !slices.Contains(nextTender[from], to) {
		return &errs.Error{
			Code:    errs.Conflict,
			Message: "a tender that is " + string(from) + " cannot become " + string(to),
			Detail:  map[string]any{"status": from, "allowed": nextTender[from]},
		}
	}
	return nil
}

// Decide records whether we bid, with the reason (required for no-bid).
func (t *Tender) Decide(d Decision, reason string) error {
	to := map[Decision]TenderStatus{Undecided: TenderOpen, Bid: TenderBidding, NoBid: TenderDeclined}[d]
	if !d.Valid() {
		return errs.Field("decision", "must be one of undecided, bid, no_bid")
	}
	if d == NoBid && blank(reason) {
		return errs.Field("decision_reason", "is required for a no-bid")
	}
	if err := CheckTenderTransition(t.Status(), to); err != nil {
		return err
	}
	t.Decision, t.DecisionReason = d, strings.TrimSpace(reason)
	return nil
}

// Submit records that our bid, quoteID, went in at at. A bid after the deadline is
// refused, as the customer would refuse it.
func (t *Tender) Submit(quoteID string, at time.Time) error {
	if quoteID == "" {
		return errs.Field("quote_id", "is required")
	}
	if err := CheckTenderTransition(t.Status(), TenderSubmitted); err != nil {
		return err
	}
	if at.After(t.Deadline) {
		return errs.E(errs.Conflict, "the deadline (%s) has passed", t.Deadline.Format(time.RFC3339))
	}
	t.QuoteID, t.SubmittedAt = quoteID, at
	return nil
}

// Close records the result. Lost needs the winner's name; the price is optional
// (a zero amount when not published). See Validate for why.
func (t *Tender) Close(o Outcome, winner string, price money.Amount) error {
	to := map[Outcome]TenderStatus{OutcomeWon: TenderWon, OutcomeLost: TenderLost, OutcomeCancelled: TenderCancelled}[o]
	if to == "" {
		return errs.Field("outcome", "must be one of won, lost, cancelled")
	}
	if err := CheckTenderTransition(t.Status(), to); err != nil {
		return err
	}
	c := *t
	c.Outcome, c.WinnerName, c.WinningPrice = o, strings.TrimSpace(winner), price
	if err := c.Validate(); err != nil {
		return err
	}
	*t = c
	return nil
}
