package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// Announcements (network sales, S23): the drafts made of one category's
// catalog events in one run, one per list and language. A send of one of them
// leaves out the addresses a sibling already has a delivery for.

// InsertAnnouncement records an announcement and its drafts.
func (tx *Tx) InsertAnnouncement(ctx context.Context, id, category string, at time.Time, campaignIDs []string) error {
	if _, err := tx.q.ExecContext(ctx, `INSERT INTO announcements (id, category, created_at) VALUES ($1, $2, $3)`,
		id, category, utc(at)); err != nil {
		return err
	}
	for _, c := range campaignIDs {
		if _, err := tx.q.ExecContext(ctx, `INSERT INTO announcement_drafts (campaign_id, announcement_id) VALUES ($1, $2)`, c, id); err != nil {
			return err
		}
	}
	return nil
}

// LockAnnouncementOf returns the announcement a campaign is a draft of, and
// takes its row's write lock until the transaction ends, so two of its drafts
// are never started at once; "" when the campaign is no announcement.
func (tx *Tx) LockAnnouncementOf(ctx context.Context, campaignID string) (string, error) {
	var id string
	err := tx.q.QueryRowContext(ctx, `SELECT announcement_id FROM announcement_drafts WHERE campaign_id = $1`, campaignID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", err
	}
	// An update, not SELECT … FOR UPDATE: it serializes the senders on both
	// engines and at any isolation level.
	_, err = tx.q.ExecContext(ctx, `UPDATE announcements SET sends = sends + 1 WHERE id = $1`, id)
	return id, err
}

// AnnouncedKeys returns the address keys that a draft of the announcement
// other than campaignID has a delivery for, queued, being sent or sent.
func (tx *Tx) AnnouncedKeys(ctx context.Context, announcementID, campaignID string) (map[string]bool, error) {
	rows, err := tx.q.QueryContext(ctx, `SELECT DISTINCT d.email_key FROM campaign_deliveries d
		JOIN announcement_drafts a ON a.campaign_id = d.campaign_id
		WHERE a.announcement_id = $1 AND d.campaign_id <> $2 AND d.state IN ('queued', 'sending', 'sent')`, announcementID, campaignID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		out[k] = true
	}
	return out, rows.Err()
}
