package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"b2x/crm"
)

// Pipeline returns the company's stages, or crm's default when none were set.
func (tx *Tx) Pipeline(ctx context.Context) (crm.Pipeline, error) {
	var stages string
	err := tx.q.QueryRowContext(ctx, `SELECT stages FROM crm_pipeline WHERE id = 1`).Scan(&stages)
	if errors.Is(err, sql.ErrNoRows) {
		return crm.DefaultPipeline(), nil
	}
	if err != nil {
		return crm.Pipeline{}, err
	}
	var p crm.Pipeline
	return p, fromJSON(stages, &p)
}

// SavePipeline stores the company's stages.
func (tx *Tx) SavePipeline(ctx context.Context, p crm.Pipeline, at time.Time) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO crm_pipeline (id, stages, updated_at) VALUES (1, $1, $2)
		ON CONFLICT (id) DO UPDATE SET stages = excluded.stages, updated_at = excluded.updated_at`, toJSON(p), utc(at))
	return err
}
