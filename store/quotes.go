package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"b2x/errs"
	"b2x/money"
	"b2x/quote"
)

// QuoteRecord is a quote as stored: the domain quote with its buying center, its
// approval rules, the order it became, and the version every write checks.
type QuoteRecord struct {
	Quote        quote.Quote
	Participants []quote.Participant
	Rules        []quote.Rule
	OrderID      string // set once the quote is ordered
	Version      int    // bumped by every write; a write with an older version is refused
}

// QuoteRevision is one entry of a quote's revision history.
type QuoteRevision struct {
	Revision int
	Changes  []quote.Change
	At       time.Time
	By       string
}

// nextQuoteNumber is nextNumber for quotes: a counter row on SQLite, a sequence on
// PostgreSQL.
func (tx *Tx) nextQuoteNumber(ctx context.Context, param int) (expr string, args []any, err error) {
	if tx.engine == Postgres {
		return `'Q-' || nextval('quote_number_seq')`, nil, nil
	}
	var n int64
	err = tx.q.QueryRowContext(ctx, `UPDATE counters SET value = value + 1 WHERE name = 'quote_number' RETURNING value`).Scan(&n)
	return "$" + strconv.Itoa(param), []any{"Q-" + strconv.FormatInt(n, 10)}, err
}

// InsertQuote gives the quote the next number and writes it with its lines,
// participants and rules, at version 1.
func (tx *Tx) InsertQuote(ctx context.Context, r *QuoteRecord) error {
	q := &r.Quote
	number, numberArgs, err := tx.nextQuoteNumber(ctx, 19)
	if err != nil {
		return err
	}
	r.Version = 1
	args := append([]any{q.ID, q.OrganizationID, null(q.RequestedBy), q.Owner, string(q.Status), q.Currency,
		utc(q.ValidUntil), string(q.PaymentTerms), q.DeliveryTerms, toJSON(winningPoints(q.WinningPoints)), q.Revision,
		q.Net.Minor, q.Tax.Minor, q.Total.Minor, null(r.OrderID), utc(q.CreatedAt), utc(q.UpdatedAt), r.Version}, numberArgs...)
	err = tx.q.QueryRowContext(ctx, `INSERT INTO quotes (id, number, organization_id, requested_by, owner, status, currency,
		valid_until, payment_terms, delivery_terms, winning_points, revision, net, tax, total, order_id, created_at,
		updated_at, version)
		VALUES ($1, `+number+`, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
		RETURNING number`, args...).Scan(&q.Number)
	if err != nil {
		return err
	}
	if err := tx.insertQuoteLines(ctx, q.ID, q.Lines); err != nil {
		return err
	}
	for _, p := range r.Participants {
		if _, err := tx.q.ExecContext(ctx, `INSERT INTO quote_participants (quote_id, contact_id, role, influence, sphere,
			stance, required) VALUES ($1, $2, $3, $4, $5, $6, $7)`, q.ID, p.ContactID, string(p.Role), p.Influence,
			string(p.Sphere), string(p.Stance), p.Required); err != nil {
			return err
		}
	}
	return tx.insertQuoteRules(ctx, q.ID, r.Rules)
}

func (tx *Tx) insertQuoteRules(ctx context.Context, quoteID string, rules []quote.Rule) error {
	for i, rule := range rules {
		if _, err := tx.q.ExecContext(ctx, `INSERT INTO quote_rules (quote_id, seq, role, above_amount, above_currency)
			VALUES ($1, $2, $3, $4, $5)`, quoteID, i+1, string(rule.Role), rule.Above.Minor, rule.Above.Currency); err != nil {
			return err
		}
	}
	return nil
}

// ReplaceQuoteRules sets a quote's approval rules to rules, in order.
func (tx *Tx) ReplaceQuoteRules(ctx context.Context, quoteID string, rules []quote.Rule) error {
	if _, err := tx.q.ExecContext(ctx, `DELETE FROM quote_rules WHERE quote_id = $1`, quoteID); err != nil {
		return err
	}
	return tx.insertQuoteRules(ctx, quoteID, rules)
}

