package app

import (
	"context"
	"io"

	"b2x/document"
	"b2x/staff"
	"b2x/store"
	"b2x/supplier"
)

// WithSupplier sets the company details printed on quotes (from
// supplier.FromEnv in the binary); without it quotes carry supplier.Demo.
func WithSupplier(d supplier.Details) Option { return func(a *App) { a.supplier = d } }

// Supplier returns the company details printed on documents.
func (a *App) Supplier() supplier.Details {
	if a.supplier == (supplier.Details{}) {
		return supplier.Demo()
	}
	return a.supplier
}

// QuotePDF writes a quote the actor may read as a PDF (document.WriteQuote): the
// supplier's details, every line with what it costs, services charged and
// included, validity, terms, winning points and where the approvals stand, dated
// when the quote last changed (so the same version prints the same bytes). The
// quote is read first and rendered after, so no transaction waits on the
// rendering.
func (a *App) QuotePDF(ctx context.Context, actor Actor, quoteID string, w io.Writer) error {
	if err := requireBuyerOr(actor, staff.QuotesRead); err != nil {
		return err
	}
	var doc document.Quote
	err := a.portalRead(ctx, actor, func(tx *store.Tx) error {
		r, err := visibleQuote(ctx, tx, actor, quoteID)
		if err != nil {
			return err
		}
		d, err := detail(ctx, tx, r)
		if err != nil {
			return err
		}
		org, err := tx.Organization(ctx, r.Quote.OrganizationID)
		if err != nil {
			return err
		}
		doc = document.Quote{Supplier: a.Supplier(), Customer: org, Quote: d.Quote, Participants: d.Participants,
			Verdict: d.Verdict, Printed: d.Quote.UpdatedAt}
		if r.Quote.RequestedBy != "" {
			c, err := tx.Contact(ctx, r.Quote.RequestedBy)
			if err != nil {
				return err
			}
			doc.RequestedBy = c.Name
		}
		return nil
	})
	if err != nil {
		return err
	}
	return document.WriteQuote(w, doc)
}
