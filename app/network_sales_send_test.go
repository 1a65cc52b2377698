package app_test

import (
	"bytes"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/bounce"
	"b2x/campaign"
	"b2x/catalog"
	"b2x/money"
	"b2x/store"
	"b2x/store/storetest"
)

var mailtoRe = regexp.MustCompile(`<mailto:[^?]+\?subject=([^>]+)>`)

// An announcement goes the normal way (test send, then a person's send); the
// bounce that comes back is matched by its X-B2X-Delivery header and counted
// once, and a letter to the mailto: unsubscribe address unsubscribes.
func TestAnnouncementSendBounceAndMailtoUnsubscribe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newCampaignFixture(t, db, app.CampaignConfig{Representative: "Anna Petrova",
			Lint: campaign.Config{AllowedHosts: []string{"acme-bricks.example"}}})
		f.must(f.app.UpsertCategory(f.ctx, staffActor, catalog.Category{Slug: "bricks", Name: "Bricks"}))
		f.list(app.NetworkSalesList)
		f.consent(app.NetworkSalesList, "buyer@client.test")
		_, err := f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
			Product: catalog.Product{SKU: "NEW-1", Name: "Brick NEW-1", Category: "bricks", Kind: catalog.Goods, Unit: "pcs",
				Channels: catalog.Channels{catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000},
			Prices: map[catalog.Channel]money.Amount{catalog.B2B: money.MustNew(100, "EUR")},
		})
		f.must(err)
		vs, err := f.app.AnnounceCatalogChanges(f.ctx, time.Now().Add(time.Hour))
		f.must(err)
		if len(vs) != 1 || vs[0].LintErrors != 0 {
			t.Fatalf("drafts: %+v", vs)
		}
		id := vs[0].ID
		if f.smtp.Count() != 0 {
			t.Fatal("an announcement was mailed without a person sending it")
		}
		_, err = f.app.TestSendCampaign(f.ctx, staffActor, id, app.TestSendInput{To: []string{"maria@b2x.test"}})
		f.must(err)
		f.smtp.Wait(t, 1)
		_, err = f.app.SendCampaign(f.ctx, staffActor, id)
		f.must(err)
		f.waitFinished(id)
		var sent *struct{ delivery, unsub string }
		for _, m := range f.smtp.Messages() {
			if len(m.To) == 1 && m.To[0] == "buyer@client.test" {
				sub := mailtoRe.FindStringSubmatch(m.Header.Get("List-Unsubscribe"))
				if sub == nil {
					t.Fatalf("List-Unsubscribe %q", m.Header.Get("List-Unsubscribe"))
				}
				s, err := url.PathUnescape(sub[1])
				f.must(err)
				sent = &struct{ delivery, unsub string }{m.Header.Get("X-B2X-Delivery"), s}
			}
		}
		if sent == nil || sent.delivery == "" {
			t.Fatal("the announcement did not reach buyer@client.test")
		}

		src, err := os.ReadFile("../bounce/testdata/postfix_delayed.eml")
		f.must(err)
		src = bytes.ReplaceAll(src, []byte("0193a1b3-0000-7000-8000-00000000002b"), []byte(sent.delivery))
		src = bytes.ReplaceAll(src, []byte("buyer@slowmail.example"), []byte("buyer@client.test"))
		rep, err := bounce.Parse(bytes.NewReader(src))
		f.must(err)
		o, err := f.app.RecordBounceReport(f.ctx, rep)
		if err != nil || o.Recorded != 1 || o.Suppressed != 0 {
			t.Fatalf("soft bounce by delivery: %+v %v", o, err)
		}
		r, err := f.app.CampaignReport(f.ctx, staffActor, id)
		f.must(err)
		if r.Counts.Bounced != 1 {
			t.Fatalf("report: %+v", r.Counts)
		}

		v, err := f.app.UnsubscribeByMail(f.ctx, "Re: "+sent.unsub)
		f.must(err)
		if !v.Unsubscribed || v.List.Slug != app.NetworkSalesList {
			t.Fatalf("mailto unsubscribe: %+v", v)
		}
		cs, err := f.app.Consents(f.ctx, staffActor, "buyer@client.test")
		f.must(err)
		if len(cs) != 1 || cs[0].WithdrawnAt.IsZero() {
			t.Fatalf("consents: %+v", cs)
		}
		if !strings.HasPrefix(sent.unsub, "unsubscribe ") {
			t.Fatalf("subject %q", sent.unsub)
		}
	})
}
