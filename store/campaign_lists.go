package store

import (
	"context"

	"b2x/campaign"
)

// What the back office's audience pages read: lists with their counts, a
// list's consents a page at a time, one address's suppression, the
// suppression list searched, and the values a segment form offers.

// MailingListCount is a list with how many addresses are opted in to it now
// and how many withdrew.
type MailingListCount struct {
	MailingList
	OptedIn   int `json:"opted_in"`
	Withdrawn int `json:"withdrawn"`
}

// MailingListCounts lists every list by slug with its counts, in one query.
func (tx *Tx) MailingListCounts(ctx context.Context) ([]MailingListCount, error) {
	return queryAll(ctx, tx.q, func(row scanner) (MailingListCount, error) {
		var c MailingListCount
		err := row.Scan(&c.ID, &c.Slug, &c.Name, &c.CreatedAt, &c.OptedIn, &c.Withdrawn)
		c.CreatedAt = c.CreatedAt.UTC()
		return c, err
	}, `SELECT l.id, l.slug, l.name, l.created_at,
			COALESCE(SUM(CASE WHEN c.email_key IS NOT NULL AND c.withdrawn_at IS NULL THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN c.withdrawn_at IS NOT NULL THEN 1 ELSE 0 END), 0)
		FROM mailing_lists l LEFT JOIN list_consents c ON c.list_id = l.id
		GROUP BY l.id, l.slug, l.name, l.created_at ORDER BY l.slug`)
}

// ListConsentsPage lists a list's consents, withdrawn ones included, by
// address: at most limit after the email key after (the primary key's order,
// so a page is an index range).
func (tx *Tx) ListConsentsPage(ctx context.Context, listID, after string, limit int) ([]Consent, error) {
	return queryAll(ctx, tx.q, scanConsent, `SELECT list_id, email, given_at, source, withdrawn_at FROM list_consents
		WHERE list_id = $1 AND email_key > $2 ORDER BY email_key LIMIT $3`, listID, after, limit)
}

// SuppressionOf returns an address's suppression, or a not-found error.
func (tx *Tx) SuppressionOf(ctx context.Context, email string) (Suppression, error) {
	var s Suppression
	err := tx.q.QueryRowContext(ctx, `SELECT email, reason, detail, at FROM suppressions WHERE email_key = $1`,
		campaign.EmailKey(email)).Scan(&s.Email, &s.Reason, &s.Detail, &s.At)
	s.At = s.At.UTC()
	return s, notFound(err, "%s is not suppressed", email)
}

// SoftBouncesOf is how many soft bounces an address has had (0 when none).
func (tx *Tx) SoftBouncesOf(ctx context.Context, email string) (int, error) {
	ns, err := queryAll(ctx, tx.q, func(row scanner) (int, error) {
		var n int
		return n, row.Scan(&n)
	}, `SELECT count FROM soft_bounces WHERE email_key = $1`, campaign.EmailKey(email))
	if err != nil || len(ns) == 0 {
		return 0, err
	}
	return ns[0], nil
}

// SuppressionQuery narrows the suppression list: part of the address and a
// reason, each when set.
type SuppressionQuery struct {
	Contains string
	Reason   string
	Limit    int
}

// SearchSuppressions lists the suppressions that match q, newest first. The
// address part is matched literally (% and _ are not wildcards) against the
// lower-cased address.
func (tx *Tx) SearchSuppressions(ctx context.Context, q SuppressionQuery) ([]Suppression, error) {
	like := "%" + escapeLike(campaign.EmailKey(q.Contains)) + "%"
	return queryAll(ctx, tx.q, func(row scanner) (Suppression, error) {
		var s Suppression
		err := row.Scan(&s.Email, &s.Reason, &s.Detail, &s.At)
		s.At = s.At.UTC()
		return s, err
	}, `SELECT email, reason, detail, at FROM suppressions
		WHERE email_key LIKE $1 ESCAPE '\' AND ($2 = '' OR reason = $2)
		ORDER BY at DESC, email_key LIMIT $3`, like, q.Reason, q.Limit)
}

// Industries lists the organizations' industries as written, each once.
func (tx *Tx) Industries(ctx context.Context) ([]string, error) {
	return queryAll(ctx, tx.q, scanString, `SELECT DISTINCT industry FROM organizations WHERE industry <> '' ORDER BY industry`)
}

// CurrentManagers lists the staff users assigned to an organization now.
func (tx *Tx) CurrentManagers(ctx context.Context) ([]string, error) {
	return queryAll(ctx, tx.q, scanString, `SELECT DISTINCT manager FROM account_assignments WHERE to_at IS NULL ORDER BY manager`)
}
