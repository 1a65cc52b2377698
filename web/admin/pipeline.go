package admin

import (
	"net/http"
	"strconv"

	"b2x/app"
	"b2x/crm"
	"b2x/web/page"
)

type boardPage struct {
	Board  app.Board
	Stages []crm.Stage
}

// board shows the pipeline as columns; each card carries a move form, and
// admin.js lets a card be dragged onto a column by posting that same form.
func (s *Server) board(w http.ResponseWriter, r *http.Request, rq *request) error {
	b, err := s.app.Board(r.Context(), rq.actor, app.BoardQuery{Owner: r.URL.Query().Get("owner")})
	if err != nil {
		return err
	}
	d := boardPage{Board: b}
	for _, c := range b.Columns {
		d.Stages = append(d.Stages, c.Stage)
	}
	s.render(w, r, http.StatusOK, "board", rq, rq.p.T("admin.pipeline"), d)
	return nil
}

type dealsPage struct {
	Deals   []app.OpportunityView
	Stages  []crm.Stage
	Sources []crm.Source
	Query   app.OpportunityQuery
}

// deals lists deals with filters by stage, owner, source and title.
func (s *Server) deals(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := r.URL.Query()
	d := dealsPage{Query: app.OpportunityQuery{Stage: q.Get("stage"), Owner: q.Get("owner"),
		Source: crm.Source(q.Get("source")), Text: q.Get("text"), Limit: app.MaxPageSize},
		Sources: []crm.Source{crm.SourceReferral, crm.SourceWeb, crm.SourceTender, crm.SourceDealer, crm.SourceCampaign}}
	p, err := s.app.Pipeline(r.Context(), rq.actor)
	if err != nil {
		return err
	}
	d.Stages = p.Stages
	if d.Deals, err = s.app.Opportunities(r.Context(), rq.actor, d.Query); err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "deals", rq, rq.p.T("admin.deals"), d)
	return nil
}

// moveDeal moves a deal to another stage. The form carries the version the
// manager saw, so a move made on a stale board is refused rather than applied
// over someone else's.
func (s *Server) moveDeal(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	version, _ := strconv.Atoi(page.Field(r, "version"))
	id := r.PathValue("id")
	if _, err := s.app.MoveOpportunity(r.Context(), rq.actor, id, app.Move{To: page.Field(r, "to"),
		LostReason: page.Field(r, "lost_reason"), Reopen: page.Field(r, "reopen") != "", Version: version}); err != nil {
		return err
	}
	http.Redirect(w, r, localPath(page.Field(r, "back")), http.StatusSeeOther)
	return nil
}
