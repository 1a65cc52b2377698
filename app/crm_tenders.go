package app

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"b2x/crm"
	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/staff"
	"b2x/store"
)

// TenderView is a tender as the back office shows it, with where it stands.
type TenderView struct {
	crm.Tender
	Status        crm.TenderStatus       `json:"status"`
	Documents     []store.TenderDocument `json:"documents"`
	Owner         string                 `json:"owner"`
	OpportunityID string                 `json:"opportunity_id,omitempty"`
	CreatedAt     time.Time              `json:"created_at"`
	UpdatedAt     time.Time              `json:"updated_at"`
	Version       int                    `json:"version"`
}

func tenderView(r store.TenderRecord) TenderView {
	docs := r.Documents
	if docs == nil {
		docs = []store.TenderDocument{}
	}
	return TenderView{Tender: r.Tender, Status: r.Tender.Status(), Documents: docs, Owner: r.Owner,
		OpportunityID: r.OpportunityID, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, Version: r.Version}
}

// NewTender is a tender as a sales manager starts tracking it (S5).
type NewTender struct {
	OrganizationID string
	Title          string
	PublishedAt    time.Time
	Deadline       time.Time
	Requirements   []crm.Requirement
	Documents      []store.TenderDocument
	Owner          string // a staff user id; empty: the actor
}

// MaxDocumentText bounds a document kept as text; larger ones are linked.
const MaxDocumentText = 100_000