func winningPoints(ps []string) []string {
	if ps == nil {
		return []string{}
	}
	return ps
}

func (tx *Tx) insertQuoteLines(ctx context.Context, quoteID string, lines []quote.Line) error {
	if len(lines) == 0 {
		return nil
	}
	const cols = 17
	args := make([]any, 0, cols*len(lines))
	rows := make([]string, len(lines))
	for i, l := range lines {
		var service string
		if l.Service != nil {
			service = string(l.Service.Kind)
		}
		var lic quote.LicenceTerms
		if l.Licence != nil {
			lic = *l.Licence
		}
		rows[i] = "(" + placeholders(i*cols+1, cols) + ")"
		args = append(args, quoteID, l.No, l.SKU, l.Name, string(l.Kind), l.Unit, int64(l.Quantity), l.UnitPrice.Minor,
			l.TaxRateBP, l.Net.Minor, l.Tax.Minor, l.Gross.Minor, toJSON(l.PriceRule), service, lic.Seats,
			lic.MaintenanceMonths, l.Included)
	}
	_, err := tx.q.ExecContext(ctx, `INSERT INTO quote_lines (quote_id, line_no, sku, name, kind, unit, quantity,
		unit_price, tax_rate_bp, net, tax, gross, price_rule, service_kind, seats, maintenance_months, included)
		VALUES `+strings.Join(rows, ", "), args...)
	return err
}

// UpdateQuote writes the quote's header (status, terms, validity, winning points,
// revision, totals, order) and, with lines, replaces its lines, but only when the
// stored version is still r.Version; it then bumps r.Version. A stale version is a
// conflict: someone changed the quote meanwhile.
func (tx *Tx) UpdateQuote(ctx context.Context, r *QuoteRecord, lines bool) error {
	q := &r.Quote
	res, err := tx.q.ExecContext(ctx, `UPDATE quotes SET status = $3, valid_until = $4, payment_terms = $5,
		delivery_terms = $6, winning_points = $7, revision = $8, net = $9, tax = $10, total = $11, order_id = $12,
		updated_at = $13, version = version + 1
		WHERE id = $1 AND version = $2`,
		q.ID, r.Version, string(q.Status), utc(q.ValidUntil), string(q.PaymentTerms), q.DeliveryTerms,
		toJSON(winningPoints(q.WinningPoints)), q.Revision, q.Net.Minor, q.Tax.Minor, q.Total.Minor, null(r.OrderID),
		utc(q.UpdatedAt))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "the quote changed meanwhile; reload it and try again")
	}
	r.Version++
	if !lines {
		return nil
	}
	if _, err := tx.q.ExecContext(ctx, `DELETE FROM quote_lines WHERE quote_id = $1`, q.ID); err != nil {
		return err
	}
	return tx.insertQuoteLines(ctx, q.ID, q.Lines)
}

