package app

import (
	"context"
	"slices"
	"strings"

	"b2x/campaign"
	"b2x/catalog"
	"b2x/errs"
	"b2x/party"
	"b2x/staff"
	"b2x/store"
)

// The audience use cases the back office's pages need beyond the API's: lists
// with their counts, a list's consents a page at a time, an import that takes
// the good lines and says why it refused the others, one address's standing,
// the suppression list searched, and what a segment form may offer.

// MailingListCounts lists the lists with how many addresses are opted in.
func (a *App) MailingListCounts(ctx context.Context, actor Actor) ([]store.MailingListCount, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return nil, err
	}
	var out []store.MailingListCount
	err := a.read(ctx, func(tx *store.Tx) (err error) { out, err = tx.MailingListCounts(ctx); return err })
	return out, err
}

// ListConsents returns a list (by id or slug) and a page of its consents,
// withdrawn ones included, by address after the address after.
func (a *App) ListConsents(ctx context.Context, actor Actor, list, after string, limit int) (store.MailingList, []store.Consent, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return store.MailingList{}, nil, err
	}
	var fs errs.Fields
	checkLimit(&fs, limit)
	if err := fs.Err(); err != nil {
		return store.MailingList{}, nil, err
	}
	var l store.MailingList
	var out []store.Consent
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		if l, err = tx.MailingList(ctx, list); err != nil {
			return err
		}
		out, err = tx.ListConsentsPage(ctx, l.ID, campaign.EmailKey(after), limit)
		return err
	})
	return l, out, err
}

// ConsentLine is one line of an import as typed, numbered from 1.
type ConsentLine struct {
	Line int    `json:"line"`
	Text string `json:"text"`
}

// RefusedLine is a line an import left out, and why.
type RefusedLine struct {
	ConsentLine
	Reason *errs.Error `json:"reason"`
}

// ConsentImport is what an import did: how many consents it recorded and the
// lines it refused.
type ConsentImport struct {
	Added   int           `json:"added"`
	Refused []RefusedLine `json:"refused"`
}

// ImportConsentLines records the consent of every good line's address to a
// list in one transaction, and returns the lines it refused (not an address,
// or an address an earlier line gave) with the reason. A sheet with no good
// line, too many lines or a bad source is refused whole and writes nothing.
// Unlike ImportConsents (all or none, for programs), a person fixing a sheet
// keeps the good part and sees what to correct.
func (a *App) ImportConsentLines(ctx context.Context, actor Actor, list string, lines []ConsentLine, source string) (ConsentImport, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return ConsentImport{}, err
	}
	var fs errs.Fields
	if !contains(consentSources, source) {
		fs.AddKey("source", "err.consent.source", "must be one of {sources}", "sources", strings.Join(consentSources, ", "))
	}
	if len(lines) > MaxConsentImport {
		fs.AddKey("emails", "err.consent.count", "give 1 to {max} addresses", "max", MaxConsentImport)
	}
	var res ConsentImport
	var good []string
	first := map[string]int{}
	for _, ln := range lines {
		e := strings.TrimSpace(ln.Text)
		var why *errs.Error
		switch k := campaign.EmailKey(e); {
		case !validEmail(e):
			why = errs.EKey(errs.Invalid, "err.email", "is not an email address")
		case first[k] != 0:
			why = errs.EKey(errs.Invalid, "err.consent.repeats", "repeats line {line}", "line", first[k])
		default:
			first[k] = ln.Line
			good = append(good, e)
			continue
		}
		res.Refused = append(res.Refused, RefusedLine{ConsentLine: ln, Reason: why})
	}
	if len(good) == 0 && len(fs) == 0 {
		fs.AddKey("emails", "err.consent.none_good", "no line holds an email address")
	}
	if err := fs.Err(); err != nil {
		return res, err
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		l, err := tx.MailingList(ctx, list)
		if err != nil {
			return err
		}
		now := a.clock()
		for _, e := range good {
			if err := tx.GiveConsent(ctx, store.Consent{ListID: l.ID, Email: e, GivenAt: now, Source: source}); err != nil {
				return err
			}
		}
		return a.audit(ctx, tx, actor, "consent.import", "mailing_list", l.ID,
			map[string]any{"count": len(good), "refused": len(res.Refused), "source": source})
	})
	if err != nil {
		return ConsentImport{}, err
	}
	res.Added = len(good)
	return res, nil
}

// ListedConsent is an address's consent with its list.
type ListedConsent struct {
	store.Consent
	List store.MailingList `json:"list"`
}

