package store

import (
	"context"
	"database/sql"
	"time"

	"b2x/errs"
	"b2x/news"
)

const bannerColumns = `id, lang, title, body, link, starts_at, ends_at, position, created_by, created_at, updated_at`

func scanBanner(row scanner) (news.Banner, error) {
	var b news.Banner
	var ends sql.NullTime
	err := row.Scan(&b.ID, &b.Lang, &b.Title, &b.Text, &b.Link, &b.StartsAt, &ends, &b.Position, &b.CreatedBy,
		&b.CreatedAt, &b.UpdatedAt)
	if ends.Valid {
		b.EndsAt = ends.Time.UTC()
	}
	b.StartsAt, b.CreatedAt, b.UpdatedAt = b.StartsAt.UTC(), b.CreatedAt.UTC(), b.UpdatedAt.UTC()
	return b, err
}

// InsertBanner writes a new banner.
func (tx *Tx) InsertBanner(ctx context.Context, b *news.Banner) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO banners (`+bannerColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`, b.ID, b.Lang, b.Title, b.Text, b.Link, utc(b.StartsAt),
		nullTime(b.EndsAt), b.Position, b.CreatedBy, utc(b.CreatedAt), utc(b.UpdatedAt))
	return err
}

// UpdateBanner writes a banner's fields, only if it was not changed since it
// was read (updated_at is still was).
func (tx *Tx) UpdateBanner(ctx context.Context, b *news.Banner, was time.Time) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE banners SET lang = $3, title = $4, body = $5, link = $6, starts_at = $7,
		ends_at = $8, position = $9, updated_at = $10 WHERE id = $1 AND updated_at = $2`, b.ID, utc(was), b.Lang, b.Title,
		b.Text, b.Link, utc(b.StartsAt), nullTime(b.EndsAt), b.Position, utc(b.UpdatedAt))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "the banner changed meanwhile; reload it and try again")
	}
	return nil
}

// DeleteBanner removes a banner; one that is not there is not found.
func (tx *Tx) DeleteBanner(ctx context.Context, id string) error {
	res, err := tx.q.ExecContext(ctx, `DELETE FROM banners WHERE id = $1`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "no banner %s", id)
	}
	return nil
}

// Banner loads one banner.
func (tx *Tx) Banner(ctx context.Context, id string) (news.Banner, error) {
	b, err := scanBanner(tx.q.QueryRowContext(ctx, `SELECT `+bannerColumns+` FROM banners WHERE id = $1`, id))
	return b, notFound(err, "no banner %s", id)
}

// Banners lists every banner, running or not, newest start first.
func (tx *Tx) Banners(ctx context.Context, limit int) ([]news.Banner, error) {
	return queryAll(ctx, tx.q, scanBanner, `SELECT `+bannerColumns+` FROM banners ORDER BY starts_at DESC, id DESC LIMIT $1`, limit)
}

// LiveBanners lists the banners running at now in lang (and those for every
// language), by position.
func (tx *Tx) LiveBanners(ctx context.Context, lang string, now time.Time, limit int) ([]news.Banner, error) {
	return queryAll(ctx, tx.q, scanBanner, `SELECT `+bannerColumns+` FROM banners
		WHERE lang IN ('', $1) AND starts_at <= $2 AND (ends_at IS NULL OR ends_at > $2)
		ORDER BY position, starts_at DESC, id LIMIT $3`, lang, utc(now), limit)
}
