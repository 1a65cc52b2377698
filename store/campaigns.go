package store

import (
	"context"
	"time"

	"b2x/campaign"
	"b2x/errs"
)

// Mailing lists, consent per address and list, the suppression list, segments
// and campaigns (issue 6). The rules are in package campaign and app; this
// file only persists.

// MailingList is a list people consent to, e.g. "newsletter".
type MailingList struct {
	ID        string    `json:"id"`
	Slug      string    `json:"slug"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// Consent is one address's consent to one list.
type Consent struct {
	ListID      string    `json:"list_id"`
	Email       string    `json:"email"`
	GivenAt     time.Time `json:"given_at"`
	Source      string    `json:"source"` // form, import, portal, admin
	WithdrawnAt time.Time `json:"withdrawn_at,omitzero"`
}

// Suppression is an address no campaign goes to.
type Suppression struct {
	Email  string    `json:"email"`
	Reason string    `json:"reason"` // hard_bounce, complaint, manual, unsubscribe_all, soft_bounces
	Detail string    `json:"detail,omitempty"`
	At     time.Time `json:"at"`
}

// Segment is a named, stored filter.
type Segment struct {
	ID        string           `json:"id"`
	Name      string           `json:"name"`
	Filter    campaign.Segment `json:"filter"`
	CreatedAt time.Time        `json:"created_at"`
	UpdatedAt time.Time        `json:"updated_at"`
}

// Campaign statuses.
const (
	CampaignDraft    = "draft"
	CampaignSending  = "sending"
	CampaignPaused   = "paused"
	CampaignFinished = "finished"
)

// Campaign is a letter to a list (narrowed by a segment) and its sending.
type Campaign struct {
	ID         string             `json:"id"`
	Name       string             `json:"name"`
	ListID     string             `json:"list_id"`
	SegmentID  string             `json:"segment_id,omitempty"`
	Subject    string             `json:"subject"`
	Preheader  string             `json:"preheader,omitempty"`
	Body       string             `json:"body"`
	Lang       string             `json:"lang"`
	Status     string             `json:"status"`
	Findings   []campaign.Finding `json:"findings"`
	LintErrors int                `json:"lint_errors"`
	TestSends  int                `json:"test_sends"`
	Recipients int                `json:"recipients"`
	CreatedBy  string             `json:"created_by"`
	CreatedAt  time.Time          `json:"created_at"`
	UpdatedAt  time.Time          `json:"updated_at"`
	StartedAt  time.Time          `json:"started_at,omitzero"`
	FinishedAt time.Time          `json:"finished_at,omitzero"`
	Version    int                `json:"version"`
}

// TestSend is one copy of a draft sent to a colleague, with their answer.
type TestSend struct {
	ID         string    `json:"id"`
	CampaignID string    `json:"campaign_id"`
	Email      string    `json:"email"`
	SentBy     string    `json:"sent_by"`
	SentAt     time.Time `json:"sent_at"`
	Answer     string    `json:"answer,omitempty"` // clear, not_clear; empty until answered
	Comment    string    `json:"comment,omitempty"`
	AnsweredAt time.Time `json:"answered_at,omitzero"`
}

// InsertMailingList stores a list; a taken slug is a field error.
func (tx *Tx) InsertMailingList(ctx context.Context, l MailingList) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO mailing_lists (id, slug, name, created_at) VALUES ($1, $2, $3, $4)`,
		l.ID, l.Slug, l.Name, utc(l.CreatedAt))
	if uniqueViolation(err) {
		return errs.FieldKey("slug", "err.list.slug_taken", "{slug} is taken", "slug", l.Slug)
	}
	return err
}

func scanList(row scanner) (MailingList, error) {
	var l MailingList
	err := row.Scan(&l.ID, &l.Slug, &l.Name, &l.CreatedAt)
	l.CreatedAt = l.CreatedAt.UTC()
	return l, err
}

