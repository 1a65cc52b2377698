package app

import (
	"context"
	"crypto/rand"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"b2x/campaign"
	"b2x/errs"
	"b2x/ids"
	"b2x/staff"
	"b2x/store"
)

// Email campaigns (issue 6, S13): a draft in Markdown is checked on every save
// (campaign.Lint), sent first to colleagues (campaign_test.go), then to the
// people of a list and segment who consented and are not suppressed
// (campaign_audience.go), one delivery row each, by durable batch jobs
// (campaign_send.go). Recipients' links are signed (campaign_links.go).

// CampaignConfig configures campaigns. Zero values mean the defaults.
type CampaignConfig struct {
	// Secret signs the links in letters (HMAC-SHA256). Without it a random one
	// is made at start, and links of letters sent before a restart stop working.
	Secret []byte
	// Representative is the person the footer names to call (S13).
	Representative string
	// Lint tunes the quality check; its Sender defaults to the supplier's details
	// and Representative.
	Lint campaign.Config
	// Internal are the addresses (or "@domain" for a whole domain) test sends may
	// go to besides staff users' own addresses.
	Internal []string
	// BatchSize is how many recipients one job sends to (100).
	BatchSize int
	// Workers is how many messages this process sends at once (8).
	Workers int
	// Rate is the most messages per second this process sends, shared by all
	// its workers (0: no limit).
	Rate float64
	// Lease is how long a batch job may go without writing progress before
	// another job takes its batch over (60 s).
	Lease time.Duration
	// Sweep is how often the process looks for batches whose lease ran out (15 s).
	Sweep time.Duration
	// MaxAttempts is how often a recipient is tried on temporary failures (8).
	MaxAttempts int
	// Backoff is the wait before attempt n+1 (default 30 s · 2ⁿ⁻¹, at most 1 h).
	Backoff func(attempt int) time.Duration
	// SoftBounces is how many soft bounces suppress an address (3).
	SoftBounces int
	// OpenPixel adds an image that counts opens to the HTML part.
	OpenPixel bool
	// AnnounceLang is the language of the network-sales announcement draft
	// that also goes to languages nobody on its list reads yet, when somebody
	// reads it (network_sales_lang.go); default the first supported language.
	AnnounceLang string
}

// WithCampaigns configures campaigns.
func WithCampaigns(cfg CampaignConfig) Option {
	return func(a *App) { a.campaigns = newCampaigns(cfg) }
}

type campaigns struct {
	cfg     CampaignConfig
	limiter *tokenBucket
	slots   chan struct{} // Workers sends at once, across all batch jobs

	mu        sync.Mutex
	templates map[string]*campaign.Template // by campaign id and version
	stop      chan struct{}
	done      chan struct{}
}

func newCampaigns(cfg CampaignConfig) *campaigns {
	if len(cfg.Secret) == 0 {
		cfg.Secret = make([]byte, 32)
		rand.Read(cfg.Secret)
	}
	cfg.BatchSize = or(cfg.BatchSize, 100)
	cfg.Workers = or(cfg.Workers, 8)
	cfg.Lease = or(cfg.Lease, time.Minute)
	cfg.Sweep = or(cfg.Sweep, 15*time.Second)
	cfg.MaxAttempts = or(cfg.MaxAttempts, 8)
	cfg.SoftBounces = or(cfg.SoftBounces, 3)
	if cfg.Backoff == nil {
		cfg.Backoff = func(n int) time.Duration { return min(30*time.Second<<min(max(n-1, 0), 10), time.Hour) }
	}
	return &campaigns{cfg: cfg, limiter: newTokenBucket(cfg.Rate), slots: make(chan struct{}, cfg.Workers),
		templates: map[string]*campaign.Template{}}
}

func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// lintConfig is the quality check's configuration with the sender filled in.
func (a *App) lintConfig() campaign.Config {
	cfg := a.campaigns.cfg.Lint
	if cfg.StockPhrases == nil {
		cfg.StockPhrases = campaign.DefaultConfig().StockPhrases
	}
	if cfg.Sender.Organization == "" {
		s := a.Supplier()
		cfg.Sender = campaign.Sender{Organization: s.Name, Representative: a.campaigns.cfg.Representative,
			Address: s.Address, Phones: nonEmpty(s.Phone), Emails: nonEmpty(s.Email)}
	}
	return cfg
}

