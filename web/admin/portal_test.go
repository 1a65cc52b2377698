package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/money"
	"b2x/party"
	"b2x/qty"
)

// Staff mail a contact a portal sign-in link from the customer page: the owner
// may, the warehouse may not, and the log says who did.
func TestSendPortalLinkFromCustomerPage(t *testing.T) {
	f := newFixture(t, "Buyer GmbH")
	ctx := context.Background()
	c, err := f.app.CreateContact(ctx, f.owner, party.Contact{OrganizationID: f.org.ID, Name: "Vera <b>V</b>", Email: "vera@buyer.example",
		Role: party.DecisionMaker, Influence: 3})
	must(t, err)
	owner := f.session(t, "owner@example.com")
	status, _, body := f.do(t, "GET", "/admin/customers/"+f.org.ID, nil, owner)
	if status != http.StatusOK || !strings.Contains(body, `action="/admin/contacts/`+c.ID+`/portal-link"`) || strings.Contains(body, "<b>V</b>") {
		t.Fatalf("customer page: %d", status)
	}
	tokens := func() int {
		n, err := f.app.DB().CountRows(ctx, "contact_tokens")
		must(t, err)
		return n
	}
	status, _, _ = f.do(t, "POST", "/admin/contacts/"+c.ID+"/portal-link", url.Values{"lang": {"ru"}}, f.session(t, "warehouse@example.com"))
	if status != http.StatusForbidden || tokens() != 0 {
		t.Errorf("warehouse sends a link: %d, %d tokens", status, tokens())
	}
	status, loc, _ := f.do(t, "POST", "/admin/contacts/"+c.ID+"/portal-link", url.Values{"lang": {"ru"}}, owner)
	if status != http.StatusSeeOther || loc != "/admin/customers/"+f.org.ID+"?link_sent="+c.ID || tokens() != 1 {
		t.Fatalf("owner sends a link: %d → %q, %d tokens", status, loc, tokens())
	}
	if _, _, body := f.do(t, "GET", loc, nil, owner); !strings.Contains(body, "A sign-in link is on its way to Vera &lt;b&gt;V&lt;/b&gt;") {
		t.Errorf("no notice after sending")
	}
	log, err := f.app.AuditLog(ctx, f.owner, app.AuditQuery{Entity: "contact", ID: c.ID, Limit: 5})
	must(t, err)
	if len(log) == 0 || log[0].Action != "contact.portal_link" || log[0].Actor != f.owner.UserID {
		t.Errorf("audit: %+v", log)
	}
	if status, _, _ := f.do(t, "POST", "/admin/contacts/0190aaaa-0000-7000-8000-000000000000/portal-link", url.Values{}, owner); status != http.StatusNotFound {
		t.Errorf("unknown contact: %d", status)
	}
}

// A quote's thread in the back office: the company's comment and staff's reply,
// escaped; a role without quotes.edit cannot post.
func TestQuoteThreadInAdmin(t *testing.T) {
	f := newFixture(t, "Buyer GmbH")
	ctx := context.Background()
	_, err := f.app.CreateProduct(ctx, f.owner, app.NewProduct{Product: catalog.Product{SKU: "BRK", Name: "Brick", Kind: catalog.Goods,
		Unit: "pcs", Channels: catalog.Channels{catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2B: money.MustNew(90, "EUR")}})
	must(t, err)
	c, err := f.app.CreateContact(ctx, f.owner, party.Contact{OrganizationID: f.org.ID, Name: "Vera", Role: party.DecisionMaker, Influence: 3})
	must(t, err)
	q, err := f.app.CreateQuote(ctx, f.manager, app.NewQuote{OrganizationID: f.org.ID, ValidUntil: time.Now().Add(48 * time.Hour),
		Lines: []app.QuoteLineInput{{SKU: "BRK", Quantity: qty.Units(100)}}})
	must(t, err)
	_, err = f.app.SendQuote(ctx, f.manager, q.ID)
	must(t, err)
	_, err = f.app.AddQuoteComment(ctx, app.Actor{ContactID: c.ID, OrganizationID: f.org.ID}, q.ID, "Can you do <i>90 days</i>?", "")
	must(t, err)
	manager := f.session(t, "manager@example.com")
	path := "/admin/quotes/" + q.ID
	status, _, body := f.do(t, "GET", path, nil, manager)
	if status != http.StatusOK || !strings.Contains(body, "Can you do &lt;i&gt;90 days&lt;/i&gt;?") || !strings.Contains(body, "Vera") {
		t.Fatalf("quote page: %d", status)
	}
	status, loc, _ := f.do(t, "POST", path+"/comments", url.Values{"body": {"Yes, net 90."}, "key": {"a-1"}}, manager)
	if status != http.StatusSeeOther || loc != path+"#comments" {
		t.Fatalf("reply: %d → %q", status, loc)
	}
	if _, _, body := f.do(t, "GET", path, nil, manager); !strings.Contains(body, "Yes, net 90.") || !strings.Contains(body, "User sales_manager") {
		t.Errorf("reply not shown with its author")
	}
	if status, _, _ := f.do(t, "POST", path+"/comments", url.Values{"body": {""}}, manager); status != http.StatusUnprocessableEntity {
		t.Errorf("empty reply: %d", status)
	}
	if status, _, _ := f.do(t, "POST", path+"/comments", url.Values{"body": {"hi"}}, f.session(t, "warehouse@example.com")); status != http.StatusForbidden {
		t.Errorf("warehouse replies: %d", status)
	}
	if status, _, _ := f.do(t, "GET", "/admin/quotes/0190aaaa-0000-7000-8000-000000000000", nil, manager); status != http.StatusNotFound {
		t.Errorf("unknown quote: %d", status)
	}
}
