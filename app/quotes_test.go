package app_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/qty"
	"b2x/quote"
	"b2x/store"
	"b2x/store/storetest"
)

// quoteFixture is a fixture with an organization on net30 credit whose buying
// center is a technical evaluator and a CFO, plus a contact outside it.
type quoteFixture struct {
	*fixture
	org            party.Organization
	tech, cfo, joe party.Contact
}

func newQuoteFixture(t *testing.T, db *store.DB) *quoteFixture {
	t.Helper()
	f := &quoteFixture{fixture: newFixture(t, db)}
	f.product("BRK", 5000) // 0.90 net in b2b
	f.service("SVC-INS", 12000)
	f.service("SVC-DLV", 5000)
	f.org = f.organization("Buyer GmbH", 1_000_000) // 10,000.00 EUR credit
	f.tech = f.contact(f.org.ID, "Tess Tech", party.TechnicalEvaluator, 3)
	f.cfo = f.contact(f.org.ID, "Carl CFO", party.FinancialApprover, 5)
	f.joe = f.contact(f.org.ID, "Joe Nobody", "", 0)
	return f
}

func (f *quoteFixture) service(sku string, b2bPrice int64) {
	f.t.Helper()
	_, err := f.app.CreateProduct(f.ctx, staffActor, app.NewProduct{
		Product: catalog.Product{SKU: sku, Name: "Service " + sku, Category: "bricks", Kind: catalog.Service, Unit: "h",
			Channels: catalog.Channels{catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2B: money.MustNew(b2bPrice, "EUR")},
	})
	f.must(err)
}

func (f *quoteFixture) organization(name string, creditMinor int64) party.Organization {
	f.t.Helper()
	o, err := f.app.CreateOrganization(f.ctx, staffActor, party.Organization{LegalName: name, PaymentTerms: party.Net30,
		CreditLimit: money.MustNew(creditMinor, "EUR")})
	f.must(err)
	return o
}

func (f *quoteFixture) contact(orgID, name string, role party.Role, influence int) party.Contact {
	f.t.Helper()
	c, err := f.app.CreateContact(f.ctx, staffActor, party.Contact{OrganizationID: orgID, Name: name, Role: role, Influence: influence})
	f.must(err)
	return c
}

// bigQuote is 1000 bricks at 0.90 (900.00 net, 1080.00 gross), above the CFO's
// threshold of 500.00; the technical evaluator must always approve.
func (f *quoteFixture) bigQuote() app.NewQuote {
	return app.NewQuote{OrganizationID: f.org.ID, RequestedBy: f.tech.ID,
		Lines:      []app.QuoteLineInput{{SKU: "BRK", Quantity: qty.Units(1000)}},
		ValidUntil: time.Now().Add(30 * 24 * time.Hour),
		Rules: []quote.Rule{{Role: party.FinancialApprover, Above: money.MustNew(50000, "EUR")},
			{Role: party.TechnicalEvaluator}}}
}

func (f *quoteFixture) create(in app.NewQuote) quote.Quote {
	f.t.Helper()
	q, err := f.app.CreateQuote(f.ctx, staffActor, in)
	f.must(err)
	return q
}

func (f *quoteFixture) sent(in app.NewQuote) quote.Quote {
	f.t.Helper()
	q := f.create(in)
	d, err := f.app.SendQuote(f.ctx, staffActor, q.ID)
	f.must(err)
	return d.Quote
}

func (f *quoteFixture) approve(quoteID string, c party.Contact, key string) app.QuoteDetail {
	f.t.Helper()
	d, err := f.app.Approve(f.ctx, staffActor, quoteID, c.ID, quote.Approve, "", key)
	f.must(err)
	return d
}

func (f *quoteFixture) quoteCounts() map[string]int {
	f.t.Helper()
	out := f.counts()
	for _, table := range []string{"quotes", "quote_lines", "quote_participants", "quote_rules", "quote_approvals",
		"quote_revisions", "credit_locks"} {
		n, err := f.db.CountRows(f.ctx, table)
		f.must(err)
		out[table] = n
	}
	return out
}

func TestCreateQuotePricesLines(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newQuoteFixture(t, db)
		install := money.MustNew(10000, "EUR")
		q := f.create(app.NewQuote{OrganizationID: f.org.ID, RequestedBy: f.cfo.ID,
			Lines: []app.QuoteLineInput{
				{SKU: "BRK", Quantity: qty.Units(10)},
				{SKU: "SVC-INS", Quantity: qty.Units(2), UnitPrice: &install, ServiceKind: quote.Installation},
				{SKU: "SVC-DLV", Quantity: qty.Units(1), Included: true, ServiceKind: quote.Delivery},
			},
			ValidUntil: time.Now().Add(14 * 24 * time.Hour), DeliveryTerms: "to the site", WinningPoints: []string{"Own fleet"}})
		if q.Status != quote.StatusDraft || q.Number == "" || q.Revision != 1 || q.Owner != staffActor.UserID ||
			q.Currency != "EUR" || q.PaymentTerms != party.Net30 {
			t.Errorf("quote: %+v", q)
		}
		l := q.Lines
		if len(l) != 3 || l[0].UnitPrice.String() != "0.90" || l[0].PriceRule.Kind != "base" || l[0].Net.String() != "9.00" ||
			l[1].UnitPrice.String() != "100.00" || l[1].Service == nil || l[1].Service.Kind != quote.Installation ||
			!l[2].Included || l[2].UnitPrice.String() != "0.00" || l[2].Service.Kind != quote.Delivery ||
			!strings.Contains(l[2].PriceRule.Explanation, "50.00") {
			t.Errorf("lines: %+v", l)
		}
		if q.Net.String() != "209.00" || q.Tax.String() != "41.80" || q.Total.String() != "250.80" {
			t.Errorf("totals %s + %s = %s", q.Net, q.Tax, q.Total)
		}
		d, err := f.app.Quote(f.ctx, staffActor, q.ID)
		f.must(err)
		if !reflect.DeepEqual(d.Quote, q) {
			t.Errorf("stored quote differs\n got %+v\nwant %+v", d.Quote, q)
		}
		var ids []string
		for _, p := range d.Participants {
			ids = append(ids, p.ContactID)
			if p.Stance != quote.Neutral {
				t.Errorf("stance %s", p.Stance)
			}
		}
		if !slices.Equal(ids, []string{f.cfo.ID, f.tech.ID}) {
			t.Errorf("participants %v, want the CFO and the evaluator, not Joe", ids)
		}
		list, err := f.app.Quotes(f.ctx, staffActor, app.QuoteQuery{OrganizationID: f.org.ID, Status: quote.StatusDraft, Limit: 10})
		if err != nil || len(list) != 1 || list[0].ID != q.ID {
			t.Errorf("listing: %v %+v", err, list)
		}
	})
}

func TestCreateQuoteRefusesBadInputAndWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newQuoteFixture(t, db)
		other := f.organization("Other Ltd", 0)
		stranger := f.contact(other.ID, "Stranger", party.DecisionMaker, 2)
		before := f.quoteCounts()
		tests := []struct {
			name   string
			change func(in *app.NewQuote)
			field  string
		}{
			{"no lines", func(in *app.NewQuote) { in.Lines = nil }, "lines"},
			{"unknown sku", func(in *app.NewQuote) { in.Lines[0].SKU = "NOPE" }, "lines[0].sku"},
			{"zero quantity", func(in *app.NewQuote) { in.Lines[0].Quantity = 0 }, "lines[0].quantity"},
			{"unknown organization", func(in *app.NewQuote) { in.OrganizationID = other.ID + "x" }, "organization_id"},
			{"missing organization", func(in *app.NewQuote) { in.OrganizationID = stranger.ID }, "organization_id"},
			{"contact of another organization", func(in *app.NewQuote) { in.RequestedBy = stranger.ID }, "requested_by"},
			{"no validity", func(in *app.NewQuote) { in.ValidUntil = time.Time{} }, "valid_until"},
			{"service without kind", func(in *app.NewQuote) {
				in.Lines = append(in.Lines, app.QuoteLineInput{SKU: "SVC-INS", Quantity: qty.Units(1)})
			}, "lines[1].service"},
			{"included with a price", func(in *app.NewQuote) {
				p := money.MustNew(100, "EUR")
				in.Lines[0].Included, in.Lines[0].UnitPrice = true, &p
			}, "lines[0].unit_price"},
			{"price in another currency", func(in *app.NewQuote) {
				p := money.MustNew(100, "USD")
				in.Lines = append(in.Lines, app.QuoteLineInput{SKU: "BRK", Quantity: qty.Units(1), UnitPrice: &p})
			}, "lines[1].unit_price"},
			{"unknown rule role", func(in *app.NewQuote) { in.Rules[0].Role = "cfo" }, "rules[0].role"},
			{"payment terms", func(in *app.NewQuote) { in.PaymentTerms = "net90" }, "payment_terms"},
		}
		for _, tt := range tests {
			in := f.bigQuote()
			tt.change(&in)
			_, err := f.app.CreateQuote(f.ctx, staffActor, in)
			e, ok := errs.As(err)
			if !ok || e.Code != errs.Invalid || !hasField(e, tt.field) {
				t.Errorf("%s: got %v, want invalid %s", tt.name, err, tt.field)
			}
		}
		if after := f.quoteCounts(); !reflect.DeepEqual(before, after) {
			t.Errorf("refused quotes wrote rows: before %v after %v", before, after)
		}
	})
}

func TestQuoteApprovalAcceptanceOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newQuoteFixture(t, db)
		draft := f.create(f.bigQuote())
		if _, err := f.app.Approve(f.ctx, staffActor, draft.ID, f.tech.ID, quote.Approve, "", ""); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("a draft took a decision: %v", err)
		}
		d, err := f.app.SendQuote(f.ctx, staffActor, draft.ID)
		f.must(err)
		q := d.Quote
		if q.Status != quote.StatusSent || q.Net.String() != "900.00" {
			t.Fatalf("sent: %+v", q)
		}
		_, err = f.app.Approve(f.ctx, staffActor, q.ID, f.joe.ID, quote.Approve, "", "")
		if e, ok := errs.As(err); !ok || !hasField(e, "contact_id") {
			t.Errorf("approval from outside the buying center: %v", err)
		}

		d = f.approve(q.ID, f.tech, "tech-1")
		if d.Quote.Status != quote.StatusSent || d.Verdict.CanAccept || !slices.Equal(d.Verdict.Missing, []party.Role{party.FinancialApprover}) {
			t.Errorf("after the evaluator: %s %+v", d.Quote.Status, d.Verdict)
		}
		_, _, err = f.app.AcceptQuote(f.ctx, staffActor, q.ID, "accept-1")
		e, ok := errs.As(err)
		if !ok || e.Code != errs.Conflict || !strings.Contains(e.Message, "financial approver") ||
			!reflect.DeepEqual(e.Detail["missing"], []party.Role{party.FinancialApprover}) {
			t.Errorf("accepted without the CFO: %v", err)
		}
		if n, _ := db.CountRows(f.ctx, "orders"); n != 0 {
			t.Errorf("%d orders", n)
		}

		d = f.approve(q.ID, f.cfo, "cfo-1")
		if d.Quote.Status != quote.StatusApproved || !d.Verdict.CanAccept || len(d.Approvals) != 2 {
			t.Fatalf("after the CFO: %s %+v", d.Quote.Status, d.Verdict)
		}

		o, replayed, err := f.app.AcceptQuote(f.ctx, staffActor, q.ID, "accept-1")
		if err != nil || replayed {
			t.Fatal(err, replayed)
		}
		want := make([]order.Line, len(q.Lines))
		for i, l := range q.Lines {
			want[i] = l.OrderLine()
		}
		stored, err := f.app.Order(f.ctx, staffActor, o.ID)
		f.must(err)
		if stored.Channel != catalog.B2B || stored.Status != order.Placed || stored.Customer.OrganizationID != f.org.ID ||
			stored.Customer.ContactID != f.tech.ID || stored.Total != q.Total || stored.PricesIncludeTax ||
			!reflect.DeepEqual(stored.Lines, want) {
			t.Errorf("order %+v\nwant lines %+v", stored, want)
		}
		if st := f.stock("BRK"); st.OnHand != qty.Units(4000) {
			t.Errorf("on hand %s, want 4000", st.OnHand)
		}
		f.ledgerBalanced()
		d, err = f.app.Quote(f.ctx, staffActor, q.ID)
		f.must(err)
		if d.Quote.Status != quote.StatusOrdered || d.OrderID != o.ID {
			t.Errorf("quote after the order: %s order %s", d.Quote.Status, d.OrderID)
		}

		// The same key again is the same order; another key finds the quote ordered.
		again, replayed, err := f.app.AcceptQuote(f.ctx, staffActor, q.ID, "accept-1")
		if err != nil || !replayed || again.ID != o.ID {
			t.Errorf("retry: %v replayed=%v %s vs %s", err, replayed, again.ID, o.ID)
		}
		if _, _, err := f.app.AcceptQuote(f.ctx, staffActor, q.ID, "accept-2"); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("accepted twice: %v", err)
		}
		if n, _ := db.CountRows(f.ctx, "orders"); n != 1 {
			t.Errorf("%d orders, want 1", n)
		}
	})
}

