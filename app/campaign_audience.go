package app

import (
	"context"
	"regexp"
	"strings"

	"b2x/campaign"
	"b2x/errs"
	"b2x/ids"
	"b2x/staff"
	"b2x/store"
)

// Audiences: mailing lists, consent per address and list (given when and where
// from, withdrawn when), the suppression list, and segments; Recipients
// resolves a list and segment to the people a campaign goes to.

// Consent sources.
var consentSources = []string{"form", "import", "portal", "admin"}

// Suppression reasons staff may give; bounces and complaints suppress through
// RecordBounce.
var suppressReasons = []string{"manual", "unsubscribe_all", "hard_bounce", "complaint"}

var slugRe = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// MailingListInput is a new list.
type MailingListInput struct {
	Slug string `json:"slug"` // e.g. newsletter, new-arrivals, network-sales
	Name string `json:"name"`
}

// CreateMailingList adds a list people can consent to.
func (a *App) CreateMailingList(ctx context.Context, actor Actor, in MailingListInput) (store.MailingList, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return store.MailingList{}, err
	}
	var fs errs.Fields
	if !slugRe.MatchString(in.Slug) {
		fs.AddKey("slug", "err.list.slug", "is 1 to 63 lower-case letters, digits and hyphens")
	}
	oneLineField(&fs, "name", in.Name, 200, true)
	if err := fs.Err(); err != nil {
		return store.MailingList{}, err
	}
	l := store.MailingList{ID: ids.New(), Slug: in.Slug, Name: strings.TrimSpace(in.Name), CreatedAt: a.clock()}
	err := a.write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertMailingList(ctx, l); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "mailing_list.create", "mailing_list", l.ID, in)
	})
	return l, err
}

// MailingLists lists the lists.
func (a *App) MailingLists(ctx context.Context, actor Actor) ([]store.MailingList, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return nil, err
	}
	var out []store.MailingList
	err := a.read(ctx, func(tx *store.Tx) (err error) { out, err = tx.MailingLists(ctx); return err })
	if out == nil {
		out = []store.MailingList{}
	}
	return out, err
}

// ConsentInput records that an address agreed to a list.
type ConsentInput struct {
	List   string `json:"list"` // id or slug
	Email  string `json:"email"`
	Source string `json:"source"` // form, import, portal, admin
}

// GiveConsent records an address's consent to a list (staff: imports and what a
// customer said in person). Consenting again renews a withdrawn consent.
func (a *App) GiveConsent(ctx context.Context, actor Actor, in ConsentInput) error {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return err
	}
	return a.giveConsent(ctx, actor, in)
}

// MaxConsentImport bounds one ImportConsents call.
const MaxConsentImport = 100_000

// ImportConsents records the consent of many addresses to a list in one
// transaction (an import from a sign-up sheet or another system): all or none.
// It returns how many were recorded; a bad address is a field error naming its
// position, and nothing is written.
func (a *App) ImportConsents(ctx context.Context, actor Actor, list string, emails []string, source string) (int, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return 0, err
	}
	var fs errs.Fields
	if len(emails) == 0 || len(emails) > MaxConsentImport {
		fs.AddKey("emails", "err.consent.count", "give 1 to {max} addresses", "max", MaxConsentImport)
	}
	for i, e := range emails {
		if !validEmail(strings.TrimSpace(e)) {
			fs.AddKey("emails["+itoa(i)+"]", "err.email", "is not an email address")
			break
		}
	}
	if !contains(consentSources, source) {
		fs.AddKey("source", "err.consent.source", "must be one of {sources}", "sources", strings.Join(consentSources, ", "))
	}
	if err := fs.Err(); err != nil {
		return 0, err
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		l, err := tx.MailingList(ctx, list)
		if errs.CodeOf(err) == errs.NotFound {
			return noList(list)
		}
		if err != nil {
			return err
		}
		now := a.clock()
		for _, e := range emails {
			if err := tx.GiveConsent(ctx, store.Consent{ListID: l.ID, Email: strings.TrimSpace(e), GivenAt: now, Source: source}); err != nil {
				return err
			}
		}
		return a.audit(ctx, tx, actor, "consent.import", "mailing_list", l.ID, map[string]any{"count": len(emails), "source": source})
	})
	if err != nil {
		return 0, err
	}
	return len(emails), nil
}

