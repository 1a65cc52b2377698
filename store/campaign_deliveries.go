package store

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Delivery states.
const (
	DeliveryQueued  = "queued"
	DeliverySending = "sending"
	DeliverySent    = "sent"
	DeliveryFailed  = "failed"
	DeliverySkipped = "skipped"
)

// Delivery is one recipient of a campaign.
type Delivery struct {
	ID           string    `json:"id"`
	CampaignID   string    `json:"campaign_id"`
	Batch        int       `json:"batch"`
	Email        string    `json:"email"`
	EmailKey     string    `json:"-"`
	Name         string    `json:"name,omitempty"`
	Organization string    `json:"organization,omitempty"`
	State        string    `json:"state"`
	Attempts     int       `json:"attempts"`
	RetryAt      time.Time `json:"retry_at,omitzero"`
	Detail       string    `json:"detail,omitempty"`
	ClaimedAt    time.Time `json:"claimed_at,omitzero"`
	SentAt       time.Time `json:"sent_at,omitzero"`
	Bounce       string    `json:"bounce,omitempty"`
	BouncedAt    time.Time `json:"bounced_at,omitzero"`
}

const deliveryColumns = `id, campaign_id, batch, email, email_key, name, organization, state, attempts, retry_at, detail,
	claimed_at, sent_at, COALESCE(bounce, ''), bounced_at`

func scanDelivery(row scanner) (Delivery, error) {
	var d Delivery
	var retry, claimed, sent, bounced *time.Time
	err := row.Scan(&d.ID, &d.CampaignID, &d.Batch, &d.Email, &d.EmailKey, &d.Name, &d.Organization, &d.State, &d.Attempts,
		&retry, &d.Detail, &claimed, &sent, &d.Bounce, &bounced)
	for _, p := range []struct {
		src *time.Time
		dst *time.Time
	}{{retry, &d.RetryAt}, {claimed, &d.ClaimedAt}, {sent, &d.SentAt}, {bounced, &d.BouncedAt}} {
		if p.src != nil {
			*p.dst = p.src.UTC()
		}
	}
	return d, err
}

// insertChunks are the row counts of the multi-row INSERTs deliveries are
// written with, so only a few statement texts exist (see funnel.go).
var insertChunks = []int{64, 32, 16, 8, 4, 2, 1}

// InsertDeliveries writes queued deliveries.
func (tx *Tx) InsertDeliveries(ctx context.Context, ds []Delivery) error {
	for len(ds) > 0 {
		n := 1
		for _, c := range insertChunks {
			if len(ds) >= c {
				n = c
				break
			}
		}
		var b strings.Builder
		b.WriteString(`INSERT INTO campaign_deliveries (id, campaign_id, batch, email, email_key, name, organization, state) VALUES `)
		args := make([]any, 0, 7*n)
		for i, d := range ds[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(" + placeholders(7*i+1, 7) + ", 'queued')")
			args = append(args, d.ID, d.CampaignID, d.Batch, d.Email, d.EmailKey, d.Name, d.Organization)
		}
		if _, err := tx.q.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
		ds = ds[n:]
	}
	return nil
}

// InsertBatches writes a campaign's batches 0…n-1 for generation 0, whose
// jobs the caller enqueues, with the WaitingLease.
func (tx *Tx) InsertBatches(ctx context.Context, campaignID string, n int) error {
	for first := 0; first < n; {
		k := chunk(n - first)
		var b strings.Builder
		b.WriteString(`INSERT INTO campaign_batches (campaign_id, batch, gen, lease_until) VALUES `)
		args := make([]any, 0, 2+k)
		args = append(args, campaignID, WaitingLease)
		for i := range k {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString("($1, $" + strconv.Itoa(3+i) + ", 0, $2)")
			args = append(args, first+i)
		}
		if _, err := tx.q.ExecContext(ctx, b.String(), args...); err != nil {
			return err
		}
		first += k
	}
	return nil
}

// chunk is the largest of insertChunks that n rows fill.
func chunk(n int) int {
	for _, c := range insertChunks {
		if n >= c {
			return c
		}
	}
	return 1
}

// idList is " IN (…)" for ids, from placeholder $from on, padded with the last
// id to the next of insertChunks so that few statement texts exist (each is
// prepared once); ids must hold 1 to 64.
func idList(from int, ids []string) (string, []any) {
	n := insertChunks[0]
	for _, c := range insertChunks {
		if c >= len(ids) {
			n = c
		}
	}
	args := make([]any, n)
	for i := range args {
		args[i] = ids[min(i, len(ids)-1)]
	}
	return " IN (" + placeholders(from, n) + ")", args
}

