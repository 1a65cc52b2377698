package admin_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/crm"
	"b2x/inventory"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/qty"
	"b2x/staff"
	"b2x/store"
	"b2x/store/storetest"
	"b2x/web"
	"b2x/web/admin"
	"b2x/web/page"
)

// permEnv is the back office on one engine with a signed-in user per role, an
// organization the account manager works, and products to quote, sell, review
// and claim warranty on.
type permEnv struct {
	t        *testing.T
	ctx      context.Context
	db       *store.DB
	app      *app.App
	srv      *httptest.Server
	sessions map[staff.Role]*http.Cookie
	ids      map[staff.Role]string
	owner    app.Actor
	org      party.Organization
	n        int
}

func (e *permEnv) must(err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *permEnv) next() int { e.n++; return e.n }

// adminRequest is what one case sends: a form, or a multipart body.
type adminRequest struct {
	path        string
	form        url.Values
	body        []byte
	contentType string
}

// adminCase prepares a request that succeeds when the role may make it, and
// says whether it is a change the audit log must hold.
type adminCase struct {
	write bool
	setup func(e *permEnv) adminRequest
}

func get(path string) adminCase {
	return adminCase{false, func(*permEnv) adminRequest { return adminRequest{path: path} }}
}

// adminCases covers every staff route of the route table; the test fails for a
// route without a case, so a new page says how to call it.
func adminCases() map[string]adminCase {
	pdf := []byte("%PDF-1.4\n%%EOF\n")
	return map[string]adminCase{
		"GET /admin/{$}":            get("/admin/"),
		"GET /admin/pipeline":       get("/admin/pipeline"),
		"GET /admin/deals":          get("/admin/deals"),
		"GET /admin/forecast":       get("/admin/forecast"),
		"GET /admin/workload":       get("/admin/workload"),
		"GET /admin/activities.ics": get("/admin/activities.ics"),
		"GET /admin/tenders":        get("/admin/tenders"),
		"GET /admin/tenders/new":    get("/admin/tenders/new"),
		"GET /admin/winning-points": get("/admin/winning-points"),
		"GET /admin/news":           get("/admin/news"),
		"GET /admin/banners":        get("/admin/banners"),
		"GET /admin/reviews":        get("/admin/reviews"),
		"GET /admin/claims":         get("/admin/claims"),
		"GET /admin/staff":          get("/admin/staff"),
		"GET /admin/audit":          get("/admin/audit?entity=tender"),
		"GET /admin/deals/{id}":     {false, func(e *permEnv) adminRequest { return adminRequest{path: "/admin/deals/" + e.deal().ID} }},
		"POST /admin/contacts/{id}/portal-link": {true, func(e *permEnv) adminRequest {
			c, err := e.app.CreateContact(e.ctx, e.owner, party.Contact{OrganizationID: e.org.ID, Name: "Vera",
				Email: fmt.Sprintf("vera%d@buyer.example", e.next()), Role: party.DecisionMaker, Influence: 3})
			e.must(err)
			return adminRequest{path: "/admin/contacts/" + c.ID + "/portal-link", form: url.Values{"lang": {"en"}}}
		}},
		"GET /admin/quotes/{id}": {false, func(e *permEnv) adminRequest { return adminRequest{path: "/admin/quotes/" + e.quote()} }},
		"POST /admin/quotes/{id}/comments": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/quotes/" + e.quote() + "/comments",
				form: url.Values{"body": {"Delivery on Monday works."}, "key": {fmt.Sprintf("k%d", e.next())}}}
		}},
		"POST /admin/deals/{id}/move": {true, func(e *permEnv) adminRequest {
			d := e.deal()
			return adminRequest{path: "/admin/deals/" + d.ID + "/move", form: url.Values{"to": {"qualified"}, "version": {strconv.Itoa(d.Version)}}}
		}},
		"POST /admin/deals/{id}/activities": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/deals/" + e.deal().ID + "/activities", form: url.Values{"kind": {"note"}, "subject": {"Called"}}}
		}},
		"GET /admin/customers/{id}": {false, func(e *permEnv) adminRequest { return adminRequest{path: "/admin/customers/" + e.org.ID} }},
		"POST /admin/tenders": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/tenders", form: url.Values{"organization_id": {e.org.ID}, "title": {"Racks"},
				"published_at": {"2026-01-05"}, "deadline": {"2099-02-01"}, "requirement": {"ISO 9001", ""}, "met": {"0"}}}
		}},
		"GET /admin/tenders/{id}": {false, func(e *permEnv) adminRequest { return adminRequest{path: "/admin/tenders/" + e.tender().ID} }},
		"POST /admin/tenders/{id}": {true, func(e *permEnv) adminRequest {
			t := e.tender()
			return adminRequest{path: "/admin/tenders/" + t.ID, form: url.Values{"version": {strconv.Itoa(t.Version)}, "title": {"Racks 2"},
				"published_at": {"2026-01-05"}, "deadline": {"2099-03-01"}, "requirement": {"ISO 9001", "Delivery in May"}, "met": {"1"}}}
		}},
		"POST /admin/tenders/{id}/decision": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/tenders/" + e.tender().ID + "/decision", form: url.Values{"decision": {"no_bid"}, "reason": {"too small"}}}
		}},
		"POST /admin/tenders/{id}/submission": {true, func(e *permEnv) adminRequest {
			t := e.tender()
			bid := crm.Bid
			_, err := e.app.UpdateTender(e.ctx, e.owner, t.ID, app.TenderPatch{Decision: &bid})
			e.must(err)
			return adminRequest{path: "/admin/tenders/" + t.ID + "/submission", form: url.Values{"quote_id": {e.quote()}}}
		}},
		"POST /admin/tenders/{id}/outcome": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/tenders/" + e.tender().ID + "/outcome", form: url.Values{"outcome": {"cancelled"}}}
		}},
		"POST /admin/tenders/{id}/files": {true, func(e *permEnv) adminRequest {
			var b bytes.Buffer
			w := multipart.NewWriter(&b)
			fw, err := w.CreateFormFile("file", "spec.pdf")
			e.must(err)
			_, err = fw.Write(pdf)
			e.must(err)
			e.must(w.Close())
			return adminRequest{path: "/admin/tenders/" + e.tender().ID + "/files", body: b.Bytes(), contentType: w.FormDataContentType()}
		}},
		"GET /admin/tenders/{id}/files/{file}": {false, func(e *permEnv) adminRequest {
			t := e.tender()
			f, err := e.app.UploadTenderFile(e.ctx, e.owner, t.ID, "spec.pdf", pdf)
			e.must(err)
			return adminRequest{path: "/admin/tenders/" + t.ID + "/files/" + f.ID}
		}},
		"POST /admin/tenders/{id}/deal": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/tenders/" + e.tender().ID + "/deal", form: url.Values{"amount": {"1000"}}}
		}},
		"POST /admin/winning-points": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/winning-points", form: url.Values{"title": {"Fast"}, "text": {"Delivery in 24 h"}, "tags": {"service"}}}
		}},
		"GET /admin/winning-points/{id}": {false, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/winning-points/" + e.point()}
		}},
		"POST /admin/winning-points/{id}": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/winning-points/" + e.point(), form: url.Values{"title": {"Faster"}, "text": {"In 12 h"}}}
		}},
		"POST /admin/news": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/news", form: url.Values{"slug": {fmt.Sprintf("post-%d", e.next())}, "lang": {"en"},
				"title": {"News"}, "body": {"Text"}, "published_at": {"2026-01-05T10:00"}}}
		}},
		"GET /admin/news/{slug}": {false, func(e *permEnv) adminRequest { return adminRequest{path: "/admin/news/" + e.news()} }},
		"POST /admin/news/{slug}": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/news/" + e.news(), form: url.Values{"lang": {"ru"}, "title": {"Новости"}, "body": {"Текст"}}}
		}},
		"POST /admin/banners": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/banners", form: url.Values{"lang": {""}, "title": {"Open on Sunday"},
				"starts_at": {"2026-01-05T10:00"}, "position": {"1"}}}
		}},
		"GET /admin/banners/{id}": {false, func(e *permEnv) adminRequest { return adminRequest{path: "/admin/banners/" + e.banner()} }},
		"POST /admin/banners/{id}": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/banners/" + e.banner(), form: url.Values{"lang": {"fa"}, "title": {"جمعه باز است"},
				"starts_at": {"2026-01-05T10:00"}, "ends_at": {"2026-02-05T10:00"}}}
		}},
		"POST /admin/banners/{id}/delete": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/banners/" + e.banner() + "/delete", form: url.Values{"confirm": {"yes"}}}
		}},
		"POST /admin/reviews/{id}": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/reviews/" + e.review(), form: url.Values{"decision": {"approved"}}}
		}},
		"GET /admin/claims/{id}": {false, func(e *permEnv) adminRequest { return adminRequest{path: "/admin/claims/" + e.claim()} }},
		"POST /admin/claims/{id}": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/claims/" + e.claim(), form: url.Values{"to": {"received"}}}
		}},
		"POST /admin/staff": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/staff", form: url.Values{"email": {fmt.Sprintf("new%d@example.com", e.next())},
				"name": {"New"}, "role": {"support"}, "password": {"a long password"}}}
		}},
		"POST /admin/staff/{id}": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/staff/" + e.user(), form: url.Values{"role": {"marketing"}}}
		}},
		"POST /admin/staff/{id}/password": {true, func(e *permEnv) adminRequest {
			return adminRequest{path: "/admin/staff/" + e.user() + "/password", form: url.Values{"password": {"another long password"}}}
		}},
	}
}