// checkDocuments checks each document: a name, and a link or a text, not both.
func checkDocuments(fs *errs.Fields, docs []store.TenderDocument) {
	for i, d := range docs {
		f := fmt.Sprintf("documents[%d]", i)
		if strings.TrimSpace(d.Name) == "" || utf8.RuneCountInString(d.Name) > 200 {
			fs.Add(f+".name", "is required and at most 200 characters")
		}
		switch {
		case d.URL == "" && d.Text == "":
			fs.Add(f, "needs a url or a text")
		case d.URL != "" && d.Text != "":
			fs.Add(f, "has a url or a text, not both")
		case d.URL != "":
			if u, err := url.Parse(d.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(d.URL) > 2000 {
				fs.Add(f+".url", "must be an http or https address")
			}
		case utf8.RuneCountInString(d.Text) > MaxDocumentText || !utf8.ValidString(d.Text):
			fs.Add(f+".text", "must be UTF-8 text of at most %d characters", MaxDocumentText)
		}
	}
}

// CreateTender starts tracking a tender, undecided and pending.
func (a *App) CreateTender(ctx context.Context, actor Actor, in NewTender) (TenderView, error) {
	if err := require(actor, staff.TendersEdit); err != nil {
		return TenderView{}, err
	}
	now := a.clock()
	if in.Owner == "" {
		in.Owner = actor.UserID
	}
	r := store.TenderRecord{Tender: crm.Tender{ID: ids.At(now), OrganizationID: in.OrganizationID,
		Title: strings.TrimSpace(in.Title), PublishedAt: utcMicro(in.PublishedAt), Deadline: utcMicro(in.Deadline),
		Requirements: in.Requirements, Decision: crm.Undecided, Outcome: crm.OutcomePending},
		Documents: in.Documents, Owner: in.Owner, CreatedAt: now, UpdatedAt: now}
	if err := checkTender(&r); err != nil {
		return TenderView{}, err
	}
	var v TenderView
	err := a.write(ctx, func(tx *store.Tx) error {
		if err := checkLinks(ctx, tx, links{Owner: r.Owner, OrganizationID: r.Tender.OrganizationID}); err != nil {
			return err
		}
		if err := tx.InsertTender(ctx, &r); err != nil {
			return err
		}
		v = tenderView(r)
		return a.audit(ctx, tx, actor, "tender.create", "tender", r.Tender.ID, v)
	})
	return v, err
}

func checkTender(r *store.TenderRecord) error {
	r.Tender.Documents = nil
	for _, d := range r.Documents {
		r.Tender.Documents = append(r.Tender.Documents, d.Name)
	}
	var fs errs.Fields
	fs.Wrap("", r.Tender.Validate())
	checkDocuments(&fs, r.Documents)
	if r.Owner == "" {
		fs.Add("owner", "is required")
	}
	return fs.Err()
}

// TenderPatch changes a tender; nil fields stay as they are. Decision, submission
// and outcome go through crm's moves (Decide, Submit, Close), in that order, so
// one patch may decide to bid and submit the bid.
type TenderPatch struct {
	Title          *string
	PublishedAt    *time.Time
	Deadline       *time.Time
	Requirements   *[]crm.Requirement
	Documents      *[]store.TenderDocument
	Owner          *string
	Decision       *crm.Decision
	DecisionReason *string       // with Decision
	SubmitQuoteID  *string       // our bid went in, as this quote
	SubmittedAt    *time.Time    // with SubmitQuoteID; nil means now
	Outcome        *crm.Outcome  // won, lost or cancelled
	WinnerName     *string       // with a lost outcome
	WinningPrice   *money.Amount // with a lost outcome, when published
	Version        int           // when not 0, the change applies only to this version
}

// UpdateTender applies a patch to a tender.
func (a *App) UpdateTender(ctx context.Context, actor Actor, id string, patch TenderPatch) (TenderView, error) {
	if err := require(actor, staff.TendersEdit); err != nil {
		return TenderView{}, err
	}
	if !ids.Valid(id) {
		return TenderView{}, errs.E(errs.NotFound, "no tender %s", id)
	}
	var v TenderView
	err := a.write(ctx, func(tx *store.Tx) error {
		r, err := tx.Tender(ctx, id)
		if err != nil {
			return err
		}
		if patch.Version != 0 && patch.Version != r.Version {
			return errs.E(errs.Conflict, "the tender changed meanwhile (version %d, not %d); reload it", r.Version, patch.Version)
		}
		before := tenderView(r)
		now := a.clock()
		t := &r.Tender
		set(&t.Title, patch.Title)
		if patch.PublishedAt != nil {
			t.PublishedAt = utcMicro(*patch.PublishedAt)
		}
		if patch.Deadline != nil {
			t.Deadline = utcMicro(*patch.Deadline)
		}
		set(&t.Requirements, patch.Requirements)
		set(&r.Documents, patch.Documents)
		set(&r.Owner, patch.Owner)
		t.Title = strings.TrimSpace(t.Title)
		if patch.Decision != nil {
			reason := ""
			set(&reason, patch.DecisionReason)
			if err := t.Decide(*patch.Decision, reason); err != nil {
				return err
			}
		}
		if patch.SubmitQuoteID != nil {
			at := now
			if patch.SubmittedAt != nil {
				at = utcMicro(*patch.SubmittedAt)
			}
			if err := checkLinks(ctx, tx, links{QuoteID: *patch.SubmitQuoteID}); err != nil {
				return err
			}
			if err := t.Submit(*patch.SubmitQuoteID, at); err != nil {
				return err
			}
		}
		if patch.Outcome != nil {
			winner, price := "", money.Amount{}
			set(&winner, patch.WinnerName)
			set(&price, patch.WinningPrice)
			if err := t.Close(*patch.Outcome, winner, price); err != nil {
				return err
			}
		}
		if err := checkTender(&r); err != nil {
			return err
		}
		if err := checkLinks(ctx, tx, links{Owner: r.Owner}); err != nil {
			return err
		}
		r.UpdatedAt = now
		if err := tx.UpdateTender(ctx, &r); err != nil {
			return err
		}
		v = tenderView(r)
		b, af := before, v
		b.UpdatedAt, af.UpdatedAt, b.Version, af.Version = time.Time{}, time.Time{}, 0, 0
		return a.audit(ctx, tx, actor, "tender.update", "tender", id, diff(b, af))
	})
	return v, err
}

// Tender returns one tender.
func (a *App) Tender(ctx context.Context, actor Actor, id string) (TenderView, error) {
	if err := require(actor, staff.CRMRead); err != nil {
		return TenderView{}, err
	}
	if !ids.Valid(id) {
		return TenderView{}, errs.E(errs.NotFound, "no tender %s", id)
	}
	var v TenderView
	err := a.read(ctx, func(tx *store.Tx) error {
		r, err := tx.Tender(ctx, id)
		if err != nil {
			return err
		}
		if err := checkManaged(ctx, tx, actor, r.Tender.OrganizationID, "tender", id); err != nil {
			return err
		}
		v = tenderView(r)
		return nil
	})
	return v, err
}

// TenderQuery selects a page of tenders, earliest deadline first.
type TenderQuery struct {
	OrganizationID string
	Owner          string
	Outcome        crm.Outcome
	DeadlineFrom   time.Time
	DeadlineTo     time.Time
	After          string // cursor: the last id of the previous page
	Limit          int
}

// Tenders lists tenders.
func (a *App) Tenders(ctx context.Context, actor Actor, q TenderQuery) ([]TenderView, error) {
	if err := require(actor, staff.CRMRead); err != nil {
		return nil, err
	}
	var fs errs.Fields
	if q.Outcome != "" && !q.Outcome.Valid() {
		fs.Add("outcome", "must be one of pending, won, lost, cancelled")
	}
	if q.After != "" && !ids.Valid(q.After) {
		fs.Add("cursor", "is not a cursor this API gave out")
	}
	checkLimit(&fs, q.Limit)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []TenderView
	err := a.read(ctx, func(tx *store.Tx) error {
		f := store.TenderFilter{OrganizationID: q.OrganizationID, Owner: q.Owner, Outcome: q.Outcome,
			DeadlineFrom: q.DeadlineFrom, DeadlineTo: q.DeadlineTo, ManagedBy: managerOf(actor), Limit: q.Limit}
		if q.After != "" {
			last, err := tx.Tender(ctx, q.After)
			if err == nil {
				err = checkManaged(ctx, tx, actor, last.Tender.OrganizationID, "tender", q.After)
			}
			if errs.CodeOf(err) == errs.NotFound {
				return errs.Field("cursor", "is not a cursor this API gave out")
			} else if err != nil {
				return err
			}
			f.AfterDeadline, f.AfterID = last.Tender.Deadline, last.Tender.ID
		}
		rs, err := tx.ListTenders(ctx, f)
		out = views(rs, tenderView)
		return err
	})
	return out, err
}

// TenderReminders lists the tenders whose deadline is near (crm's DueReminders
// with its default leads): open or being bid on, not submitted, deadline ahead.
func (a *App) TenderReminders(ctx context.Context, actor Actor) ([]crm.Reminder, error) {
	if err := require(actor, staff.CRMRead); err != nil {
		return nil, err
	}
	var out []crm.Reminder
	err := a.read(ctx, func(tx *store.Tx) error {
		now := a.clock()
		var longest time.Duration
		for _, l := range crm.DefaultLeads {
			longest = max(longest, l)
		}
		rs, err := tx.ListTenders(ctx, store.TenderFilter{Outcome: crm.OutcomePending, DeadlineFrom: now, ManagedBy: managerOf(actor),
			DeadlineTo: now.Add(longest + time.Microsecond), Limit: MaxOverdue})
		if err != nil {
			return err
		}
		ts := make([]crm.Tender, len(rs))
		for i, r := range rs {
			ts[i] = r.Tender
		}
		out = crm.DueReminders(ts, now, nil)
		return nil
	})
	return out, err
}

// TenderDeal is what a deal made from a tender needs beyond the tender itself.
type TenderDeal struct {
	Title         string // empty: the tender's title
	Amount        money.Amount
	ExpectedClose time.Time // zero: the tender's deadline
	Owner         string    // empty: the tender's owner
}

// CreateDealFromTender opens a deal for the tender's customer with source tender,
// linked to the tender; a tender makes at most one deal.
func (a *App) CreateDealFromTender(ctx context.Context, actor Actor, tenderID string, in TenderDeal) (OpportunityView, error) {
	if err := require(actor, staff.TendersEdit); err != nil {
		return OpportunityView{}, err
	}
	if err := require(actor, staff.OpportunitiesEdit); err != nil {
		return OpportunityView{}, err
	}
	if !ids.Valid(tenderID) {
		return OpportunityView{}, errs.E(errs.NotFound, "no tender %s", tenderID)
	}
	var v OpportunityView
	err := a.write(ctx, func(tx *store.Tx) error {
		r, err := tx.Tender(ctx, tenderID)
		if err != nil {
			return err
		}
		if r.OpportunityID != "" {
			return &errs.Error{Code: errs.Conflict, Message: "a deal was already made from this tender",
				Detail: map[string]any{"opportunity_id": r.OpportunityID}}
		}
		if s := r.Tender.Status(); s == crm.TenderDeclined || s.Final() {
			return errs.E(errs.Conflict, "the tender is %s; no deal is made of it", s)
		}
		n := NewOpportunity{OrganizationID: r.Tender.OrganizationID, Title: in.Title, Amount: in.Amount,
			ExpectedClose: in.ExpectedClose, Owner: in.Owner, Source: crm.SourceTender, TenderID: tenderID}
		if n.Title == "" {
			n.Title = r.Tender.Title
		}
		if n.ExpectedClose.IsZero() {
			n.ExpectedClose = r.Tender.Deadline
		}
		if n.Owner == "" {
			n.Owner = r.Owner
		}
		v, err = a.createOpportunity(ctx, tx, actor, n)
		return err
	})
	return v, err
}