func nonEmpty(s ...string) []string {
	var out []string
	for _, v := range s {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}

// CampaignInput is a draft's content. Update takes it whole.
type CampaignInput struct {
	Name      string `json:"name"`
	List      string `json:"list"`              // a mailing list's id or slug
	SegmentID string `json:"segment,omitempty"` // a stored segment; empty: everyone on the list
	Subject   string `json:"subject"`
	Preheader string `json:"preheader,omitempty"`
	Body      string `json:"body"` // Markdown with {{first_name}} … and {{unsubscribe_url}}
	Lang      string `json:"lang,omitempty"`
	// Version is the version the editor read (Update only); a stale one is a conflict.
	Version int `json:"version,omitempty"`
}

// CampaignView is a campaign with its test sends.
type CampaignView struct {
	store.Campaign
	List      store.MailingList `json:"list"`
	TestSends []store.TestSend  `json:"test_sends"`
}

func checkCampaignInput(in CampaignInput) (*campaign.Template, string, error) {
	var fs errs.Fields
	oneLineField(&fs, "name", in.Name, 200, true)
	oneLineField(&fs, "subject", in.Subject, 300, true)
	oneLineField(&fs, "preheader", in.Preheader, 300, false)
	if strings.TrimSpace(in.Body) == "" {
		fs.Add("body", "is required")
	} else if len(in.Body) > 100_000 || !utf8.ValidString(in.Body) {
		fs.Add("body", "must be UTF-8 text of at most 100,000 bytes")
	}
	if in.List == "" {
		fs.Add("list", "is required")
	}
	lang := checkLang(&fs, in.Lang)
	if err := fs.Err(); err != nil {
		return nil, "", err
	}
	t, err := campaign.Compile(in.Subject, in.Preheader, in.Body)
	return t, lang, err
}

// oneLineField checks a header-bound text: no control characters (a line
// break would be refused by the mail package when sending).
func oneLineField(fs *errs.Fields, field, v string, maxRunes int, required bool) {
	switch {
	case required && strings.TrimSpace(v) == "":
		fs.AddKey(field, "err.required", "is required")
	case utf8.RuneCountInString(v) > maxRunes:
		fs.AddKey(field, "err.camp.max_chars", "is at most {max} characters", "max", maxRunes)
	case strings.IndexFunc(v, unicode.IsControl) >= 0:
		fs.AddKey(field, "err.camp.one_line", "must be one line without control characters")
	}
}

// CreateCampaign saves a new draft and runs the quality check on it; the
// findings are stored with it and returned.
func (a *App) CreateCampaign(ctx context.Context, actor Actor, in CampaignInput) (CampaignView, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return CampaignView{}, err
	}
	t, lang, err := checkCampaignInput(in)
	if err != nil {
		return CampaignView{}, err
	}
	now := a.clock()
	c := store.Campaign{ID: ids.New(), Name: strings.TrimSpace(in.Name), SegmentID: in.SegmentID, Subject: in.Subject,
		Preheader: in.Preheader, Body: in.Body, Lang: lang, Status: store.CampaignDraft, CreatedBy: actor.Label(),
		CreatedAt: now, UpdatedAt: now, Version: 1}
	a.lintInto(&c, t)
	var v CampaignView
	err = a.write(ctx, func(tx *store.Tx) error {
		l, err := a.campaignRefs(ctx, tx, in)
		if err != nil {
			return err
		}
		c.ListID = l.ID
		if err := tx.InsertCampaign(ctx, c); err != nil {
			return err
		}
		if err := a.audit(ctx, tx, actor, "campaign.create", "campaign", c.ID, in); err != nil {
			return err
		}
		v = CampaignView{Campaign: c, List: l, TestSends: []store.TestSend{}}
		return nil
	})
	return v, err
}

// UpdateCampaign replaces a draft's content and checks it again. Only drafts
// change; in.Version must be the version read.
func (a *App) UpdateCampaign(ctx context.Context, actor Actor, id string, in CampaignInput) (CampaignView, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return CampaignView{}, err
	}
	t, lang, err := checkCampaignInput(in)
	if err != nil {
		return CampaignView{}, err
	}
	var v CampaignView
	err = a.write(ctx, func(tx *store.Tx) error {
		before, err := tx.LockCampaign(ctx, id)
		if err != nil {
			return err
		}
		if before.Status != store.CampaignDraft {
			return errs.E(errs.Conflict, "campaign %s is %s; only drafts change", id, before.Status)
		}
		if in.Version != 0 && in.Version != before.Version {
			return errs.E(errs.Conflict, "campaign %s changed since version %d (now %d); reload it", id, in.Version, before.Version)
		}
		l, err := a.campaignRefs(ctx, tx, in)
		if err != nil {
			return err
		}
		c := before
		c.Name, c.ListID, c.SegmentID, c.Subject, c.Preheader, c.Body, c.Lang = strings.TrimSpace(in.Name), l.ID, in.SegmentID,
			in.Subject, in.Preheader, in.Body, lang
		c.UpdatedAt = a.clock()
		a.lintInto(&c, t)
		ok, err := tx.UpdateCampaignDraft(ctx, c)
		if err != nil {
			return err
		}
		if !ok {
			return errs.E(errs.Conflict, "campaign %s changed meanwhile; reload it", id)
		}
		c.Version++
		if err := a.audit(ctx, tx, actor, "campaign.update", "campaign", id, diff(draftFields(before), draftFields(c))); err != nil {
			return err
		}
		v, err = campaignView(ctx, tx, c)
		return err
	})
	return v, err
}

