package app

import (
	"context"
	"net/url"
	"reflect"
	"strings"
	"time"

	"b2x/campaign"
	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/store"
)

// Network sales (S23: "informing customers of new products and changes in the
// assortment"). CreateProduct and UpdateProduct write a catalog event when a
// product enters the range active, leaves it discontinued, or has its base
// price changed in a channel; an hourly job (AnnounceCatalogChanges) makes of
// each category's pending events an announcement: drafts to the
// "network-sales" list and to the "new-arrivals" list's card holders, one per
// language their people read. The drafts are only drafts: each is checked
// like any other (S13), and a person test-sends and sends it. An address on
// both lists gets one letter (network_sales_dedupe.go).

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

// notePriceChanges records, in the transaction that sets them, the base
// prices of an active product that changed in a channel it is sold in. A
// price set for the first time, or in another currency, is no change to
// announce (the amounts cannot be compared).
func notePriceChanges(ctx context.Context, tx *store.Tx, p catalog.Product, before, after map[catalog.Channel]money.Amount, at time.Time) error {
	if p.Category == "" || p.Status != catalog.Active {
		return nil
	}
	for _, ch := range []catalog.Channel{catalog.B2B, catalog.B2C} {
		old, had := before[ch]
		now, has := after[ch]
		if !had || !has || !p.Channels.Has(ch) || old.Currency != now.Currency || old.Minor == now.Minor {
			continue
		}
		// A channel's prices are announced only to its list (network-sales
		// for b2b, new-arrivals for the shop); without that list the event
		// could never be claimed and would hold back the others.
		list := NetworkSalesList
		if ch == catalog.B2C {
			list = NewArrivalsList
		}
		if _, err := tx.MailingList(ctx, list); errs.CodeOf(err) == errs.NotFound {
			continue
		} else if err != nil {
			return err
		}
		e := store.CatalogEvent{ID: ids.At(at), Kind: store.CatalogPrice, SKU: p.SKU, Category: p.Category, At: at,
			Channel: string(ch), Currency: now.Currency, Old: old.Minor, New: now.Minor}
		if err := tx.InsertCatalogEvent(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// maxAnnounced bounds the events one run reads; the rest wait for the next.
const maxAnnounced = 2000

// AnnounceCatalogChanges makes one announcement per category of the catalog
// events before until that no draft listed yet, and returns its drafts: for
// each list that exists of network-sales and new-arrivals (the latter to its
// loyalty-card holders), one draft per language its people read, when the
// events hold something for that list (prices are of the B2B channel for
// network-sales, of the shop for new-arrivals). Without either list it makes
// none and the events wait.
// Two runs at once list each event once: the events are claimed in the
// transaction that inserts the drafts, and a lost claim rolls it back.
func (a *App) AnnounceCatalogChanges(ctx context.Context, until time.Time) ([]CampaignView, error) {
	var out []CampaignView
	err := a.write(ctx, func(tx *store.Tx) error {
		out = out[:0]
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
			vs, err := a.announce(ctx, tx, targets, or(names[evs[start].Category], evs[start].Category), evs[start:end])
			if err != nil {
				return err
			}
			out = append(out, vs...)
			start = end
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// announceTarget is a list announcements go to, the segment narrowing it,
// the channel whose prices its letters show, and its drafts' languages.
type announceTarget struct {
	list    store.MailingList
	name    string           // the segments' name
	filter  campaign.Segment // without languages
	channel catalog.Channel
	langs   []langGroup
}

// announceTargets are the lists that exist of network-sales and
// new-arrivals, the latter narrowed to loyalty-card holders, with the
// languages their people read.
func (a *App) announceTargets(ctx context.Context, tx *store.Tx) ([]announceTarget, error) {
	var out []announceTarget
	for _, t := range []announceTarget{
		{name: "Network sales", channel: catalog.B2B},
		{name: CardHoldersSegment, channel: catalog.B2C, filter: campaign.Segment{Audience: campaign.AudienceConsumers, CardHolders: true}},
	} {
		slug := NetworkSalesList
		if t.channel == catalog.B2C {
			slug = NewArrivalsList
		}
		l, err := tx.MailingList(ctx, slug)
		if errs.CodeOf(err) == errs.NotFound {
			continue
		} else if err != nil {
			return nil, err
		}
		t.list = l
		if t.langs, err = a.announceLanguages(ctx, tx, l.ID, t.filter); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// segmentFor returns the id of the stored segment with this filter, storing
// it under name the first time; "" for the empty filter (the whole list).
func (a *App) segmentFor(ctx context.Context, tx *store.Tx, name string, filter campaign.Segment) (string, error) {
	if reflect.DeepEqual(filter, campaign.Segment{}) {
		return "", nil
	}
	segs, err := tx.Segments(ctx)
	if err != nil {
		return "", err
	}
	for _, s := range segs {
		if reflect.DeepEqual(s.Filter, filter) {
			return s.ID, nil
		}
	}
	now := a.clock()
	s := store.Segment{ID: ids.New(), Name: name, Filter: filter, CreatedAt: now, UpdatedAt: now}
	if err := tx.InsertSegment(ctx, s); err != nil {
		return "", err
	}
	return s.ID, a.audit(ctx, tx, announcer, "segment.create", "segment", s.ID, s)
}

// announce inserts one category's drafts, records them as one announcement,
// then claims the events for the first. A claim that fails means a run at the
// same time listed the event first: the transaction is rolled back
// (conflict) and the job tries again.
func (a *App) announce(ctx context.Context, tx *store.Tx, targets []announceTarget, category string, evs []store.CatalogEvent) ([]CampaignView, error) {
	if summarize(evs, catalog.B2B).empty() && summarize(evs, catalog.B2C).empty() {
		// They cancel out (added and dropped, a price changed and back):
		// there is nothing to tell anybody, now or when a list appears.
		gone := make([]string, len(evs))
		for i, e := range evs {
			gone[i] = e.ID
		}
		return nil, tx.DropCatalogEvents(ctx, gone)
	}
	var out []CampaignView
	drafts := []string{}
	for _, t := range targets {
		ch := summarize(evs, t.channel)
		if ch.empty() {
			continue
		}
		for _, g := range t.langs {
			v, err := a.announceDraft(ctx, tx, t, g, category, ch)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
			drafts = append(drafts, v.ID)
		}
	}
	if len(out) == 0 {
		return nil, nil // nothing for the lists there are: the events wait for theirs
	}
	if err := tx.InsertAnnouncement(ctx, ids.New(), evs[0].Category, a.clock(), drafts); err != nil {
		return nil, err
	}
	listed := make([]string, len(evs))
	for i, e := range evs {
		listed[i] = e.Kind + ":" + e.SKU
		ok, err := tx.AnnounceCatalogEvent(ctx, e.ID, out[0].ID)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errs.E(errs.Conflict, "catalog event %s was announced meanwhile", e.ID)
		}
	}
	for _, v := range out {
		if err := a.audit(ctx, tx, announcer, "campaign.announce", "campaign", v.ID, listed); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// announceDraft inserts the draft of one list in one language group.
func (a *App) announceDraft(ctx context.Context, tx *store.Tx, t announceTarget, g langGroup, category string, ch changes) (CampaignView, error) {
	filter := t.filter
	name := t.name
	if !g.all {
		filter.Languages = g.langs
		name += " (" + strings.Join(g.langs, ", ") + ")"
	}
	segID, err := a.segmentFor(ctx, tx, name, filter)
	if err != nil {
		return CampaignView{}, err
	}
	lang := g.langs[0]
	in := a.announcement(lang, category, ch)
	in.List, in.SegmentID = t.list.Slug, segID
	tpl, _, err := checkCampaignInput(in)
	if err != nil {
		return CampaignView{}, err
	}
	now := a.clock()
	c := store.Campaign{ID: ids.New(), Name: in.Name, ListID: t.list.ID, SegmentID: segID, Subject: in.Subject, Preheader: in.Preheader, Body: in.Body,
		Lang: lang, Status: store.CampaignDraft, CreatedBy: announcer.Label(), CreatedAt: now, UpdatedAt: now, Version: 1}
	a.lintInto(&c, tpl)
	if err := tx.InsertCampaign(ctx, c); err != nil {
		return CampaignView{}, err
	}
	return CampaignView{Campaign: c, List: t.list, TestSends: []store.TestSend{}}, nil
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
