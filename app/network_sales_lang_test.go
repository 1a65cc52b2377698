package app_test

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/campaign"
	"b2x/catalog"
	"b2x/errs"
	"b2x/locale"
	"b2x/money"
	"b2x/party"
	"b2x/store"
	"b2x/store/storetest"
)

// announceFixture is a catalog with one product on offer in both channels,
// the two announcement lists, and people on them who read en, ru and fa:
//
//	buyer@client.test   network-sales           contact, no language known (en)
//	ivan@client.test    network-sales           contact who reads ru
//	both@shop.test      network-sales + new-arrivals, card holder, reads fa
//	holder@shop.test    new-arrivals            card holder, language unknown (en)
//	leila@shop.test     new-arrivals            card holder, reads fa
//	nocard@shop.test    new-arrivals            reads ru, no card: in no draft
//
// Then the product's prices drop in both channels and a product is added,
// and the changes are announced.
func announceFixture(t *testing.T, db *store.DB) (*campaignFixture, []app.CampaignView) {
	f := newCampaignFixture(t, db, app.CampaignConfig{Representative: "Anna Petrova",
		Lint: campaign.Config{AllowedHosts: []string{"acme-bricks.example"}}})
	f.must(f.app.UpsertCategory(f.ctx, staffActor, catalog.Category{Slug: "bricks", Name: "Bricks"}))
	_, err := f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
		Product: catalog.Product{SKU: "OLD-1", Name: "Red brick", Category: "bricks", Kind: catalog.Goods, Unit: "pcs",
			Channels: catalog.Channels{catalog.B2C, catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(12000, "EUR"), catalog.B2B: money.MustNew(9000, "EUR")},
	})
	f.must(err)
	// Its arrival is announced before anybody listens: the event waits.
	f.list(app.NetworkSalesList)
	f.list(app.NewArrivalsList)
	vs, err := f.app.AnnounceCatalogChanges(f.ctx, time.Now().Add(time.Hour))
	f.must(err)
	if len(vs) != 2 {
		t.Fatalf("the first arrival: %d drafts, want one per list", len(vs))
	}

	org, err := f.app.CreateOrganization(f.ctx, staffActor, party.Organization{LegalName: "Client GmbH"})
	f.must(err)
	for _, e := range []string{"buyer@client.test", "ivan@client.test"} {
		c, err := f.app.CreateContact(f.ctx, staffActor, party.Contact{OrganizationID: org.ID, Name: "Contact " + e, Email: e})
		f.must(err)
		if e == "ivan@client.test" {
			_, err = f.app.SendPortalSignInLink(f.ctx, staffActor, c.ID, "ru")
			f.must(err)
		}
		f.consent(app.NetworkSalesList, e)
	}
	for i, e := range []string{"both@shop.test", "holder@shop.test", "leila@shop.test", "nocard@shop.test"} {
		p, err := f.app.CreatePerson(f.ctx, staffActor, party.Person{Name: "Shopper " + e, Email: e})
		f.must(err)
		f.consent(app.NewArrivalsList, e)
		if e == "both@shop.test" {
			f.consent(app.NetworkSalesList, e)
		}
		if lang := map[string]string{"both@shop.test": "fa", "leila@shop.test": "fa", "nocard@shop.test": "ru"}[e]; lang != "" {
			_, err := f.app.SubscribeNewArrivals(f.ctx, app.Actor{}, app.NewArrivalsInput{Category: "bricks", Email: e, Lang: lang})
			f.must(err)
		}
		if e != "nocard@shop.test" {
			_, err := f.app.IssueLoyaltyCard(f.ctx, staffActor, "+7916123456"+string(rune('0'+i)), p.ID)
			f.must(err)
		}
	}

	_, err = f.app.UpdateProduct(f.ctx, staffActor, "OLD-1", app.ProductPatch{
		Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(9900, "EUR"), catalog.B2B: money.MustNew(7500, "EUR")}})
	f.must(err)
	_, err = f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
		Product: catalog.Product{SKU: "NEW-1", Name: "Blue brick", Category: "bricks", Kind: catalog.Goods, Unit: "pcs",
			Channels: catalog.Channels{catalog.B2C, catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(15000, "EUR")},
	})
	f.must(err)
	vs, err = f.app.AnnounceCatalogChanges(f.ctx, time.Now().Add(time.Hour))
	f.must(err)
	return f, vs
}

