package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"b2x/app"
	"b2x/crm"
	"b2x/errs"
	"b2x/money"
)

type opportunityJSON struct {
	app.OpportunityView
	// TimeInStages is in whole seconds per stage (a Go duration would be nanoseconds).
	TimeInStages map[string]int64 `json:"time_in_stages,omitempty"`
}

func opportunityOut(v app.OpportunityView) opportunityJSON {
	out := opportunityJSON{OpportunityView: v}
	if v.TimeInStages != nil {
		out.TimeInStages = map[string]int64{}
		for k, d := range v.TimeInStages {
			out.TimeInStages[k] = int64(d / time.Second)
		}
	}
	out.OpportunityView.TimeInStages = nil
	if out.History == nil {
		out.History = []crm.StageChange{}
	}
	return out
}

// queryTime reads an optional RFC 3339 time from the query string.
func queryTime(r *http.Request, name string) (time.Time, error) {
	s := r.URL.Query().Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, errs.Field(name, "must be an RFC 3339 time, e.g. 2026-01-31T00:00:00Z")
	}
	return t.UTC(), nil
}

// queryMonth reads a YYYY-MM month from the query string.
func queryMonth(r *http.Request, name string) (time.Time, error) {
	s := r.URL.Query().Get(name)
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return time.Time{}, errs.Field(name, "must be a month, e.g. 2026-01")
	}
	return t, nil
}

func (s *Server) getPipeline(w http.ResponseWriter, r *http.Request) error {
	p, err := s.app.Pipeline(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

func (s *Server) putPipeline(w http.ResponseWriter, r *http.Request) error {
	var in crm.Pipeline
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p, err := s.app.SetPipeline(r.Context(), actorOf(r), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, p)
}

func (s *Server) getBoard(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	bq := app.BoardQuery{Owner: q.Get("owner"), Source: crm.Source(q.Get("source")), OrganizationID: q.Get("organization_id"),
		Text: q.Get("q")}
	var fs errs.Fields
	var err error
	if bq.CloseFrom, err = queryTime(r, "close_from"); err != nil {
		fs.Wrap("", err)
	}
	if bq.CloseTo, err = queryTime(r, "close_to"); err != nil {
		fs.Wrap("", err)
	}
	if c := q.Get("cards"); c != "" {
		if bq.CardsPerStage, err = strconv.Atoi(c); err != nil || bq.CardsPerStage < 1 {
			fs.Add("cards", "must be a whole number between 1 and %d", app.MaxPageSize)
		}
	}
	if err := fs.Err(); err != nil {
		return err
	}
	b, err := s.app.Board(r.Context(), actorOf(r), bq)
	if err != nil {
		return err
	}
	type columnJSON struct {
		Stage  crm.Stage         `json:"stage"`
		Count  int               `json:"count"`
		Totals []money.Amount    `json:"totals"`
		Cards  []opportunityJSON `json:"cards"`
	}
	out := struct {
		Columns []columnJSON `json:"columns"`
		Unknown int          `json:"unknown"`
	}{Columns: []columnJSON{}, Unknown: b.Unknown}
	for _, c := range b.Columns {
		col := columnJSON{Stage: c.Stage, Count: c.Count, Totals: c.Totals, Cards: []opportunityJSON{}}
		for _, v := range c.Cards {
			col.Cards = append(col.Cards, opportunityOut(v))
		}
		out.Columns = append(out.Columns, col)
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) getForecast(w http.ResponseWriter, r *http.Request) error {
	var fs errs.Fields
	from, err := queryMonth(r, "from")
	fs.Wrap("", err)
	to, err := queryMonth(r, "to")
	fs.Wrap("", err)
	if err := fs.Err(); err != nil {
		return err
	}
	rows, err := s.app.Forecast(r.Context(), actorOf(r), app.ForecastQuery{From: from, To: to, Owner: r.URL.Query().Get("owner")})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(rows)})
}

func (s *Server) listOpportunities(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	oq := app.OpportunityQuery{Owner: q.Get("owner"), Stage: q.Get("stage"), Source: crm.Source(q.Get("source")),
		OrganizationID: q.Get("organization_id"), PersonID: q.Get("person_id"), Text: q.Get("q"), After: q.Get("cursor"),
		Limit: limit + 1}
	var fs errs.Fields
	if oq.CloseFrom, err = queryTime(r, "close_from"); err != nil {
		fs.Wrap("", err)
	}
	if oq.CloseTo, err = queryTime(r, "close_to"); err != nil {
		fs.Wrap("", err)
	}
	if err := fs.Err(); err != nil {
		return err
	}
	vs, err := s.app.Opportunities(r.Context(), actorOf(r), oq)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, pageOf(vs, limit, opportunityOut, func(v app.OpportunityView) string { return v.ID }))
}

