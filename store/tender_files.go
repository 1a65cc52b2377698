package store

import (
	"context"
	"time"
)

// TenderFile is a document uploaded to a tender, kept in the database.
type TenderFile struct {
	ID          string    `json:"id"`
	TenderID    string    `json:"tender_id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int       `json:"size"`
	Data        []byte    `json:"-"`
	UploadedAt  time.Time `json:"uploaded_at"`
	UploadedBy  string    `json:"uploaded_by"`
}

// InsertTenderFile stores an uploaded document.
func (tx *Tx) InsertTenderFile(ctx context.Context, f *TenderFile) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO tender_files (id, tender_id, name, content_type, size, data, uploaded_at, uploaded_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, f.ID, f.TenderID, f.Name, f.ContentType, f.Size, f.Data, utc(f.UploadedAt), f.UploadedBy)
	return err
}

// TenderFiles lists a tender's documents, oldest first, without their bytes.
func (tx *Tx) TenderFiles(ctx context.Context, tenderID string) ([]TenderFile, error) {
	return queryAll(ctx, tx.q, func(row scanner) (f TenderFile, err error) {
		err = row.Scan(&f.ID, &f.TenderID, &f.Name, &f.ContentType, &f.Size, &f.UploadedAt, &f.UploadedBy)
		f.UploadedAt = f.UploadedAt.UTC()
		return f, err
	}, `SELECT id, tender_id, name, content_type, size, uploaded_at, uploaded_by FROM tender_files
		WHERE tender_id = $1 ORDER BY uploaded_at, id`, tenderID)
}

// TenderFile loads one of a tender's documents with its bytes.
func (tx *Tx) TenderFile(ctx context.Context, tenderID, id string) (TenderFile, error) {
	var f TenderFile
	err := tx.q.QueryRowContext(ctx, `SELECT id, tender_id, name, content_type, size, data, uploaded_at, uploaded_by
		FROM tender_files WHERE tender_id = $1 AND id = $2`, tenderID, id).Scan(&f.ID, &f.TenderID, &f.Name,
		&f.ContentType, &f.Size, &f.Data, &f.UploadedAt, &f.UploadedBy)
	f.UploadedAt = f.UploadedAt.UTC()
	return f, notFound(err, "no document %s", id)
}

// ClaimTenderReminder records that the reminder for a tender's deadline is
// queued and reports whether this call did it: the first caller for a tender
// and deadline wins, whatever runs at once, so a reminder is queued once.
func (tx *Tx) ClaimTenderReminder(ctx context.Context, tenderID string, deadline, now time.Time) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `INSERT INTO tender_reminders (tender_id, deadline, queued_at) VALUES ($1, $2, $3)
		ON CONFLICT (tender_id, deadline) DO NOTHING`, tenderID, utc(deadline), utc(now))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// TenderReminderSent reports whether the reminder for a tender's deadline went.
func (tx *Tx) TenderReminderSent(ctx context.Context, tenderID string, deadline time.Time) (bool, error) {
	var n int
	err := tx.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM tender_reminders WHERE tender_id = $1 AND deadline = $2
		AND sent_at IS NOT NULL`, tenderID, utc(deadline)).Scan(&n)
	return n > 0, err
}

// MarkTenderReminderSent records that the reminder went.
func (tx *Tx) MarkTenderReminderSent(ctx context.Context, tenderID string, deadline, at time.Time) error {
	_, err := tx.q.ExecContext(ctx, `UPDATE tender_reminders SET sent_at = $3 WHERE tender_id = $1 AND deadline = $2`,
		tenderID, utc(deadline), utc(at))
	return err
}
