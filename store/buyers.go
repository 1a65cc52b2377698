package store

import (
	"context"
	"database/sql"
	"time"

	"b2x/errs"
	"b2x/qty"
	"b2x/quote"
)

// Buyer-portal storage: an organization's saved order lists, the comment thread
// of a quote, and the quote requests (RFQs) buyers make.

// SavedListLine is one SKU and quantity of a saved list.
type SavedListLine struct {
	SKU      string       `json:"sku"`
	Quantity qty.Quantity `json:"quantity"`
}

// SavedList is an organization's named list of SKUs and quantities, priced only
// when it is ordered.
type SavedList struct {
	ID             string
	OrganizationID string
	// ContactID is the contact the list is private to; empty: shared in the
	// organization.
	ContactID string
	Name      string
	Lines     []SavedListLine
	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
}

const savedListColumns = `id, organization_id, name, lines, created_by, created_at, updated_at, contact_id`

func scanSavedList(row scanner) (SavedList, error) {
	var l SavedList
	var lines string
	var contact sql.NullString
	if err := row.Scan(&l.ID, &l.OrganizationID, &l.Name, &lines, &l.CreatedBy, &l.CreatedAt, &l.UpdatedAt, &contact); err != nil {
		return l, err
	}
	l.ContactID = contact.String
	l.CreatedAt, l.UpdatedAt = l.CreatedAt.UTC(), l.UpdatedAt.UTC()
	return l, fromJSON(lines, &l.Lines)
}

func savedListLines(ls []SavedListLine) string {
	if ls == nil {
		ls = []SavedListLine{}
	}
	return toJSON(ls)
}

// InsertSavedList adds a list; a name the organization already uses is a conflict.
func (tx *Tx) InsertSavedList(ctx context.Context, l *SavedList) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO saved_lists (`+savedListColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		l.ID, l.OrganizationID, l.Name, savedListLines(l.Lines), l.CreatedBy, utc(l.CreatedAt), utc(l.UpdatedAt), null(l.ContactID))
	if uniqueViolation(err) {
		return errs.Field("name", "the organization already has a list named %q", l.Name)
	}
	return err
}

// UpdateSavedList replaces a list's name, lines and owner (a contact, or
// shared); the organization stays.
func (tx *Tx) UpdateSavedList(ctx context.Context, l *SavedList) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE saved_lists SET name = $3, lines = $4, updated_at = $5, contact_id = $6
		WHERE id = $1 AND organization_id = $2`, l.ID, l.OrganizationID, l.Name, savedListLines(l.Lines), utc(l.UpdatedAt), null(l.ContactID))
	if uniqueViolation(err) {
		return errs.Field("name", "the organization already has a list named %q", l.Name)
	}
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "no saved list %s", l.ID)
	}
	return nil
}

// DeleteSavedList removes one of an organization's lists.
func (tx *Tx) DeleteSavedList(ctx context.Context, organizationID, id string) error {
	res, err := tx.q.ExecContext(ctx, `DELETE FROM saved_lists WHERE id = $1 AND organization_id = $2`, id, organizationID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.NotFound, "no saved list %s", id)
	}
	return nil
}

// SavedList loads one of an organization's lists: another organization's is not
// found.
func (tx *Tx) SavedList(ctx context.Context, organizationID, id string) (SavedList, error) {
	l, err := scanSavedList(tx.q.QueryRowContext(ctx, `SELECT `+savedListColumns+` FROM saved_lists
		WHERE id = $1 AND organization_id = $2`, id, organizationID))
	return l, notFound(err, "no saved list %s", id)
}

// SavedLists lists an organization's lists by name.
func (tx *Tx) SavedLists(ctx context.Context, organizationID string) ([]SavedList, error) {
	return queryAll(ctx, tx.q, scanSavedList, `SELECT `+savedListColumns+` FROM saved_lists
		WHERE organization_id = $1 ORDER BY name, id`, organizationID)
}

// SavedListsFor lists the lists a contact of an organization sees: the shared
// ones and their own, by name.
func (tx *Tx) SavedListsFor(ctx context.Context, organizationID, contactID string) ([]SavedList, error) {
	return queryAll(ctx, tx.q, scanSavedList, `SELECT `+savedListColumns+` FROM saved_lists
		WHERE organization_id = $1 AND (contact_id IS NULL OR contact_id = $2) ORDER BY name, id`, organizationID, contactID)
}

// SavedListFor loads a list a contact sees; another organization's, or another
// contact's own, is not found.
func (tx *Tx) SavedListFor(ctx context.Context, organizationID, contactID, id string) (SavedList, error) {
	l, err := scanSavedList(tx.q.QueryRowContext(ctx, `SELECT `+savedListColumns+` FROM saved_lists
		WHERE id = $1 AND organization_id = $2 AND (contact_id IS NULL OR contact_id = $3)`, id, organizationID, contactID))
	return l, notFound(err, "no saved list %s", id)
}