// MailingLists lists every list by slug.
func (tx *Tx) MailingLists(ctx context.Context) ([]MailingList, error) {
	return queryAll(ctx, tx.q, scanList, `SELECT id, slug, name, created_at FROM mailing_lists ORDER BY slug`)
}

// MailingList returns a list by id or slug.
func (tx *Tx) MailingList(ctx context.Context, idOrSlug string) (MailingList, error) {
	l, err := scanList(tx.q.QueryRowContext(ctx, `SELECT id, slug, name, created_at FROM mailing_lists WHERE id = $1 OR slug = $1`, idOrSlug))
	return l, notFound(err, "no mailing list %s", idOrSlug)
}

// GiveConsent records consent of an address to a list, or renews a withdrawn one.
func (tx *Tx) GiveConsent(ctx context.Context, c Consent) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO list_consents (list_id, email_key, email, given_at, source)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (list_id, email_key) DO UPDATE SET email = excluded.email, given_at = excluded.given_at,
			source = excluded.source, withdrawn_at = NULL`,
		c.ListID, campaign.EmailKey(c.Email), c.Email, utc(c.GivenAt), c.Source)
	return err
}

// WithdrawConsent withdraws an address's consent to one list. It reports false
// when there was no consent in force.
func (tx *Tx) WithdrawConsent(ctx context.Context, listID, email string, at time.Time) (bool, error) {
	return affected(tx.q.ExecContext(ctx, `UPDATE list_consents SET withdrawn_at = $3
		WHERE list_id = $1 AND email_key = $2 AND withdrawn_at IS NULL`, listID, campaign.EmailKey(email), utc(at)))
}

func scanConsent(row scanner) (Consent, error) {
	var c Consent
	var w *time.Time
	err := row.Scan(&c.ListID, &c.Email, &c.GivenAt, &c.Source, &w)
	c.GivenAt = c.GivenAt.UTC()
	if w != nil {
		c.WithdrawnAt = w.UTC()
	}
	return c, err
}

// Consents lists an address's consents to every list.
func (tx *Tx) Consents(ctx context.Context, email string) ([]Consent, error) {
	return queryAll(ctx, tx.q, scanConsent, `SELECT list_id, email, given_at, source, withdrawn_at FROM list_consents
		WHERE email_key = $1 ORDER BY list_id`, campaign.EmailKey(email))
}

// ConsentsOf lists the consents in force of a list, by address.
func (tx *Tx) ConsentsOf(ctx context.Context, listID string) ([]Consent, error) {
	return queryAll(ctx, tx.q, scanConsent, `SELECT list_id, email, given_at, source, withdrawn_at FROM list_consents
		WHERE list_id = $1 AND withdrawn_at IS NULL ORDER BY email_key`, listID)
}

// ActiveListSlugs maps each address opted in to anything to the slugs of its lists.
func (tx *Tx) ActiveListSlugs(ctx context.Context) (map[string][]string, error) {
	rows, err := tx.q.QueryContext(ctx, `SELECT c.email_key, l.slug FROM list_consents c JOIN mailing_lists l ON l.id = c.list_id
		WHERE c.withdrawn_at IS NULL ORDER BY c.email_key, l.slug`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var k, s string
		if err := rows.Scan(&k, &s); err != nil {
			return nil, err
		}
		out[k] = append(out[k], s)
	}
	return out, rows.Err()
}

// Consented reports whether an address may get a campaign of a list: consent in
// force and not suppressed.
func (tx *Tx) Consented(ctx context.Context, listID, email string) (bool, error) {
	var n int
	err := tx.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM list_consents c WHERE c.list_id = $1 AND c.email_key = $2
		AND c.withdrawn_at IS NULL AND NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.email_key = c.email_key)`,
		listID, campaign.EmailKey(email)).Scan(&n)
	return n > 0, err
}

// Suppress adds an address to the suppression list; an address already there
// keeps its first reason. It reports whether it was added.
func (tx *Tx) Suppress(ctx context.Context, s Suppression) (bool, error) {
	return affected(tx.q.ExecContext(ctx, `INSERT INTO suppressions (email_key, email, reason, detail, at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email_key) DO NOTHING`,
		campaign.EmailKey(s.Email), s.Email, s.Reason, s.Detail, utc(s.At)))
}