// AddressStanding is what campaigns make of one address: its consents per list
// (withdrawn ones included), whether it is suppressed and why, and the soft
// bounces counted towards suppression.
type AddressStanding struct {
	Email       string             `json:"email"`
	Consents    []ListedConsent    `json:"consents"`
	Suppression *store.Suppression `json:"suppression,omitempty"`
	SoftBounces int                `json:"soft_bounces"`
}

// LookUpAddress tells a person asking about an address where it stands.
func (a *App) LookUpAddress(ctx context.Context, actor Actor, email string) (AddressStanding, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return AddressStanding{}, err
	}
	email = strings.TrimSpace(email)
	var fs errs.Fields
	checkAlertEmail(&fs, email)
	if err := fs.Err(); err != nil {
		return AddressStanding{}, err
	}
	out := AddressStanding{Email: email, Consents: []ListedConsent{}}
	err := a.read(ctx, func(tx *store.Tx) error {
		cs, err := tx.Consents(ctx, email)
		if err != nil {
			return err
		}
		lists, err := tx.MailingLists(ctx)
		if err != nil {
			return err
		}
		for _, c := range cs {
			i := slices.IndexFunc(lists, func(l store.MailingList) bool { return l.ID == c.ListID })
			if i >= 0 {
				out.Consents = append(out.Consents, ListedConsent{Consent: c, List: lists[i]})
			}
		}
		s, err := tx.SuppressionOf(ctx, email)
		switch {
		case err == nil:
			out.Suppression = &s
		case errs.CodeOf(err) != errs.NotFound:
			return err
		}
		out.SoftBounces, err = tx.SoftBouncesOf(ctx, email)
		return err
	})
	return out, err
}

// FindSuppressions lists the suppressions whose address holds part of
// q.Contains and whose reason is q.Reason (each when set), newest first.
func (a *App) FindSuppressions(ctx context.Context, actor Actor, q store.SuppressionQuery) ([]store.Suppression, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return nil, err
	}
	q.Limit = or(q.Limit, 50)
	var fs errs.Fields
	checkLimit(&fs, q.Limit)
	if q.Reason != "" && !contains(suppressReasons, q.Reason) && q.Reason != "soft_bounces" {
		fs.AddKey("reason", "err.suppress.reason", "must be one of {reasons}", "reasons", strings.Join(suppressReasons, ", "))
	}
	if len(q.Contains) > 254 {
		fs.AddKey("q", "err.too_long", "is longer than {max} characters", "max", 254)
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []store.Suppression
	err := a.read(ctx, func(tx *store.Tx) (err error) { out, err = tx.SearchSuppressions(ctx, q); return err })
	return out, err
}

// SuppressReasons are the reasons staff may give when suppressing an address.
func SuppressReasons() []string { return slices.Clone(suppressReasons) }

// Segment returns one stored segment.
func (a *App) Segment(ctx context.Context, actor Actor, id string) (store.Segment, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return store.Segment{}, err
	}
	var s store.Segment
	err := a.read(ctx, func(tx *store.Tx) (err error) { s, err = tx.Segment(ctx, id); return err })
	return s, err
}

// Manager is a staff user a segment may name as account manager.
type Manager struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// SegmentChoices is what a segment's filters may hold: the organizations'
// industries, the buying-center roles, the account managers (users with that
// role or assigned to an organization now), the categories, the loyalty tiers
// and the lists.
type SegmentChoices struct {
	Industries      []string            `json:"industries"`
	Roles           []party.Role        `json:"roles"`
	AccountManagers []Manager           `json:"account_managers"`
	Categories      []catalog.Category  `json:"categories"`
	LoyaltyTiers    []string            `json:"loyalty_tiers"`
	Lists           []store.MailingList `json:"lists"`
}

// SegmentChoicesFor reads the values a segment form offers.
func (a *App) SegmentChoicesFor(ctx context.Context, actor Actor) (SegmentChoices, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return SegmentChoices{}, err
	}
	c := SegmentChoices{Roles: party.Roles}
	for _, t := range a.loyalty.Tiers {
		c.LoyaltyTiers = append(c.LoyaltyTiers, t.Name)
	}
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		if c.Industries, err = tx.Industries(ctx); err != nil {
			return err
		}
		if c.Categories, err = tx.Categories(ctx); err != nil {
			return err
		}
		if c.Lists, err = tx.MailingLists(ctx); err != nil {
			return err
		}
		current, err := tx.CurrentManagers(ctx)
		if err != nil {
			return err
		}
		users, err := tx.Users(ctx)
		for _, u := range users {
			if u.Role == staff.AccountManager || slices.Contains(current, u.ID) {
				c.AccountManagers = append(c.AccountManagers, Manager{ID: u.ID, Name: u.Name})
			}
		}
		return err
	})
	return c, err
}

// ConsentSources are where a consent may come from.
func ConsentSources() []string { return slices.Clone(consentSources) }
