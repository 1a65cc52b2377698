package app

import (
	"context"
	"strings"
	"time"

	"b2x/crm"
	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/staff"
	"b2x/store"
)

// StaleDays is how long an open deal may go without an activity or a move before
// the back office flags it.
const StaleDays = 30

// OpportunityView is a deal as the back office shows it: the stored deal, its
// effective probability, and for a single deal its time in each stage and whether
// it has gone stale.
type OpportunityView struct {
	crm.Opportunity
	ChanceOfWinning int                      `json:"chance"` // percent: pipeline.ProbabilityOf
	TenderID        string                   `json:"tender_id,omitempty"`
	StageSince      time.Time                `json:"stage_since"`
	UpdatedAt       time.Time                `json:"updated_at"`
	Version         int                      `json:"version"`
	TimeInStages    map[string]time.Duration `json:"time_in_stages,omitempty"`
	Stale           bool                     `json:"stale,omitempty"`
}

func opportunityView(p crm.Pipeline, r store.OpportunityRecord, now time.Time, detail bool) OpportunityView {
	v := OpportunityView{Opportunity: r.Opportunity, ChanceOfWinning: p.ProbabilityOf(r.Opportunity), TenderID: r.TenderID,
		StageSince: r.StageSince, UpdatedAt: r.UpdatedAt, Version: r.Version}
	if detail {
		v.TimeInStages = crm.TimeInStages(r.Opportunity, now)
	}
	return v
}

// NewOpportunity is a deal as a manager opens it.
type NewOpportunity struct {
	OrganizationID string
	PersonID       string
	Title          string
	Amount         money.Amount
	Stage          string // empty: the pipeline's first open stage
	Probability    *int   // nil: the stage's default
	ExpectedClose  time.Time
	Owner          string // a staff user id; empty: the actor
	Source         crm.Source
	LostReason     string // only for a deal recorded as already lost
	TenderID       string // set by CreateDealFromTender
}

// CreateOpportunity opens a deal.
func (a *App) CreateOpportunity(ctx context.Context, actor Actor, in NewOpportunity) (OpportunityView, error) {
	if err := require(actor, staff.OpportunitiesEdit); err != nil {
		return OpportunityView{}, err
	}
	var v OpportunityView
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		v, err = a.createOpportunity(ctx, tx, actor, in)
		return err
	})
	return v, err
}

func (a *App) createOpportunity(ctx context.Context, tx *store.Tx, actor Actor, in NewOpportunity) (OpportunityView, error) {
	if managerOf(actor) != "" && ids.Valid(in.OrganizationID) {
		if err := checkManaged(ctx, tx, actor, in.OrganizationID, "organization", in.OrganizationID); err != nil {
			return OpportunityView{}, errs.Field("organization_id", "is not one of your accounts")
		}
	} else if managerOf(actor) != "" {
		return OpportunityView{}, errs.Field("organization_id", "is not one of your accounts")
	}
	now := a.clock()
	p, err := tx.Pipeline(ctx)
	if err != nil {
		return OpportunityView{}, err
	}
	if in.Stage == "" {
		first, _ := p.First()
		in.Stage = first.Key
	}
	if in.Owner == "" {
		in.Owner = actor.UserID
	}
	o := crm.Opportunity{ID: ids.At(now), OrganizationID: in.OrganizationID, PersonID: in.PersonID,
		Title: strings.TrimSpace(in.Title), Amount: in.Amount, Stage: in.Stage, Probability: in.Probability,
		ExpectedClose: utcMicro(in.ExpectedClose), Owner: in.Owner, Source: in.Source,
		LostReason: strings.TrimSpace(in.LostReason), CreatedAt: now}
	if err := p.Check(&o); err != nil {
		return OpportunityView{}, err
	}
	if err := checkLinks(ctx, tx, links{Owner: o.Owner, OrganizationID: o.OrganizationID, PersonID: o.PersonID}); err != nil {
		return OpportunityView{}, err
	}
	r := store.OpportunityRecord{Opportunity: o, TenderID: in.TenderID, StageSince: now, UpdatedAt: now}
	if err := tx.InsertOpportunity(ctx, &r); err != nil {
		return OpportunityView{}, err
	}
	if err := a.audit(ctx, tx, actor, "opportunity.create", "opportunity", o.ID, o); err != nil {
		return OpportunityView{}, err
	}
	return opportunityView(p, r, now, true), nil
}