// BumpQuoteVersion marks the quote as changed without touching its fields, for a
// write to its dependents (a decision) that changes what the quote means.
func (tx *Tx) BumpQuoteVersion(ctx context.Context, id string, version int, at time.Time) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE quotes SET version = version + 1, updated_at = $3 WHERE id = $1 AND version = $2`,
		id, version, utc(at))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "the quote changed meanwhile; reload it and try again")
	}
	return nil
}

const quoteColumns = `id, number, organization_id, COALESCE(requested_by, ''), owner, status, currency, valid_until,
	payment_terms, delivery_terms, winning_points, revision, net, tax, total, COALESCE(order_id, ''), created_at,
	updated_at, version`

func scanQuote(row scanner) (QuoteRecord, error) {
	var r QuoteRecord
	q := &r.Quote
	var points string
	err := row.Scan(&q.ID, &q.Number, &q.OrganizationID, &q.RequestedBy, &q.Owner, &q.Status, &q.Currency, &q.ValidUntil,
		&q.PaymentTerms, &q.DeliveryTerms, &points, &q.Revision, &q.Net.Minor, &q.Tax.Minor, &q.Total.Minor, &r.OrderID,
		&q.CreatedAt, &q.UpdatedAt, &r.Version)
	if err != nil {
		return r, err
	}
	q.Net.Currency, q.Tax.Currency, q.Total.Currency = q.Currency, q.Currency, q.Currency
	q.ValidUntil, q.CreatedAt, q.UpdatedAt = q.ValidUntil.UTC(), q.CreatedAt.UTC(), q.UpdatedAt.UTC()
	if err := fromJSON(points, &q.WinningPoints); err != nil {
		return r, err
	}
	if len(q.WinningPoints) == 0 {
		q.WinningPoints = nil
	}
	return r, nil
}

// Quote loads a quote with its lines, participants and rules.
func (tx *Tx) Quote(ctx context.Context, id string) (QuoteRecord, error) {
	r, err := scanQuote(tx.q.QueryRowContext(ctx, `SELECT `+quoteColumns+` FROM quotes WHERE id = $1`, id))
	if err != nil {
		return r, notFound(err, "no quote %s", id)
	}
	if r.Quote.Lines, err = tx.quoteLines(ctx, id, r.Quote.Currency); err != nil {
		return r, err
	}
	if r.Participants, err = tx.quoteParticipants(ctx, id); err != nil {
		return r, err
	}
	r.Rules, err = tx.quoteRules(ctx, id)
	return r, err
}

// LockQuote loads a quote like Quote, and on PostgreSQL first locks its row until
// the transaction ends, so two decisions or acceptances of one quote run one after
// the other and the second reads what the first wrote. SQLite's single writer
// already gives that.
func (tx *Tx) LockQuote(ctx context.Context, id string) (QuoteRecord, error) {
	if tx.engine == Postgres {
		var v int
		err := tx.q.QueryRowContext(ctx, `SELECT version FROM quotes WHERE id = $1 FOR UPDATE`, id).Scan(&v)
		if err != nil {
			return QuoteRecord{}, notFound(err, "no quote %s", id)
		}
	}
	return tx.Quote(ctx, id)
}

func (tx *Tx) quoteLines(ctx context.Context, id, currency string) ([]quote.Line, error) {
	return queryAll(ctx, tx.q, func(row scanner) (l quote.Line, err error) {
		var rule, service string
		var seats, months int
		if err := row.Scan(&l.No, &l.SKU, &l.Name, &l.Kind, &l.Unit, &l.Quantity, &l.UnitPrice.Minor, &l.TaxRateBP,
			&l.Net.Minor, &l.Tax.Minor, &l.Gross.Minor, &rule, &service, &seats, &months, &l.Included); err != nil {
			return l, err
		}
		l.UnitPrice.Currency, l.Net.Currency, l.Tax.Currency, l.Gross.Currency = currency, currency, currency, currency
		if service != "" {
			l.Service = &quote.ServiceTerms{Kind: quote.ServiceKind(service)}
		}
		if seats != 0 || months != 0 {
			l.Licence = &quote.LicenceTerms{Seats: seats, MaintenanceMonths: months}
		}
		return l, fromJSON(rule, &l.PriceRule)
	}, `SELECT line_no, sku, name, kind, unit, quantity, unit_price, tax_rate_bp, net, tax, gross, price_rule,
		service_kind, seats, maintenance_months, included FROM quote_lines WHERE quote_id = $1 ORDER BY line_no`, id)
}

func (tx *Tx) quoteParticipants(ctx context.Context, id string) ([]quote.Participant, error) {
	return queryAll(ctx, tx.q, func(row scanner) (p quote.Participant, err error) {
		return p, row.Scan(&p.ContactID, &p.Name, &p.Role, &p.Influence, &p.Sphere, &p.Stance, &p.Required)
	}, `SELECT p.contact_id, COALESCE(c.name, ''), p.role, p.influence, p.sphere, p.stance, p.required
		FROM quote_participants p LEFT JOIN contacts c ON c.id = p.contact_id
		WHERE p.quote_id = $1 ORDER BY p.influence DESC, c.name, p.contact_id, p.role`, id)
}

func (tx *Tx) quoteRules(ctx context.Context, id string) ([]quote.Rule, error) {
	return queryAll(ctx, tx.q, func(row scanner) (r quote.Rule, err error) {
		return r, row.Scan(&r.Role, &r.Above.Minor, &r.Above.Currency)
	}, `SELECT role, above_amount, above_currency FROM quote_rules WHERE quote_id = $1 ORDER BY seq`, id)
}

// QuoteFilter selects quotes for a listing.
type QuoteFilter struct {
	OrganizationID string
	Status         quote.Status
	After          string // cursor: the last id of the previous page
	Limit          int
	HideDrafts     bool   // a buyer does not see quotes still being prepared
	ManagedBy      string // only quotes of organizations this account manager has now
}

// ListQuotes returns one page of quotes without their lines, ordered by id (which
// is creation order).
func (tx *Tx) ListQuotes(ctx context.Context, f QuoteFilter) ([]quote.Quote, error) {
	var c conditions
	if f.OrganizationID != "" {
		c.add("organization_id = " + c.arg(f.OrganizationID))
	}
	if f.ManagedBy != "" {
		c.add(managedBy(&c, f.ManagedBy))
	}
	if f.Status != "" {
		c.add("status = " + c.arg(string(f.Status)))
	}
	if f.HideDrafts {
		c.add("status <> 'draft'")
	}
	if f.After != "" {
		c.add("id > " + c.arg(f.After))
	}
	q := `SELECT ` + quoteColumns + ` FROM quotes` + c.where() + ` ORDER BY id LIMIT ` + c.arg(f.Limit)
	return queryAll(ctx, tx.q, func(row scanner) (quote.Quote, error) {
		r, err := scanQuote(row)
		return r.Quote, err
	}, q, c.args...)
}

// InsertQuoteApproval records a decision under its request key. It returns false,
// and stores nothing, when a decision with that key was already recorded for the
// contact on that revision. The caller holds the quote's lock (LockQuote).
func (tx *Tx) InsertQuoteApproval(ctx context.Context, quoteID string, a quote.Approval, key string) (bool, error) {
	var seq int
	if err := tx.q.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) + 1 FROM quote_approvals WHERE quote_id = $1`,
		quoteID).Scan(&seq); err != nil {
		return false, err
	}
	res, err := tx.q.ExecContext(ctx, `INSERT INTO quote_approvals (quote_id, seq, contact_id, role, decision, reason,
		revision, at, request_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (quote_id, revision, contact_id, request_key) DO NOTHING`,
		quoteID, seq, a.ContactID, string(a.Role), string(a.Decision), a.Reason, a.Revision, utc(a.At), key)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// QuoteApprovalByKey returns the decision stored under a request key, or nil.