func TestQuoteRejectionBlocks(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newQuoteFixture(t, db)
		q := f.sent(f.bigQuote())
		f.approve(q.ID, f.tech, "")
		_, err := f.app.Approve(f.ctx, staffActor, q.ID, f.cfo.ID, quote.Reject, "", "")
		if e, ok := errs.As(err); !ok || !hasField(e, "reason") {
			t.Errorf("rejection without a reason: %v", err)
		}
		d, err := f.app.Approve(f.ctx, staffActor, q.ID, f.cfo.ID, quote.Reject, "over budget", "cfo-no")
		f.must(err)
		if d.Quote.Status != quote.StatusRejected || len(d.Verdict.Rejections) != 1 || d.Verdict.Rejections[0].Reason != "over budget" {
			t.Errorf("after the rejection: %s %+v", d.Quote.Status, d.Verdict)
		}
		// The retried rejection is the same answer, though the quote is now rejected.
		again, err := f.app.Approve(f.ctx, staffActor, q.ID, f.cfo.ID, quote.Reject, "over budget", "cfo-no")
		if err != nil || !reflect.DeepEqual(again.Verdict, d.Verdict) {
			t.Errorf("retried rejection: %v", err)
		}
		_, _, err = f.app.AcceptQuote(f.ctx, staffActor, q.ID, "acc")
		if e, ok := errs.As(err); !ok || e.Code != errs.Conflict || !strings.Contains(e.Message, "over budget") {
			t.Errorf("accepted a rejected quote: %v", err)
		}
		if _, err := f.app.Approve(f.ctx, staffActor, q.ID, f.tech.ID, quote.Approve, "", "late"); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("decision on a rejected quote: %v", err)
		}
		if n, _ := db.CountRows(f.ctx, "orders"); n != 0 {
			t.Errorf("%d orders", n)
		}
	})
}

func TestApprovalSentTwiceCountsOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newQuoteFixture(t, db)
		q := f.sent(f.bigQuote())
		first := f.approve(q.ID, f.tech, "same")
		second := f.approve(q.ID, f.tech, "same")
		if !reflect.DeepEqual(first.Verdict, second.Verdict) || len(second.Approvals) != 1 {
			t.Errorf("the retry changed the verdict: %+v vs %+v", first.Verdict, second.Verdict)
		}
		f.approve(q.ID, f.tech, "") // no key, the same decision as the latest: not stored again
		if n, _ := db.CountRows(f.ctx, "quote_approvals"); n != 1 {
			t.Errorf("%d approvals stored, want 1", n)
		}
		_, err := f.app.Approve(f.ctx, staffActor, q.ID, f.tech.ID, quote.Reject, "changed my mind", "same")
		if e, ok := errs.As(err); !ok || !hasField(e, "request_key") {
			t.Errorf("one key, another decision: %v", err)
		}
	})
}

