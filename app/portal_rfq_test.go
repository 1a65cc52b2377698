package app_test

import (
	"bytes"
	"strings"
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

func TestRequestQuoteFlow(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		buyer := buyerOf(f.tech)
		other := f.organization("Other AG", 1_000_000)
		stranger := buyerOf(f.contact(other.ID, "Stranger", party.DecisionMaker, 1))

		_, err := f.app.RequestQuote(f.ctx, buyer, app.QuoteRequestInput{Lines: []app.RFQLine{{SKU: "BRK", Quantity: qty.Units(2000)},
			{SKU: "SVC-INS", Quantity: qty.Units(8)}}})
		expectField(t, "a service without its kind", err, "lines[1].service_kind")
		_, err = f.app.RequestQuote(f.ctx, buyer, app.QuoteRequestInput{Lines: []app.RFQLine{{SKU: "TOY", Quantity: qty.Units(1)}}})
		expectField(t, "a b2c product", err, "lines[0].sku")

		req, err := f.app.RequestQuote(f.ctx, buyer, app.QuoteRequestInput{Note: "Delivery to the site in Leipzig, please",
			Lines: []app.RFQLine{{SKU: "BRK", Quantity: qty.Units(2000)}, {SKU: "SVC-INS", Quantity: qty.Units(8), ServiceKind: quote.Installation},
				{SKU: "LIC-CAD", Quantity: qty.Units(5)}}})
		f.must(err)
		if req.Status != app.StatusRequested || req.Owner != "" || len(req.Lines) != 3 || req.RequestedBy != f.tech.ID || req.Number == "" {
			t.Fatalf("request %+v", req)
		}
		// The buyer sees the request, not the draft with the seller's numbers.
		if _, err := f.app.Quote(f.ctx, buyer, req.QuoteID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("the buyer read the draft: %v", err)
		}
		mine, err := f.app.QuoteRequests(f.ctx, buyer, app.QuoteRequestQuery{OrganizationID: other.ID, Limit: 10})
		if err != nil || len(mine) != 1 || mine[0].QuoteID != req.QuoteID {
			t.Errorf("own requests (a filter naming another organization is ignored): %v %+v", err, mine)
		}
		if theirs, _ := f.app.QuoteRequests(f.ctx, stranger, app.QuoteRequestQuery{OrganizationID: f.org.ID, Limit: 10}); len(theirs) != 0 {
			t.Errorf("another organization sees the request: %+v", theirs)
		}
		waiting, err := f.app.QuoteRequests(f.ctx, staffActor, app.QuoteRequestQuery{Unassigned: true, Limit: 10})
		if err != nil || len(waiting) != 1 {
			t.Errorf("unassigned: %v %+v", err, waiting)
		}
		d, err := f.app.Quote(f.ctx, staffActor, req.QuoteID)
		f.must(err)
		if d.Quote.Lines[0].UnitPrice.String() != "0.90" || d.Quote.Lines[2].Licence == nil || d.Quote.Lines[2].Licence.Seats != 5 ||
			len(d.Participants) != 2 {
			t.Errorf("draft %+v", d)
		}
		comments, err := f.app.QuoteComments(f.ctx, buyer, req.QuoteID)
		if err != nil || len(comments) != 1 || comments[0].AuthorKind != "buyer" || comments[0].AuthorName != "Tess Tech" {
			t.Errorf("the note opens the thread: %v %+v", err, comments)
		}

		// A sales manager prices it and becomes its owner; sending shows it.
		price := money.MustNew(80, "EUR")
		lines := []app.QuoteLineInput{{SKU: "BRK", Quantity: qty.Units(2000), UnitPrice: &price},
			{SKU: "SVC-INS", Quantity: qty.Units(8), ServiceKind: quote.Installation},
			{SKU: "LIC-CAD", Quantity: qty.Units(5), Seats: 5, MaintenanceMonths: 24}}
		valid := time.Now().Add(10 * 24 * time.Hour)
		d, err = f.app.ReviseQuote(f.ctx, staffActor, req.QuoteID, app.QuoteChanges{Lines: &lines, ValidUntil: &valid})
		f.must(err)
		if d.Quote.Owner != staffActor.UserID || d.Quote.Revision != 1 {
			t.Errorf("revised: owner %q revision %d", d.Quote.Owner, d.Quote.Revision)
		}
		if waiting, _ := f.app.QuoteRequests(f.ctx, staffActor, app.QuoteRequestQuery{Unassigned: true, Limit: 10}); len(waiting) != 0 {
			t.Errorf("still unassigned: %+v", waiting)
		}
		_, err = f.app.SendQuote(f.ctx, staffActor, req.QuoteID)
		f.must(err)
		c, err := f.app.AddQuoteComment(f.ctx, staffActor, req.QuoteID, "Priced at 0.80 for the volume.", "")
		f.must(err)
		if c.AuthorKind != "staff" || c.AuthorID != staffActor.UserID {
			t.Errorf("staff comment %+v", c)
		}
		first, err := f.app.AddQuoteComment(f.ctx, buyer, req.QuoteID, "Thanks, we will decide by Friday.", "reply-1")
		f.must(err)
		again, err := f.app.AddQuoteComment(f.ctx, buyer, req.QuoteID, "Thanks, we will decide by Friday.", "reply-1")
		if err != nil || again.ID != first.ID {
			t.Errorf("a retried comment: %v %s %s", err, again.ID, first.ID)
		}
		_, err = f.app.AddQuoteComment(f.ctx, buyer, req.QuoteID, "Something else", "reply-1")
		expectField(t, "one key, another comment", err, "request_key")
		_, err = f.app.AddQuoteComment(f.ctx, buyer, req.QuoteID, "  ", "")
		expectField(t, "an empty comment", err, "body")
		comments, _ = f.app.QuoteComments(f.ctx, buyer, req.QuoteID)
		if len(comments) != 3 {
			t.Errorf("%d comments, want 3", len(comments))
		}
		for name, err := range map[string]error{
			"read":  func() error { _, err := f.app.QuoteComments(f.ctx, stranger, req.QuoteID); return err }(),
			"write": func() error { _, err := f.app.AddQuoteComment(f.ctx, stranger, req.QuoteID, "hi", ""); return err }(),
		} {
			expectCode(t, "another organization's comments: "+name, err, errs.NotFound)
		}
		mine, _ = f.app.QuoteRequests(f.ctx, buyer, app.QuoteRequestQuery{Limit: 10})
		if len(mine) != 1 || mine[0].Status != "sent" {
			t.Errorf("after sending: %+v", mine)
		}
		_, err = f.app.CancelQuoteRequest(f.ctx, buyer, req.QuoteID)
		expectCode(t, "cancel a sent quote", err, errs.Conflict)

		// A seller's draft made from scratch keeps its thread from the buyer.
		in := f.bigQuote()
		in.RequestedBy = ""
		own := f.create(in)
		if _, err := f.app.QuoteComments(f.ctx, buyer, own.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("the thread of a seller's draft: %v", err)
		}

		// A request not sent yet may be called off.
		req2, err := f.app.RequestQuote(f.ctx, buyer, app.QuoteRequestInput{Lines: []app.RFQLine{{SKU: "BRK", Quantity: qty.Units(10)}}})
		f.must(err)
		if _, err := f.app.CancelQuoteRequest(f.ctx, stranger, req2.QuoteID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("another organization cancels: %v", err)
		}
		got, err := f.app.CancelQuoteRequest(f.ctx, buyer, req2.QuoteID)
		if err != nil || got.Status != "withdrawn" {
			t.Errorf("cancel: %v %+v", err, got)
		}
	})
}