func (e *permEnv) deal() app.OpportunityView {
	v, err := e.app.CreateOpportunity(e.ctx, e.owner, app.NewOpportunity{OrganizationID: e.org.ID, Title: "D",
		Amount: money.MustNew(100, "EUR"), ExpectedClose: time.Now().AddDate(0, 1, 0), Source: crm.SourceWeb})
	e.must(err)
	return v
}

func (e *permEnv) tender() app.TenderView {
	v, err := e.app.CreateTender(e.ctx, e.owner, app.NewTender{OrganizationID: e.org.ID, Title: "T",
		PublishedAt: time.Now().Add(-time.Hour), Deadline: time.Now().AddDate(0, 1, 0)})
	e.must(err)
	return v
}

func (e *permEnv) quote() string {
	q, err := e.app.CreateQuote(e.ctx, e.owner, app.NewQuote{OrganizationID: e.org.ID, ValidUntil: time.Now().AddDate(1, 0, 0),
		Lines: []app.QuoteLineInput{{SKU: "BRK-RED", Quantity: qty.Units(1)}}})
	e.must(err)
	return q.ID
}

func (e *permEnv) point() string {
	p, err := e.app.CreateWinningPoint(e.ctx, e.owner, app.WinningPointInput{Title: "P", Text: "Point"})
	e.must(err)
	return p.ID
}

