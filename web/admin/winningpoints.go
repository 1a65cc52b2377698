package admin

import (
	"net/http"
	"strings"

	"b2x/app"
	"b2x/store"
	"b2x/web/page"
)

// pointForm is a winning point as the form shows it: tags comma-separated.
type pointForm struct{ Title, Text, Tags string }

func pointFormOf(r *http.Request) (pointForm, app.WinningPointInput) {
	f := pointForm{Title: page.Field(r, "title"), Text: r.PostFormValue("text"), Tags: page.Field(r, "tags")}
	in := app.WinningPointInput{Title: f.Title, Text: f.Text}
	for t := range strings.SplitSeq(f.Tags, ",") {
		if t = strings.TrimSpace(t); t != "" {
			in.Tags = append(in.Tags, t)
		}
	}
	return f, in
}

// pointUse is one place a point was used: a quote or a campaign.
type pointUse struct {
	Kind, Ref string
	store.WinningPointUse
}

func pointUses(p store.WinningPoint) []pointUse {
	out := make([]pointUse, len(p.Uses))
	for i, u := range p.Uses {
		out[i].Kind, out[i].Ref, _ = strings.Cut(u.UsedIn, ":")
		out[i].WinningPointUse = u
	}
	return out
}

type pointsPage struct {
	Points []store.WinningPoint
	Tag    string
	Point  *store.WinningPoint // the point being edited
	Uses   []pointUse          // where it was used
	Form   pointForm
	Errors page.FormErrors
}

// winningPoints lists the library (S10), narrowed by a tag, with a form to add a
// point.
func (s *Server) winningPoints(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderPoints(w, r, rq, http.StatusOK, pointsPage{Tag: r.URL.Query().Get("tag")})
}

func (s *Server) renderPoints(w http.ResponseWriter, r *http.Request, rq *request, status int, d pointsPage) error {
	ps, err := s.app.WinningPoints(r.Context(), rq.actor, d.Tag)
	if err != nil {
		return err
	}
	d.Points = ps
	s.render(w, r, status, "winningpoints", rq, rq.p.T("admin.winning_points"), d)
	return nil
}

func (s *Server) createWinningPoint(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	f, in := pointFormOf(r)
	p, err := s.app.CreateWinningPoint(r.Context(), rq.actor, in)
	if err != nil {
		fe, other := page.AsFormErrorsIn(rq.p, err)
		if other != nil {
			return other
		}
		return s.renderPoints(w, r, rq, page.FormStatus(err), pointsPage{Form: f, Errors: fe})
	}
	http.Redirect(w, r, "/admin/winning-points/"+p.ID, http.StatusSeeOther)
	return nil
}

// winningPoint shows a point's form and where it was used: the quotes and
// campaigns that inserted it.
func (s *Server) winningPoint(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.app.WinningPoint(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	d := pointsPage{Point: &p, Uses: pointUses(p), Form: pointForm{Title: p.Title, Text: p.Text, Tags: strings.Join(p.Tags, ", ")}}
	s.render(w, r, http.StatusOK, "winningpoints", rq, p.Title, d)
	return nil
}

func (s *Server) updateWinningPoint(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id := r.PathValue("id")
	f, in := pointFormOf(r)
	if _, err := s.app.UpdateWinningPoint(r.Context(), rq.actor, id, in); err != nil {
		fe, other := page.AsFormErrorsIn(rq.p, err)
		if other != nil {
			return other
		}
		p, perr := s.app.WinningPoint(r.Context(), rq.actor, id)
		if perr != nil {
			return perr
		}
		s.render(w, r, page.FormStatus(err), "winningpoints", rq, p.Title, pointsPage{Point: &p, Uses: pointUses(p), Form: f, Errors: fe})
		return nil
	}
	http.Redirect(w, r, "/admin/winning-points/"+id, http.StatusSeeOther)
	return nil
}
