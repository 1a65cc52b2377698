package api

import (
	"encoding/json"
	"net/http"
	"time"

	"b2x/app"
	"b2x/crm"
	"b2x/errs"
	"b2x/store"
)

type tenderJSON struct {
	app.TenderView
	Requirements []crm.Requirement `json:"requirements"`
	// The domain's Documents (names only) are replaced by the full documents.
	Documents []store.TenderDocument `json:"documents"`
}

func tenderOut(v app.TenderView) tenderJSON {
	return tenderJSON{TenderView: v, Requirements: nonNil(v.Requirements), Documents: nonNil(v.Documents)}
}

func (s *Server) listTenders(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	tq := app.TenderQuery{OrganizationID: q.Get("organization_id"), Owner: q.Get("owner"), Outcome: crm.Outcome(q.Get("outcome")),
		After: q.Get("cursor"), Limit: limit + 1}
	var fs errs.Fields
	if tq.DeadlineFrom, err = queryTime(r, "deadline_from"); err != nil {
		fs.Wrap("", err)
	}
	if tq.DeadlineTo, err = queryTime(r, "deadline_to"); err != nil {
		fs.Wrap("", err)
	}
	if err := fs.Err(); err != nil {
		return err
	}
	vs, err := s.app.Tenders(r.Context(), actorOf(r), tq)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, pageOf(vs, limit, tenderOut, func(v app.TenderView) string { return v.ID }))
}

type tenderIn struct {
	OrganizationID string                  `json:"organization_id"`
	Title          *string                 `json:"title"`
	PublishedAt    json.RawMessage         `json:"published_at"`
	Deadline       json.RawMessage         `json:"deadline"`
	Requirements   *[]crm.Requirement      `json:"requirements"`
	Documents      *[]store.TenderDocument `json:"documents"`
	Owner          *string                 `json:"owner"`
	Decision       *crm.Decision           `json:"decision"`
	DecisionReason *string                 `json:"decision_reason"`
	QuoteID        *string                 `json:"quote_id"` // submits the bid
	SubmittedAt    json.RawMessage         `json:"submitted_at"`
	Outcome        *crm.Outcome            `json:"outcome"`
	WinnerName     *string                 `json:"winner_name"`
	WinningPrice   json.RawMessage         `json:"winning_price"`
	Version        int                     `json:"version"`
}

func optTime(fs *errs.Fields, field string, raw json.RawMessage) *time.Time {
	if raw == nil {
		return nil
	}
	t, err := timeField(field, raw)
	fs.Wrap("", err)
	return &t
}

func (in tenderIn) patch() (app.TenderPatch, error) {
	var fs errs.Fields
	p := app.TenderPatch{Title: in.Title, Requirements: in.Requirements, Documents: in.Documents, Owner: in.Owner,
		Decision: in.Decision, DecisionReason: in.DecisionReason, SubmitQuoteID: in.QuoteID, Outcome: in.Outcome,
		WinnerName: in.WinnerName, Version: in.Version,
		PublishedAt: optTime(&fs, "published_at", in.PublishedAt), Deadline: optTime(&fs, "deadline", in.Deadline),
		SubmittedAt: optTime(&fs, "submitted_at", in.SubmittedAt)}
	if in.WinningPrice != nil {
		a, err := moneyField("winning_price", in.WinningPrice)
		fs.Wrap("", err)
		p.WinningPrice = &a
	}
	return p, fs.Err()
}

func (s *Server) createTender(w http.ResponseWriter, r *http.Request) error {
	var in tenderIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Decision != nil || in.QuoteID != nil || in.Outcome != nil || in.SubmittedAt != nil || in.WinnerName != nil ||
		in.WinningPrice != nil || in.DecisionReason != nil {
		return errs.Field("decision", "a new tender is undecided; decide, submit and close it with PATCH")
	}
	p, err := in.patch()
	if err != nil {
		return err
	}
	n := app.NewTender{OrganizationID: in.OrganizationID}
	if p.Title != nil {
		n.Title = *p.Title
	}
	if p.PublishedAt != nil {
		n.PublishedAt = *p.PublishedAt
	}
	if p.Deadline != nil {
		n.Deadline = *p.Deadline
	}
	if p.Requirements != nil {
		n.Requirements = *p.Requirements
	}
	if p.Documents != nil {
		n.Documents = *p.Documents
	}
	if p.Owner != nil {
		n.Owner = *p.Owner
	}
	v, err := s.app.CreateTender(r.Context(), actorOf(r), n)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/tenders/"+v.ID)
	return writeJSON(w, http.StatusCreated, tenderOut(v))
}

func (s *Server) getTender(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.Tender(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tenderOut(v))
}

func (s *Server) updateTender(w http.ResponseWriter, r *http.Request) error {
	var in tenderIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.OrganizationID != "" {
		return errs.Field("organization_id", "a tender stays with its customer")
	}
	p, err := in.patch()
	if err != nil {
		return err
	}
	v, err := s.app.UpdateTender(r.Context(), actorOf(r), r.PathValue("id"), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tenderOut(v))
}

func (s *Server) listTenderReminders(w http.ResponseWriter, r *http.Request) error {
	rs, err := s.app.TenderReminders(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	type reminderJSON struct {
		crm.Reminder
		LeadSeconds int64 `json:"lead"`
		LeftSeconds int64 `json:"left"`
	}
	out := make([]reminderJSON, len(rs))
	for i, x := range rs {
		out[i] = reminderJSON{Reminder: x, LeadSeconds: int64(x.Lead / time.Second), LeftSeconds: int64(x.Left / time.Second)}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

type tenderDealIn struct {
	Title         string          `json:"title"`
	Amount        json.RawMessage `json:"amount"`
	ExpectedClose json.RawMessage `json:"expected_close"`
	Owner         string          `json:"owner"`
}

func (s *Server) createTenderDeal(w http.ResponseWriter, r *http.Request) error {
	var in tenderDealIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var fs errs.Fields
	d := app.TenderDeal{Title: in.Title, Owner: in.Owner}
	if in.Amount == nil {
		fs.Add("amount", "is required")
	} else {
		a, err := moneyField("amount", in.Amount)
		fs.Wrap("", err)
		d.Amount = a
	}
	if t := optTime(&fs, "expected_close", in.ExpectedClose); t != nil {
		d.ExpectedClose = *t
	}
	if err := fs.Err(); err != nil {
		return err
	}
	v, err := s.app.CreateDealFromTender(r.Context(), actorOf(r), r.PathValue("id"), d)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/opportunities/"+v.ID)
	return writeJSON(w, http.StatusCreated, opportunityOut(v))
}
