package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"b2x/crm"
	"b2x/errs"
	"b2x/money"
)

// OpportunityRecord is a deal as stored: the domain deal with its stage history, the
// tender it was made from, and the version every write checks.
type OpportunityRecord struct {
	Opportunity crm.Opportunity
	TenderID    string
	StageSince  time.Time // when it moved into its stage; its creation if it never moved
	UpdatedAt   time.Time
	Version     int
}

const opportunityColumns = `id, COALESCE(organization_id, ''), COALESCE(person_id, ''), title, amount, currency, stage,
	probability, expected_close, owner, source, lost_reason, COALESCE(tender_id, ''), stage_since, created_at,
	updated_at, version`

func scanOpportunity(row scanner) (OpportunityRecord, error) {
	var r OpportunityRecord
	o := &r.Opportunity
	var prob sql.NullInt64
	err := row.Scan(&o.ID, &o.OrganizationID, &o.PersonID, &o.Title, &o.Amount.Minor, &o.Amount.Currency, &o.Stage,
		&prob, &o.ExpectedClose, &o.Owner, &o.Source, &o.LostReason, &r.TenderID, &r.StageSince, &o.CreatedAt,
		&r.UpdatedAt, &r.Version)
	if prob.Valid {
		p := int(prob.Int64)
		o.Probability = &p
	}
	o.ExpectedClose, o.CreatedAt = o.ExpectedClose.UTC(), o.CreatedAt.UTC()
	r.StageSince, r.UpdatedAt = r.StageSince.UTC(), r.UpdatedAt.UTC()
	return r, err
}

func nullInt(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// InsertOpportunity writes a new deal at version 1. It has no history yet.
func (tx *Tx) InsertOpportunity(ctx context.Context, r *OpportunityRecord) error {
	o := &r.Opportunity
	r.Version = 1
	_, err := tx.q.ExecContext(ctx, `INSERT INTO opportunities (id, organization_id, person_id, title, amount, currency,
		stage, probability, expected_close, owner, source, lost_reason, tender_id, stage_since, created_at, updated_at,
		version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 1)`,
		o.ID, null(o.OrganizationID), null(o.PersonID), o.Title, o.Amount.Minor, o.Amount.Currency, o.Stage,
		nullInt(o.Probability), utc(o.ExpectedClose), o.Owner, string(o.Source), o.LostReason, null(r.TenderID),
		utc(r.StageSince), utc(o.CreatedAt), utc(r.UpdatedAt))
	if uniqueViolation(err) {
		return errs.E(errs.Conflict, "a deal was already made from this tender")
	}
	return err
}

// UpdateOpportunity writes the deal's fields, and the stage changes in its history
// beyond those already stored (from seq stored+1), but only when the stored version
// is still r.Version; it then bumps r.Version. A stale version is a conflict.
func (tx *Tx) UpdateOpportunity(ctx context.Context, r *OpportunityRecord, storedChanges int) error {
	o := &r.Opportunity
	res, err := tx.q.ExecContext(ctx, `UPDATE opportunities SET organization_id = $3, person_id = $4, title = $5,
		amount = $6, currency = $7, stage = $8, probability = $9, expected_close = $10, owner = $11, source = $12,
		lost_reason = $13, stage_since = $14, updated_at = $15, version = version + 1
		WHERE id = $1 AND version = $2`,
		o.ID, r.Version, null(o.OrganizationID), null(o.PersonID), o.Title, o.Amount.Minor, o.Amount.Currency, o.Stage,
		nullInt(o.Probability), utc(o.ExpectedClose), o.Owner, string(o.Source), o.LostReason, utc(r.StageSince),
		utc(r.UpdatedAt))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "the deal changed meanwhile; reload it and try again")
	}
	r.Version++
	for i := storedChanges; i < len(o.History); i++ {
		c := o.History[i]
		if _, err := tx.q.ExecContext(ctx, `INSERT INTO opportunity_stage_changes (opportunity_id, seq, from_stage,
			to_stage, at, by_user) VALUES ($1, $2, $3, $4, $5, $6)`, o.ID, i+1, c.From, c.To, utc(c.At), c.By); err != nil {
			return err
		}
	}
	return nil
}

// Opportunity loads a deal with its whole stage history.
func (tx *Tx) Opportunity(ctx context.Context, id string) (OpportunityRecord, error) {
	r, err := scanOpportunity(tx.q.QueryRowContext(ctx, `SELECT `+opportunityColumns+` FROM opportunities WHERE id = $1`, id))
	if err != nil {
		return r, notFound(err, "no deal %s", id)
	}
	r.Opportunity.History, err = queryAll(ctx, tx.q, func(row scanner) (c crm.StageChange, err error) {
		err = row.Scan(&c.From, &c.To, &c.At, &c.By)
		c.At = c.At.UTC()
		return c, err
	}, `SELECT from_stage, to_stage, at, by_user FROM opportunity_stage_changes WHERE opportunity_id = $1 ORDER BY seq`, id)
	return r, err
}

