package crm

import (
	"fmt"
	"strings"

	"b2x/errs"
)

// Stage is one step of the sales pipeline. Won and Lost stages close a deal; every
// other stage is open.
type Stage struct {
	Key         string `json:"key"`
	Name        string `json:"name"`
	Probability int    `json:"probability"` // percent, the default chance a deal in this stage closes won
	Won         bool   `json:"won,omitempty"`
	Lost        bool   `json:"lost,omitempty"`
}

// Closed reports whether a deal in s is finished, won or lost.
func (s Stage) Closed() bool { return s.Won || s.Lost }

// Pipeline is the company's list of stages, in the order deals usually move. It is
// configurable: a company selling equipment may add "site survey", another drop
// "meeting".
type Pipeline struct {
	Stages []Stage `json:"stages"`
}

// DefaultPipeline returns the stages of S9 for a company that has not set its own.
func DefaultPipeline() Pipeline {
	return Pipeline{Stages: []Stage{
		{Key: "lead", Name: "Lead", Probability: 10},
		{Key: "qualified", Name: "Qualified", Probability: 20},
		{Key: "meeting", Name: "Meeting", Probability: 40},
		{Key: "proposal", Name: "Proposal", Probability: 60},
		{Key: "negotiation", Name: "Negotiation", Probability: 80},
		{Key: "won", Name: "Won", Probability: 100, Won: true},
		{Key: "lost", Name: "Lost", Probability: 0, Lost: true},
	}}
}

// Validate checks the stages and reports every problem at once. Exactly one stage is
// won, so "won deals" means one thing in the forecast; several lost stages are allowed
// (lost to a competitor, no budget) and at least one is required so a deal can end.
// Won stages are at 100 % and lost at 0 % so that a stage's probability never
// contradicts its outcome.
func (p Pipeline) Validate() error {
	var fs errs.Fields
	seen := map[string]bool{}
	won, lost, open := 0, 0, 0
	for i, s := range p.Stages {
		f := fmt.Sprintf("stages[%d]", i)
		switch {
		case s.Key == "" || strings.TrimSpace(s.Key) != s.Key || strings.ContainsAny(s.Key, " \t\r\n"):
			fs.Add(f+".key", "is required and may not contain spaces")
		case seen[s.Key]:
			fs.Add(f+".key", "%q is used twice", s.Key)
		}
		seen[s.Key] = true
		checkText(&fs, f+".name", s.Name, 100, true)
		if s.Probability < 0 || s.Probability > 100 {
			fs.Add(f+".probability", "must be between 0 and 100")
		}
		switch {
		case s.Won && s.Lost:
			fs.Add(f, "cannot be both won and lost")
		case s.Won:
			won++
			if s.Probability != 100 {
				fs.Add(f+".probability", "a won stage is at 100")
			}
		case s.Lost:
			lost++
			if s.Probability != 0 {
				fs.Add(f+".probability", "a lost stage is at 0")
			}
		default:
			open++
		}
	}
	if won != 1 {
		fs.Add("stages", "exactly one stage must be won, found %d", won)
	}
	if lost < 1 {
		fs.Add("stages", "at least one stage must be lost")
	}
	if open < 1 {
		fs.Add("stages", "at least one stage must be open")
	}
	return fs.Err()
}

// Stage returns the stage with key.
func (p Pipeline) Stage(key string) (Stage, bool) {
	for _, s := range p.Stages {
		if s.Key == key {
			return s, true
		}
	}
	return Stage{}, false
}

// First returns the first open stage, where new deals start.
func (p Pipeline) First() (Stage, bool) {
	for _, s := range p.Stages {
		if !s.Closed() {
			return s, true
		}
	}
	return Stage{}, false
}

// IsOpen reports whether o is in a known stage that is neither won nor lost.
func (p Pipeline) IsOpen(o Opportunity) bool {
	s, ok := p.Stage(o.Stage)
	return ok && !s.Closed()
}

// IsWon reports whether o is in the won stage.
func (p Pipeline) IsWon(o Opportunity) bool {
	s, ok := p.Stage(o.Stage)
	return ok && s.Won
}

// ProbabilityOf returns the chance o closes won, in percent: 100 once won, 0 once
// lost, else the manager's override when set, else the stage's default.
func (p Pipeline) ProbabilityOf(o Opportunity) int {
	s, ok := p.Stage(o.Stage)
	switch {
	case !ok:
		return 0
	case s.Won:
		return 100
	case s.Lost:
		return 0
	case o.Probability != nil:
		return *o.Probability
	}
	return s.Probability
}