// draftOf finds the draft of a list in a language.
func draftOf(t *testing.T, vs []app.CampaignView, list, lang string) app.CampaignView {
	t.Helper()
	for _, v := range vs {
		if v.List.Slug == list && v.Lang == lang {
			return v
		}
	}
	t.Fatalf("no %s draft in %s among %d", list, lang, len(vs))
	return app.CampaignView{}
}

// Each list gets one draft per language its people read, each checked by
// S13 without errors, written in its language, listing the new product and
// the price drop of its own channel with old and new price formatted for its
// language; the drafts' segments split each list's audience by language and
// together cover it.
func TestAnnouncementLanguagesAndPrices(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f, vs := announceFixture(t, db)
		if len(vs) != 5 {
			for _, v := range vs {
				t.Logf("%s %s", v.List.Slug, v.Lang)
			}
			t.Fatalf("%d drafts, want 3 for network-sales (en, ru, fa) and 2 for new-arrivals (en, fa)", len(vs))
		}
		prices := map[string][2]money.Amount{
			app.NetworkSalesList: {money.MustNew(9000, "EUR"), money.MustNew(7500, "EUR")},
			app.NewArrivalsList:  {money.MustNew(12000, "EUR"), money.MustNew(9900, "EUR")},
		}
		audience := map[string]map[string][]string{
			app.NetworkSalesList: {"en": {"buyer@client.test"}, "ru": {"ivan@client.test"}, "fa": {"both@shop.test"}},
			app.NewArrivalsList:  {"en": {"holder@shop.test"}, "fa": {"both@shop.test", "leila@shop.test"}},
		}
		segs, err := f.app.Segments(f.ctx, staffActor)
		f.must(err)
		for list, byLang := range audience {
			for lang, want := range byLang {
				v := draftOf(t, vs, list, lang)
				if v.LintErrors != 0 {
					t.Errorf("%s %s: lint errors %+v\n%s", list, lang, v.Findings, v.Body)
				}
				p := locale.NewPrinter(locale.Match(lang, "", ""), nil)
				old, now := p.Money(prices[list][0]), p.Money(prices[list][1])
				for _, s := range []string{p.T("netsales.price_change", "old", old, "new", now), p.Plural("netsales.new", 1),
					"/" + lang + "/p/NEW-1", "/" + lang + "/p/OLD-1"} {
					if !strings.Contains(v.Body, md(s)) {
						t.Errorf("%s %s body lacks %q:\n%s", list, lang, s, v.Body)
					}
				}
				if v.Subject != p.T("netsales.subject", "category", "Bricks") {
					t.Errorf("%s %s subject %q", list, lang, v.Subject)
				}
				var filter campaign.Segment
				for _, s := range segs {
					if s.ID == v.SegmentID {
						filter = s.Filter
					}
				}
				if !slices.Contains(filter.Languages, lang) {
					t.Fatalf("%s %s: segment %+v", list, lang, filter)
				}
				pv, err := f.app.PreviewAudience(f.ctx, staffActor, list, filter)
				f.must(err)
				var got []string
				for _, r := range pv.Sample {
					got = append(got, r.Email)
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s %s audience %v, want %v", list, lang, got, want)
				}
			}
		}
		// The languages nobody on new-arrivals reads (ru: its reader has no
		// card) go with the default language's draft.
		en := draftOf(t, vs, app.NewArrivalsList, "en")
		for _, s := range segs {
			if s.ID == en.SegmentID && !slices.Equal(s.Filter.Languages, []string{"en", "ru"}) {
				t.Errorf("new-arrivals en segment %+v", s.Filter)
			}
		}
	})
}

