package api

import (
	"net/http"
	"time"

	"b2x/app"
	"b2x/store"
)

type winningPointUseJSON struct {
	UsedIn string    `json:"used_in"`
	At     time.Time `json:"at"`
	By     string    `json:"by"`
}

type winningPointJSON struct {
	ID        string                `json:"id"`
	Title     string                `json:"title"`
	Text      string                `json:"text"`
	Tags      []string              `json:"tags"`
	Uses      []winningPointUseJSON `json:"uses,omitempty"`
	CreatedAt time.Time             `json:"created_at"`
	UpdatedAt time.Time             `json:"updated_at"`
}

func winningPointOut(p store.WinningPoint) winningPointJSON {
	out := winningPointJSON{ID: p.ID, Title: p.Title, Text: p.Text, Tags: nonNil(p.Tags), CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	for _, u := range p.Uses {
		out.Uses = append(out.Uses, winningPointUseJSON{UsedIn: u.UsedIn, At: u.At, By: u.By})
	}
	return out
}

func (s *Server) listWinningPoints(w http.ResponseWriter, r *http.Request) error {
	ps, err := s.app.WinningPoints(r.Context(), actorOf(r), r.URL.Query().Get("tag"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": views(ps, winningPointOut)})
}

type winningPointIn struct {
	Title string   `json:"title"`
	Text  string   `json:"text"`
	Tags  []string `json:"tags"`
}

func (s *Server) createWinningPoint(w http.ResponseWriter, r *http.Request) error {
	var in winningPointIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p, err := s.app.CreateWinningPoint(r.Context(), actorOf(r), app.WinningPointInput(in))
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/winning-points/"+p.ID)
	return writeJSON(w, http.StatusCreated, winningPointOut(p))
}

func (s *Server) getWinningPoint(w http.ResponseWriter, r *http.Request) error {
	p, err := s.app.WinningPoint(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, winningPointOut(p))
}

func (s *Server) putWinningPoint(w http.ResponseWriter, r *http.Request) error {
	var in winningPointIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p, err := s.app.UpdateWinningPoint(r.Context(), actorOf(r), r.PathValue("id"), app.WinningPointInput(in))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, winningPointOut(p))
}

func (s *Server) useWinningPoint(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		UsedIn string `json:"used_in"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p, err := s.app.UseWinningPoint(r.Context(), actorOf(r), r.PathValue("id"), in.UsedIn)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, winningPointOut(p))
}