// OpportunityFilter selects deals for a listing, in id (creation) order.
type OpportunityFilter struct {
	Owner          string
	Stages         []string
	Source         crm.Source
	OrganizationID string
	PersonID       string
	CloseFrom      time.Time // expected close at or after
	CloseTo        time.Time // expected close before
	Text           string    // part of the title
	After          string    // cursor: the last id of the previous page
	Limit          int
	Newest         bool   // newest first: the cursor then means ids before After
	ManagedBy      string // only deals of organizations this account manager has now
}

func (f OpportunityFilter) conditions() *conditions {
	c := &conditions{}
	if f.Owner != "" {
		c.add("owner = " + c.arg(f.Owner))
	}
	if len(f.Stages) > 0 {
		ps := make([]string, len(f.Stages))
		for i, s := range f.Stages {
			ps[i] = c.arg(s)
		}
		c.add("stage IN (" + strings.Join(ps, ", ") + ")")
	}
	if f.Source != "" {
		c.add("source = " + c.arg(string(f.Source)))
	}
	if f.OrganizationID != "" {
		c.add("organization_id = " + c.arg(f.OrganizationID))
	}
	if f.PersonID != "" {
		c.add("person_id = " + c.arg(f.PersonID))
	}
	if !f.CloseFrom.IsZero() {
		c.add("expected_close >= " + c.arg(utc(f.CloseFrom)))
	}
	if !f.CloseTo.IsZero() {
		c.add("expected_close < " + c.arg(utc(f.CloseTo)))
	}
	if f.Text != "" {
		c.like(f.Text, "title")
	}
	if f.ManagedBy != "" {
		c.add(managedBy(c, f.ManagedBy))
	}
	return c
}

// ListOpportunities returns one page of deals without their history.
func (tx *Tx) ListOpportunities(ctx context.Context, f OpportunityFilter) ([]OpportunityRecord, error) {
	c := f.conditions()
	cmp, order := " > ", " ORDER BY id"
	if f.Newest {
		cmp, order = " < ", " ORDER BY id DESC"
	}
	if f.After != "" {
		c.add("id" + cmp + c.arg(f.After))
	}
	q := `SELECT ` + opportunityColumns + ` FROM opportunities` + c.where() + order + ` LIMIT ` + c.arg(f.Limit)
	return queryAll(ctx, tx.q, scanOpportunity, q, c.args...)
}

// StageTotal is the count and sum of the deals in one stage and currency.
type StageTotal struct {
	Stage  string
	Count  int
	Amount money.Amount
}

// StageTotals counts and sums the deals per stage and currency, with the filter's
// owner, source, organization, close range and text (its cursor and limit are not
// used). One aggregate over an index, so a board of 10,000 deals costs one scan of
// the index rather than 10,000 rows in Go.
func (tx *Tx) StageTotals(ctx context.Context, f OpportunityFilter) ([]StageTotal, error) {
	c := f.conditions()
	q := `SELECT stage, currency, count(*), COALESCE(sum(amount), 0) FROM opportunities` + c.where() +
		` GROUP BY stage, currency ORDER BY stage, currency`
	return queryAll(ctx, tx.q, func(row scanner) (t StageTotal, err error) {
		err = row.Scan(&t.Stage, &t.Amount.Currency, &t.Count, &t.Amount.Minor)
		return t, err
	}, q, c.args...)
}

// StageCards returns the first limit deals of one stage by expected close, then id.
func (tx *Tx) StageCards(ctx context.Context, f OpportunityFilter, stage string, limit int) ([]OpportunityRecord, error) {
	f.Stages = []string{stage}
	c := f.conditions()
	q := `SELECT ` + opportunityColumns + ` FROM opportunities` + c.where() + ` ORDER BY expected_close, id LIMIT ` + c.arg(limit)
	return queryAll(ctx, tx.q, scanOpportunity, q, c.args...)
}