// md is the Markdown escaping the drafts apply to catalog and catalog text.
func md(s string) string {
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(s), " ") {
		if strings.ContainsRune("\\`*_{}[]()<>#+!|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// An address on both lists is in two drafts' audiences (network-sales fa and
// new-arrivals fa) and gets one letter, whichever is sent first and also when
// both are sent at once; everyone else gets their own draft's letter in their
// language, through the SMTP server.
func TestAnnouncementOneLetterPerAddress(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f, vs := announceFixture(t, db)
		for _, v := range vs {
			_, err := f.app.TestSendCampaign(f.ctx, staffActor, v.ID, app.TestSendInput{To: []string{"maria@b2x.test"}})
			f.must(err)
		}
		netFa, newFa := draftOf(t, vs, app.NetworkSalesList, "fa"), draftOf(t, vs, app.NewArrivalsList, "fa")
		// Both fa drafts at once: one of them has both@shop.test.
		var wg sync.WaitGroup
		sendErrs := make([]error, 2)
		for i, id := range []string{netFa.ID, newFa.ID} {
			wg.Go(func() { _, sendErrs[i] = f.app.SendCampaign(f.ctx, staffActor, id) })
		}
		wg.Wait()
		// network-sales fa has nobody but both@shop.test: if new-arrivals fa
		// went first, it is refused, as a send to nobody is.
		if sendErrs[1] != nil || (sendErrs[0] != nil && errs.CodeOf(sendErrs[0]) != errs.Conflict) {
			t.Fatalf("sends: %v", sendErrs)
		}
		sent := []string{newFa.ID}
		if sendErrs[0] == nil {
			sent = append(sent, netFa.ID)
		}
		for _, v := range vs {
			if v.Lang != "fa" {
				_, err := f.app.SendCampaign(f.ctx, staffActor, v.ID)
				f.must(err)
				sent = append(sent, v.ID)
			}
		}
		for _, id := range sent {
			f.waitFinished(id)
		}
		want := map[string]string{ // address → the draft its one letter is of
			"buyer@client.test": draftOf(t, vs, app.NetworkSalesList, "en").ID,
			"ivan@client.test":  draftOf(t, vs, app.NetworkSalesList, "ru").ID,
			"holder@shop.test":  draftOf(t, vs, app.NewArrivalsList, "en").ID,
			"leila@shop.test":   newFa.ID,
		}
		got := map[string][]string{}
		for _, m := range f.smtp.Messages() {
			if c := m.Header.Get("X-B2X-Campaign"); c != "" {
				for _, to := range m.To {
					got[to] = append(got[to], c)
				}
			}
		}
		if n := len(got["both@shop.test"]); n != 1 || (got["both@shop.test"][0] != netFa.ID && got["both@shop.test"][0] != newFa.ID) {
			t.Fatalf("both@shop.test got %d letters (%v), want one of the fa drafts", n, got["both@shop.test"])
		}
		for addr, id := range want {
			if !slices.Equal(got[addr], []string{id}) {
				t.Errorf("%s got %v, want [%s]", addr, got[addr], id)
			}
		}
		if len(got["nocard@shop.test"]) != 0 {
			t.Errorf("nocard@shop.test got %v", got["nocard@shop.test"])
		}
		// A sibling sent after the letter went is refused when it has
		// nobody else, and the dual address is not sent again.
		if sendErrs[0] != nil {
			if _, err := f.app.SendCampaign(f.ctx, staffActor, netFa.ID); errs.CodeOf(err) != errs.Conflict {
				t.Fatalf("network-sales fa after new-arrivals fa: %v", err)
			}
		}
	})
}

