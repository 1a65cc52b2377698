package crm

import (
	"fmt"
	"slices"
	"time"

	"b2x/errs"
	"b2x/money"
)

// Source is where a deal came from; the statistics of S21 compare them.
type Source string

const (
	SourceReferral Source = "referral" // recommended by a customer (S4)
	SourceWeb      Source = "web"
	SourceTender   Source = "tender" // S5
	SourceDealer   Source = "dealer" // passed on by a dealer (S23)
	SourceCampaign Source = "campaign"
)

// Sources lists every source.
var Sources = []Source{SourceReferral, SourceWeb, SourceTender, SourceDealer, SourceCampaign}

// Valid reports whether s is a known source.
func (s Source) Valid() bool { return slices.Contains(Sources, s) }

// StageChange records one move of a deal: who moved it, when, from where to where.
type StageChange struct {
	From string    `json:"from"`
	To   string    `json:"to"`
	At   time.Time `json:"at"`
	By   string    `json:"by"`
}

// Opportunity is a deal being worked through the pipeline (S9).
//
// Probability is a pointer because "not set" differs from 0 %: nil means the stage's
// default (see Pipeline.ProbabilityOf); a manager who knows better sets it, and a move
// to another stage clears it, since the override was a judgement about the old stage.
type Opportunity struct {
	ID             string        `json:"id"`
	OrganizationID string        `json:"organization_id,omitempty"`
	PersonID       string        `json:"person_id,omitempty"`
	Title          string        `json:"title"`
	Amount         money.Amount  `json:"amount"`
	Stage          string        `json:"stage"`
	Probability    *int          `json:"probability,omitempty"`
	ExpectedClose  time.Time     `json:"expected_close"`
	Owner          string        `json:"owner"`
	Source         Source        `json:"source"`
	LostReason     string        `json:"lost_reason,omitempty"`
	History        []StageChange `json:"history,omitempty"`
	CreatedAt      time.Time     `json:"created_at"`
}

// Validate checks the fields that need no pipeline and reports every problem at once;
// Pipeline.Check adds the rules that depend on the stages.
func (o *Opportunity) Validate() error {
	var fs errs.Fields
	if o.OrganizationID == "" && o.PersonID == "" {
		fs.Add("organization_id", "an organization or a person is required")
	}
	checkText(&fs, "title", o.Title, MaxTitle, true)
	switch _, ok := money.Digits(o.Amount.Currency); {
	case !ok:
		fs.Add("amount", "unknown currency %q", o.Amount.Currency)
	case o.Amount.Minor < 0 || o.Amount.Minor > money.MaxMinor:
		fs.Add("amount", "must be between 0 and %d minor units", int64(money.MaxMinor))
	}
	if o.Stage == "" {
		fs.Add("stage", "is required")
	}
	if o.Probability != nil && (*o.Probability < 0 || *o.Probability > 100) {
		fs.Add("probability", "must be between 0 and 100")
	}
	if o.ExpectedClose.IsZero() {
		fs.Add("expected_close", "is required")
	}
	if o.Owner == "" {
		fs.Add("owner", "is required")
	}
	if !o.Source.Valid() {
		fs.Add("source", "must be one of referral, web, tender, dealer, campaign")
	}
	checkText(&fs, "lost_reason", o.LostReason, MaxReason, false)
	if o.CreatedAt.IsZero() {
		fs.Add("created_at", "is required")
	}
	prev := o.CreatedAt
	for i, c := range o.History {
		f := fmt.Sprintf("history[%d]", i)
		if c.To == "" || c.From == c.To {
			fs.Add(f+".to", "must name a stage other than from")
		}
		if i > 0 && c.From != o.History[i-1].To {
			fs.Add(f+".from", "must be the stage the previous change moved to")
		}
		if c.By == "" {
			fs.Add(f+".by", "is required")
		}
		if c.At.Before(prev) {
			fs.Add(f+".at", "is earlier than the change or creation before it")
		}
		prev = c.At
	}
	if n := len(o.History); n > 0 && o.History[n-1].To != o.Stage {
		fs.Add("stage", "must be the stage the last change moved to")
	}
	return fs.Err()
}

// Check validates o against the pipeline: its fields, a known stage, a reason when
// lost and none otherwise, and stages in the history that exist.
func (p Pipeline) Check(o *Opportunity) error {
	var fs errs.Fields
	fs.Wrap("", o.Validate())
	s, ok := p.Stage(o.Stage)
	switch {
	case o.Stage == "":
	case !ok:
		fs.Add("stage", "unknown stage %q", o.Stage)
	case s.Lost && blank(o.LostReason):
		fs.Add("lost_reason", "is required when a deal is lost")
	case !s.Lost && o.LostReason != "":
		fs.Add("lost_reason", "only a lost deal has one")
	}
	for i, c := range o.History {
		for _, k := range []string{c.From, c.To} {
			if _, ok := p.Stage(k); !ok && k != "" {
				fs.Add(fmt.Sprintf("history[%d]", i), "unknown stage %q", k)
			}
		}
	}
	return fs.Err()
}
