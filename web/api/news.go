package api

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"b2x/app"
	"b2x/errs"
)

// News: the public reads published posts (newest first, per language); staff
// write them and, with drafts=true, list drafts and scheduled posts too. The
// Markdown body comes with its HTML, rendered with raw HTML switched off.

type newsJSON struct {
	ID          string     `json:"id"`
	Slug        string     `json:"slug"`
	Lang        string     `json:"lang"`
	Title       string     `json:"title"`
	Body        string     `json:"body"`
	HTML        string     `json:"html"`
	PublishedAt *time.Time `json:"published_at"` // null for a draft
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

func newsOut(v app.NewsView) newsJSON {
	p := v.Post
	out := newsJSON{ID: p.ID, Slug: p.Slug, Lang: p.Lang, Title: p.Title, Body: p.Body, HTML: string(v.HTML),
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}
	if !p.PublishedAt.IsZero() {
		at := p.PublishedAt
		out.PublishedAt = &at
	}
	return out
}

func (s *Server) listNews(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	var drafts bool
	if v := q.Get("drafts"); v != "" {
		if drafts, err = strconv.ParseBool(v); err != nil {
			return errs.Field("drafts", "must be true or false")
		}
	}
	vs, err := s.app.NewsPosts(r.Context(), actorOf(r), app.NewsQuery{Lang: q.Get("lang"), Drafts: drafts, Limit: limit})
	if err != nil {
		return err
	}
	out := struct {
		Items []newsJSON `json:"items"`
	}{Items: []newsJSON{}}
	for _, v := range vs {
		out.Items = append(out.Items, newsOut(v))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) getNews(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.NewsPost(r.Context(), actorOf(r), r.PathValue("slug"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newsOut(v))
}

func (s *Server) createNews(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Slug        string          `json:"slug"`
		Lang        string          `json:"lang"`
		Title       string          `json:"title"`
		Body        string          `json:"body"`
		PublishedAt json.RawMessage `json:"published_at"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ni := app.NewsInput{Slug: in.Slug, Lang: in.Lang, Title: in.Title, Body: in.Body}
	if len(in.PublishedAt) > 0 && string(in.PublishedAt) != "null" {
		t, err := timeField("published_at", in.PublishedAt)
		if err != nil {
			return err
		}
		ni.PublishedAt = t
	}
	v, err := s.app.CreateNewsPost(r.Context(), actorOf(r), ni)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/news/"+v.Post.Slug)
	return writeJSON(w, http.StatusCreated, newsOut(v))
}

// updateNews changes a post; "published_at": null turns it back into a draft.
func (s *Server) updateNews(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Lang        *string         `json:"lang"`
		Title       *string         `json:"title"`
		Body        *string         `json:"body"`
		PublishedAt json.RawMessage `json:"published_at"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ch := app.NewsChanges{Lang: in.Lang, Title: in.Title, Body: in.Body}
	switch {
	case len(in.PublishedAt) == 0:
	case string(in.PublishedAt) == "null":
		ch.PublishedAt = new(time.Time)
	default:
		t, err := timeField("published_at", in.PublishedAt)
		if err != nil {
			return err
		}
		ch.PublishedAt = &t
	}
	v, err := s.app.UpdateNewsPost(r.Context(), actorOf(r), r.PathValue("slug"), ch)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newsOut(v))
}