// Only a changed price of an active product in a channel it is sold in is an
// event; a price changed and back announces nothing and is dropped; a drop of
// the shop price goes to the card holders and not to network-sales, whose
// letters show B2B prices.
func TestPriceChangeEvents(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCampaignFixture(t, db, app.CampaignConfig{Lint: campaign.Config{AllowedHosts: []string{"acme-bricks.example"}}})
		f.must(f.app.UpsertCategory(f.ctx, staffActor, catalog.Category{Slug: "bricks", Name: "Bricks"}))
		add := func(sku string, status catalog.Status) {
			_, err := f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
				Product: catalog.Product{SKU: sku, Name: "Brick " + sku, Category: "bricks", Kind: catalog.Goods, Unit: "pcs",
					Channels: catalog.Channels{catalog.B2C}, Status: status, TaxRateBP: 2000},
				Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(10000, "EUR")},
			})
			f.must(err)
		}
		price := func(sku string, ch catalog.Channel, a money.Amount) {
			_, err := f.app.UpdateProduct(f.ctx, staffActor, sku, app.ProductPatch{Prices: map[catalog.Channel]money.Amount{ch: a}})
			f.must(err)
		}
		events := func() int {
			n, err := db.CountRows(f.ctx, "catalog_events")
			f.must(err)
			return n
		}
		add("DRAFT-1", catalog.Draft)
		price("DRAFT-1", catalog.B2C, money.MustNew(9000, "EUR")) // not on offer
		add("SHOP-1", catalog.Active)
		base := events()                                          // SHOP-1 is new
		price("SHOP-1", catalog.B2C, money.MustNew(10000, "EUR")) // the same
		price("SHOP-1", catalog.B2B, money.MustNew(7000, "EUR"))  // first price, and not sold in b2b
		price("SHOP-1", catalog.B2C, money.MustNew(10000, "USD")) // another currency
		if n := events(); n != base {
			t.Fatalf("%d events, want %d: none of these changes is announced", n, base)
		}
		// Without the shop's list a shop price change is announced nowhere, so
		// it is not recorded (it would wait for ever before other events).
		price("SHOP-1", catalog.B2C, money.MustNew(9500, "USD"))
		price("SHOP-1", catalog.B2C, money.MustNew(10000, "USD"))
		if n := events(); n != base {
			t.Fatalf("%d events, want %d: no list to announce a price change to", n, base)
		}
		f.list(app.NetworkSalesList)
		f.list(app.NewArrivalsList)
		f.consent(app.NetworkSalesList, "buyer@client.test")
		p, err := f.app.CreatePerson(f.ctx, staffActor, party.Person{Name: "Holder", Email: "holder@shop.test"})
		f.must(err)
		f.consent(app.NewArrivalsList, "holder@shop.test")
		_, err = f.app.IssueLoyaltyCard(f.ctx, staffActor, "+79161234567", p.ID)
		f.must(err)
		vs, err := f.app.AnnounceCatalogChanges(f.ctx, time.Now().Add(time.Hour))
		f.must(err)
		if len(vs) != 2 {
			t.Fatalf("SHOP-1's arrival: %d drafts", len(vs))
		}

		price("SHOP-1", catalog.B2C, money.MustNew(8000, "USD"))
		price("SHOP-1", catalog.B2C, money.MustNew(10000, "USD"))
		if n := events(); n != base+2 {
			t.Fatalf("%d events, want 2 more", n)
		}
		vs, err = f.app.AnnounceCatalogChanges(f.ctx, time.Now().Add(time.Hour))
		f.must(err)
		if len(vs) != 0 || events() != base {
			t.Fatalf("a price changed and back: %d drafts, %d events left", len(vs), events()-base)
		}

		price("SHOP-1", catalog.B2C, money.MustNew(8000, "USD"))
		price("SHOP-1", catalog.B2C, money.MustNew(7500, "USD"))
		vs, err = f.app.AnnounceCatalogChanges(f.ctx, time.Now().Add(time.Hour))
		f.must(err)
		if len(vs) != 1 || vs[0].List.Slug != app.NewArrivalsList || vs[0].LintErrors != 0 {
			t.Fatalf("a shop price drop: %+v", vs)
		}
		en := locale.NewPrinter(locale.Match("en", "", ""), nil)
		want := en.T("netsales.price_change", "old", en.Money(money.MustNew(10000, "USD")), "new", en.Money(money.MustNew(7500, "USD")))
		if !strings.Contains(vs[0].Body, md(want)) || !strings.Contains(vs[0].Preheader, "1") {
			t.Fatalf("body lacks %q:\n%s", want, vs[0].Body)
		}
	})
}
