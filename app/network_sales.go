package app

import (
	"context"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"time"

	"b2x/campaign"
	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/locale"
	"b2x/store"
)

// Network sales (S23: "informing customers of new products and changes in the
// assortment"). CreateProduct and UpdateProduct write a catalog event when a
// product enters the range active or leaves it discontinued; a daily job
// (AnnounceCatalogChanges) makes of each category's pending events one
// campaign draft to the "network-sales" list. The draft is only a draft: it is
// checked like any other (S13), and a person test-sends and sends it.

// NetworkSalesList is the slug of the list announcements go to: the B2B
// contacts (and anyone else) who opted in to hear of new products and range
// changes. NewArrivalsList is the list of shop customers who opted in to new
// arrivals; its drafts go to those of them who hold a loyalty card (the
// segment CardHoldersSegment, made when first needed).
const (
	NetworkSalesList   = "network-sales"
	NewArrivalsList    = "new-arrivals"
	CardHoldersSegment = "Loyalty-card holders"
)

// announcer is who the audit log names for drafts the job makes.
var announcer = Actor{UserID: "network-sales", Role: "admin"}

// noteCatalogChange records, in the transaction that changes a product, the
// event an announcement will list: entering the range (created active, or a
// draft made active) or leaving it (made discontinued). Products without a
// category are announced nowhere.
func noteCatalogChange(ctx context.Context, tx *store.Tx, before catalog.Status, p catalog.Product, at time.Time) error {
	kind := ""
	switch {
	case p.Category == "" || before == p.Status:
	case p.Status == catalog.Active && before != catalog.Discontinued:
		kind = store.CatalogNew
	case p.Status == catalog.Discontinued && before == catalog.Active:
		kind = store.CatalogDiscontinued
	}
	if kind == "" {
		return nil
	}
	return tx.InsertCatalogEvent(ctx, store.CatalogEvent{ID: ids.At(at), Kind: kind, SKU: p.SKU, Category: p.Category, At: at})
}

// maxAnnounced bounds the events one run reads; the rest wait for the next.
const maxAnnounced = 2000