// Unsuppress takes an address off the suppression list.
func (tx *Tx) Unsuppress(ctx context.Context, email string) (bool, error) {
	return affected(tx.q.ExecContext(ctx, `DELETE FROM suppressions WHERE email_key = $1`, campaign.EmailKey(email)))
}

// Suppressions lists the suppression list, newest first.
func (tx *Tx) Suppressions(ctx context.Context, limit int) ([]Suppression, error) {
	return queryAll(ctx, tx.q, func(row scanner) (Suppression, error) {
		var s Suppression
		err := row.Scan(&s.Email, &s.Reason, &s.Detail, &s.At)
		s.At = s.At.UTC()
		return s, err
	}, `SELECT email, reason, detail, at FROM suppressions ORDER BY at DESC, email_key LIMIT $1`, limit)
}

// SuppressedKeys returns the suppressed addresses (as email keys).
func (tx *Tx) SuppressedKeys(ctx context.Context) (map[string]bool, error) {
	keys, err := queryAll(ctx, tx.q, scanString, `SELECT email_key FROM suppressions`)
	out := make(map[string]bool, len(keys))
	for _, k := range keys {
		out[k] = true
	}
	return out, err
}

// CountSoftBounce adds a soft bounce of an address and returns how many it has had.
func (tx *Tx) CountSoftBounce(ctx context.Context, email string, at time.Time) (int, error) {
	var n int
	err := tx.q.QueryRowContext(ctx, `INSERT INTO soft_bounces (email_key, count, last_at) VALUES ($1, 1, $2)
		ON CONFLICT (email_key) DO UPDATE SET count = soft_bounces.count + 1, last_at = excluded.last_at
		RETURNING count`, campaign.EmailKey(email), utc(at)).Scan(&n)
	return n, err
}

// InsertSegment stores a segment.
func (tx *Tx) InsertSegment(ctx context.Context, s Segment) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO segments (id, name, filter, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
		s.ID, s.Name, toJSON(s.Filter), utc(s.CreatedAt))
	return err
}

// UpdateSegment changes a segment's name and filter.
func (tx *Tx) UpdateSegment(ctx context.Context, s Segment) error {
	ok, err := affected(tx.q.ExecContext(ctx, `UPDATE segments SET name = $2, filter = $3, updated_at = $4 WHERE id = $1`,
		s.ID, s.Name, toJSON(s.Filter), utc(s.UpdatedAt)))
	if err == nil && !ok {
		return errs.E(errs.NotFound, "no segment %s", s.ID)
	}
	return err
}

func scanSegment(row scanner) (Segment, error) {
	var s Segment
	var filter string
	err := row.Scan(&s.ID, &s.Name, &filter, &s.CreatedAt, &s.UpdatedAt)
	if err == nil {
		err = fromJSON(filter, &s.Filter)
	}
	s.CreatedAt, s.UpdatedAt = s.CreatedAt.UTC(), s.UpdatedAt.UTC()
	return s, err
}

// Segment returns one segment.
func (tx *Tx) Segment(ctx context.Context, id string) (Segment, error) {
	s, err := scanSegment(tx.q.QueryRowContext(ctx, `SELECT id, name, filter, created_at, updated_at FROM segments WHERE id = $1`, id))
	return s, notFound(err, "no segment %s", id)
}

// Segments lists the segments by name.
func (tx *Tx) Segments(ctx context.Context) ([]Segment, error) {
	return queryAll(ctx, tx.q, scanSegment, `SELECT id, name, filter, created_at, updated_at FROM segments ORDER BY name, id`)
}

const campaignColumns = `id, name, list_id, COALESCE(segment_id, ''), subject, preheader, body, lang, status, findings,
	lint_errors, test_sends, recipients, created_by, created_at, updated_at, started_at, finished_at, version`