func TestReviseResetsApprovalsAndStoresDiff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newQuoteFixture(t, db)
		q := f.sent(f.bigQuote())
		f.approve(q.ID, f.tech, "")
		if d := f.approve(q.ID, f.cfo, ""); d.Quote.Status != quote.StatusApproved {
			t.Fatalf("status %s", d.Quote.Status)
		}
		lines := []app.QuoteLineInput{{SKU: "BRK", Quantity: qty.Units(1200)}}
		terms := "within a week"
		d, err := f.app.ReviseQuote(f.ctx, staffActor, q.ID, app.QuoteChanges{Lines: &lines, DeliveryTerms: &terms})
		f.must(err)
		if d.Quote.Status != quote.StatusDraft || d.Quote.Revision != 2 || len(d.Approvals) != 0 || d.Verdict.CanAccept ||
			len(d.Verdict.Missing) != 2 || d.Quote.Net.String() != "1080.00" {
			t.Errorf("revised: %s rev %d approvals %d %+v net %s", d.Quote.Status, d.Quote.Revision, len(d.Approvals),
				d.Verdict, d.Quote.Net)
		}
		revs, err := f.app.QuoteRevisions(f.ctx, staffActor, q.ID)
		f.must(err)
		if len(revs) != 2 || revs[1].Revision != 2 || revs[1].By != staffActor.UserID {
			t.Fatalf("revisions %+v", revs)
		}
		var texts []string
		for _, c := range revs[1].Changes {
			texts = append(texts, c.Text)
		}
		want := []string{"quantity of BRK changed from 1000 to 1200", `delivery terms changed from "" to "within a week"`,
			"total changed from 1080.00 EUR to 1296.00 EUR"}
		if !slices.Equal(texts, want) {
			t.Errorf("changes %q, want %q", texts, want)
		}
		if _, err := f.app.SendQuote(f.ctx, staffActor, q.ID); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.app.AcceptQuote(f.ctx, staffActor, q.ID, ""); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("accepted on the old revision's approvals: %v", err)
		}
		f.approve(q.ID, f.tech, "")
		if d := f.approve(q.ID, f.cfo, ""); d.Quote.Status != quote.StatusApproved || len(d.Approvals) != 2 {
			t.Errorf("revision 2 approved: %s %d", d.Quote.Status, len(d.Approvals))
		}
		if n, _ := db.CountRows(f.ctx, "quote_approvals"); n != 4 {
			t.Errorf("%d approvals stored, want 4 (2 per revision)", n)
		}
	})
}

// TestConcurrentApprovalsBothCount: the two approvals the quote needs arrive at
// once; both are stored and the quote ends approved.
func TestConcurrentApprovalsBothCount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newQuoteFixture(t, db)
		for range 5 {
			q := f.sent(f.bigQuote())
			var wg sync.WaitGroup
			errc := make(chan error, 2)
			for _, c := range []party.Contact{f.tech, f.cfo} {
				wg.Go(func() {
					_, err := f.app.Approve(f.ctx, staffActor, q.ID, c.ID, quote.Approve, "", "")
					errc <- err
				})
			}
			wg.Wait()
			close(errc)
			for err := range errc {
				f.must(err)
			}
			d, err := f.app.Quote(f.ctx, staffActor, q.ID)
			f.must(err)
			if d.Quote.Status != quote.StatusApproved || len(d.Approvals) != 2 {
				t.Errorf("status %s with %d approvals", d.Quote.Status, len(d.Approvals))
			}
		}
	})
}