// opportunityIn is the body of POST and PATCH; pointers tell "absent" from "empty".
type opportunityIn struct {
	OrganizationID *string         `json:"organization_id"`
	PersonID       *string         `json:"person_id"`
	Title          *string         `json:"title"`
	Amount         json.RawMessage `json:"amount"`
	Stage          *string         `json:"stage"`
	Probability    json.RawMessage `json:"probability"` // a number, or null for the stage's default
	ExpectedClose  json.RawMessage `json:"expected_close"`
	Owner          *string         `json:"owner"`
	Source         *crm.Source     `json:"source"`
	LostReason     *string         `json:"lost_reason"`
	Version        int             `json:"version"`
}

func (in opportunityIn) patch() (app.OpportunityPatch, error) {
	p := app.OpportunityPatch{Title: in.Title, Owner: in.Owner, Source: in.Source, OrganizationID: in.OrganizationID,
		PersonID: in.PersonID, LostReason: in.LostReason, Version: in.Version}
	var fs errs.Fields
	if in.Amount != nil {
		a, err := moneyField("amount", in.Amount)
		fs.Wrap("", err)
		p.Amount = &a
	}
	if in.ExpectedClose != nil {
		t, err := timeField("expected_close", in.ExpectedClose)
		fs.Wrap("", err)
		p.ExpectedClose = &t
	}
	if in.Probability != nil {
		if string(in.Probability) == "null" {
			p.ClearProbability = true
		} else {
			var n int
			if err := json.Unmarshal(in.Probability, &n); err != nil {
				fs.Add("probability", "must be a whole number between 0 and 100, or null")
			}
			p.Probability = &n
		}
	}
	return p, fs.Err()
}

func (s *Server) createOpportunity(w http.ResponseWriter, r *http.Request) error {
	var in opportunityIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p, err := in.patch()
	if err != nil {
		return err
	}
	n := app.NewOpportunity{Probability: p.Probability}
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&n.OrganizationID, in.OrganizationID)
	set(&n.PersonID, in.PersonID)
	set(&n.Title, in.Title)
	set(&n.Stage, in.Stage)
	set(&n.Owner, in.Owner)
	set(&n.LostReason, in.LostReason)
	if in.Source != nil {
		n.Source = *in.Source
	}
	if p.Amount != nil {
		n.Amount = *p.Amount
	}
	if p.ExpectedClose != nil {
		n.ExpectedClose = *p.ExpectedClose
	}
	v, err := s.app.CreateOpportunity(r.Context(), actorOf(r), n)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/opportunities/"+v.ID)
	return writeJSON(w, http.StatusCreated, opportunityOut(v))
}

func (s *Server) getOpportunity(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.Opportunity(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, opportunityOut(v))
}

func (s *Server) updateOpportunity(w http.ResponseWriter, r *http.Request) error {
	var in opportunityIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Stage != nil {
		return errs.Field("stage", "changes with POST /api/v1/opportunities/{id}/moves, which keeps the history")
	}
	p, err := in.patch()
	if err != nil {
		return err
	}
	v, err := s.app.UpdateOpportunity(r.Context(), actorOf(r), r.PathValue("id"), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, opportunityOut(v))
}

type moveIn struct {
	To         string `json:"to"`
	LostReason string `json:"lost_reason"`
	Reopen     bool   `json:"reopen"`
	Version    int    `json:"version"`
}

func (s *Server) moveOpportunity(w http.ResponseWriter, r *http.Request) error {
	var in moveIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	v, err := s.app.MoveOpportunity(r.Context(), actorOf(r), r.PathValue("id"),
		app.Move{To: in.To, LostReason: in.LostReason, Reopen: in.Reopen, Version: in.Version})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, opportunityOut(v))
}