func scanCampaign(row scanner) (Campaign, error) {
	var c Campaign
	var findings string
	var started, finished *time.Time
	err := row.Scan(&c.ID, &c.Name, &c.ListID, &c.SegmentID, &c.Subject, &c.Preheader, &c.Body, &c.Lang, &c.Status, &findings,
		&c.LintErrors, &c.TestSends, &c.Recipients, &c.CreatedBy, &c.CreatedAt, &c.UpdatedAt, &started, &finished, &c.Version)
	if err != nil {
		return c, err
	}
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	if started != nil {
		c.StartedAt = started.UTC()
	}
	if finished != nil {
		c.FinishedAt = finished.UTC()
	}
	return c, fromJSON(findings, &c.Findings)
}

// InsertCampaign stores a new draft.
func (tx *Tx) InsertCampaign(ctx context.Context, c Campaign) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO campaigns (id, name, list_id, segment_id, subject, preheader, body, lang, status,
		findings, lint_errors, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $9, $10, $11, $12, $12)`,
		c.ID, c.Name, c.ListID, null(c.SegmentID), c.Subject, c.Preheader, c.Body, c.Lang, toJSON(c.Findings), c.LintErrors,
		c.CreatedBy, utc(c.CreatedAt))
	return err
}

// UpdateCampaignDraft writes a draft's fields and findings, guarded by the
// version read and the draft status; it reports false when either moved.
func (tx *Tx) UpdateCampaignDraft(ctx context.Context, c Campaign) (bool, error) {
	return affected(tx.q.ExecContext(ctx, `UPDATE campaigns SET name = $3, list_id = $4, segment_id = $5, subject = $6,
		preheader = $7, body = $8, lang = $9, findings = $10, lint_errors = $11, updated_at = $12, version = version + 1
		WHERE id = $1 AND version = $2 AND status = 'draft'`,
		c.ID, c.Version, c.Name, c.ListID, null(c.SegmentID), c.Subject, c.Preheader, c.Body, c.Lang, toJSON(c.Findings),
		c.LintErrors, utc(c.UpdatedAt)))
}

// Campaign returns one campaign.
func (tx *Tx) Campaign(ctx context.Context, id string) (Campaign, error) {
	c, err := scanCampaign(tx.q.QueryRowContext(ctx, `SELECT `+campaignColumns+` FROM campaigns WHERE id = $1`, id))
	return c, notFound(err, "no campaign %s", id)
}

// CampaignStatus returns a campaign's status.
func (tx *Tx) CampaignStatus(ctx context.Context, id string) (string, error) {
	s, err := scanString(tx.q.QueryRowContext(ctx, `SELECT status FROM campaigns WHERE id = $1`, id))
	return s, notFound(err, "no campaign %s", id)
}

// LockCampaign returns a campaign with its row locked until the transaction
// ends (PostgreSQL; SQLite's single writer gives the same).
func (tx *Tx) LockCampaign(ctx context.Context, id string) (Campaign, error) {
	q := `SELECT ` + campaignColumns + ` FROM campaigns WHERE id = $1`
	if tx.engine == Postgres {
		q += ` FOR UPDATE`
	}
	c, err := scanCampaign(tx.q.QueryRowContext(ctx, q, id))
	return c, notFound(err, "no campaign %s", id)
}

// CampaignQuery narrows Campaigns.
type CampaignQuery struct {
	Status string
	Limit  int
}

// Campaigns lists campaigns, newest first.
func (tx *Tx) Campaigns(ctx context.Context, q CampaignQuery) ([]Campaign, error) {
	var c conditions
	if q.Status != "" {
		c.add("status = " + c.arg(q.Status))
	}
	return queryAll(ctx, tx.q, scanCampaign, `SELECT `+campaignColumns+` FROM campaigns`+c.where()+
		` ORDER BY created_at DESC, id DESC LIMIT `+c.arg(q.Limit), c.args...)
}

// SetCampaignStatus moves a campaign from one status to another: a guarded
// update that reports false when the campaign was not in from.
func (tx *Tx) SetCampaignStatus(ctx context.Context, id, from, to string, at time.Time) (bool, error) {
	return affected(tx.q.ExecContext(ctx, `UPDATE campaigns SET status = $3, updated_at = $4, version = version + 1
		WHERE id = $1 AND status = $2`, id, from, to, utc(at)))
}

// StartCampaign moves a draft to sending with its number of recipients.
func (tx *Tx) StartCampaign(ctx context.Context, id string, version, recipients int, at time.Time) (bool, error) {
	return affected(tx.q.ExecContext(ctx, `UPDATE campaigns SET status = 'sending', recipients = $3, started_at = $4,
		updated_at = $4, version = version + 1 WHERE id = $1 AND version = $2 AND status = 'draft'`, id, version, recipients, utc(at)))
}

// FinishCampaign marks a sending campaign finished when every batch is done
// and none of its deliveries is queued or sending; it reports whether it did.
// The batches are looked at first: a batch job calls this as it ends, and
// while batches remain, scanning the rows of all the done ones would be wasted.
func (tx *Tx) FinishCampaign(ctx context.Context, id string, at time.Time) (bool, error) {
	var open int
	if err := tx.q.QueryRowContext(ctx, `SELECT COUNT(*) FROM campaign_batches WHERE campaign_id = $1 AND NOT done`, id).Scan(&open); err != nil || open > 0 {
		return false, err
	}
	return affected(tx.q.ExecContext(ctx, `UPDATE campaigns SET status = 'finished', finished_at = $2, updated_at = $2,
		version = version + 1 WHERE id = $1 AND status = 'sending'
		AND NOT EXISTS (SELECT 1 FROM campaign_deliveries WHERE campaign_id = $1 AND state IN ('queued', 'sending'))`, id, utc(at)))
}

// InsertTestSend records a test send.
func (tx *Tx) InsertTestSend(ctx context.Context, t TestSend) error {
	if _, err := tx.q.ExecContext(ctx, `INSERT INTO campaign_test_sends (id, campaign_id, email, sent_by, sent_at)
		VALUES ($1, $2, $3, $4, $5)`, t.ID, t.CampaignID, t.Email, t.SentBy, utc(t.SentAt)); err != nil {
		return err
	}
	_, err := tx.q.ExecContext(ctx, `UPDATE campaigns SET test_sends = test_sends + 1 WHERE id = $1`, t.CampaignID)
	return err
}

const testSendColumns = `id, campaign_id, email, sent_by, sent_at, COALESCE(answer, ''), comment, answered_at`

func scanTestSend(row scanner) (TestSend, error) {
	var t TestSend
	var at *time.Time
	err := row.Scan(&t.ID, &t.CampaignID, &t.Email, &t.SentBy, &t.SentAt, &t.Answer, &t.Comment, &at)
	t.SentAt = t.SentAt.UTC()
	if at != nil {
		t.AnsweredAt = at.UTC()
	}
	return t, err
}

// TestSend returns one test send.
func (tx *Tx) TestSend(ctx context.Context, id string) (TestSend, error) {
	t, err := scanTestSend(tx.q.QueryRowContext(ctx, `SELECT `+testSendColumns+` FROM campaign_test_sends WHERE id = $1`, id))
	return t, notFound(err, "no test send %s", id)
}

// TestSends lists a campaign's test sends, oldest first.
func (tx *Tx) TestSends(ctx context.Context, campaignID string) ([]TestSend, error) {
	return queryAll(ctx, tx.q, scanTestSend, `SELECT `+testSendColumns+` FROM campaign_test_sends
		WHERE campaign_id = $1 ORDER BY sent_at, id`, campaignID)
}

// AnswerTestSend stores a colleague's answer; answering again replaces it.
func (tx *Tx) AnswerTestSend(ctx context.Context, id, answer, comment string, at time.Time) error {
	_, err := tx.q.ExecContext(ctx, `UPDATE campaign_test_sends SET answer = $2, comment = $3, answered_at = $4 WHERE id = $1`,
		id, answer, comment, utc(at))
	return err
}