// LeaseBatch extends generation gen's lease of a batch until until. It reports
// false when the batch is done or another generation took it over.
func (tx *Tx) LeaseBatch(ctx context.Context, campaignID string, batch, gen int, until time.Time) (bool, error) {
	return affected(tx.q.ExecContext(ctx, `UPDATE campaign_batches SET lease_until = $4
		WHERE campaign_id = $1 AND batch = $2 AND gen = $3 AND NOT done`, campaignID, batch, gen, utc(until)))
}

// HoldBatch is LeaseBatch while the campaign is sending: it reports false
// when the batch is done, another generation took it over, or the campaign is
// no longer sending (paused).
func (tx *Tx) HoldBatch(ctx context.Context, campaignID string, batch, gen int, until time.Time) (bool, error) {
	return affected(tx.q.ExecContext(ctx, `UPDATE campaign_batches SET lease_until = $4
		WHERE campaign_id = $1 AND batch = $2 AND gen = $3 AND NOT done
		AND EXISTS (SELECT 1 FROM campaigns c WHERE c.id = $1 AND c.status = 'sending')`, campaignID, batch, gen, utc(until)))
}

// FinishBatch marks generation gen's batch done.
func (tx *Tx) FinishBatch(ctx context.Context, campaignID string, batch, gen int) (bool, error) {
	return affected(tx.q.ExecContext(ctx, `UPDATE campaign_batches SET done = TRUE
		WHERE campaign_id = $1 AND batch = $2 AND gen = $3 AND NOT done`, campaignID, batch, gen))
}

// BatchRef names a batch and the generation that holds it.
type BatchRef struct {
	CampaignID string
	Batch, Gen int
}

// WaitingLease is the lease of a batch whose job has not started: it never
// runs out by itself (see TakeOverBatches).
var WaitingLease = time.Date(9000, 1, 1, 0, 0, 0, 0, time.UTC)

// TakeOverBatches gives batches to new generations leased until now+lease
// and returns them; the old generations' jobs find themselves superseded.
// With campaignID set it takes every batch of that campaign that is not done
// (resuming). Otherwise it takes, of sending campaigns, the batches whose job
// started and then went silent past its lease, and — when a campaign has been
// sending for longer than lease and no batch of it has held a lease within
// the last lease — its batches whose job never started: a job a dead process
// had fetched but not begun is "running" for the queue and would never run.
func (tx *Tx) TakeOverBatches(ctx context.Context, campaignID string, now time.Time, lease time.Duration) ([]BatchRef, error) {
	var refs []BatchRef
	var err error
	if campaignID != "" {
		refs, err = queryAll(ctx, tx.q, scanBatchRef, `SELECT campaign_id, batch, gen FROM campaign_batches
			WHERE campaign_id = $1 AND NOT done ORDER BY batch`, campaignID)
	} else {
		refs, err = queryAll(ctx, tx.q, scanBatchRef, `SELECT b.campaign_id, b.batch, b.gen FROM campaign_batches b
			JOIN campaigns c ON c.id = b.campaign_id
			WHERE NOT b.done AND c.status = 'sending' AND (b.lease_until < $1
				OR (b.lease_until = $2 AND c.started_at < $3 AND NOT EXISTS (SELECT 1 FROM campaign_batches l
					WHERE l.campaign_id = b.campaign_id AND l.lease_until >= $3 AND l.lease_until < $2)))
			ORDER BY b.campaign_id, b.batch LIMIT 1000`, utc(now), WaitingLease, utc(now.Add(-lease)))
	}
	if err != nil {
		return nil, err
	}
	out := refs[:0]
	for _, r := range refs {
		ok, err := affected(tx.q.ExecContext(ctx, `UPDATE campaign_batches SET gen = gen + 1, lease_until = $4
			WHERE campaign_id = $1 AND batch = $2 AND gen = $3 AND NOT done`, r.CampaignID, r.Batch, r.Gen, utc(now.Add(lease))))
		if err != nil {
			return nil, err
		}
		if ok {
			r.Gen++
			out = append(out, r)
		}
	}
	return out, nil
}

// BatchState is a batch's generation and whether it is done.
type BatchState struct {
	Batch, Gen int
	Done       bool
}

// CampaignBatches lists a campaign's batches: a generation above 0 means the
// batch was taken over from a job that died or was paused.
func (tx *Tx) CampaignBatches(ctx context.Context, campaignID string) ([]BatchState, error) {
	return queryAll(ctx, tx.q, func(row scanner) (BatchState, error) {
		var b BatchState
		err := row.Scan(&b.Batch, &b.Gen, &b.Done)
		return b, err
	}, `SELECT batch, gen, done FROM campaign_batches WHERE campaign_id = $1 ORDER BY batch`, campaignID)
}

func scanBatchRef(row scanner) (BatchRef, error) {
	var r BatchRef
	err := row.Scan(&r.CampaignID, &r.Batch, &r.Gen)
	return r, err
}

