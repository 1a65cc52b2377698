package app_test

import (
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/campaign"
	"b2x/catalog"
	"b2x/money"
	"b2x/party"
	"b2x/store"
	"b2x/store/storetest"
)

// Adding two products to a category and discontinuing one that was on offer
// makes one draft for the network-sales list listing the three, which the
// S13 check passes and which goes to the people opted in and not suppressed,
// and the same letter for the card holders opted in to new arrivals.
func TestAnnounceCatalogChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCampaignFixture(t, db, app.CampaignConfig{Representative: "Anna Petrova",
			Lint: campaign.Config{AllowedHosts: []string{"acme-bricks.example"}}})
		f.must(f.app.UpsertCategory(f.ctx, staffActor, catalog.Category{Slug: "bricks", Name: "Bricks"}))
		f.must(f.app.UpsertCategory(f.ctx, staffActor, catalog.Category{Slug: "tiles", Name: "Tiles"}))
		add := func(sku, category string, status catalog.Status) {
			_, err := f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
				Product: catalog.Product{SKU: sku, Name: "Brick " + sku, Category: category, Kind: catalog.Goods, Unit: "pcs",
					Channels: catalog.Channels{catalog.B2C, catalog.B2B}, Status: status, TaxRateBP: 2000},
				Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(100, "EUR")},
			})
			f.must(err)
		}
		setStatus := func(sku string, s catalog.Status) {
			_, err := f.app.UpdateProduct(f.ctx, staffActor, sku, app.ProductPatch{Status: &s})
			f.must(err)
		}
		announce := func() []app.CampaignView {
			t.Helper()
			vs, err := f.app.AnnounceCatalogChanges(f.ctx, time.Now().Add(time.Hour))
			f.must(err)
			return vs
		}

		add("OLD-1", "bricks", catalog.Active)
		// Without the list nothing is announced, and the event waits.
		if vs := announce(); len(vs) != 0 {
			t.Fatalf("drafts without the list: %d", len(vs))
		}
		f.list(app.NetworkSalesList)
		f.list("newsletter")
		for _, e := range []string{"buyer@client.test", "owner@shop.test", "gone@client.test"} {
			f.consent(app.NetworkSalesList, e)
		}
		f.consent("newsletter", "other@client.test")
		f.must(f.app.Suppress(f.ctx, staffActor, app.SuppressInput{Email: "gone@client.test", Reason: "manual"}))
		if vs := announce(); len(vs) != 1 || !strings.Contains(vs[0].Body, "OLD-1") {
			t.Fatalf("first announcement: %+v", vs)
		}
		// Shop customers opted in to new arrivals: only the card holder is in
		// the companion draft's audience.
		f.list(app.NewArrivalsList)
		for i, e := range []string{"holder@shop.test", "nocard@shop.test"} {
			p, err := f.app.CreatePerson(f.ctx, staffActor, party.Person{Name: "Shopper " + e, Email: e})
			f.must(err)
			f.consent(app.NewArrivalsList, e)
			if i == 0 {
				_, err := f.app.IssueLoyaltyCard(f.ctx, staffActor, "+79161234567", p.ID)
				f.must(err)
			}
		}

		add("NEW-1", "bricks", catalog.Active)
		add("NEW-2", "bricks", catalog.Draft)
		setStatus("NEW-2", catalog.Active) // a draft published is new when published
		add("HIDDEN-1", "bricks", catalog.Draft)
		setStatus("OLD-1", catalog.Discontinued)
		add("FLEETING-1", "bricks", catalog.Active)
		setStatus("FLEETING-1", catalog.Discontinued)

		vs := announce()
		if len(vs) != 2 {
			t.Fatalf("%d drafts, want 2 (network-sales, new-arrivals)", len(vs))
		}
		c := vs[0]
		if h := vs[1]; h.List.Slug != app.NewArrivalsList || h.SegmentID == "" || h.Body != c.Body || h.LintErrors != 0 {
			t.Fatalf("new-arrivals draft: %+v", h.Campaign)
		}
		seg, err := f.app.Segments(f.ctx, staffActor)
		f.must(err)
		if len(seg) != 1 || !seg[0].Filter.CardHolders {
			t.Fatalf("segments: %+v", seg)
		}
		p, err := f.app.PreviewAudience(f.ctx, staffActor, app.NewArrivalsList, seg[0].Filter)
		f.must(err)
		if p.Count != 1 || p.Sample[0].Email != "holder@shop.test" {
			t.Fatalf("card holders: %+v", p)
		}
		if c.Status != store.CampaignDraft || c.List.Slug != app.NetworkSalesList || c.CreatedBy != "network-sales" {
			t.Fatalf("draft: %+v", c.Campaign)
		}
		if c.LintErrors != 0 {
			t.Fatalf("lint errors: %+v\n%s", c.Findings, c.Body)
		}
		newAt, goneAt := strings.Index(c.Body, "new products"), strings.Index(c.Body, "no longer supplied")
		for _, want := range []string{"(https://acme-bricks.example/en/p/NEW-1)", "(https://acme-bricks.example/en/p/NEW-2)", "{{unsubscribe_url}}", "Anna Petrova", "Acme Bricks"} {
			if !strings.Contains(c.Body, want) {
				t.Errorf("body lacks %q:\n%s", want, c.Body)
			}
		}
		if newAt < 0 || goneAt < newAt || strings.LastIndex(c.Body, "OLD-1") < goneAt || strings.Contains(c.Body, "HIDDEN") || strings.Contains(c.Body, "FLEETING") {
			t.Fatalf("lists:\n%s", c.Body)
		}
		if !strings.Contains(c.Subject, "Bricks") {
			t.Errorf("subject %q", c.Subject)
		}
		p, err = f.app.PreviewAudience(f.ctx, staffActor, app.NetworkSalesList, campaign.Segment{})
		f.must(err)
		if p.Count != 2 {
			t.Fatalf("audience %d, want 2", p.Count)
		}
		// Stored as any draft: the same check, test send and send path.
		got, err := f.app.Campaign(f.ctx, staffActor, c.ID)
		f.must(err)
		if got.Body != c.Body || got.LintErrors != 0 {
			t.Fatalf("stored draft differs")
		}
		// Each event is announced once.
		if vs := announce(); len(vs) != 0 {
			t.Fatalf("announced again: %d drafts", len(vs))
		}
	})
}
