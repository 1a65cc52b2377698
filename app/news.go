package app

import (
	"context"
	"html/template"
	"slices"
	"strings"
	"time"

	"b2x/errs"
	"b2x/ids"
	"b2x/news"
	"b2x/staff"
	"b2x/store"
)

// NewsView is a post with its body rendered to HTML that is safe to put in a
// page as it is (see news.Render).
type NewsView struct {
	Post news.Post
	HTML template.HTML
}

// NewsInput is a post as staff write it. A zero PublishedAt keeps it a draft; a
// time to come schedules it.
type NewsInput struct {
	Slug        string
	Lang        string
	Title       string
	Body        string
	PublishedAt time.Time
}

// NewsChanges changes a post; nil fields stay. PublishedAt pointing at the zero
// time turns the post back into a draft.
type NewsChanges struct {
	Lang        *string
	Title       *string
	Body        *string
	PublishedAt *time.Time
}

// NewsQuery selects posts.
type NewsQuery struct {
	Lang string // en, ru, fa; empty for all
	// Drafts (staff only) lists every post, drafts and scheduled ones included,
	// newest written first; otherwise the public posts, newest published first.
	Drafts bool
	Limit  int
}

func newsView(p news.Post) NewsView { return NewsView{Post: p, HTML: news.Render(p.Body)} }

// newsState is what the audit log compares before and after a post's change.
func newsState(p news.Post) NewsInput {
	return NewsInput{Slug: p.Slug, Lang: p.Lang, Title: p.Title, Body: p.Body, PublishedAt: p.PublishedAt}
}

// CreateNewsPost writes a news post (staff).
func (a *App) CreateNewsPost(ctx context.Context, actor Actor, in NewsInput) (NewsView, error) {
	if err := require(actor, staff.NewsEdit); err != nil {
		return NewsView{}, err
	}
	now := a.clock()
	p := news.Post{ID: ids.At(now), Slug: strings.TrimSpace(in.Slug), Lang: in.Lang, Title: strings.TrimSpace(in.Title),
		Body: in.Body, CreatedBy: actor.Label(), CreatedAt: now, UpdatedAt: now}
	if !in.PublishedAt.IsZero() {
		p.PublishedAt = utcMicro(in.PublishedAt)
	}
	if err := p.Validate(); err != nil {
		return NewsView{}, err
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertNewsPost(ctx, &p); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "news.create", "news", p.ID, in)
	})
	if err != nil {
		return NewsView{}, err
	}
	return newsView(p), nil
}

// UpdateNewsPost changes a post (staff). Two editors saving at once: the second
// is told to reload.
func (a *App) UpdateNewsPost(ctx context.Context, actor Actor, slug string, ch NewsChanges) (NewsView, error) {
	if err := require(actor, staff.NewsEdit); err != nil {
		return NewsView{}, err
	}
	var p news.Post
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		if p, err = tx.NewsPost(ctx, slug); err != nil {
			return err
		}
		before := newsState(p)
		was := p.UpdatedAt
		if ch.Lang != nil {
			p.Lang = *ch.Lang
		}
		if ch.Title != nil {
			p.Title = strings.TrimSpace(*ch.Title)
		}
		if ch.Body != nil {
			p.Body = *ch.Body
		}
		if ch.PublishedAt != nil {
			p.PublishedAt = time.Time{}
			if !ch.PublishedAt.IsZero() {
				p.PublishedAt = utcMicro(*ch.PublishedAt)
			}
		}
		if err := p.Validate(); err != nil {
			return err
		}
		p.UpdatedAt = a.clock()
		if !p.UpdatedAt.After(was) {
			p.UpdatedAt = was.Add(time.Microsecond) // the guard needs a new value
		}
		if err := tx.UpdateNewsPost(ctx, &p, was); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "news.update", "news", p.ID, diff(before, newsState(p)))
	})
	if err != nil {
		return NewsView{}, err
	}
	return newsView(p), nil
}

// NewsPost returns a post by slug: the public only once it is published, staff
// drafts too.
func (a *App) NewsPost(ctx context.Context, actor Actor, slug string) (NewsView, error) {
	if !news.ValidSlug(slug) {
		return NewsView{}, errs.E(errs.NotFound, "no news post %s", slug)
	}
	var p news.Post
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		p, err = tx.NewsPost(ctx, slug)
		return err
	})
	if err != nil {
		return NewsView{}, err
	}
	if !actor.Can(staff.NewsEdit) && !p.Public(a.clock()) {
		return NewsView{}, errs.E(errs.NotFound, "no news post %s", slug)
	}
	return newsView(p), nil
}

// NewsPosts lists posts; only staff may ask for drafts.
func (a *App) NewsPosts(ctx context.Context, actor Actor, q NewsQuery) ([]NewsView, error) {
	var fs errs.Fields
	checkLimit(&fs, q.Limit)
	if q.Lang != "" && !slices.Contains(news.Langs, q.Lang) {
		fs.Add("lang", "must be one of %s", strings.Join(news.Langs, ", "))
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	if q.Drafts {
		if err := require(actor, staff.NewsEdit); err != nil {
			return nil, err
		}
	}
	f := store.NewsFilter{Lang: q.Lang, Limit: q.Limit}
	if !q.Drafts {
		f.PublishedBy = a.clock()
	}
	var ps []news.Post
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		ps, err = tx.ListNews(ctx, f)
		return err
	})
	out := make([]NewsView, len(ps))
	for i, p := range ps {
		out[i] = newsView(p)
	}
	return out, err
}

// LatestNews returns the newest public posts in a language (all languages when
// lang is empty), newest first.
func (a *App) LatestNews(ctx context.Context, lang string, limit int) ([]NewsView, error) {
	return a.NewsPosts(ctx, Actor{}, NewsQuery{Lang: lang, Limit: limit})
}

// LatestNewsAt is when the newest public post was published, zero when there is
// none: the back office warns when the public site looks stale (S4).
func (a *App) LatestNewsAt(ctx context.Context) (time.Time, error) {
	var t time.Time
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		t, err = tx.LatestNewsAt(ctx, a.clock())
		return err
	})
	return t, err
}
