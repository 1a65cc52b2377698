package app_test

import (
	"testing"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/money"
	"b2x/party"
	"b2x/qty"
	"b2x/quote"
	"b2x/store"
	"b2x/store/storetest"
)

// A buyer's request starts without approval thresholds; the manager sets them
// with the prices, and they hold acceptance back until the CFO approves.
func TestReviseQuoteSetsRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		req, err := f.app.RequestQuote(f.ctx, buyerOf(f.tech), app.QuoteRequestInput{Lines: []app.RFQLine{{SKU: "BRK", Quantity: qty.Units(1000)}}})
		f.must(err)
		lines := []app.QuoteLineInput{{SKU: "BRK", Quantity: qty.Units(1000)}, {SKU: "SVC-DLV", Quantity: qty.Units(1), ServiceKind: quote.Delivery}}
		bad := []quote.Rule{{Role: party.FinancialApprover, Above: money.MustNew(50000, "USD")}}
		_, err = f.app.ReviseQuote(f.ctx, staffActor, req.QuoteID, app.QuoteChanges{Rules: &bad})
		expectCode(t, "a rule in another currency", err, errs.Invalid)
		rules := []quote.Rule{{Role: party.TechnicalEvaluator}, {Role: party.FinancialApprover, Above: money.MustNew(50000, "EUR")}}
		valid := time.Now().Add(10 * 24 * time.Hour)
		d, err := f.app.ReviseQuote(f.ctx, staffActor, req.QuoteID, app.QuoteChanges{Lines: &lines, Rules: &rules, ValidUntil: &valid})
		f.must(err)
		if len(d.Rules) != 2 {
			t.Fatalf("rules after the revision: %+v", d.Rules)
		}
		_, err = f.app.SendQuote(f.ctx, staffActor, req.QuoteID)
		f.must(err)
		d, err = f.app.DecideQuote(f.ctx, buyerOf(f.tech), req.QuoteID, quote.Approve, "fits the spec", "")
		f.must(err)
		if d.Verdict.CanAccept || len(d.Verdict.Missing) != 1 || d.Verdict.Missing[0] != party.FinancialApprover {
			t.Fatalf("verdict after the evaluator: %+v", d.Verdict)
		}
		_, _, err = f.app.AcceptQuote(f.ctx, buyerOf(f.tech), req.QuoteID, "accept-1")
		if code := errs.CodeOf(err); code != errs.Conflict && code != errs.Invalid {
			t.Fatalf("accepted without the CFO: %v", err)
		}
		_, err = f.app.DecideQuote(f.ctx, buyerOf(f.cfo), req.QuoteID, quote.Approve, "", "")
		f.must(err)
		o, _, err := f.app.AcceptQuote(f.ctx, buyerOf(f.tech), req.QuoteID, "accept-2")
		f.must(err)
		if o.Customer.OrganizationID != f.org.ID || len(o.Lines) != 2 {
			t.Errorf("order %+v", o)
		}
		stored, err := f.app.Quote(f.ctx, staffActor, req.QuoteID)
		f.must(err)
		if len(stored.Rules) != 2 || stored.Rules[1].Above.Minor != 50000 {
			t.Errorf("stored rules %+v", stored.Rules)
		}
	})
}
