package app

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"b2x/campaign"
	"b2x/errs"
	"b2x/ids"
	"b2x/jobs"
	"b2x/mail"
	"b2x/staff"
	"b2x/store"
)

// Sending. SendCampaign writes one delivery row per recipient (queued), split
// into batches of BatchSize, and enqueues one job per batch in the same
// transaction. Batch jobs run in a queue of their own ("campaigns") with one
// worker: a process works one batch at a time, sending its rows over Workers
// SMTP connections at once, and other jobs (a password reset) never wait
// behind a campaign. A batch job holds its batch's lease for its generation
// (campaign_batches) and claims the batch's rows (sending). Then, group by
// group (25 rows), it re-checks the group's consents and suppressions in one
// query just before handing the rows to the senders, and writes the groups'
// outcomes together with its lease in one short transaction (one UPDATE per
// kind of outcome): a row moves to sent only after the server accepted the
// message. A process that dies leaves its rows sending and its lease running
// out: the sweep (every Sweep, in every process) gives the batch to a new
// generation, whose job sends the rows still sending again — so a recipient
// may get a second copy, only ever from the one batch the dead process had in
// hand, and only for messages accepted since its last write (at most a group
// and the messages in flight, in practice). A campaign is finished when every
// batch is done and no row is queued or sending.
//
// Round trips per batch of 100 (PostgreSQL): the claim (a transaction of 3
// statements), 4 consent queries, 3 progress writes of 2 statements, the end
// (marks, status, NextRetry, FinishBatch, FinishCampaign), and River's fetch
// and completion: 36–38 measured, the pause watch and the send's inserts
// included, against 267–274 when each message read its consent and each
// outcome was its own UPDATE (BENCHMARKS.md).

// campaignBatchJob sends one batch of a campaign, for the generation holding it.
type campaignBatchJob struct {
	Campaign string `json:"campaign"`
	Batch    int    `json:"batch"`
	Gen      int    `json:"gen"`
}

func (campaignBatchJob) Kind() string { return "campaigns.batch" }

// SendCampaign starts sending a draft. It is refused while the quality check
// finds errors, before any test send, and when nobody is to receive it.
func (a *App) SendCampaign(ctx context.Context, actor Actor, id string) (store.Campaign, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return store.Campaign{}, err
	}
	var (
		c   store.Campaign
		seg campaign.Segment
		rs  []Recipient
	)
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		if c, err = tx.Campaign(ctx, id); err != nil {
			return err
		}
		if err := sendable(c); err != nil {
			return err
		}
		if c.SegmentID != "" {
			s, err := tx.Segment(ctx, c.SegmentID)
			if err != nil {
				return err
			}
			seg = s.Filter
		}
		rs, err = a.recipients(ctx, tx, c.ListID, seg)
		return err
	})
	if err != nil {
		return store.Campaign{}, err
	}
	if len(rs) == 0 {
		return store.Campaign{}, errs.E(errs.Conflict, "nobody is to receive campaign %s: no address on its list is opted in, in its segment and not suppressed", id)
	}
	cfg := a.campaigns.cfg
	err = a.write(ctx, func(tx *store.Tx) error {
		now := a.clock()
		cur, err := tx.LockCampaign(ctx, id)
		if err != nil {
			return err
		}
		if err := sendable(cur); err != nil {
			return err
		}
		if cur.Version != c.Version {
			return errs.E(errs.Conflict, "campaign %s changed while its recipients were read; send again", id)
		}
		// Network sales: one letter per address for one announcement (network_sales_dedupe.go).
		if rs, err = a.leaveOutAnnounced(ctx, tx, id, rs); err != nil {
			return err
		}
		ds := make([]store.Delivery, len(rs))
		for i, r := range rs {
			ds[i] = store.Delivery{ID: ids.New(), CampaignID: id, Batch: i / cfg.BatchSize, Email: r.Email,
				EmailKey: campaign.EmailKey(r.Email), Name: r.Name, Organization: r.Organization}
		}
		if ok, err := tx.StartCampaign(ctx, id, cur.Version, len(ds), now); err != nil || !ok {
			return errors.Join(err, errs.E(errs.Conflict, "campaign %s changed meanwhile", id))
		}
		if err := tx.InsertDeliveries(ctx, ds); err != nil {
			return err
		}
		batches := (len(ds) + cfg.BatchSize - 1) / cfg.BatchSize
		if err := tx.InsertBatches(ctx, id, batches); err != nil {
			return err
		}
		args := make([]jobs.Args, batches)
		for b := range batches {
			args[b] = campaignBatchJob{Campaign: id, Batch: b}
		}
		if _, err := a.notify.jobs.EnqueueMany(ctx, tx, args, nil); err != nil {
			return err
		}
		if err := a.audit(ctx, tx, actor, "campaign.send", "campaign", id, map[string]int{"recipients": len(ds)}); err != nil {
			return err
		}
		c, err = tx.Campaign(ctx, id)
		return err
	})
	return c, err
}