func TestQuotePDFForBuyer(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newB2BFixture(t, db)
		q := f.sent(f.bigQuote())
		draft := f.create(f.bigQuote())
		var pdf bytes.Buffer
		f.must(f.app.QuotePDF(f.ctx, buyerOf(f.tech), q.ID, &pdf))
		if !strings.HasPrefix(pdf.String(), "%PDF-") || pdf.Len() < 10_000 {
			t.Errorf("pdf of %d bytes: %.20q", pdf.Len(), pdf.String())
		}
		var again bytes.Buffer
		f.must(f.app.QuotePDF(f.ctx, staffActor, q.ID, &again))
		if !bytes.Equal(pdf.Bytes(), again.Bytes()) {
			t.Error("the same quote version printed twice differs")
		}
		other := f.organization("Other AG", 0)
		stranger := buyerOf(f.contact(other.ID, "Stranger", party.DecisionMaker, 1))
		for name, c := range map[string]struct {
			actor app.Actor
			id    string
		}{"another organization": {stranger, q.ID}, "a draft": {buyerOf(f.tech), draft.ID}} {
			var b bytes.Buffer
			if err := f.app.QuotePDF(f.ctx, c.actor, c.id, &b); errs.CodeOf(err) != errs.NotFound || b.Len() != 0 {
				t.Errorf("%s: %v, %d bytes", name, err, b.Len())
			}
		}
	})
}