func (e *permEnv) banner() string {
	b, err := e.app.CreateBanner(e.ctx, e.owner, app.BannerInput{Title: fmt.Sprintf("Banner %d", e.next()),
		StartsAt: time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC)})
	e.must(err)
	return b.ID
}

func (e *permEnv) news() string {
	slug := fmt.Sprintf("news-%d", e.next())
	_, err := e.app.CreateNewsPost(e.ctx, e.owner, app.NewsInput{Slug: slug, Lang: "en", Title: "T", Body: "B"})
	e.must(err)
	return slug
}

// review is a pending review by a guest who bought the product.
func (e *permEnv) review() string {
	email := fmt.Sprintf("guest%d@example.com", e.next())
	o, _, err := e.app.Checkout(e.ctx, app.Actor{}, "rev-"+email, app.CheckoutInput{Channel: catalog.B2C,
		Guest: &order.Guest{Name: "Gus Guest", Email: email}, Lines: []app.CheckoutLine{{SKU: "BRK-RED", Quantity: qty.Units(1)}}})
	e.must(err)
	r, err := e.app.SubmitReview(e.ctx, app.Actor{}, app.NewReview{SKU: "BRK-RED", Rating: 5, Title: "Good", Body: "Good bricks",
		Email: email, OrderNumber: o.Number})
	e.must(err)
	return r.ID
}