// QuoteComment is one message in a quote's thread.
type QuoteComment struct {
	ID         string
	QuoteID    string
	AuthorKind string // "staff" or "buyer"
	AuthorID   string // the staff user or the contact
	AuthorName string
	Body       string
	At         time.Time
}

const quoteCommentColumns = `id, quote_id, author_kind, author_id, author_name, body, at`

func scanQuoteComment(row scanner) (QuoteComment, error) {
	var c QuoteComment
	err := row.Scan(&c.ID, &c.QuoteID, &c.AuthorKind, &c.AuthorID, &c.AuthorName, &c.Body, &c.At)
	c.At = c.At.UTC()
	return c, err
}

// InsertQuoteComment adds a comment. With a request key, a comment the same
// author already posted under that key is not added again: it returns false and
// the caller reads the first one with QuoteCommentByKey.
func (tx *Tx) InsertQuoteComment(ctx context.Context, c QuoteComment, key string) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `INSERT INTO quote_comments (`+quoteCommentColumns+`, request_key)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (quote_id, author_id, request_key) DO NOTHING`,
		c.ID, c.QuoteID, c.AuthorKind, c.AuthorID, c.AuthorName, c.Body, utc(c.At), null(key))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// QuoteCommentByKey returns the comment an author posted under a request key.
func (tx *Tx) QuoteCommentByKey(ctx context.Context, quoteID, authorID, key string) (QuoteComment, error) {
	c, err := scanQuoteComment(tx.q.QueryRowContext(ctx, `SELECT `+quoteCommentColumns+` FROM quote_comments
		WHERE quote_id = $1 AND author_id = $2 AND request_key = $3`, quoteID, authorID, key))
	return c, notFound(err, "no comment under that key")
}

// QuoteComments lists a quote's thread, oldest first.
func (tx *Tx) QuoteComments(ctx context.Context, quoteID string) ([]QuoteComment, error) {
	return queryAll(ctx, tx.q, scanQuoteComment, `SELECT `+quoteCommentColumns+` FROM quote_comments
		WHERE quote_id = $1 ORDER BY at, id`, quoteID)
}

// AssignQuoteOwner gives a quote without a sales manager (a buyer's request) its
// owner; a quote someone already owns keeps its owner.
func (tx *Tx) AssignQuoteOwner(ctx context.Context, quoteID, owner string) error {
	_, err := tx.q.ExecContext(ctx, `UPDATE quotes SET owner = $2 WHERE id = $1 AND owner = ''`, quoteID, owner)
	return err
}

// QuoteRequestFilter selects quote requests: quotes a contact asked for.
type QuoteRequestFilter struct {
	OrganizationID string
	Unassigned     bool   // only requests no sales manager has taken yet
	After          string // cursor: the last id of the previous page
	Limit          int
}

// QuoteRequests lists the quotes contacts asked for, with their lines, oldest
// first.
func (tx *Tx) QuoteRequests(ctx context.Context, f QuoteRequestFilter) ([]quote.Quote, error) {
	var c conditions
	c.add("requested_by IS NOT NULL")
	if f.OrganizationID != "" {
		c.add("organization_id = " + c.arg(f.OrganizationID))
	}
	if f.Unassigned {
		c.add("owner = '' AND status = 'draft'")
	}
	if f.After != "" {
		c.add("id > " + c.arg(f.After))
	}
	rs, err := queryAll(ctx, tx.q, scanQuote, `SELECT `+quoteColumns+` FROM quotes`+c.where()+
		` ORDER BY id LIMIT `+c.arg(f.Limit), c.args...)
	if err != nil {
		return nil, err
	}
	out := make([]quote.Quote, len(rs))
	for i, r := range rs {
		if r.Quote.Lines, err = tx.quoteLines(ctx, r.Quote.ID, r.Quote.Currency); err != nil {
			return nil, err
		}
		out[i] = r.Quote
	}
	return out, nil
}

// StaffName is a staff user's name for a comment's byline; empty when the user
// is unknown (tests and scripts act as users that are not stored).
func (tx *Tx) StaffName(ctx context.Context, userID string) (string, error) {
	names, err := queryAll(ctx, tx.q, scanString, `SELECT name FROM users WHERE id = $1`, userID)
	if err != nil || len(names) == 0 {
		return "", err
	}
	return names[0], nil
}

// SavedListByID loads a saved list of any organization, for staff.
func (tx *Tx) SavedListByID(ctx context.Context, id string) (SavedList, error) {
	l, err := scanSavedList(tx.q.QueryRowContext(ctx, `SELECT `+savedListColumns+` FROM saved_lists WHERE id = $1`, id))
	return l, notFound(err, "no saved list %s", id)
}
