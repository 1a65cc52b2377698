package store

import (
	"context"
	"database/sql"
	"time"

	"b2x/errs"
	"b2x/news"
)

// InsertNewsPost writes a new post; a slug already used is a conflict.
func (tx *Tx) InsertNewsPost(ctx context.Context, p *news.Post) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO news_posts (id, slug, lang, title, body, published_at, created_by,
		created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, p.ID, p.Slug, p.Lang, p.Title, p.Body,
		nullTime(p.PublishedAt), p.CreatedBy, utc(p.CreatedAt), utc(p.UpdatedAt))
	if uniqueViolation(err) {
		return &errs.Error{Code: errs.Conflict, Message: "a news post with slug " + p.Slug + " exists already",
			Fields: []errs.FieldError{{Field: "slug", Message: "is taken"}}}
	}
	return err
}

// UpdateNewsPost writes a post's language, title, body and publication time, only
// if it was not changed since it was read (updated_at is still was).
func (tx *Tx) UpdateNewsPost(ctx context.Context, p *news.Post, was time.Time) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE news_posts SET lang = $3, title = $4, body = $5, published_at = $6,
		updated_at = $7 WHERE id = $1 AND updated_at = $2`, p.ID, utc(was), p.Lang, p.Title, p.Body,
		nullTime(p.PublishedAt), utc(p.UpdatedAt))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "the post changed meanwhile; reload it and try again")
	}
	return nil
}

const newsColumns = `id, slug, lang, title, body, published_at, created_by, created_at, updated_at`

func scanNewsPost(row scanner) (news.Post, error) {
	var p news.Post
	var published sql.NullTime
	err := row.Scan(&p.ID, &p.Slug, &p.Lang, &p.Title, &p.Body, &published, &p.CreatedBy, &p.CreatedAt, &p.UpdatedAt)
	if published.Valid {
		p.PublishedAt = published.Time.UTC()
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, err
}

// NewsPost loads a post by slug, drafts included.
func (tx *Tx) NewsPost(ctx context.Context, slug string) (news.Post, error) {
	p, err := scanNewsPost(tx.q.QueryRowContext(ctx, `SELECT `+newsColumns+` FROM news_posts WHERE slug = $1`, slug))
	return p, notFound(err, "no news post %s", slug)
}

// NewsFilter selects posts.
type NewsFilter struct {
	Lang string
	// PublishedBy keeps only posts public at that time, newest publication
	// first; zero lists every post, drafts included, newest written first.
	PublishedBy time.Time
	Limit       int
}

// ListNews returns posts as the filter says.
func (tx *Tx) ListNews(ctx context.Context, f NewsFilter) ([]news.Post, error) {
	var c conditions
	if f.Lang != "" {
		c.add("lang = " + c.arg(f.Lang))
	}
	order := " ORDER BY id DESC"
	if !f.PublishedBy.IsZero() {
		c.add("published_at <= " + c.arg(utc(f.PublishedBy)))
		order = " ORDER BY published_at DESC, id DESC"
	}
	q := `SELECT ` + newsColumns + ` FROM news_posts` + c.where() + order + ` LIMIT ` + c.arg(f.Limit)
	return queryAll(ctx, tx.q, scanNewsPost, q, c.args...)
}

// LatestNewsAt is the publication time of the newest post public at now, zero
// when there is none.
func (tx *Tx) LatestNewsAt(ctx context.Context, now time.Time) (time.Time, error) {
	// Not max(published_at): SQLite hands an aggregate back as text, not a time.
	var t time.Time
	err := tx.q.QueryRowContext(ctx, `SELECT published_at FROM news_posts WHERE published_at <= $1
		ORDER BY published_at DESC LIMIT 1`, utc(now)).Scan(&t)
	if err == sql.ErrNoRows {
		return time.Time{}, nil
	}
	return t.UTC(), err
}