func (e *permEnv) claim() string {
	p, err := e.app.CreatePerson(e.ctx, e.owner, party.Person{Name: "Pat"})
	e.must(err)
	r, err := e.app.RegisterWarranty(e.ctx, e.owner, app.NewRegistration{PersonID: p.ID, SKU: "DRL",
		SerialNumber: fmt.Sprintf("SN-%d", e.next()), PurchasedAt: time.Now().AddDate(0, -1, 0)})
	e.must(err)
	c, err := e.app.SubmitClaim(e.ctx, e.owner, r.ID, "Sparks")
	e.must(err)
	return c.Claim.ID
}

// user is a staff user for the owner's forms to change; the store takes it
// straight, as hashing a password per case would slow the test down.
func (e *permEnv) user() string {
	u := staff.User{ID: fmt.Sprintf("019cadc6-9a80-7223-89ab-%012d", e.next()), Email: fmt.Sprintf("u%d@example.com", e.n),
		Name: "U", Role: staff.Support, PasswordHash: "-", CreatedAt: time.Now()}
	e.must(e.db.Write(e.ctx, func(tx *store.Tx) error { return tx.InsertUser(e.ctx, &u) }))
	return u.ID
}

// permTables are the tables the test counts: a refused request changes none.
var permTables = []string{"audit_log", "users", "sessions", "opportunities", "opportunity_stage_changes", "activities",
	"tenders", "tender_files", "winning_points", "news_posts", "banners", "reviews", "warranty_claims", "warranty_claim_transitions",
	"quotes", "organizations"}

func (e *permEnv) counts() map[string]int {
	e.t.Helper()
	out := map[string]int{}
	for _, table := range permTables {
		n, err := e.db.CountRows(e.ctx, table)
		e.must(err)
		out[table] = n
	}
	return out
}