func (a *App) giveConsent(ctx context.Context, actor Actor, in ConsentInput) error {
	var fs errs.Fields
	in.Email = strings.TrimSpace(in.Email)
	checkAlertEmail(&fs, in.Email)
	if !contains(consentSources, in.Source) {
		fs.AddKey("source", "err.consent.source", "must be one of {sources}", "sources", strings.Join(consentSources, ", "))
	}
	if in.List == "" {
		fs.AddKey("list", "err.required", "is required")
	}
	if err := fs.Err(); err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		l, err := tx.MailingList(ctx, in.List)
		if errs.CodeOf(err) == errs.NotFound {
			return noList(in.List)
		}
		if err != nil {
			return err
		}
		if err := tx.GiveConsent(ctx, store.Consent{ListID: l.ID, Email: in.Email, GivenAt: a.clock(), Source: in.Source}); err != nil {
			return err
		}
		if actor.Staff() {
			return a.audit(ctx, tx, actor, "consent.give", "mailing_list", l.ID, in)
		}
		return nil
	})
}

// WithdrawConsent withdraws an address's consent to one list (staff, on the
// person's word). It reports whether a consent was in force.
func (a *App) WithdrawConsent(ctx context.Context, actor Actor, list, email string) (bool, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return false, err
	}
	var withdrawn bool
	err := a.write(ctx, func(tx *store.Tx) error {
		l, err := tx.MailingList(ctx, list)
		if errs.CodeOf(err) == errs.NotFound {
			return noList(list)
		}
		if err != nil {
			return err
		}
		if withdrawn, err = tx.WithdrawConsent(ctx, l.ID, email, a.clock()); err != nil || !withdrawn {
			return err
		}
		return a.audit(ctx, tx, actor, "consent.withdraw", "mailing_list", l.ID, map[string]string{"email": email})
	})
	return withdrawn, err
}

// Consents lists an address's consents, withdrawn ones included.
func (a *App) Consents(ctx context.Context, actor Actor, email string) ([]store.Consent, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return nil, err
	}
	var out []store.Consent
	err := a.read(ctx, func(tx *store.Tx) (err error) { out, err = tx.Consents(ctx, email); return err })
	if out == nil {
		out = []store.Consent{}
	}
	return out, err
}

// SuppressInput puts an address on the suppression list.
type SuppressInput struct {
	Email  string `json:"email"`
	Reason string `json:"reason"` // manual, unsubscribe_all, hard_bounce, complaint
	Detail string `json:"detail,omitempty"`
}

// Suppress puts an address on the suppression list: no campaign goes to it,
// whatever its consents. Transactional mail is not affected.
func (a *App) Suppress(ctx context.Context, actor Actor, in SuppressInput) error {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return err
	}
	var fs errs.Fields
	checkAlertEmail(&fs, strings.TrimSpace(in.Email))
	if !contains(suppressReasons, in.Reason) {
		fs.AddKey("reason", "err.suppress.reason", "must be one of {reasons}", "reasons", strings.Join(suppressReasons, ", "))
	}
	if len(in.Detail) > 1000 {
		fs.AddKey("detail", "err.suppress.detail", "is at most {max} bytes", "max", 1000)
	}
	if err := fs.Err(); err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Suppress(ctx, store.Suppression{Email: strings.TrimSpace(in.Email), Reason: in.Reason, Detail: in.Detail, At: a.clock()}); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "suppression.add", "suppression", campaign.EmailKey(in.Email), in)
	})
}

// Unsuppress takes an address off the suppression list.
func (a *App) Unsuppress(ctx context.Context, actor Actor, email string) (bool, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return false, err
	}
	var ok bool
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		if ok, err = tx.Unsuppress(ctx, email); err != nil || !ok {
			return err
		}
		return a.audit(ctx, tx, actor, "suppression.remove", "suppression", campaign.EmailKey(email), nil)
	})
	return ok, err
}

// Suppressions lists the suppression list, newest first.
func (a *App) Suppressions(ctx context.Context, actor Actor, limit int) ([]store.Suppression, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return nil, err
	}
	limit = or(limit, 50)
	var fs errs.Fields
	checkLimit(&fs, limit)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []store.Suppression
	err := a.read(ctx, func(tx *store.Tx) (err error) { out, err = tx.Suppressions(ctx, limit); return err })
	if out == nil {
		out = []store.Suppression{}
	}
	return out, err
}

// SegmentInput is a segment's name and filter.
type SegmentInput struct {
	Name   string           `json:"name"`
	Filter campaign.Segment `json:"filter"`
}

func checkSegment(in SegmentInput) error {
	var fs errs.Fields
	oneLineField(&fs, "name", in.Name, 200, true)
	if err := in.Filter.Validate(); err != nil {
		fs.Wrap("filter", err)
	}
	return fs.Err()
}

// CreateSegment stores a segment.
func (a *App) CreateSegment(ctx context.Context, actor Actor, in SegmentInput) (store.Segment, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return store.Segment{}, err
	}
	if err := checkSegment(in); err != nil {
		return store.Segment{}, err
	}
	now := a.clock()
	s := store.Segment{ID: ids.New(), Name: strings.TrimSpace(in.Name), Filter: in.Filter, CreatedAt: now, UpdatedAt: now}
	err := a.write(ctx, func(tx *store.Tx) error {
		if err := tx.InsertSegment(ctx, s); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "segment.create", "segment", s.ID, in)
	})
	return s, err
}

