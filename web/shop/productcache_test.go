package shop_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/inventory"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
	"b2x/review"
	"b2x/store"
	"b2x/store/storetest"

	"b2x/money"
)

// pastTTL is a little more than the second a kept page is served unchecked.
const pastTTL = 1100 * time.Millisecond

// A product page kept for visitors who are not signed in shows each visitor
// their own cart, follows the stock within a second, shows an approved review
// at once and follows another process's catalog writes.
func TestKeptProductPageFollowsStockReviewsAndOtherProcesses(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		srv, a, _ := newEngineServer(t, db)
		ctx := context.Background()
		addProduct(t, a, catalog.Product{SKU: "KEPT-1", Name: "Claw hammer"}, 1500, 2)
		addProduct(t, a, catalog.Product{SKU: "KEPT-2", Name: "Tack hammer"}, 900, 3)
		u := srv.URL + "/en/p/KEPT-1"
		if _, body := get(t, u); !strings.Contains(body, `<p class="in-stock">`) || strings.Contains(body, `class="badge"`) {
			t.Fatalf("first view: in stock, no badge expected:\n%s", body)
		}

		c := browserClient(t)
		if res, _ := postForm(t, c, srv.URL+"/en/cart", url.Values{"sku": {"KEPT-2"}, "quantity": {"1"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("add to cart: %d", res.StatusCode)
		}
		if _, body := getWith(t, c, u); !strings.Contains(body, `<span class="badge">1</span>`) || !strings.Contains(body, "Claw hammer") {
			t.Fatalf("a visitor with a cart sees no badge on the kept page")
		}
		if _, body := get(t, u); strings.Contains(body, `class="badge"`) {
			t.Fatalf("an anonymous visitor was served another visitor's cart badge")
		}

		// Selling out moves no version: the page shows it once checked again.
		if _, err := a.RecordMovement(ctx, staffActor, app.MovementInput{SKU: "KEPT-1", Kind: inventory.Adjustment, Quantity: -qty.Units(2)}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(pastTTL)
		if _, body := get(t, u); !strings.Contains(body, `<p class="out-of-stock">`) {
			t.Fatalf("a sold-out product still shows in stock past a second")
		}
		if _, body := getWith(t, c, u); !strings.Contains(body, `<p class="out-of-stock">`) || !strings.Contains(body, `<span class="badge">1</span>`) {
			t.Fatalf("the visitor with a cart sees stale stock or no badge")
		}

		// An approved review shows at once.
		rc := signUpClient(t, srv.URL, "en", "rita@example.com")
		if res, _ := postForm(t, rc, srv.URL+"/en/p/KEPT-1/reviews", url.Values{"rating": {"5"}, "title": {"Balanced"}, "body": {"Good grip"}}); res.StatusCode != http.StatusSeeOther {
			t.Fatalf("review: %d", res.StatusCode)
		}
		pending, err := a.Reviews(ctx, staffActor, "KEPT-1", app.ReviewQuery{Status: review.Pending, Limit: 10})
		if err != nil || len(pending) != 1 {
			t.Fatalf("pending reviews: %v %v", pending, err)
		}
		if _, err := a.ModerateReview(ctx, staffActor, pending[0].ID, review.Approved, ""); err != nil {
			t.Fatal(err)
		}
		if _, body := get(t, u); !strings.Contains(body, "Balanced") {
			t.Fatalf("an approved review is missing from the kept page")
		}

		// Another process's rename shows once the page is checked again.
		time.Sleep(pastTTL)
		get(t, u) // checked: the catalog version is noted
		name := "Framing hammer"
		if _, err := app.New(db).UpdateProduct(ctx, staffActor, "KEPT-1", app.ProductPatch{Name: &name}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(pastTTL)
		if _, body := get(t, u); !strings.Contains(body, "Framing hammer") {
			t.Fatalf("another process's rename is not shown past a second")
		}
	})
}

var priceTag = regexp.MustCompile(`<(?:p|span) class="price">[^<]*`)

// A trade customer's price list wins over retail prices: they never get a page
// kept for other visitors, product or listing, with the retail price.
func TestTradeCustomerNeverSeesKeptRetailPrices(t *testing.T) {
	srv, a := newEmptyServer(t)
	ctx := context.Background()
	addProduct(t, a, catalog.Product{SKU: "TRADE-1", Name: "Site saw"}, 5000, 5)
	if _, err := a.CreatePriceList(ctx, staffActor, pricing.PriceList{Name: "Trade", Currency: "EUR", Group: party.TradeGroup,
		Entries: []pricing.Entry{{SKU: "TRADE-1", Price: money.MustNew(2000, "EUR")}}}); err != nil {
		t.Fatal(err)
	}
	c := signUpClient(t, srv.URL, "en", "bob@example.com")
	ps, err := a.Persons(ctx, staffActor, app.PersonQuery{Q: "bob@example.com", Limit: 5})
	if err != nil || len(ps) != 1 {
		t.Fatalf("persons: %v %v", ps, err)
	}
	yes := true
	if _, err := a.UpdatePerson(ctx, staffActor, ps[0].ID, app.PersonPatch{Trade: &yes}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/en/p/TRADE-1", "/en/c/tools"} {
		_, anon := get(t, srv.URL+path) // kept for visitors who are not signed in
		retail := priceTag.FindString(anon)
		if !strings.Contains(retail, "50.00") {
			t.Fatalf("%s: retail price tag %q", path, retail)
		}
		_, own := getWith(t, c, srv.URL+path)
		if trade := priceTag.FindString(own); trade == retail || trade == "" {
			t.Errorf("%s: the trade customer is shown %q, the retail price", path, trade)
		}
	}
}