func newAdminPermEnv(t *testing.T, db *store.DB) *permEnv {
	ctx := context.Background()
	a := app.New(db)
	e := &permEnv{t: t, ctx: ctx, db: db, app: a, sessions: map[staff.Role]*http.Cookie{}, ids: map[staff.Role]string{}}
	for _, r := range staff.Roles {
		email := string(r) + "@example.com"
		u, err := a.AddUser(ctx, email, string(r), r, password)
		e.must(err)
		in, err := a.StaffSignIn(ctx, app.Credentials{Email: email, Password: password})
		e.must(err)
		e.sessions[r], e.ids[r] = &http.Cookie{Name: page.SessionCookie, Value: in.Token}, u.ID
	}
	e.owner = app.Actor{UserID: e.ids[staff.Owner], Role: string(staff.Owner)}
	e.must(a.UpsertWarehouse(ctx, e.owner, inventory.Warehouse{Code: "MAIN", Name: "Main"}))
	_, err := a.CreateProduct(ctx, e.owner, app.NewProduct{
		Product: catalog.Product{SKU: "BRK-RED", Name: "Red brick", Kind: catalog.Goods, Unit: "pcs",
			Channels: catalog.Channels{catalog.B2B, catalog.B2C}, Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(120, "EUR"), catalog.B2B: money.MustNew(90, "EUR")}})
	e.must(err)
	_, err = a.RecordMovement(ctx, e.owner, app.MovementInput{SKU: "BRK-RED", Kind: inventory.Receipt, Quantity: qty.Units(100_000)})
	e.must(err)
	_, err = a.CreateProduct(ctx, e.owner, app.NewProduct{
		Product: catalog.Product{SKU: "DRL", Name: "Drill", Kind: catalog.Goods, Unit: "pcs", Channels: catalog.Channels{catalog.B2C},
			Status: catalog.Active, TaxRateBP: 2000, WarrantyMonths: 24},
		Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(9900, "EUR")}})
	e.must(err)
	e.org, err = a.CreateOrganization(ctx, e.owner, party.Organization{LegalName: "Buyer GmbH", PaymentTerms: party.Prepaid})
	e.must(err)
	_, err = a.ReassignAccount(ctx, e.owner, e.org.ID, e.ids[staff.AccountManager])
	e.must(err)
	e.srv = httptest.NewServer(web.Handler(a, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *permEnv) send(method string, rq adminRequest, c *http.Cookie) (int, string) {
	e.t.Helper()
	var body io.Reader
	ct := ""
	switch {
	case rq.body != nil:
		body, ct = bytes.NewReader(rq.body), rq.contentType
	case method == http.MethodPost:
		body, ct = strings.NewReader(rq.form.Encode()), "application/x-www-form-urlencoded"
	}
	req, err := http.NewRequest(method, e.srv.URL+rq.path, body)
	e.must(err)
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	req.AddCookie(c)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	e.must(err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	e.must(err)
	return res.StatusCode, string(b)
}

// TestPermissionsOfEveryAdminRoute is generated from the route table: every
// staff route is called as every role. A role whose permissions allow it gets a
// page or a redirect, and an allowed change is in the audit log under that
// user; every other role gets 403 and no table changes.
func TestPermissionsOfEveryAdminRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAdminPermEnv(t, db)
		cases := adminCases()
		seen := map[string]bool{}
		ops := map[string]bool{}
		for _, o := range append(admin.OpsRoutes(), admin.CampaignRoutes()...) {
			ops[o.Method+" "+o.Pattern] = true
		}
		for _, rt := range admin.RouteTable() {
			if rt.Public || ops[rt.Method+" "+rt.Pattern] {
				continue // with their own cases: TestOpsRoutesPermissions, TestCampaignRoutesPermissions
			}
			key := rt.Method + " " + rt.Pattern
			seen[key] = true
			c, ok := cases[key]
			if !ok {
				t.Errorf("%s: add a case to adminCases", key)
				continue
			}
			for _, role := range staff.Roles {
				rq := c.setup(e)
				before := e.counts()
				status, body := e.send(rt.Method, rq, e.sessions[role])
				after := e.counts()
				allowed := rt.Perm == "" || staff.Can(role, rt.Perm)
				switch {
				case allowed && (status < 200 || status >= 400):
					t.Errorf("%s as %s: %d, want success: %.300s", key, role, status, body)
				case !allowed && status != http.StatusForbidden:
					t.Errorf("%s as %s: %d, want 403", key, role, status)
				case !allowed:
					for table, n := range before {
						if after[table] != n {
							t.Errorf("%s as %s: refused, yet %s went from %d to %d rows", key, role, table, n, after[table])
						}
					}
				case c.write:
					if after["audit_log"] <= before["audit_log"] {
						t.Errorf("%s as %s: the change is not in the audit log", key, role)
						continue
					}
					es, err := e.app.AuditLog(e.ctx, e.owner, app.AuditQuery{Limit: 1})
					e.must(err)
					if es[0].Actor != e.ids[role] {
						t.Errorf("%s as %s: audit actor %s, want %s", key, role, es[0].Actor, e.ids[role])
					}
				case after["audit_log"] != before["audit_log"]:
					t.Errorf("%s as %s: a read wrote the audit log", key, role)
				}
			}
		}
		for key := range cases {
			if !seen[key] {
				t.Errorf("case %s has no route in the table", key)
			}
		}
	})
}