// UpdateSegment replaces a segment's name and filter. Campaigns already
// sending keep the recipients they were given.
func (a *App) UpdateSegment(ctx context.Context, actor Actor, id string, in SegmentInput) (store.Segment, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return store.Segment{}, err
	}
	if err := checkSegment(in); err != nil {
		return store.Segment{}, err
	}
	var s store.Segment
	err := a.write(ctx, func(tx *store.Tx) error {
		before, err := tx.Segment(ctx, id)
		if err != nil {
			return err
		}
		s = before
		s.Name, s.Filter, s.UpdatedAt = strings.TrimSpace(in.Name), in.Filter, a.clock()
		if err := tx.UpdateSegment(ctx, s); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "segment.update", "segment", id, diff(before, s))
	})
	return s, err
}

// Segments lists the segments.
func (a *App) Segments(ctx context.Context, actor Actor) ([]store.Segment, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return nil, err
	}
	var out []store.Segment
	err := a.read(ctx, func(tx *store.Tx) (err error) { out, err = tx.Segments(ctx); return err })
	if out == nil {
		out = []store.Segment{}
	}
	return out, err
}

// Recipient is one person a campaign goes to.
type Recipient struct {
	Email        string `json:"email"`
	Name         string `json:"name,omitempty"`
	Organization string `json:"organization,omitempty"`
	Lang         string `json:"lang,omitempty"` // the language they read, when the segment filters on languages
}

// AudiencePreview is how many a list and segment reach, with the first few.
type AudiencePreview struct {
	Count  int         `json:"count"`
	Sample []Recipient `json:"sample"`
}

// PreviewAudience counts the recipients of a list and a segment filter (stored
// or not) — the people opted in to the list, in the segment, not suppressed,
// one per address — and shows the first ten.
func (a *App) PreviewAudience(ctx context.Context, actor Actor, list string, filter campaign.Segment) (AudiencePreview, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return AudiencePreview{}, err
	}
	if err := filter.Validate(); err != nil {
		var fs errs.Fields
		fs.Wrap("segment", err)
		return AudiencePreview{}, fs.Err()
	}
	var rs []Recipient
	err := a.read(ctx, func(tx *store.Tx) error {
		l, err := tx.MailingList(ctx, list)
		if errs.CodeOf(err) == errs.NotFound {
			return noList(list)
		}
		if err != nil {
			return err
		}
		rs, err = a.recipients(ctx, tx, l.ID, filter)
		return err
	})
	p := AudiencePreview{Count: len(rs), Sample: rs[:min(10, len(rs))]}
	if p.Sample == nil {
		p.Sample = []Recipient{}
	}
	return p, err
}

// recipients resolves a list and a filter: consent in force for the list ∩
// segment − suppressed, one per normalised address, in address order.
func (a *App) recipients(ctx context.Context, tx *store.Tx, listID string, filter campaign.Segment) ([]Recipient, error) {
	consents, err := tx.ConsentsOf(ctx, listID)
	if err != nil || len(consents) == 0 {
		return nil, err
	}
	suppressed, err := tx.SuppressedKeys(ctx)
	if err != nil {
		return nil, err
	}
	audience, err := tx.Audience(ctx)
	if err != nil {
		return nil, err
	}
	var subs map[string][]string
	if len(filter.Subscriptions) > 0 {
		if subs, err = tx.ActiveListSlugs(ctx); err != nil {
			return nil, err
		}
	}
	var langs map[string]string
	if len(filter.Languages) > 0 {
		if langs, err = tx.AudienceLanguages(ctx); err != nil {
			return nil, err
		}
	}
	out := make([]Recipient, 0, len(consents))
	seen := make(map[string]bool, len(consents))
	for _, c := range consents {
		k := campaign.EmailKey(c.Email)
		if seen[k] || suppressed[k] {
			continue
		}
		seen[k] = true
		p := campaign.Profile{Email: c.Email}
		if r := audience[k]; r != nil {
			p = r.Profile
			p.Email = c.Email
			if r.HasCard {
				p.LoyaltyTier = a.loyalty.TierFor(r.LifetimeSpend).Name
			}
		}
		p.Subscriptions = subs[k]
		if langs != nil {
			p.Lang = langOrDefault(langs[k])
		}
		if !filter.Match(p) {
			continue
		}
		out = append(out, Recipient{Email: c.Email, Name: p.Name, Organization: p.Organization, Lang: p.Lang})
	}
	return out, nil
}

func contains(vs []string, v string) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

// noList is the refusal of a list that does not exist, as a field error.
func noList(list string) error {
	return errs.FieldKey("list", "err.list.none", "no mailing list {list}", "list", list)
}