func (tx *Tx) QuoteApprovalByKey(ctx context.Context, quoteID string, revision int, contactID, key string) (*quote.Approval, error) {
	as, err := queryAll(ctx, tx.q, scanApproval, `SELECT contact_id, role, decision, reason, revision, at
		FROM quote_approvals WHERE quote_id = $1 AND revision = $2 AND contact_id = $3 AND request_key = $4`,
		quoteID, revision, contactID, key)
	if err != nil || len(as) == 0 {
		return nil, err
	}
	return &as[0], nil
}

func scanApproval(row scanner) (a quote.Approval, err error) {
	err = row.Scan(&a.ContactID, &a.Role, &a.Decision, &a.Reason, &a.Revision, &a.At)
	a.At = a.At.UTC()
	return a, err
}

// QuoteApprovals lists the decisions on one revision of a quote (every revision
// when revision is 0), in the order they were recorded.
func (tx *Tx) QuoteApprovals(ctx context.Context, quoteID string, revision int) ([]quote.Approval, error) {
	return queryAll(ctx, tx.q, scanApproval, `SELECT contact_id, role, decision, reason, revision, at
		FROM quote_approvals WHERE quote_id = $1 AND ($2 = 0 OR revision = $2) ORDER BY seq`, quoteID, revision)
}