// sendable says why a campaign cannot be sent, if it cannot.
func sendable(c store.Campaign) error {
	switch {
	case c.Status != store.CampaignDraft:
		return errs.E(errs.Conflict, "campaign %s is %s; only a draft is sent", c.ID, c.Status)
	case c.LintErrors > 0:
		return &errs.Error{Code: errs.Conflict, Message: "the quality check found " + itoa(c.LintErrors) +
			" errors in campaign " + c.ID + "; fix them before sending (S13)", Detail: map[string]any{"findings": c.Findings}}
	case c.TestSends == 0:
		return errs.E(errs.Conflict, "campaign %s has had no test send; send it to colleagues first and read their answers (S13)", c.ID)
	}
	return nil
}

// PauseCampaign stops a sending campaign: batch jobs stop after the message in
// hand, and rows not yet tried wait for ResumeCampaign.
func (a *App) PauseCampaign(ctx context.Context, actor Actor, id string) (store.Campaign, error) {
	return a.moveCampaign(ctx, actor, id, store.CampaignSending, store.CampaignPaused, "campaign.pause")
}

// ResumeCampaign goes on sending a paused campaign.
func (a *App) ResumeCampaign(ctx context.Context, actor Actor, id string) (store.Campaign, error) {
	return a.moveCampaign(ctx, actor, id, store.CampaignPaused, store.CampaignSending, "campaign.resume")
}

func (a *App) moveCampaign(ctx context.Context, actor Actor, id, from, to, action string) (store.Campaign, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return store.Campaign{}, err
	}
	var c store.Campaign
	err := a.write(ctx, func(tx *store.Tx) error {
		now := a.clock()
		cur, err := tx.LockCampaign(ctx, id)
		if err != nil {
			return err
		}
		ok, err := tx.SetCampaignStatus(ctx, id, from, to, now)
		if err != nil {
			return err
		}
		if !ok {
			return errs.E(errs.Conflict, "campaign %s is %s, not %s", id, cur.Status, from)
		}
		if to == store.CampaignSending {
			if err := a.takeOver(ctx, tx, id, now); err != nil {
				return err
			}
			// A campaign paused when its last rows were done finishes now.
			if _, err := tx.FinishCampaign(ctx, id, now); err != nil {
				return err
			}
		}
		if err := a.audit(ctx, tx, actor, action, "campaign", id, nil); err != nil {
			return err
		}
		c, err = tx.Campaign(ctx, id)
		return err
	})
	return c, err
}

// takeOver gives batches to new generations and enqueues their jobs: those of
// campaignID, or (campaignID empty) those whose lease ran out.
func (a *App) takeOver(ctx context.Context, tx *store.Tx, campaignID string, now time.Time) error {
	refs, err := tx.TakeOverBatches(ctx, campaignID, now, a.campaigns.cfg.Lease)
	if err != nil || len(refs) == 0 {
		return err
	}
	args := make([]jobs.Args, len(refs))
	for i, r := range refs {
		args[i] = campaignBatchJob{Campaign: r.CampaignID, Batch: r.Batch, Gen: r.Gen}
	}
	_, err = a.notify.jobs.EnqueueMany(ctx, tx, args, nil)
	return err
}

