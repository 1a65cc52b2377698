package app

import (
	"context"
	"time"

	"b2x/crm"
	"b2x/errs"
	"b2x/money"
	"b2x/staff"
	"b2x/store"
)

// Pipeline returns the company's deal stages.
func (a *App) Pipeline(ctx context.Context, actor Actor) (crm.Pipeline, error) {
	if err := require(actor, staff.CRMRead); err != nil {
		return crm.Pipeline{}, err
	}
	var p crm.Pipeline
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		p, err = tx.Pipeline(ctx)
		return err
	})
	return p, err
}

// SetPipeline replaces the company's deal stages. A stage that still holds deals
// cannot be dropped: the deals would be in a stage nobody knows.
func (a *App) SetPipeline(ctx context.Context, actor Actor, p crm.Pipeline) (crm.Pipeline, error) {
	if err := require(actor, staff.PipelineEdit); err != nil {
		return crm.Pipeline{}, err
	}
	if err := p.Validate(); err != nil {
		return crm.Pipeline{}, err
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		old, err := tx.Pipeline(ctx)
		if err != nil {
			return err
		}
		for _, s := range old.Stages {
			if _, ok := p.Stage(s.Key); ok {
				continue
			}
			n, err := tx.CountOpportunitiesIn(ctx, s.Key)
			if err != nil {
				return err
			}
			if n > 0 {
				return &errs.Error{Code: errs.Conflict, Message: "stage " + s.Key + " still holds deals; move them first",
					Detail: map[string]any{"stage": s.Key, "deals": n}}
			}
		}
		if err := tx.SavePipeline(ctx, p, a.clock()); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "pipeline.set", "pipeline", "1", diff(old, p))
	})
	return p, err
}

// BoardQuery narrows the board; zero fields do not narrow.
type BoardQuery struct {
	Owner          string
	Source         crm.Source
	OrganizationID string
	CloseFrom      time.Time
	CloseTo        time.Time
	Text           string
	CardsPerStage  int // 0 means DefaultCardsPerStage
}

// DefaultCardsPerStage is how many deals a board column shows; the counts and sums
// cover all of them.
const DefaultCardsPerStage = 25

// BoardColumn is one stage of the board: its deals' count and sums (one per
// currency, never added across currencies) and the first cards by expected close.
type BoardColumn struct {
	Stage  crm.Stage         `json:"stage"`
	Count  int               `json:"count"`
	Totals []money.Amount    `json:"totals"`
	Cards  []OpportunityView `json:"cards"`
}

// Board is the pipeline as columns, in the pipeline's order. Deals in a stage the
// pipeline no longer knows are counted in Unknown.
type Board struct {
	Columns []BoardColumn `json:"columns"`
	Unknown int           `json:"unknown"`
}

// Board returns the deals grouped by stage with counts and sums. It reads one
// aggregate and one short page per stage, so its cost does not grow with the
// number of deals beyond an index scan.
func (a *App) Board(ctx context.Context, actor Actor, q BoardQuery) (Board, error) {
	if err := require(actor, staff.CRMRead); err != nil {
		return Board{}, err
	}
	f, err := boardFilter(q)
	if err != nil {
		return Board{}, err
	}
	f.ManagedBy = managerOf(actor)
	cards := q.CardsPerStage
	if cards == 0 {
		cards = DefaultCardsPerStage
	}
	var b Board
	err = a.read(ctx, func(tx *store.Tx) error {
		p, err := tx.Pipeline(ctx)
		if err != nil {
			return err
		}
		totals, err := tx.StageTotals(ctx, f)
		if err != nil {
			return err
		}
		now := a.clock()
		b.Columns = make([]BoardColumn, len(p.Stages))
		for i, s := range p.Stages {
			col := BoardColumn{Stage: s, Totals: []money.Amount{}, Cards: []OpportunityView{}}
			for _, t := range totals {
				if t.Stage == s.Key {
					col.Count += t.Count
					col.Totals = append(col.Totals, t.Amount)
				}
			}
			if col.Count > 0 {
				rs, err := tx.StageCards(ctx, f, s.Key, cards)
				if err != nil {
					return err
				}
				for _, r := range rs {
					col.Cards = append(col.Cards, opportunityView(p, r, now, false))
				}
			}
			b.Columns[i] = col
		}
		for _, t := range totals {
			if _, ok := p.Stage(t.Stage); !ok {
				b.Unknown += t.Count
			}
		}
		return nil
	})
	return b, err
}

func boardFilter(q BoardQuery) (store.OpportunityFilter, error) {
	var fs errs.Fields
	if q.Source != "" && !q.Source.Valid() {
		fs.Add("source", "must be one of referral, web, tender, dealer, campaign")
	}
	if q.CardsPerStage < 0 || q.CardsPerStage > MaxPageSize {
		fs.Add("cards", "must be between 1 and %d", MaxPageSize)
	}
	if !q.CloseFrom.IsZero() && !q.CloseTo.IsZero() && !q.CloseTo.After(q.CloseFrom) {
		fs.Add("close_to", "must be after close_from")
	}
	return store.OpportunityFilter{Owner: q.Owner, Source: q.Source, OrganizationID: q.OrganizationID,
		CloseFrom: q.CloseFrom, CloseTo: q.CloseTo, Text: q.Text}, fs.Err()
}

// ForecastQuery selects the months of a forecast: From and To are truncated to the
// first instant of their months (UTC), To exclusive; Owner narrows to one owner.
type ForecastQuery struct {
	From  time.Time
	To    time.Time
	Owner string
}

// Forecast returns the weighted forecast per month, owner and currency (crm's
// Forecast): open deals in their expected-close month at their probability, won
// deals at 100 % in the month they were won.
func (a *App) Forecast(ctx context.Context, actor Actor, q ForecastQuery) ([]crm.ForecastRow, error) {
	if err := require(actor, staff.CRMRead); err != nil {
		return nil, err
	}
	from, to := monthStart(q.From), monthStart(q.To)
	var fs errs.Fields
	if q.From.IsZero() {
		fs.Add("from", "is required")
	}
	if q.To.IsZero() || !to.After(from) {
		fs.Add("to", "must be a later month than from")
	} else if to.Sub(from) > 5*366*24*time.Hour {
		fs.Add("to", "a forecast spans at most five years")
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []crm.ForecastRow
	err := a.read(ctx, func(tx *store.Tx) error {
		p, err := tx.Pipeline(ctx)
		if err != nil {
			return err
		}
		var open, won []string
		for _, s := range p.Stages {
			switch {
			case s.Won:
				won = append(won, s.Key)
			case !s.Lost:
				open = append(open, s.Key)
			}
		}
		opps, err := tx.ForecastOpportunities(ctx, open, won, from, to, q.Owner, managerOf(actor))
		if err != nil {
			return err
		}
		out, err = p.Forecast(opps, from, to)
		return err
	})
	return out, err
}

func monthStart(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}