// InsertQuoteRevision records a revision of a quote and what changed in it.
func (tx *Tx) InsertQuoteRevision(ctx context.Context, quoteID string, r QuoteRevision) error {
	changes := r.Changes
	if changes == nil {
		changes = []quote.Change{}
	}
	_, err := tx.q.ExecContext(ctx, `INSERT INTO quote_revisions (quote_id, revision, changes, at, by_user)
		VALUES ($1, $2, $3, $4, $5)`, quoteID, r.Revision, toJSON(changes), utc(r.At), r.By)
	return err
}

// QuoteRevisions lists a quote's revisions, oldest first.
func (tx *Tx) QuoteRevisions(ctx context.Context, quoteID string) ([]QuoteRevision, error) {
	return queryAll(ctx, tx.q, func(row scanner) (r QuoteRevision, err error) {
		var changes string
		if err := row.Scan(&r.Revision, &changes, &r.At, &r.By); err != nil {
			return r, err
		}
		r.At = r.At.UTC()
		if err := fromJSON(changes, &r.Changes); err != nil {
			return r, err
		}
		if len(r.Changes) == 0 {
			r.Changes = nil
		}
		return r, nil
	}, `SELECT revision, changes, at, by_user FROM quote_revisions WHERE quote_id = $1 ORDER BY revision`, quoteID)
}

// DueQuotes lists the quotes that lapse at now: sent, approved, accepted or
// rejected, and valid only until before now (see quote.Expired).
func (tx *Tx) DueQuotes(ctx context.Context, now time.Time) ([]string, error) {
	return queryAll(ctx, tx.q, scanString, `SELECT id FROM quotes
		WHERE status IN ('sent', 'approved', 'accepted', 'rejected') AND valid_until < $1 ORDER BY id`, utc(now))
}

// ExpireQuote moves a quote to expired if it still lapses at now, and reports
// whether it did; a quote another sweep or a person moved meanwhile is left alone.
func (tx *Tx) ExpireQuote(ctx context.Context, id string, now time.Time) (bool, error) {
	res, err := tx.q.ExecContext(ctx, `UPDATE quotes SET status = 'expired', updated_at = $2, version = version + 1
		WHERE id = $1 AND status IN ('sent', 'approved', 'accepted', 'rejected') AND valid_until < $2`, id, utc(now))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// LockCredit takes the organization's credit lock until the transaction ends:
// acceptances on credit for one organization queue here, so each sums the open
// orders after the previous one committed its order (on PostgreSQL a statement at
// READ COMMITTED sees what committed before it started).
func (tx *Tx) LockCredit(ctx context.Context, organizationID string, at time.Time) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO credit_locks (organization_id, acceptances, updated_at) VALUES ($1, 1, $2)
		ON CONFLICT (organization_id) DO UPDATE SET acceptances = credit_locks.acceptances + 1, updated_at = excluded.updated_at`,
		organizationID, utc(at))
	return err
}

// OpenCredit sums the organization's open B2B orders (placed, confirmed, shipped or
// delivered: not yet paid off) in currency, and counts its open orders in other
// currencies, which cannot be added up.
func (tx *Tx) OpenCredit(ctx context.Context, organizationID, currency string) (used money.Amount, others int, err error) {
	used.Currency = currency
	err = tx.q.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN currency = $2 THEN total ELSE 0 END), 0),
		COUNT(CASE WHEN currency <> $2 THEN 1 END)
		FROM orders WHERE organization_id = $1 AND channel = 'b2b'
		AND status IN ('placed', 'confirmed', 'shipped', 'delivered')`, organizationID, currency).Scan(&used.Minor, &others)
	if err == sql.ErrNoRows {
		err = nil
	}
	return used, others, err
}
