package store

import (
	"context"
	"database/sql"
	"time"

	"b2x/crm"
	"b2x/errs"
)

// TenderDocument is a document of a tender: a link to it, or its text kept here.
type TenderDocument struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
	Text string `json:"text,omitempty"`
}

// TenderRecord is a tender as stored: the domain tender, its documents, who looks
// after it, the deal made of it, and the version every write checks.
type TenderRecord struct {
	Tender        crm.Tender
	Documents     []TenderDocument // Tender.Documents holds their names, for crm's checks
	Owner         string
	OpportunityID string // the deal made from the tender, if any
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Version       int
}

const tenderColumns = `t.id, t.organization_id, t.title, t.published_at, t.deadline, t.requirements, t.documents,
	t.decision, t.decision_reason, COALESCE(t.quote_id, ''), t.submitted_at, t.outcome, t.winner_name, t.winning_price,
	t.winning_currency, t.owner, COALESCE(o.id, ''), t.created_at, t.updated_at, t.version`

const tenderFrom = ` FROM tenders t LEFT JOIN opportunities o ON o.tender_id = t.id`

func scanTender(row scanner) (TenderRecord, error) {
	var r TenderRecord
	t := &r.Tender
	var reqs, docs string
	var submitted sql.NullTime
	err := row.Scan(&t.ID, &t.OrganizationID, &t.Title, &t.PublishedAt, &t.Deadline, &reqs, &docs, &t.Decision,
		&t.DecisionReason, &t.QuoteID, &submitted, &t.Outcome, &t.WinnerName, &t.WinningPrice.Minor,
		&t.WinningPrice.Currency, &r.Owner, &r.OpportunityID, &r.CreatedAt, &r.UpdatedAt, &r.Version)
	if err != nil {
		return r, err
	}
	t.PublishedAt, t.Deadline, r.CreatedAt, r.UpdatedAt = t.PublishedAt.UTC(), t.Deadline.UTC(), r.CreatedAt.UTC(), r.UpdatedAt.UTC()
	if submitted.Valid {
		t.SubmittedAt = submitted.Time.UTC()
	}
	if err := fromJSON(reqs, &t.Requirements); err != nil {
		return r, err
	}
	if err := fromJSON(docs, &r.Documents); err != nil {
		return r, err
	}
	if len(t.Requirements) == 0 {
		t.Requirements = nil
	}
	for _, d := range r.Documents {
		t.Documents = append(t.Documents, d.Name)
	}
	return r, nil
}

func tenderArgs(r *TenderRecord) []any {
	t := &r.Tender
	reqs := t.Requirements
	if reqs == nil {
		reqs = []crm.Requirement{}
	}
	docs := r.Documents
	if docs == nil {
		docs = []TenderDocument{}
	}
	return []any{t.ID, t.OrganizationID, t.Title, utc(t.PublishedAt), utc(t.Deadline), toJSON(reqs), toJSON(docs),
		string(t.Decision), t.DecisionReason, null(t.QuoteID), nullTime(t.SubmittedAt), string(t.Outcome), t.WinnerName,
		t.WinningPrice.Minor, t.WinningPrice.Currency, r.Owner, utc(r.UpdatedAt)}
}

// InsertTender writes a new tender at version 1.
func (tx *Tx) InsertTender(ctx context.Context, r *TenderRecord) error {
	r.Version = 1
	_, err := tx.q.ExecContext(ctx, `INSERT INTO tenders (id, organization_id, title, published_at, deadline,
		requirements, documents, decision, decision_reason, quote_id, submitted_at, outcome, winner_name, winning_price,
		winning_currency, owner, updated_at, created_at, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 1)`,
		append(tenderArgs(r), utc(r.CreatedAt))...)
	return err
}

// UpdateTender writes a tender when the stored version is still r.Version, and
// bumps it; a stale version is a conflict.
func (tx *Tx) UpdateTender(ctx context.Context, r *TenderRecord) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE tenders SET organization_id = $2, title = $3, published_at = $4,
		deadline = $5, requirements = $6, documents = $7, decision = $8, decision_reason = $9, quote_id = $10,
		submitted_at = $11, outcome = $12, winner_name = $13, winning_price = $14, winning_currency = $15, owner = $16,
		updated_at = $17, version = version + 1 WHERE id = $1 AND version = $18`, append(tenderArgs(r), r.Version)...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "the tender changed meanwhile; reload it and try again")
	}
	r.Version++
	return nil
}

// Tender loads one tender.
func (tx *Tx) Tender(ctx context.Context, id string) (TenderRecord, error) {
	r, err := scanTender(tx.q.QueryRowContext(ctx, `SELECT `+tenderColumns+tenderFrom+` WHERE t.id = $1`, id))
	return r, notFound(err, "no tender %s", id)
}

// TenderFilter selects tenders, by deadline then id.
type TenderFilter struct {
	OrganizationID string
	Owner          string
	Outcome        crm.Outcome
	DeadlineFrom   time.Time // deadline at or after
	DeadlineTo     time.Time // deadline before
	// Cursor: the deadline and id of the last tender of the previous page.
	AfterDeadline time.Time
	AfterID       string
	// ManagedBy keeps the tenders of organizations this account manager has now.
	ManagedBy string
	Limit     int
}

// ListTenders returns one page of tenders, earliest deadline first.
func (tx *Tx) ListTenders(ctx context.Context, f TenderFilter) ([]TenderRecord, error) {
	var c conditions
	if f.OrganizationID != "" {
		c.add("t.organization_id = " + c.arg(f.OrganizationID))
	}
	if f.Owner != "" {
		c.add("t.owner = " + c.arg(f.Owner))
	}
	if f.ManagedBy != "" {
		c.add(managedIn(&c, "t.organization_id", f.ManagedBy))
	}
	if f.Outcome != "" {
		c.add("t.outcome = " + c.arg(string(f.Outcome)))
	}
	if !f.DeadlineFrom.IsZero() {
		c.add("t.deadline >= " + c.arg(utc(f.DeadlineFrom)))
	}
	if !f.DeadlineTo.IsZero() {
		c.add("t.deadline < " + c.arg(utc(f.DeadlineTo)))
	}
	if f.AfterID != "" {
		at, id := c.arg(utc(f.AfterDeadline)), c.arg(f.AfterID)
		c.add("(t.deadline > " + at + " OR (t.deadline = " + at + " AND t.id > " + id + "))")
	}
	return queryAll(ctx, tx.q, scanTender, `SELECT `+tenderColumns+tenderFrom+c.where()+
		` ORDER BY t.deadline, t.id LIMIT `+c.arg(f.Limit), c.args...)
}
