package crm

import (
	"strings"
	"time"

	"b2x/errs"
)

// Move puts o into stage to, recording who moved it and when. A won or lost deal is
// finished and stays so: bringing it back is a deliberate Reopen, never a side effect
// of a drag on a board. A lost deal needs the reason, because the reasons are what
// the company learns from. Moving clears a probability override.
func (p Pipeline) Move(o *Opportunity, to string, at time.Time, by string, lostReason string) error {
	target, err := p.checkMove(o, to, at, by)
	if err != nil {
		return err
	}
	if cur, _ := p.Stage(o.Stage); cur.Closed() {
		return &errs.Error{
			Code:    errs.Conflict,
			Message: "the deal is " + o.Stage + "; reopen it before moving it",
			Detail:  map[string]any{"stage": o.Stage},
		}
	}
	if target.Lost && blank(lostReason) {
		return errs.Field("lost_reason", "is required when a deal is lost")
	}
	p.apply(o, target, at, by)
	if target.Lost {
		o.LostReason = strings.TrimSpace(lostReason)
	}
	return nil
}

// Reopen brings a won or lost deal back into the open stage to, e.g. when a lost
// customer returns or a won order is cancelled before delivery. The lost reason is
// cleared; the history keeps it as the move out of the lost stage.
func (p Pipeline) Reopen(o *Opportunity, to string, at time.Time, by string) error {
	target, err := p.checkMove(o, to, at, by)
	if err != nil {
		return err
	}
	if cur, _ := p.Stage(o.Stage); !cur.Closed() {
		return errs.E(errs.Conflict, "the deal is %s, not won or lost; move it instead", o.Stage)
	}
	if target.Closed() {
		return errs.Field("to", "a deal is reopened into an open stage")
	}
	p.apply(o, target, at, by)
	return nil
}

// checkMove holds the rules Move and Reopen share.
func (p Pipeline) checkMove(o *Opportunity, to string, at time.Time, by string) (Stage, error) {
	var fs errs.Fields
	target, ok := p.Stage(to)
	if !ok {
		fs.Add("to", "unknown stage %q", to)
	}
	if by == "" {
		fs.Add("by", "is required")
	}
	if at.IsZero() || at.Before(lastChange(*o)) {
		fs.Add("at", "must not be earlier than the deal's last change")
	}
	if err := fs.Err(); err != nil {
		return Stage{}, err
	}
	if to == o.Stage {
		return Stage{}, errs.E(errs.Conflict, "the deal is already in %s", to)
	}
	return target, nil
}

func (p Pipeline) apply(o *Opportunity, target Stage, at time.Time, by string) {
	o.History = append(o.History, StageChange{From: o.Stage, To: target.Key, At: at, By: by})
	o.Stage = target.Key
	o.Probability = nil
	o.LostReason = ""
}

// lastChange is when o last moved, or when it was created if it never has.
func lastChange(o Opportunity) time.Time {
	if n := len(o.History); n > 0 {
		return o.History[n-1].At
	}
	return o.CreatedAt
}

func blank(s string) bool { return strings.TrimSpace(s) == "" }