// Opportunity returns one deal with its history, time in stages and staleness.
func (a *App) Opportunity(ctx context.Context, actor Actor, id string) (OpportunityView, error) {
	if err := require(actor, staff.CRMRead); err != nil {
		return OpportunityView{}, err
	}
	if !ids.Valid(id) {
		return OpportunityView{}, errs.E(errs.NotFound, "no deal %s", id)
	}
	var v OpportunityView
	err := a.read(ctx, func(tx *store.Tx) error {
		p, err := tx.Pipeline(ctx)
		if err != nil {
			return err
		}
		r, err := tx.Opportunity(ctx, id)
		if err != nil {
			return err
		}
		if err := checkManaged(ctx, tx, actor, r.Opportunity.OrganizationID, "deal", id); err != nil {
			return err
		}
		last, err := tx.LastActivityAt(ctx, id)
		if err != nil {
			return err
		}
		now := a.clock()
		v = opportunityView(p, r, now, true)
		v.Stale = p.Stale(r.Opportunity, last, now, StaleDays)
		return nil
	})
	return v, err
}

// OpportunityPatch changes some fields of a deal; nil fields stay as they are. The
// stage changes only through MoveOpportunity, which keeps the history.
type OpportunityPatch struct {
	Title            *string
	Amount           *money.Amount
	Probability      *int
	ClearProbability bool // back to the stage's default
	ExpectedClose    *time.Time
	Owner            *string
	Source           *crm.Source
	OrganizationID   *string
	PersonID         *string
	LostReason       *string // only a lost deal has one
	Version          int     // when not 0, the change applies only to this version
}

// UpdateOpportunity applies a patch to a deal.
func (a *App) UpdateOpportunity(ctx context.Context, actor Actor, id string, patch OpportunityPatch) (OpportunityView, error) {
	return a.changeOpportunity(ctx, actor, id, patch.Version, "opportunity.update", func(tx *store.Tx, p crm.Pipeline, o *crm.Opportunity, now time.Time) error {
		set(&o.Title, patch.Title)
		set(&o.Amount, patch.Amount)
		if patch.Probability != nil {
			pr := *patch.Probability
			o.Probability = &pr
		}
		if patch.ClearProbability {
			o.Probability = nil
		}
		if patch.ExpectedClose != nil {
			o.ExpectedClose = utcMicro(*patch.ExpectedClose)
		}
		set(&o.Owner, patch.Owner)
		set(&o.Source, patch.Source)
		set(&o.OrganizationID, patch.OrganizationID)
		set(&o.PersonID, patch.PersonID)
		set(&o.LostReason, patch.LostReason)
		o.Title, o.LostReason = strings.TrimSpace(o.Title), strings.TrimSpace(o.LostReason)
		if err := p.Check(o); err != nil {
			return err
		}
		return checkLinks(ctx, tx, links{Owner: o.Owner, OrganizationID: o.OrganizationID, PersonID: o.PersonID})
	})
}

// Move is a deal's move to another stage.
type Move struct {
	To         string
	LostReason string // required when To is a lost stage
	// Reopen brings a won or lost deal back into an open stage; without it a closed
	// deal does not move (crm's rule: never a side effect of a drag on a board).
	Reopen  bool
	Version int // when not 0, the move applies only to this version
}