// ClaimBatch marks the rows of a batch due at now (queued, or sending when
// a previous job died) sending and returns them, by id. Their consents are
// looked at just before each is sent (Blocked).
func (tx *Tx) ClaimBatch(ctx context.Context, campaignID string, batch int, now time.Time) ([]Delivery, error) {
	ds, err := queryAll(ctx, tx.q, scanDelivery, `UPDATE campaign_deliveries SET state = 'sending', claimed_at = $3, attempts = attempts + 1
		WHERE campaign_id = $1 AND batch = $2 AND state IN ('queued', 'sending') AND (retry_at IS NULL OR retry_at <= $3)
		RETURNING `+deliveryColumns, campaignID, batch, utc(now))
	slices.SortFunc(ds, func(a, b Delivery) int { return strings.Compare(a.ID, b.ID) })
	return ds, err
}

// Blocked says which of the deliveries ids (1 to 64) may not be sent, and
// why: their address was suppressed ("suppressed"), or its consent to listID
// withdrawn ("unsubscribed"). One query for a group of rows about to be sent.
// Each address is looked up by key in a subquery of its own: as a join, or a
// NOT EXISTS, PostgreSQL may read all the list's consents instead (a list
// imported moments ago has no statistics yet).
func (tx *Tx) Blocked(ctx context.Context, listID string, ids []string) (map[string]string, error) {
	in, args := idList(2, ids)
	rows, err := tx.q.QueryContext(ctx, `SELECT d.id,
		(SELECT COUNT(*) FROM suppressions s WHERE s.email_key = d.email_key),
		(SELECT COUNT(*) FROM list_consents c WHERE c.list_id = $1 AND c.email_key = d.email_key AND c.withdrawn_at IS NULL)
		FROM campaign_deliveries d WHERE d.id`+in, append([]any{listID}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id string
		var suppressed, consents int
		if err := rows.Scan(&id, &suppressed, &consents); err != nil {
			return nil, err
		}
		switch {
		case suppressed > 0:
			out[id] = "suppressed"
		case consents == 0:
			out[id] = "unsubscribed"
		}
	}
	return out, rows.Err()
}

// Mark is what became of a delivery that was sending.
type Mark struct {
	ID, State, Detail string
	RetryAt           time.Time // queued again: when to retry
}

// MarkDeliveries writes marks at at: one UPDATE for all the marks that share
// a state, detail and retry time (all of a group sent, usually), at most 64
// rows each. Rows no longer sending are left alone.
func (tx *Tx) MarkDeliveries(ctx context.Context, marks []Mark, at time.Time) error {
	type key struct {
		state, detail string
		retryAt       time.Time
	}
	var order []key
	ids := map[key][]string{}
	for _, m := range marks {
		k := key{m.State, m.Detail, m.RetryAt}
		if _, ok := ids[k]; !ok {
			order = append(order, k)
		}
		ids[k] = append(ids[k], m.ID)
	}
	for _, k := range order {
		sentAt := any(nil)
		if k.state == DeliverySent {
			sentAt = utc(at)
		}
		for rest := ids[k]; len(rest) > 0; {
			n := min(len(rest), insertChunks[0])
			in, args := idList(5, rest[:n])
			if _, err := tx.q.ExecContext(ctx, `UPDATE campaign_deliveries SET state = $1, detail = $2, sent_at = $3, retry_at = $4
				WHERE state = 'sending' AND id`+in, append([]any{k.state, k.detail, sentAt, nullTime(k.retryAt)}, args...)...); err != nil {
				return err
			}
			rest = rest[n:]
		}
	}
	return nil
}

// NextRetry is the earliest retry of a batch's queued rows, and whether any
// row of the batch is still queued or sending.
func (tx *Tx) NextRetry(ctx context.Context, campaignID string, batch int) (time.Time, bool, error) {
	var n int
	var next aggTime
	err := tx.q.QueryRowContext(ctx, `SELECT COUNT(*), MIN(retry_at) FROM campaign_deliveries
		WHERE campaign_id = $1 AND batch = $2 AND state IN ('queued', 'sending')`, campaignID, batch).Scan(&n, &next)
	return next.t, n > 0, err
}

// CampaignDelivery returns one delivery.
func (tx *Tx) CampaignDelivery(ctx context.Context, id string) (Delivery, error) {
	d, err := scanDelivery(tx.q.QueryRowContext(ctx, `SELECT `+deliveryColumns+` FROM campaign_deliveries WHERE id = $1`, id))
	return d, notFound(err, "no delivery %s", id)
}

// LatestDeliveryTo returns the last delivery sent to an address.
func (tx *Tx) LatestDeliveryTo(ctx context.Context, emailKey string) (Delivery, error) {
	d, err := scanDelivery(tx.q.QueryRowContext(ctx, `SELECT `+deliveryColumns+` FROM campaign_deliveries
		WHERE email_key = $1 AND state = 'sent' ORDER BY sent_at DESC, id DESC LIMIT 1`, emailKey))
	return d, notFound(err, "no delivery to %s", emailKey)
}

// CampaignDeliveries lists a campaign's deliveries in one state ("" for all),
// after the id after, by id.
func (tx *Tx) CampaignDeliveries(ctx context.Context, campaignID, state, after string, limit int) ([]Delivery, error) {
	var c conditions
	c.add("campaign_id = " + c.arg(campaignID))
	if state != "" {
		c.add("state = " + c.arg(state))
	}
	if after != "" {
		c.add("id > " + c.arg(after))
	}
	return queryAll(ctx, tx.q, scanDelivery, `SELECT `+deliveryColumns+` FROM campaign_deliveries`+c.where()+
		` ORDER BY id LIMIT `+c.arg(limit), c.args...)
}

// BounceDelivery records a bounce of a delivery; a later bounce replaces a
// soft one but never a hard one or a complaint.
func (tx *Tx) BounceDelivery(ctx context.Context, id, kind string, at time.Time) error {
	_, err := tx.q.ExecContext(ctx, `UPDATE campaign_deliveries SET bounce = $2, bounced_at = $3
		WHERE id = $1 AND (bounce IS NULL OR bounce = 'soft')`, id, kind, utc(at))
	return err
}

// CampaignEvent is something a recipient did.
type CampaignEvent struct {
	ID, CampaignID, DeliveryID string
	Kind                       string // open, click, unsubscribe, bounce
	URL                        string
	At                         time.Time
}

// InsertCampaignEvent records an event.
func (tx *Tx) InsertCampaignEvent(ctx context.Context, e CampaignEvent) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO campaign_events (id, campaign_id, delivery_id, kind, url, at)
		VALUES ($1, $2, $3, $4, $5, $6)`, e.ID, e.CampaignID, e.DeliveryID, e.Kind, e.URL, utc(e.At))
	return err
}

// CampaignCounts are a campaign's figures.
type CampaignCounts struct {
	Recipients   int `json:"recipients"`
	Queued       int `json:"queued"`
	Sending      int `json:"sending"`
	Sent         int `json:"sent"`
	Failed       int `json:"failed"`
	Skipped      int `json:"skipped"`
	Bounced      int `json:"bounced"`
	Complaints   int `json:"complaints"`
	Unsubscribed int `json:"unsubscribed"`
	Opened       int `json:"opened"`  // recipients who opened
	Opens        int `json:"opens"`   // opens in all
	Clicked      int `json:"clicked"` // recipients who clicked
	Clicks       int `json:"clicks"`  // clicks in all
}

// CampaignCounts counts a campaign's deliveries by state and its events.
func (tx *Tx) CampaignCounts(ctx context.Context, campaignID string) (CampaignCounts, error) {
	var c CampaignCounts
	rows, err := tx.q.QueryContext(ctx, `SELECT state, COUNT(*) FROM campaign_deliveries WHERE campaign_id = $1 GROUP BY state`, campaignID)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	for rows.Next() {
		var state string
		var n int
		if err := rows.Scan(&state, &n); err != nil {
			return c, err
		}
		c.Recipients += n
		switch state {
		case DeliveryQueued:
			c.Queued = n
		case DeliverySending:
			c.Sending = n
		case DeliverySent:
			c.Sent = n
		case DeliveryFailed:
			c.Failed = n
		case DeliverySkipped:
			c.Skipped = n
		}
	}
	if err := rows.Err(); err != nil {
		return c, err
	}
	err = tx.q.QueryRowContext(ctx, `SELECT
		COUNT(CASE WHEN bounce IN ('hard', 'soft') THEN 1 END), COUNT(CASE WHEN bounce = 'complaint' THEN 1 END)
		FROM campaign_deliveries WHERE campaign_id = $1`, campaignID).Scan(&c.Bounced, &c.Complaints)
	if err != nil {
		return c, err
	}
	err = tx.q.QueryRowContext(ctx, `SELECT
		COUNT(DISTINCT CASE WHEN kind = 'unsubscribe' THEN delivery_id END),
		COUNT(DISTINCT CASE WHEN kind = 'open' THEN delivery_id END), COUNT(CASE WHEN kind = 'open' THEN 1 END),
		COUNT(DISTINCT CASE WHEN kind = 'click' THEN delivery_id END), COUNT(CASE WHEN kind = 'click' THEN 1 END)
		FROM campaign_events WHERE campaign_id = $1`, campaignID).Scan(&c.Unsubscribed, &c.Opened, &c.Opens, &c.Clicked, &c.Clicks)
	return c, err
}