// TestAcceptQuotesWithinCredit: two quotes of one organization whose credit covers
// one, accepted at once: exactly one becomes an order.
func TestAcceptQuotesWithinCredit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newQuoteFixture(t, db)
		for round := range 5 {
			org := f.organization(fmt.Sprintf("Tight %d", round), 150_000) // 1500.00: one quote of 1080.00
			in := app.NewQuote{OrganizationID: org.ID, Lines: []app.QuoteLineInput{{SKU: "BRK", Quantity: qty.Units(1000)}},
				ValidUntil: time.Now().Add(time.Hour)}
			quotes := []quote.Quote{f.sent(in), f.sent(in)}
			var wg sync.WaitGroup
			errc := make(chan error, 2)
			for i, q := range quotes {
				wg.Go(func() {
					_, _, err := f.app.AcceptQuote(f.ctx, staffActor, q.ID, fmt.Sprintf("credit-%d-%d", round, i))
					errc <- err
				})
			}
			wg.Wait()
			close(errc)
			ok, refused := 0, 0
			for err := range errc {
				switch {
				case err == nil:
					ok++
				case errs.CodeOf(err) == errs.Conflict && strings.Contains(err.Error(), "credit limit"):
					refused++
				default:
					t.Errorf("round %d: %v", round, err)
				}
			}
			orders, err := f.app.Orders(f.ctx, staffActor, app.OrderQuery{Customer: org.ID, Limit: 10})
			f.must(err)
			if ok != 1 || refused != 1 || len(orders) != 1 {
				t.Errorf("round %d: %d accepted, %d refused, %d orders; want 1, 1, 1", round, ok, refused, len(orders))
			}
		}
		if st := f.stock("BRK"); st.OnHand != qty.Units(0) {
			t.Errorf("on hand %s, want 0 after five orders of 1000", st.OnHand)
		}
		f.ledgerBalanced()
	})
}

// TestAcceptQuoteSameKeyAtOnce: one key sent five times at once makes one order.
func TestAcceptQuoteSameKeyAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newQuoteFixture(t, db)
		in := f.bigQuote()
		in.Rules = nil
		q := f.sent(in)
		f.approve(q.ID, f.tech, "")
		var wg sync.WaitGroup
		type result struct {
			o   order.Order
			err error
		}
		results := make(chan result, 5)
		for range 5 {
			wg.Go(func() {
				o, _, err := f.app.AcceptQuote(f.ctx, staffActor, q.ID, "one-key")
				results <- result{o, err}
			})
		}
		wg.Wait()
		close(results)
		seen := map[string]bool{}
		for r := range results {
			switch {
			case r.err == nil:
				seen[r.o.ID] = true
			case errs.CodeOf(r.err) == errs.Conflict:
			default:
				t.Errorf("unexpected: %v", r.err)
			}
		}
		if n, _ := db.CountRows(f.ctx, "orders"); n != 1 || len(seen) != 1 {
			t.Errorf("%d orders, %d distinct answers", n, len(seen))
		}
		other := f.sent(in)
		f.approve(other.ID, f.tech, "")
		_, _, err := f.app.AcceptQuote(f.ctx, staffActor, other.ID, "one-key")
		if e, ok := errs.As(err); !ok || !hasField(e, "Idempotency-Key") {
			t.Errorf("the key of another quote: %v", err)
		}
	})
}

func TestExpireQuotes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newQuoteFixture(t, db)
		sent := f.sent(f.bigQuote())
		draft := f.create(f.bigQuote())
		later := app.New(db, app.WithClock(func() time.Time { return time.Now().Add(31 * 24 * time.Hour) }))
		if _, _, err := later.AcceptQuote(f.ctx, staffActor, sent.ID, ""); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("accepted an expired quote: %v", err)
		}
		n, err := later.ExpireQuotes(f.ctx)
		if err != nil || n != 1 {
			t.Fatalf("expired %d: %v", n, err)
		}
		if n, err := later.ExpireQuotes(f.ctx); err != nil || n != 0 {
			t.Errorf("second sweep expired %d: %v", n, err)
		}
		for id, want := range map[string]quote.Status{sent.ID: quote.StatusExpired, draft.ID: quote.StatusDraft} {
			d, err := f.app.Quote(f.ctx, staffActor, id)
			f.must(err)
			if d.Quote.Status != want {
				t.Errorf("%s: %s, want %s", id, d.Quote.Status, want)
			}
		}
	})
}
