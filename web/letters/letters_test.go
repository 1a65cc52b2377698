package letters_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/campaign"
	"b2x/catalog"
	"b2x/inventory"
	"b2x/jobs"
	"b2x/mail"
	"b2x/mail/mailtest"
	"b2x/money"
	"b2x/order"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
	"b2x/web"
)

var owner = app.Actor{UserID: "owner", Role: "admin"}

// TestUnsubscribe sends a campaign through a real SMTP server and follows the
// letter's links over HTTP: the unsubscribe GET changes nothing, the RFC 8058
// one-click POST (no cookies) ends that list only, and an order confirmation
// still reaches the address afterwards. Clicks redirect only where signed.
func TestUnsubscribe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		smtp := mailtest.Start(t)
		sender, err := mail.NewSMTP(smtp.URL())
		if err != nil {
			t.Fatal(err)
		}
		logger := slog.New(slog.NewTextHandler(io.Discard, nil))
		q := jobs.New(db, jobs.Config{Poll: 50 * time.Millisecond, Cooldown: 10 * time.Millisecond, Logger: logger})
		a := app.New(db, app.WithJobs(q), app.WithLogger(logger),
			app.WithMail(sender, app.MailConfig{From: mail.Address{Name: "Acme", Email: "news@acme-bricks.example"}, BaseURL: "https://acme-bricks.example"}),
			app.WithCampaigns(app.CampaignConfig{Secret: []byte("k"), Internal: []string{"@b2x.test"}, Lint: campaign.Config{Sender: campaign.Sender{
				Organization: "Acme Bricks", Representative: "Anna Petrova", Address: "12 Brick Street, London EC1A 1BB",
				Phones: []string{"+44 20 7946 0958"}, Emails: []string{"anna@acme-bricks.example"}}}}))
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(q.Start(ctx))
		t.Cleanup(func() { c, cancel := context.WithTimeout(ctx, 5*time.Second); defer cancel(); q.Stop(c) })
		srv := httptest.NewServer(web.Handler(a, logger))
		t.Cleanup(srv.Close)

		for _, slug := range []string{"newsletter", "new-arrivals"} {
			_, err := a.CreateMailingList(ctx, owner, app.MailingListInput{Slug: slug, Name: slug})
			must(err)
			must(a.GiveConsent(ctx, owner, app.ConsentInput{List: slug, Email: "ann@example.com", Source: "form"}))
		}
		src, err := os.ReadFile("../../campaign/testdata/good_en.md")
		must(err)
		d, err := campaign.ParseMarkdown(src)
		must(err)
		c, err := a.CreateCampaign(ctx, owner, app.CampaignInput{Name: "n", List: "newsletter", Subject: d.Subject, Preheader: d.Preheader, Body: d.Text})
		must(err)
		_, err = a.TestSendCampaign(ctx, owner, c.ID, app.TestSendInput{To: []string{"me@b2x.test"}})
		must(err)
		_, err = a.SendCampaign(ctx, owner, c.ID)
		must(err)
		m := smtp.Wait(t, 2)[1]
		lu := m.Header.Get("List-Unsubscribe")
		link := strings.Trim(strings.Split(lu, ",")[0], "<> ")
		u, err := url.Parse(link)
		must(err)
		local := srv.URL + u.Path

		counts := func() map[string]int {
			out := map[string]int{}
			for _, tb := range []string{"list_consents", "campaign_events", "suppressions"} {
				n, err := db.CountRows(ctx, tb)
				must(err)
				out[tb] = n
			}
			return out
		}
		consented := func(list string) bool {
			cs, err := a.Consents(ctx, owner, "ann@example.com")
			must(err)
			for _, c := range cs {
				l, _ := a.MailingLists(ctx, owner)
				for _, x := range l {
					if x.ID == c.ListID && x.Slug == list {
						return c.WithdrawnAt.IsZero()
					}
				}
			}
			return false
		}

		before := counts()
		for range 2 { // a mail scanner opening the link twice
			res, err := http.Get(local)
			must(err)
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || !strings.Contains(string(body), `method="post"`) || !strings.Contains(string(body), "a***@example.com") {
				t.Fatalf("GET: %d %s", res.StatusCode, body)
			}
		}
		if after := counts(); !consented("newsletter") || after["campaign_events"] != before["campaign_events"] {
			t.Fatalf("the GET changed something: %v → %v", before, after)
		}
		if res, _ := http.Get(local + "x"); res.StatusCode != http.StatusNotFound {
			t.Fatalf("forged token: %d", res.StatusCode)
		}

		// RFC 8058: a POST from the mail provider's server, no cookie, no Origin.
		req, _ := http.NewRequest(http.MethodPost, local, strings.NewReader("List-Unsubscribe=One-Click"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		res, err := http.DefaultClient.Do(req)
		must(err)
		res.Body.Close()
		if res.StatusCode != 200 || consented("newsletter") || !consented("new-arrivals") {
			t.Fatalf("one-click: %d, newsletter %v, new-arrivals %v", res.StatusCode, consented("newsletter"), consented("new-arrivals"))
		}

		// Transactional mail still goes to the address.
		must(a.UpsertWarehouse(ctx, owner, inventory.Warehouse{Code: "MAIN", Name: "Main"}))
		must(a.UpsertCategory(ctx, owner, catalog.Category{Slug: "bricks", Name: "Bricks"}))
		_, err = a.CreateProduct(ctx, owner, app.NewProduct{Product: catalog.Product{SKU: "BRK", Name: "Brick", Category: "bricks",
			Kind: catalog.Goods, Unit: "pcs", Channels: catalog.Channels{catalog.B2C}, Status: catalog.Active, TaxRateBP: 2000},
			Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(120, "EUR")}})
		must(err)
		_, err = a.RecordMovement(ctx, owner, app.MovementInput{SKU: "BRK", Kind: inventory.Receipt, Quantity: qty.Units(5)})
		must(err)
		_, _, err = a.Checkout(ctx, app.Actor{}, "k1", app.CheckoutInput{Channel: catalog.B2C,
			Guest: &order.Guest{Name: "Ann", Email: "ann@example.com"}, Lines: []app.CheckoutLine{{SKU: "BRK", Quantity: qty.Units(1)}}})
		must(err)
		got := smtp.Wait(t, 3)
		if got[2].To[0] != "ann@example.com" || got[2].Header.Get("X-B2X-Delivery") != "" {
			t.Fatalf("after unsubscribing, the order confirmation: %+v", got[2].Header)
		}

		// The click redirect goes where the letter pointed, and nowhere else.
		noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		i := strings.Index(m.HTML, "/letters/c/")
		href := strings.ReplaceAll(m.HTML[i:i+strings.IndexByte(m.HTML[i:], '"')], "&amp;", "&")
		res, err = noFollow.Get(srv.URL + href)
		must(err)
		if res.StatusCode != http.StatusFound || res.Header.Get("Location") != "https://acme-bricks.example/specs" {
			t.Fatalf("click: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		cu, _ := url.Parse(href)
		res, err = noFollow.Get(srv.URL + cu.Path + "?u=" + url.QueryEscape("https://evil.example/"))
		must(err)
		if res.StatusCode != http.StatusNotFound {
			t.Fatalf("open redirect: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
	})
}
