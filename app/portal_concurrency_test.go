package app_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/party"
	"b2x/qty"
	"b2x/quote"
	"b2x/store"
	"b2x/store/storetest"
)

// TestBuyersAcceptAgainstCredit: two buyers of one organization, each accepting
// their own quote at the same moment, with a credit limit that covers one quote:
// exactly one order, on both engines. A third buyer placing a portal order at
// the same time queues on the same credit lock.
func TestBuyersAcceptAgainstCredit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		for round := range 4 {
			org := f.organization(fmt.Sprintf("Tight %d", round), 150_000) // 1500.00; a quote is 1080.00
			a := f.contact(org.ID, "Anna", party.DecisionMaker, 3)
			b := f.contact(org.ID, "Boris", party.FinancialApprover, 3)
			c := f.contact(org.ID, "Clara", "", 0)
			in := app.NewQuote{OrganizationID: org.ID, Lines: []app.QuoteLineInput{{SKU: "BRK", Quantity: qty.Units(1000)}},
				ValidUntil: time.Now().Add(time.Hour)}
			qa, qb := f.sent(in), f.sent(in)
			var wg sync.WaitGroup
			errc := make(chan error, 3)
			for i, x := range []struct {
				who party.Contact
				q   quote.Quote
			}{{a, qa}, {b, qb}} {
				wg.Go(func() {
					_, _, err := f.app.AcceptQuote(f.ctx, buyerOf(x.who), x.q.ID, fmt.Sprintf("acc-%d-%d", round, i))
					errc <- err
				})
			}
			wg.Go(func() {
				// 500 bricks: 540.00 gross, which fits beside one quote but not two.
				_, _, err := f.app.PlaceCompanyOrder(f.ctx, buyerOf(c), fmt.Sprintf("ord-%d", round),
					app.CompanyOrderInput{Lines: []app.CheckoutLine{line("BRK", 500)}})
				errc <- err
			})
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
			accepted := 0
			for _, o := range orders {
				if strings.HasPrefix(o.Note, "quote ") {
					accepted++
				}
			}
			// 1080 + 540 > 1500 and 1080 + 1080 > 1500: of the three at most one
			// quote and never two orders of any kind.
			if ok != 1 || refused != 2 || len(orders) != 1 || accepted > 1 {
				t.Errorf("round %d: %d succeeded, %d refused, %d orders (%d from quotes); want 1, 2, 1", round, ok, refused, len(orders), accepted)
			}
		}
		f.ledgerBalanced()
	})
}

// TestBuyerDecisionSentTwiceAtOnce: one buyer's approval sent five times at once
// with the same key, and five times without a key, is stored once each way and
// counts once.
func TestBuyerDecisionSentTwiceAtOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		q := f.sent(f.bigQuote())
		for _, key := range []string{"same-key", ""} {
			var wg sync.WaitGroup
			for range 5 {
				wg.Go(func() {
					if _, err := f.app.DecideQuote(f.ctx, buyerOf(f.tech), q.ID, quote.Approve, "", key); err != nil {
						t.Errorf("key %q: %v", key, err)
					}
				})
			}
			wg.Wait()
		}
		d, err := f.app.Quote(f.ctx, buyerOf(f.cfo), q.ID)
		f.must(err)
		if n, _ := db.CountRows(f.ctx, "quote_approvals"); n != 1 || len(d.Approvals) != 1 {
			t.Errorf("%d approvals stored, %d counted; want 1", n, len(d.Approvals))
		}
		if len(d.Verdict.Approved) != 1 || d.Verdict.Approved[0] != party.TechnicalEvaluator || d.Verdict.CanAccept {
			t.Errorf("verdict %+v", d.Verdict)
		}
	})
}