// AnnounceCatalogChanges makes one announcement draft per category of the
// catalog events before until that no draft listed yet, and returns the
// drafts: one for the network-sales list and, when the new-arrivals list
// exists, the same letter for its loyalty-card holders. Without either list it
// makes none and the events wait.
// Two runs at once list each event once: the events are claimed in the
// transaction that inserts the draft, and a lost claim rolls it back.
func (a *App) AnnounceCatalogChanges(ctx context.Context, until time.Time) ([]CampaignView, error) {
	var out []CampaignView
	err := a.write(ctx, func(tx *store.Tx) error {
		targets, err := a.announceTargets(ctx, tx)
		if err != nil || len(targets) == 0 {
			return err
		}
		evs, err := tx.PendingCatalogEvents(ctx, until, maxAnnounced)
		if err != nil || len(evs) == 0 {
			return err
		}
		cats, err := tx.Categories(ctx)
		if err != nil {
			return err
		}
		names := map[string]string{}
		for _, c := range cats {
			names[c.Slug] = c.Name
		}
		for start := 0; start < len(evs); {
			end := start
			for end < len(evs) && evs[end].Category == evs[start].Category {
				end++
			}
			for i, t := range targets {
				// The first draft claims the events; the others list the same.
				v, err := a.announce(ctx, tx, t, names[evs[start].Category], evs[start:end], i == 0)
				if err != nil {
					return err
				}
				out = append(out, v)
			}
			start = end
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

type announceTarget struct {
	list      store.MailingList
	segmentID string
}

// announceTargets are the lists that exist of network-sales and new-arrivals,
// the latter with the card-holder segment.
func (a *App) announceTargets(ctx context.Context, tx *store.Tx) ([]announceTarget, error) {
	var out []announceTarget
	for _, slug := range []string{NetworkSalesList, NewArrivalsList} {
		l, err := tx.MailingList(ctx, slug)
		if errs.CodeOf(err) == errs.NotFound {
			continue
		} else if err != nil {
			return nil, err
		}
		t := announceTarget{list: l}
		if slug == NewArrivalsList {
			if t.segmentID, err = a.cardHolders(ctx, tx); err != nil {
				return nil, err
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// cardHolders returns the id of the stored segment of loyalty-card holders,
// storing it the first time.
func (a *App) cardHolders(ctx context.Context, tx *store.Tx) (string, error) {
	segs, err := tx.Segments(ctx)
	if err != nil {
		return "", err
	}
	filter := campaign.Segment{Audience: campaign.AudienceConsumers, CardHolders: true}
	for _, s := range segs {
		if s.Name == CardHoldersSegment && reflect.DeepEqual(s.Filter, filter) {
			return s.ID, nil
		}
	}
	now := a.clock()
	s := store.Segment{ID: ids.New(), Name: CardHoldersSegment, Filter: filter, CreatedAt: now, UpdatedAt: now}
	if err := tx.InsertSegment(ctx, s); err != nil {
		return "", err
	}
	return s.ID, a.audit(ctx, tx, announcer, "segment.create", "segment", s.ID, s)
}

// announce inserts the draft listing one category's events, then claims
// them. A claim that fails means a run at the same time listed the event
// first: the transaction is rolled back (conflict) and the job tries again.
func (a *App) announce(ctx context.Context, tx *store.Tx, to announceTarget, category string, evs []store.CatalogEvent, claim bool) (CampaignView, error) {
	l := to.list
	now := a.clock()
	lang := or(a.campaigns.cfg.AnnounceLang, locale.Default().Code)
	in := a.announcement(lang, or(category, evs[0].Category), evs)
	in.List, in.SegmentID = l.Slug, to.segmentID
	t, _, err := checkCampaignInput(in)
	if err != nil {
		return CampaignView{}, err
	}
	c := store.Campaign{ID: ids.New(), Name: in.Name, ListID: l.ID, SegmentID: in.SegmentID, Subject: in.Subject, Preheader: in.Preheader, Body: in.Body,
		Lang: lang, Status: store.CampaignDraft, CreatedBy: announcer.Label(), CreatedAt: now, UpdatedAt: now, Version: 1}
	a.lintInto(&c, t)
	if err := tx.InsertCampaign(ctx, c); err != nil {
		return CampaignView{}, err
	}
	listed := make([]string, len(evs))
	for i, e := range evs {
		listed[i] = e.Kind + ":" + e.SKU
		if !claim {
			continue
		}
		ok, err := tx.AnnounceCatalogEvent(ctx, e.ID, c.ID)
		if err != nil {
			return CampaignView{}, err
		}
		if !ok {
			return CampaignView{}, errs.E(errs.Conflict, "catalog event %s was announced meanwhile", e.ID)
		}
	}
	if err := a.audit(ctx, tx, announcer, "campaign.announce", "campaign", c.ID, listed); err != nil {
		return CampaignView{}, err
	}
	return CampaignView{Campaign: c, List: l, TestSends: []store.TestSend{}}, nil
}

// announcement is the draft of one category's events in language lang: who we
// are and what changed first, the products in bold with links to the shop,
// then the sender and representative's contacts and the unsubscribe link.
func (a *App) announcement(lang, category string, evs []store.CatalogEvent) CampaignInput {
	p := locale.NewPrinter(locale.Match(lang, "", ""), nil)
	// A product added and discontinued in one period was never on offer to
	// announce: it is left out of both lists.
	last := map[string]store.CatalogEvent{}
	wasNew := map[string]bool{}
	for _, e := range evs {
		last[e.SKU] = e
		wasNew[e.SKU] = wasNew[e.SKU] || e.Kind == store.CatalogNew
	}
	var added, gone []store.CatalogEvent
	for _, e := range evs {
		switch l := last[e.SKU]; {
		case l.ID != e.ID:
		case e.Kind == store.CatalogNew:
			added = append(added, e)
		case !wasNew[e.SKU]:
			gone = append(gone, e)
		}
	}
	s := a.lintConfig().Sender
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", md(p.T("netsales.opening", "org", s.Organization, "category", category)))
	if len(added) > 0 {
		fmt.Fprintf(&b, "%s\n\n", md(p.Plural("netsales.new", len(added))))
		for _, e := range added {
			fmt.Fprintf(&b, "- **[%s](%s)** (%s)\n", md(e.Name), a.productLink(lang, e.SKU), md(e.SKU))
		}
		b.WriteString("\n")
	}
	if len(gone) > 0 {
		fmt.Fprintf(&b, "%s\n\n", md(p.Plural("netsales.discontinued", len(gone))))
		for _, e := range gone {
			fmt.Fprintf(&b, "- **%s** (%s)\n", md(e.Name), md(e.SKU))
		}
		b.WriteString("\n")
	}
	if s.Representative != "" {
		fmt.Fprintf(&b, "%s\n\n", md(p.T("netsales.representative", "name", s.Representative)))
	}
	var foot []string
	for _, v := range append([]string{s.Organization, s.Representative}, s.Phones...) {
		if v != "" {
			foot = append(foot, md(v))
		}
	}
	for _, v := range s.Emails {
		foot = append(foot, md(v))
	}
	for _, v := range s.Messengers {
		u := v
		if !strings.Contains(u, "://") {
			u = "https://" + u
		}
		foot = append(foot, "["+md(stripURLScheme(v))+"]("+u+")")
	}
	if s.Address != "" {
		foot = append(foot, md(s.Address))
	}
	b.WriteString(strings.Join(foot, "  \n"))
	fmt.Fprintf(&b, "\n\n[%s]({{unsubscribe_url}})\n", md(p.T("netsales.unsubscribe")))
	day := a.clock().Format(time.DateOnly)
	return CampaignInput{
		Name:      p.T("netsales.name", "category", category, "date", day),
		List:      NetworkSalesList,
		Subject:   flat(p.T("netsales.subject", "category", category)),
		Preheader: flat(p.T("netsales.preheader", "new", p.Number(int64(len(added))), "gone", p.Number(int64(len(gone))))),
		Body:      b.String(),
		Lang:      lang,
	}
}

// md escapes the characters Markdown would read as markup in catalog text.
func md(s string) string {
	var b strings.Builder
	for _, r := range flat(s) {
		if strings.ContainsRune("\\`*_{}[]()<>#+!|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func stripURLScheme(s string) string {
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		return u.Host + u.Path
	}
	return s
}
