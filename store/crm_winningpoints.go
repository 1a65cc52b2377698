package store

import (
	"context"
	"time"

	"b2x/errs"
)

// WinningPoint is one of the company's winning points (S10): the same words for
// every client, with where they were used.
type WinningPoint struct {
	ID        string
	Title     string
	Text      string
	Tags      []string
	Uses      []WinningPointUse
	CreatedAt time.Time
	UpdatedAt time.Time
}

// WinningPointUse records that a point was used in a quote or a campaign.
type WinningPointUse struct {
	UsedIn string // quote:ID or campaign:ID
	At     time.Time
	By     string
}

func scanWinningPoint(row scanner) (WinningPoint, error) {
	var p WinningPoint
	var tags string
	if err := row.Scan(&p.ID, &p.Title, &p.Text, &tags, &p.CreatedAt, &p.UpdatedAt); err != nil {
		return p, err
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, fromJSON(tags, &p.Tags)
}

func tagsJSON(tags []string) string {
	if tags == nil {
		tags = []string{}
	}
	return toJSON(tags)
}

// InsertWinningPoint writes a new point.
func (tx *Tx) InsertWinningPoint(ctx context.Context, p *WinningPoint) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO winning_points (id, title, body, tags, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, p.ID, p.Title, p.Text, tagsJSON(p.Tags), utc(p.CreatedAt), utc(p.UpdatedAt))
	return err
}

// UpdateWinningPoint writes a point's title, text and tags.
func (tx *Tx) UpdateWinningPoint(ctx context.Context, p *WinningPoint) error {
	_, err := tx.q.ExecContext(ctx, `UPDATE winning_points SET title = $2, body = $3, tags = $4, updated_at = $5 WHERE id = $1`,
		p.ID, p.Title, p.Text, tagsJSON(p.Tags), utc(p.UpdatedAt))
	return err
}

// WinningPoint loads a point with its uses, oldest first.
func (tx *Tx) WinningPoint(ctx context.Context, id string) (WinningPoint, error) {
	p, err := scanWinningPoint(tx.q.QueryRowContext(ctx, `SELECT id, title, body, tags, created_at, updated_at
		FROM winning_points WHERE id = $1`, id))
	if err != nil {
		return p, notFound(err, "no winning point %s", id)
	}
	p.Uses, err = queryAll(ctx, tx.q, func(row scanner) (u WinningPointUse, err error) {
		err = row.Scan(&u.UsedIn, &u.At, &u.By)
		u.At = u.At.UTC()
		return u, err
	}, `SELECT used_in, at, by_user FROM winning_point_uses WHERE point_id = $1 ORDER BY at, used_in`, id)
	return p, err
}

// WinningPoints lists every point by title, without uses; a tag narrows the list
// (tags are few and the library is small, so the tag is matched in Go).
func (tx *Tx) WinningPoints(ctx context.Context, tag string) ([]WinningPoint, error) {
	all, err := queryAll(ctx, tx.q, scanWinningPoint, `SELECT id, title, body, tags, created_at, updated_at
		FROM winning_points ORDER BY title, id`)
	if err != nil || tag == "" {
		return all, err
	}
	var out []WinningPoint
	for _, p := range all {
		for _, t := range p.Tags {
			if t == tag {
				out = append(out, p)
				break
			}
		}
	}
	return out, nil
}

// InsertWinningPointUse records a use; using a point twice in one place is a
// conflict.
func (tx *Tx) InsertWinningPointUse(ctx context.Context, pointID string, u WinningPointUse) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO winning_point_uses (point_id, used_in, at, by_user) VALUES ($1, $2, $3, $4)`,
		pointID, u.UsedIn, utc(u.At), u.By)
	if uniqueViolation(err) {
		return errs.E(errs.Conflict, "the point is already recorded as used in %s", u.UsedIn)
	}
	return err
}

// InsertWinningPointUseOnce records a use unless it is recorded already, and
// reports whether it added it; unlike InsertWinningPointUse it never fails the
// transaction over a duplicate.
func (tx *Tx) InsertWinningPointUseOnce(ctx context.Context, pointID string, u WinningPointUse) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `INSERT INTO winning_point_uses (point_id, used_in, at, by_user) VALUES ($1, $2, $3, $4)
		ON CONFLICT (point_id, used_in) DO NOTHING`, pointID, u.UsedIn, utc(u.At), u.By)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