// ForecastOpportunities returns what crm's Forecast needs for [from, to): the open
// deals expected to close then, and the won deals that moved into their stage or
// were expected to close then, these with their history (Forecast counts a won
// deal in the month it was won, its expected close when the history does not say).
// A non-empty owner keeps that owner's deals; a non-empty manager keeps the deals
// of organizations that account manager has now.
func (tx *Tx) ForecastOpportunities(ctx context.Context, open, won []string, from, to time.Time, owner, manager string) ([]crm.Opportunity, error) {
	var c conditions
	fromP, toP := c.arg(utc(from)), c.arg(utc(to))
	stageList := func(ss []string) string {
		if len(ss) == 0 {
			return "NULL"
		}
		ps := make([]string, len(ss))
		for i, s := range ss {
			ps[i] = c.arg(s)
		}
		return strings.Join(ps, ", ")
	}
	where := `((stage IN (` + stageList(open) + `) AND expected_close >= ` + fromP + ` AND expected_close < ` + toP + `)
		OR (stage IN (` + stageList(won) + `) AND ((stage_since >= ` + fromP + ` AND stage_since < ` + toP + `)
			OR (expected_close >= ` + fromP + ` AND expected_close < ` + toP + `))))`
	if owner != "" {
		where += ` AND owner = ` + c.arg(owner)
	}
	if manager != "" {
		where += ` AND ` + managedBy(&c, manager)
	}
	rows, err := queryAll(ctx, tx.q, scanOpportunity, `SELECT `+opportunityColumns+` FROM opportunities WHERE `+where, c.args...)
	if err != nil {
		return nil, err
	}
	out := make([]crm.Opportunity, len(rows))
	var wonIDs []any
	at := map[string]int{}
	for i, r := range rows {
		out[i] = r.Opportunity
		if slices.Contains(won, r.Opportunity.Stage) {
			wonIDs = append(wonIDs, r.Opportunity.ID)
			at[r.Opportunity.ID] = i
		}
	}
	for chunk := range slices.Chunk(wonIDs, 500) {
		type change struct {
			id string
			c  crm.StageChange
		}
		cs, err := queryAll(ctx, tx.q, func(row scanner) (ch change, err error) {
			err = row.Scan(&ch.id, &ch.c.From, &ch.c.To, &ch.c.At, &ch.c.By)
			ch.c.At = ch.c.At.UTC()
			return ch, err
		}, `SELECT opportunity_id, from_stage, to_stage, at, by_user FROM opportunity_stage_changes
			WHERE opportunity_id IN (`+placeholders(1, len(chunk))+`) ORDER BY opportunity_id, seq`, chunk...)
		if err != nil {
			return nil, err
		}
		for _, ch := range cs {
			o := &out[at[ch.id]]
			o.History = append(o.History, ch.c)
		}
	}
	return out, nil
}

// OpenDealsByOwner counts the open deals and sums them per currency for each owner,
// for the workload view.
func (tx *Tx) OpenDealsByOwner(ctx context.Context, open []string) (map[string][]StageTotal, error) {
	if len(open) == 0 {
		return map[string][]StageTotal{}, nil
	}
	var c conditions
	ps := make([]string, len(open))
	for i, s := range open {
		ps[i] = c.arg(s)
	}
	type row struct {
		owner string
		t     StageTotal
	}
	rows, err := queryAll(ctx, tx.q, func(s scanner) (r row, err error) {
		err = s.Scan(&r.owner, &r.t.Amount.Currency, &r.t.Count, &r.t.Amount.Minor)
		return r, err
	}, `SELECT owner, currency, count(*), COALESCE(sum(amount), 0) FROM opportunities WHERE stage IN (`+strings.Join(ps, ", ")+`)
		GROUP BY owner, currency ORDER BY owner, currency`, c.args...)
	out := map[string][]StageTotal{}
	for _, r := range rows {
		out[r.owner] = append(out[r.owner], r.t)
	}
	return out, err
}

// CountOpportunitiesIn counts the deals in a stage (a pipeline change may not drop
// a stage that still holds deals).
func (tx *Tx) CountOpportunitiesIn(ctx context.Context, stage string) (int, error) {
	var n int
	err := tx.q.QueryRowContext(ctx, `SELECT count(*) FROM opportunities WHERE stage = $1`, stage).Scan(&n)
	return n, err
}

// LockOpportunity loads a deal like Opportunity, first locking its row on
// PostgreSQL so two moves of one deal run one after the other.
func (tx *Tx) LockOpportunity(ctx context.Context, id string) (OpportunityRecord, error) {
	if tx.engine == Postgres {
		var v int
		if err := tx.q.QueryRowContext(ctx, `SELECT version FROM opportunities WHERE id = $1 FOR UPDATE`, id).Scan(&v); err != nil {
			return OpportunityRecord{}, notFound(err, "no deal %s", id)
		}
	}
	return tx.Opportunity(ctx, id)
}