// MoveOpportunity moves a deal to another stage by crm's rules, recording who moved
// it and when.
func (a *App) MoveOpportunity(ctx context.Context, actor Actor, id string, m Move) (OpportunityView, error) {
	action := "opportunity.move"
	if m.Reopen {
		action = "opportunity.reopen"
	}
	return a.changeOpportunity(ctx, actor, id, m.Version, action, func(tx *store.Tx, p crm.Pipeline, o *crm.Opportunity, now time.Time) error {
		if m.Reopen {
			return p.Reopen(o, m.To, now, actor.Label())
		}
		return p.Move(o, m.To, now, actor.Label(), m.LostReason)
	})
}

// changeOpportunity runs fn on a locked deal and stores the result with the audit
// entry of what changed.
func (a *App) changeOpportunity(ctx context.Context, actor Actor, id string, version int, action string,
	fn func(tx *store.Tx, p crm.Pipeline, o *crm.Opportunity, now time.Time) error) (OpportunityView, error) {
	if err := require(actor, staff.OpportunitiesEdit); err != nil {
		return OpportunityView{}, err
	}
	if !ids.Valid(id) {
		return OpportunityView{}, errs.E(errs.NotFound, "no deal %s", id)
	}
	var v OpportunityView
	err := a.write(ctx, func(tx *store.Tx) error {
		p, err := tx.Pipeline(ctx)
		if err != nil {
			return err
		}
		r, err := tx.LockOpportunity(ctx, id)
		if err != nil {
			return err
		}
		if err := checkManaged(ctx, tx, actor, r.Opportunity.OrganizationID, "deal", id); err != nil {
			return err
		}
		if version != 0 && version != r.Version {
			return errs.E(errs.Conflict, "the deal changed meanwhile (version %d, not %d); reload it", r.Version, version)
		}
		before := r.Opportunity
		before.History = nil
		stored := len(r.Opportunity.History)
		now := a.clock()
		if err := fn(tx, p, &r.Opportunity, now); err != nil {
			return err
		}
		if len(r.Opportunity.History) > stored {
			r.StageSince = now
		}
		r.UpdatedAt = now
		if err := tx.UpdateOpportunity(ctx, &r, stored); err != nil {
			return err
		}
		after := r.Opportunity
		after.History = nil
		if err := a.audit(ctx, tx, actor, action, "opportunity", id, diff(before, after)); err != nil {
			return err
		}
		v = opportunityView(p, r, now, true)
		return nil
	})
	return v, err
}

// OpportunityQuery selects a page of deals in creation order.
type OpportunityQuery struct {
	Owner          string
	Stage          string
	Source         crm.Source
	OrganizationID string
	PersonID       string
	CloseFrom      time.Time
	CloseTo        time.Time
	Text           string // part of the title
	After          string // cursor: the last id of the previous page
	Limit          int
}

// Opportunities lists deals without their history.
func (a *App) Opportunities(ctx context.Context, actor Actor, q OpportunityQuery) ([]OpportunityView, error) {
	if err := require(actor, staff.CRMRead); err != nil {
		return nil, err
	}
	f, err := boardFilter(BoardQuery{Owner: q.Owner, Source: q.Source, OrganizationID: q.OrganizationID,
		CloseFrom: q.CloseFrom, CloseTo: q.CloseTo, Text: q.Text})
	var fs errs.Fields
	fs.Wrap("", err)
	if q.After != "" && !ids.Valid(q.After) {
		fs.Add("cursor", "is not a cursor this API gave out")
	}
	checkLimit(&fs, q.Limit)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	f.PersonID, f.After, f.Limit, f.ManagedBy = q.PersonID, q.After, q.Limit, managerOf(actor)
	if q.Stage != "" {
		f.Stages = []string{q.Stage}
	}
	var out []OpportunityView
	err = a.read(ctx, func(tx *store.Tx) error {
		p, err := tx.Pipeline(ctx)
		if err != nil {
			return err
		}
		rs, err := tx.ListOpportunities(ctx, f)
		now := a.clock()
		out = make([]OpportunityView, len(rs))
		for i, r := range rs {
			out[i] = opportunityView(p, r, now, false)
		}
		return err
	})
	return out, err
}