// SweepCampaigns gives the batches whose lease ran out (their process died) to
// new jobs. Every process runs it every Sweep from Start; it is safe to run
// anywhere and at any time.
func (a *App) SweepCampaigns(ctx context.Context) error {
	return a.write(ctx, func(tx *store.Tx) error { return a.takeOver(ctx, tx, "", a.clock()) })
}

func (a *App) startCampaignSweep() {
	cs := a.campaigns
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.stop != nil {
		return
	}
	cs.stop, cs.done = make(chan struct{}), make(chan struct{})
	go func(stop, done chan struct{}) {
		defer close(done)
		t := time.NewTicker(cs.cfg.Sweep)
		defer t.Stop()
		for {
			if err := a.SweepCampaigns(context.Background()); err != nil {
				a.log.Error("campaign sweep", "err", err)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}(cs.stop, cs.done)
}

func (a *App) stopCampaignSweep() {
	cs := a.campaigns
	cs.mu.Lock()
	stop, done := cs.stop, cs.done
	cs.stop = nil
	cs.mu.Unlock()
	if stop != nil {
		close(stop)
		<-done
	}
}

// outcome is what became of one row.
type outcome struct {
	id, state, detail string
	retryAt           time.Time
}

// group is how many rows a batch job re-checks for consent in one query
// before sending them, and how many outcomes it gathers before writing them
// with its lease in one transaction: a crash repeats at most the outcomes not
// yet written and the messages in flight, all of the one batch in hand.
const group = 25

// flushAfter is the longest outcomes wait to be written when they come slowly
// (a rate limit, a slow server), so the lease is renewed meanwhile.
const flushAfter = 250 * time.Millisecond

// statusEvery is how often a batch job looks whether its campaign was paused.
const statusEvery = 100 * time.Millisecond

// sendCampaignBatch works one batch job. A process works one at a time (the
// campaigns queue has one worker, see setUpNotifier), sending the batch's rows
// over Workers connections at once.
func (a *App) sendCampaignBatch(ctx context.Context, j campaignBatchJob) error {
	cfg := a.campaigns.cfg
	var (
		c    store.Campaign
		rows []store.Delivery
	)
	err := a.write(ctx, func(tx *store.Tx) error {
		var err error
		if c, err = tx.Campaign(ctx, j.Campaign); err != nil || c.Status != store.CampaignSending {
			return err
		}
		now := a.clock()
		if ok, err := tx.HoldBatch(ctx, j.Campaign, j.Batch, j.Gen, now.Add(cfg.Lease)); err != nil || !ok {
			c.Status = "" // superseded or done: nothing to do
			return err
		}
		rows, err = tx.ClaimBatch(ctx, j.Campaign, j.Batch, now)
		return err
	})
	if err != nil || c.Status != store.CampaignSending {
		return err
	}
	t, err := a.template(c)
	if err != nil {
		return jobs.Permanent(err)
	}

	// The campaign's status is read every statusEvery, not per message: a
	// pause stops the batch within that time.
	var paused atomic.Bool
	watchDone := make(chan struct{})
	defer close(watchDone)
	go func() {
		tick := time.NewTicker(statusEvery)
		defer tick.Stop()
		for {
			select {
			case <-watchDone:
				return
			case <-tick.C:
				var st string
				if err := a.read(ctx, func(tx *store.Tx) (err error) { st, err = tx.CampaignStatus(ctx, c.ID); return err }); err == nil {
					paused.Store(st != store.CampaignSending)
				}
			}
		}
	}()
	work := make(chan store.Delivery)
	// Room for every outcome: senders never wait while progress is written.
	results := make(chan outcome, len(rows))
	stop := make(chan struct{}) // closed when the batch is lost or progress cannot be written
	var stopOnce sync.Once
	var wg sync.WaitGroup
	for range min(cfg.Workers, len(rows)) {
		wg.Go(func() {
			for d := range work {
				results <- a.deliver(ctx, c, t, d, paused.Load)
			}
		})
	}
	// Each group's consents are re-checked in one query just before its rows
	// are handed out: the next group's while this one's are being handed out
	// (unbuffered, so no check runs further ahead than one group).
	type checked struct {
		rows    []store.Delivery
		blocked map[string]string
		err     error
	}
	groups := make(chan checked)
	go func() {
		defer close(groups)
		for g := range slices.Chunk(rows, group) {
			ids := make([]string, len(g))
			for i, d := range g {
				ids[i] = d.ID
			}
			ch := checked{rows: g}
			ch.err = a.read(ctx, func(tx *store.Tx) (err error) { ch.blocked, err = tx.Blocked(ctx, c.ListID, ids); return err })
			select {
			case groups <- ch:
			case <-stop:
				return
			case <-watchDone: // the job returned; the dispatcher stopped early
				return
			}
		}
	}()
	wg.Go(func() {
		defer close(work)
		for g := range groups {
			for _, d := range g.rows {
				var o outcome
				switch {
				case paused.Load():
					return // the rows not handed out wait, queued (below)
				case g.err != nil:
					o = a.retry(outcome{id: d.ID}, d, g.err)
				case g.blocked[d.ID] != "":
					o = outcome{id: d.ID, state: store.DeliverySkipped, detail: g.blocked[d.ID]}
				default:
					select {
					case work <- d:
						continue
					case <-stop:
						return
					case <-ctx.Done():
						return
					}
				}
				results <- o
			}
		}
	})
	go func() { wg.Wait(); close(results) }()

	bg := context.WithoutCancel(ctx) // progress is written even when the job is being stopped
	var (
		pending []store.Mark
		lost    bool // the lease went to another generation, or the campaign was paused
		ferr    error
		last    = time.Now()
	)
	flush := func() {
		if len(pending) == 0 || ferr != nil {
			return
		}
		ferr = a.write(bg, func(tx *store.Tx) error {
			now := a.clock()
			if err := tx.MarkDeliveries(bg, pending, now); err != nil {
				return err
			}
			ok, err := tx.HoldBatch(bg, j.Campaign, j.Batch, j.Gen, now.Add(cfg.Lease))
			lost = lost || !ok
			return err
		})
		pending, last = pending[:0], time.Now()
		if lost || ferr != nil {
			stopOnce.Do(func() { close(stop) })
		}
	}
	for o := range results {
		pending = append(pending, store.Mark{ID: o.id, State: o.state, Detail: o.detail, RetryAt: o.retryAt})
		if len(pending) >= group || time.Since(last) >= flushAfter {
			flush()
		}
	}
	if ferr != nil {
		return ferr
	}
	if ctx.Err() != nil {
		flush()
		// Shutting down: the rows left sending go to the next generation.
		return errors.Join(ferr, ctx.Err())
	}
	return a.write(bg, func(tx *store.Tx) error {
		now := a.clock()
		if err := tx.MarkDeliveries(bg, pending, now); err != nil {
			return err
		}
		cur, err := tx.Campaign(bg, j.Campaign)
		if err != nil {
			return err
		}
		if lost || cur.Status != store.CampaignSending {
			if cur.Status != store.CampaignPaused {
				return nil // taken over: the new generation goes on
			}
			// Paused: rows claimed but not tried wait, queued.
			back := make([]store.Mark, len(rows))
			for i, d := range rows {
				back[i] = store.Mark{ID: d.ID, State: store.DeliveryQueued, Detail: d.Detail}
			}
			return tx.MarkDeliveries(bg, back, now)
		}
		next, open, err := tx.NextRetry(bg, j.Campaign, j.Batch)
		if err != nil {
			return err
		}
		if open {
			// Rows wait for a retry: keep the lease past it and come back then.
			if next.IsZero() || next.Before(now) {
				next = now
			}
			if ok, err := tx.LeaseBatch(bg, j.Campaign, j.Batch, j.Gen, next.Add(cfg.Lease)); err != nil || !ok {
				return err
			}
			_, err = a.notify.jobs.Enqueue(bg, tx, j, &jobs.Opts{RunAt: next})
			return err
		}
		if ok, err := tx.FinishBatch(bg, j.Campaign, j.Batch, j.Gen); err != nil || !ok {
			return err
		}
		_, err = tx.FinishCampaign(bg, j.Campaign, now)
		return err
	})
}

// deliver sends one row's message, unless the campaign was paused.
func (a *App) deliver(ctx context.Context, c store.Campaign, t *campaign.Template, d store.Delivery, paused func() bool) outcome {
	o := outcome{id: d.ID}
	if paused() {
		o.state, o.detail = store.DeliveryQueued, d.Detail // paused: the row waits for the resume
		return o
	}
	m := a.campaignMessage(c, t, d)
	cs := a.campaigns
	select {
	case cs.slots <- struct{}{}:
	case <-ctx.Done():
		return a.retry(o, d, ctx.Err())
	}
	defer func() { <-cs.slots }()
	if err := cs.limiter.wait(ctx); err != nil {
		return a.retry(o, d, err)
	}
	err := a.notify.mail.Send(ctx, m)
	switch {
	case err == nil:
		o.state = store.DeliverySent
	case errs.CodeOf(err) == errs.Invalid || mail.Permanent(err):
		o.state, o.detail = store.DeliveryFailed, trimDetail(err.Error())
	default:
		return a.retry(o, d, err)
	}
	return o
}

// retry queues a row again after a temporary failure, or fails it after
// MaxAttempts.
func (a *App) retry(o outcome, d store.Delivery, err error) outcome {
	o.detail = trimDetail(err.Error())
	if d.Attempts >= a.campaigns.cfg.MaxAttempts {
		o.state = store.DeliveryFailed
		return o
	}
	o.state, o.retryAt = store.DeliveryQueued, a.clock().Add(a.campaigns.cfg.Backoff(d.Attempts))
	return o
}

func trimDetail(s string) string {
	if len(s) > 500 {
		return s[:500]
	}
	return s
}

// campaignMessage is one recipient's copy, with the headers of RFC 8058 and
// the delivery's id, so unsubscribes and bounces find the row.
func (a *App) campaignMessage(c store.Campaign, t *campaign.Template, d store.Delivery) mail.Message {
	first, _, _ := strings.Cut(strings.TrimSpace(d.Name), " ")
	f := campaign.Fill{
		Fields:      map[string]string{"first_name": first, "name": d.Name, "organization": d.Organization, "email": d.Email},
		Unsubscribe: a.UnsubscribeURL(d.ID),
		Link:        func(_ int, dest string) string { return a.ClickURL(d.ID, dest) },
	}
	if a.campaigns.cfg.OpenPixel {
		f.Pixel = a.OpenURL(d.ID)
	}
	filled := t.Fill(f)
	return mail.Message{
		From: a.notify.cfg.From, To: []mail.Address{{Name: d.Name, Email: d.Email}},
		Subject: filled.Subject, Text: filled.Text, HTML: filled.HTML,
		Headers: map[string]string{
			"List-Unsubscribe":      "<" + a.UnsubscribeURL(d.ID) + ">, <" + a.unsubscribeMailto(d.ID) + ">",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
			"X-B2X-Delivery":        d.ID,
			"X-B2X-Campaign":        c.ID,
			"Precedence":            "bulk",
		},
	}
}

// tokenBucket limits the messages a process sends per second, across all
// its workers; a zero rate does not limit.
type tokenBucket struct {
	mu     sync.Mutex
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
}

func newTokenBucket(rate float64) *tokenBucket {
	return &tokenBucket{rate: rate, burst: max(1, rate/10), tokens: max(1, rate/10), last: time.Now()}
}

// wait takes a token, waiting for one when there is none.
func (b *tokenBucket) wait(ctx context.Context) error {
	if b.rate <= 0 {
		return nil
	}
	b.mu.Lock()
	now := time.Now()
	b.tokens = min(b.burst, b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	b.tokens--
	var d time.Duration
	if b.tokens < 0 {
		d = time.Duration(-b.tokens / b.rate * float64(time.Second))
	}
	b.mu.Unlock()
	if d == 0 {
		return nil
	}
	select {
	case <-time.After(d):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
