package portal_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/inventory"
	"b2x/money"
	"b2x/party"
	"b2x/qty"
	"b2x/quote"
	"b2x/store"
	"b2x/web"
)

var staffActor = app.Actor{UserID: "test-user", Role: "admin"}

// fixture is the whole b2x handler over a fresh database with a B2B catalog
// (BRK bricks at 0.90 net, 5000 in stock; SVC-DLV delivery at 50.00), Buyer GmbH
// (technical evaluator Tess, CFO Carl, Joe who may not approve) and Other AG with
// its own buyer.
type fixture struct {
	t                   testing.TB
	ctx                 context.Context
	app                 *app.App
	srv                 *httptest.Server
	org, other          party.Organization
	tech, cfo, joe, oth party.Contact
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: context.Background(), app: app.New(db)}
	f.must(f.app.UpsertWarehouse(f.ctx, staffActor, inventory.Warehouse{Code: "MAIN", Name: "Main warehouse"}))
	f.must(f.app.UpsertCategory(f.ctx, staffActor, catalog.Category{Slug: "bricks", Name: "Bricks"}))
	f.product("BRK", "Clinker brick <b>red</b>", catalog.Goods, 90, 5000)
	f.product("SVC-DLV", "Delivery to site", catalog.Service, 5000, 0)
	f.org = f.organization("Buyer GmbH")
	f.other = f.organization("Other AG <i>secret</i>")
	f.tech = f.contact(f.org.ID, "Tess Tech", party.TechnicalEvaluator, party.Permissions)
	f.cfo = f.contact(f.org.ID, "Carl CFO", party.FinancialApprover, party.Permissions)
	f.joe = f.contact(f.org.ID, "Joe Nobody", "", []party.Permission{party.View, party.Order, party.RequestQuote})
	f.oth = f.contact(f.other.ID, "Olga Other", party.DecisionMaker, party.Permissions)
	f.srv = httptest.NewServer(web.Handler(f.app, slog.New(failOnError{t})))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fixture) must(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) product(sku, name string, kind catalog.Kind, b2b int64, stock int64) {
	f.t.Helper()
	unit := "pcs"
	if kind == catalog.Service {
		unit = "h"
	}
	_, err := f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
		Product: catalog.Product{SKU: sku, Name: name, Category: "bricks", Kind: kind, Unit: unit,
			Channels: catalog.Channels{catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000,
			Specs: []catalog.Spec{{Key: "Format", Value: "NF 240×115×71"}}},
		Prices: map[catalog.Channel]money.Amount{catalog.B2B: money.MustNew(b2b, "EUR")},
	})
	f.must(err)
	if stock > 0 {
		_, err := f.app.RecordMovement(f.ctx, staffActor, app.MovementInput{SKU: sku, Kind: "receipt", Quantity: qty.Units(stock)})
		f.must(err)
	}
}

func (f *fixture) organization(name string) party.Organization {
	f.t.Helper()
	o, err := f.app.CreateOrganization(f.ctx, staffActor, party.Organization{LegalName: name, PaymentTerms: party.Net30,
		CreditLimit: money.MustNew(1_000_000, "EUR")})
	f.must(err)
	return o
}

func (f *fixture) contact(orgID, name string, role party.Role, perms []party.Permission) party.Contact {
	f.t.Helper()
	c, err := f.app.CreateContact(f.ctx, staffActor, party.Contact{OrganizationID: orgID, Name: name, Role: role,
		Influence: 3, Permissions: perms})
	f.must(err)
	return c
}

// sentQuote is a quote the manager made from a request of c: 1000 bricks and a
// delivery, 950.00 net, which the technical evaluator and, above 500.00, the
// CFO must approve.
func (f *fixture) sentQuote(c party.Contact) quote.Quote {
	f.t.Helper()
	req, err := f.app.RequestQuote(f.ctx, buyerOf(c), app.QuoteRequestInput{Lines: []app.RFQLine{{SKU: "BRK", Quantity: qty.Units(1000)}}})
	f.must(err)
	f.price(req.QuoteID)
	d, err := f.app.SendQuote(f.ctx, staffActor, req.QuoteID)
	f.must(err)
	return d.Quote
}

// price is the sales manager's work on a request: a delivery service line and
// the approval thresholds.
func (f *fixture) price(quoteID string) {
	f.t.Helper()
	lines := []app.QuoteLineInput{{SKU: "BRK", Quantity: qty.Units(1000)},
		{SKU: "SVC-DLV", Quantity: qty.Units(1), ServiceKind: quote.Delivery}}
	rules := []quote.Rule{{Role: party.TechnicalEvaluator}, {Role: party.FinancialApprover, Above: money.MustNew(50000, "EUR")}}
	valid := time.Now().Add(10 * 24 * time.Hour)
	_, err := f.app.ReviseQuote(f.ctx, staffActor, quoteID, app.QuoteChanges{Lines: &lines, Rules: &rules, ValidUntil: &valid})
	f.must(err)
}

func buyerOf(c party.Contact) app.Actor {
	return app.Actor{ContactID: c.ID, OrganizationID: c.OrganizationID}
}

// browser is an HTTP client with its own cookies that does not follow
// redirects, so tests see them.
type browser struct {
	f *fixture
	c *http.Client
}

func (f *fixture) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{f: f, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// signedIn is a browser signed in as c through the sign-in form.
func (f *fixture) signedIn(c party.Contact) *browser {
	f.t.Helper()
	link, err := f.app.CreateContactToken(f.ctx, c.ID, "test")
	f.must(err)
	b := f.browser()
	status, _, loc := b.post("/portal/sign-in", url.Values{"token": {link}})
	if status != http.StatusSeeOther || loc != "/portal/" {
		f.t.Fatalf("sign-in: %d → %q", status, loc)
	}
	return b
}

func (b *browser) get(path string) (int, string, string) {
	b.f.t.Helper()
	res, err := b.c.Get(b.f.srv.URL + path)
	return b.read(res, err)
}

func (b *browser) post(path string, form url.Values) (int, string, string) {
	b.f.t.Helper()
	res, err := b.c.Post(b.f.srv.URL+path, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	return b.read(res, err)
}

func (b *browser) read(res *http.Response, err error) (int, string, string) {
	b.f.t.Helper()
	if err != nil {
		b.f.t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		b.f.t.Fatal(err)
	}
	return res.StatusCode, string(body), res.Header.Get("Location")
}

// failOnError fails the test on an error log: a template that failed, a
// missing translation or a page that broke.
type failOnError struct{ t testing.TB }

func (h failOnError) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }
func (h failOnError) Handle(_ context.Context, r slog.Record) error {
	var attrs []string
	r.Attrs(func(a slog.Attr) bool { attrs = append(attrs, a.String()); return true })
	h.t.Errorf("logged: %s %v", r.Message, attrs)
	return nil
}
func (h failOnError) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h failOnError) WithGroup(string) slog.Handler      { return h }