type draftFieldsT struct {
	Name, ListID, SegmentID, Subject, Preheader, Body, Lang string
}

func draftFields(c store.Campaign) draftFieldsT {
	return draftFieldsT{c.Name, c.ListID, c.SegmentID, c.Subject, c.Preheader, c.Body, c.Lang}
}

// lintInto runs the quality check on the compiled letter.
func (a *App) lintInto(c *store.Campaign, t *campaign.Template) {
	c.Findings = campaign.Lint(t.Draft(), a.lintConfig())
	if c.Findings == nil {
		c.Findings = []campaign.Finding{}
	}
	c.LintErrors, _, _ = campaign.Count(c.Findings)
}

// campaignRefs checks the list and segment a draft names.
func (a *App) campaignRefs(ctx context.Context, tx *store.Tx, in CampaignInput) (store.MailingList, error) {
	l, err := tx.MailingList(ctx, in.List)
	if errs.CodeOf(err) == errs.NotFound {
		return l, errs.Field("list", "no mailing list %q", in.List)
	}
	if err != nil {
		return l, err
	}
	if in.SegmentID != "" {
		if _, err := tx.Segment(ctx, in.SegmentID); errs.CodeOf(err) == errs.NotFound {
			return l, errs.Field("segment", "no segment %q", in.SegmentID)
		} else if err != nil {
			return l, err
		}
	}
	return l, nil
}

func campaignView(ctx context.Context, tx *store.Tx, c store.Campaign) (CampaignView, error) {
	l, err := tx.MailingList(ctx, c.ListID)
	if err != nil {
		return CampaignView{}, err
	}
	ts, err := tx.TestSends(ctx, c.ID)
	if ts == nil {
		ts = []store.TestSend{}
	}
	return CampaignView{Campaign: c, List: l, TestSends: ts}, err
}

// Campaign returns a campaign with its findings and test sends (and their answers).
func (a *App) Campaign(ctx context.Context, actor Actor, id string) (CampaignView, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return CampaignView{}, err
	}
	var v CampaignView
	err := a.read(ctx, func(tx *store.Tx) error {
		c, err := tx.Campaign(ctx, id)
		if err != nil {
			return err
		}
		v, err = campaignView(ctx, tx, c)
		return err
	})
	return v, err
}

// CampaignQuery narrows Campaigns.
type CampaignQuery struct {
	Status string // draft, sending, paused, finished; empty for all
	Limit  int    // default 50
}

// Campaigns lists campaigns, newest first.
func (a *App) Campaigns(ctx context.Context, actor Actor, q CampaignQuery) ([]store.Campaign, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return nil, err
	}
	var fs errs.Fields
	q.Limit = or(q.Limit, 50)
	checkLimit(&fs, q.Limit)
	switch q.Status {
	case "", store.CampaignDraft, store.CampaignSending, store.CampaignPaused, store.CampaignFinished:
	default:
		fs.Add("status", "must be draft, sending, paused or finished")
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []store.Campaign
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.Campaigns(ctx, store.CampaignQuery{Status: q.Status, Limit: q.Limit})
		return err
	})
	if out == nil {
		out = []store.Campaign{}
	}
	return out, err
}

// CampaignFindings runs the quality check on a campaign as stored (with the
// current configuration) and returns the findings; nothing is written.
func (a *App) CampaignFindings(ctx context.Context, actor Actor, id string) ([]campaign.Finding, error) {
	v, err := a.Campaign(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	t, err := a.template(v.Campaign)
	if err != nil {
		return nil, err
	}
	fs := campaign.Lint(t.Draft(), a.lintConfig())
	if fs == nil {
		fs = []campaign.Finding{}
	}
	return fs, nil
}

// template is the compiled letter of a campaign's version, kept while the
// campaign sends.
func (a *App) template(c store.Campaign) (*campaign.Template, error) {
	key := c.ID + "/" + itoa(c.Version)
	if c.Status != store.CampaignDraft {
		key = c.ID // the content does not change once it left draft
	}
	cs := a.campaigns
	cs.mu.Lock()
	t := cs.templates[key]
	cs.mu.Unlock()
	if t != nil {
		return t, nil
	}
	t, err := campaign.Compile(c.Subject, c.Preheader, c.Body)
	if err != nil {
		return nil, err
	}
	cs.mu.Lock()
	if len(cs.templates) > 100 {
		clear(cs.templates)
	}
	cs.templates[key] = t
	cs.mu.Unlock()
	return t, nil
}
