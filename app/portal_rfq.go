package app

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/licence"
	"b2x/order"
	"b2x/party"
	"b2x/qty"
	"b2x/quote"
	"b2x/staff"
	"b2x/store"
)

// A buyer's request for a quote (RFQ) is a quote in draft that names the contact
// who asked (RequestedBy) and has no sales manager yet: the first manager who
// revises or sends it owns it (see changeQuote). Its lines start at the
// organization's own prices, which the manager changes before sending. Until it is
// sent the buyer sees what they asked for, not the manager's work in progress;
// then it is an ordinary quote.

// RFQLine is one line of a request: a SKU and a quantity, and for a service
// product which service is wanted.
type RFQLine struct {
	SKU         string
	Quantity    qty.Quantity
	ServiceKind quote.ServiceKind
}

// QuoteRequestInput is what a buyer asks a quote for, typically their cart.
type QuoteRequestInput struct {
	Lines []RFQLine
	Note  string // what the buyer needs; it opens the quote's comment thread
}

// RFQValidity is how long a request's draft is dated valid; the sales manager
// sets the real date before sending.
const RFQValidity = 30 * 24 * time.Hour

// QuoteRequestLine is a line of a request as the buyer asked for it.
type QuoteRequestLine struct {
	SKU      string
	Name     string
	Kind     catalog.Kind
	Unit     string
	Quantity qty.Quantity
}

// QuoteRequest is a quote a contact asked for.
type QuoteRequest struct {
	QuoteID     string
	Number      string
	RequestedBy string // contact id
	// Status is "requested" while the seller prepares the quote, then the quote's
	// status (sent, approved, ordered …); its prices are read with Quote.
	Status    string
	Owner     string // the sales manager who took it; empty while unassigned
	Lines     []QuoteRequestLine
	CreatedAt time.Time
	UpdatedAt time.Time
}

// StatusRequested is a request the seller has not sent a quote for yet.
const StatusRequested = "requested"

func requestOf(q quote.Quote) QuoteRequest {
	r := QuoteRequest{QuoteID: q.ID, Number: q.Number, RequestedBy: q.RequestedBy, Status: string(q.Status), Owner: q.Owner,
		CreatedAt: q.CreatedAt, UpdatedAt: q.UpdatedAt}
	if q.Status == quote.StatusDraft {
		r.Status = StatusRequested
	}
	for _, l := range q.Lines {
		r.Lines = append(r.Lines, QuoteRequestLine{SKU: l.SKU, Name: l.Name, Kind: l.Kind, Unit: l.Unit, Quantity: l.Quantity})
	}
	return r
}

// MaxCommentLength bounds a comment.
const MaxCommentLength = 4000

// RequestQuote asks the seller for a quote for the signed-in buyer's organization
// (the request_quote permission). It stores a draft quote with the organization's
// buying center and, when there is a note, the first comment of its thread.
func (a *App) RequestQuote(ctx context.Context, actor Actor, in QuoteRequestInput) (QuoteRequest, error) {
	if !actor.Buyer() {
		return QuoteRequest{}, errs.E(errs.Forbidden, "only a buyer requests quotes; staff create them")
	}
	var fs errs.Fields
	switch {
	case len(in.Lines) == 0:
		fs.Add("lines", "a request needs at least one line")
	case len(in.Lines) > quote.MaxLines:
		fs.Add("lines", "a request has at most %d lines", quote.MaxLines)
	}
	seen := map[string]bool{}
	for i, l := range in.Lines {
		f := fmt.Sprintf("lines[%d]", i)
		switch {
		case !catalog.ValidSKU(l.SKU):
			fs.Add(f+".sku", "is not a valid SKU")
		case seen[l.SKU]:
			fs.Add(f+".sku", "%s appears on two lines; put the quantity on one", l.SKU)
		}
		seen[l.SKU] = true
		if l.Quantity <= 0 || l.Quantity > order.MaxLineQuantity {
			fs.Add(f+".quantity", "must be more than 0 and at most %s", order.MaxLineQuantity)
		}
	}
	checkComment(&fs, "note", in.Note, true)
	if err := fs.Err(); err != nil {
		return QuoteRequest{}, err
	}
	now := a.clock()
	var out QuoteRequest
	err := a.write(ctx, func(tx *store.Tx) error {
		c, err := buyerContact(ctx, tx, actor, party.RequestQuote)
		if err != nil {
			return err
		}
		org, err := tx.Organization(ctx, actor.OrganizationID)
		if err != nil {
			return err
		}
		products, err := tx.ProductsBySKU(ctx, skusOf(in.Lines))
		if err != nil {
			return err
		}
		inputs := make([]QuoteLineInput, len(in.Lines))
		var fs errs.Fields
		for i, l := range in.Lines {
			inputs[i] = QuoteLineInput{SKU: l.SKU, Quantity: l.Quantity, ServiceKind: l.ServiceKind}
			p, ok := products[l.SKU]
			switch {
			case !ok || !p.VisibleIn(catalog.B2B):
				fs.Add(fmt.Sprintf("lines[%d].sku", i), "no product %s", l.SKU)
			case p.Kind == catalog.Service && l.ServiceKind == "":
				fs.Add(fmt.Sprintf("lines[%d].service_kind", i), "say which service %s is for: one of %s", l.SKU, serviceKinds())
			case p.Kind == catalog.Licence:
				inputs[i].Seats, inputs[i].MaintenanceMonths = int(max(l.Quantity.WholeUnits(), 1)), licence.TermMonths
			}
		}
		if err := fs.Err(); err != nil {
			return err
		}
		lines, currency, err := a.quoteLines(ctx, tx, org, inputs, now)
		if err != nil {
			return err
		}
		q := quote.Quote{ID: ids.At(now), OrganizationID: org.ID, RequestedBy: c.ID, Status: quote.StatusDraft,
			Currency: currency, Lines: lines, ValidUntil: now.Add(RFQValidity), PaymentTerms: org.PaymentTerms, Revision: 1,
			CreatedAt: now, UpdatedAt: now}
		if err := checkQuote(&q, nil); err != nil {
			return err
		}
		contacts, err := tx.Contacts(ctx, org.ID)
		if err != nil {
			return err
		}
		r := store.QuoteRecord{Quote: q}
		for _, c := range contacts {
			if c.Role != "" {
				r.Participants = append(r.Participants, quote.FromContact(c, quote.Neutral))
			}
		}
		if err := tx.InsertQuote(ctx, &r); err != nil {
			return err
		}
		if err := tx.InsertQuoteRevision(ctx, q.ID, store.QuoteRevision{Revision: 1, At: now, By: actor.Label()}); err != nil {
			return err
		}
		if strings.TrimSpace(in.Note) != "" {
			if _, err := tx.InsertQuoteComment(ctx, store.QuoteComment{ID: ids.At(now), QuoteID: q.ID, AuthorKind: "buyer",
				AuthorID: c.ID, AuthorName: c.Name, Body: in.Note, At: now}, ""); err != nil {
				return err
			}
		}
		out = requestOf(r.Quote)
		return nil
	})
	return out, err
}

func skusOf(lines []RFQLine) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.SKU
	}
	return out
}

func serviceKinds() string {
	names := make([]string, len(quote.ServiceKinds))
	for i, k := range quote.ServiceKinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// QuoteRequestQuery selects quote requests, oldest first.
type QuoteRequestQuery struct {
	OrganizationID string // staff: optional; a buyer sees their organization's
	Unassigned     bool   // staff: only requests no sales manager has taken
	After          string
	Limit          int
}

// QuoteRequests lists the quotes contacts asked for: a buyer their
// organization's, staff any (Unassigned: the ones waiting for a manager).
func (a *App) QuoteRequests(ctx context.Context, actor Actor, q QuoteRequestQuery) ([]QuoteRequest, error) {
	if err := requireBuyerOr(actor, staff.QuotesRead); err != nil {
		return nil, err
	}
	org, err := organizationOf(actor, q.OrganizationID, false)
	if err != nil {
		return nil, err
	}
	var fs errs.Fields
	if q.After != "" && !ids.Valid(q.After) {
		fs.Add("cursor", "is not a cursor this API gave out")
	}
	checkLimit(&fs, q.Limit)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []QuoteRequest
	err = a.portalRead(ctx, actor, func(tx *store.Tx) error {
		qs, err := tx.QuoteRequests(ctx, store.QuoteRequestFilter{OrganizationID: org, Unassigned: q.Unassigned && actor.Staff(),
			After: q.After, Limit: q.Limit})
		for _, x := range qs {
			out = append(out, requestOf(x))
		}
		return err
	})
	return out, err
}

// CancelQuoteRequest calls off a request the seller has not sent a quote for
// yet: the draft is withdrawn. A buyer with the request_quote permission may
// cancel their organization's requests.
func (a *App) CancelQuoteRequest(ctx context.Context, actor Actor, quoteID string) (QuoteRequest, error) {
	if !actor.Buyer() {
		return QuoteRequest{}, errs.E(errs.Forbidden, "only a buyer cancels a request; staff withdraw quotes")
	}
	if !ids.Valid(quoteID) {
		return QuoteRequest{}, errs.E(errs.NotFound, "no quote request %s", quoteID)
	}
	var out QuoteRequest
	err := a.write(ctx, func(tx *store.Tx) error {
		if _, err := buyerContact(ctx, tx, actor, party.RequestQuote); err != nil {
			return err
		}
		r, err := tx.LockQuote(ctx, quoteID)
		if err != nil || r.Quote.OrganizationID != actor.OrganizationID || r.Quote.RequestedBy == "" {
			return errs.E(errs.NotFound, "no quote request %s", quoteID)
		}
		if r.Quote.Status != quote.StatusDraft {
			return &errs.Error{Code: errs.Conflict, Message: "the quote was already sent; decide on it instead",
				Detail: map[string]any{"status": r.Quote.Status}}
		}
		if err := moveQuote(ctx, tx, &r, quote.StatusWithdrawn, a.clock()); err != nil {
			return err
		}
		out = requestOf(r.Quote)
		return nil
	})
	return out, err
}

// commentable loads a quote whose thread the actor may read: staff any; a buyer
// their organization's quotes once sent, and their requests from the start.
func commentable(ctx context.Context, tx *store.Tx, actor Actor, quoteID string) (store.QuoteRecord, error) {
	if !ids.Valid(quoteID) {
		return store.QuoteRecord{}, errs.E(errs.NotFound, "no quote %s", quoteID)
	}
	r, err := tx.Quote(ctx, quoteID)
	if err != nil {
		return r, err
	}
	if actor.Buyer() && (r.Quote.OrganizationID != actor.OrganizationID ||
		(r.Quote.Status == quote.StatusDraft && r.Quote.RequestedBy == "")) {
		return store.QuoteRecord{}, errs.E(errs.NotFound, "no quote %s", quoteID)
	}
	return r, nil
}

// QuoteComments returns a quote's thread between buyer and seller, oldest first.
func (a *App) QuoteComments(ctx context.Context, actor Actor, quoteID string) ([]store.QuoteComment, error) {
	if err := requireBuyerOr(actor, staff.QuotesRead); err != nil {
		return nil, err
	}
	var out []store.QuoteComment
	err := a.portalRead(ctx, actor, func(tx *store.Tx) error {
		if _, err := commentable(ctx, tx, actor, quoteID); err != nil {
			return err
		}
		var err error
		out, err = tx.QuoteComments(ctx, quoteID)
		return err
	})
	return out, err
}

// AddQuoteComment adds a message to a quote's thread, as staff (quotes.edit) or as the
// signed-in buyer (who needs to be allowed to request, approve or order). With a
// request key, a retried post is stored once and answered with the first.
func (a *App) AddQuoteComment(ctx context.Context, actor Actor, quoteID, body, requestKey string) (store.QuoteComment, error) {
	if err := requireBuyerOr(actor, staff.QuotesEdit); err != nil {
		return store.QuoteComment{}, err
	}
	var fs errs.Fields
	checkComment(&fs, "body", body, false)
	if requestKey != "" {
		if e, ok := errs.As(CheckIdempotencyKey(requestKey)); ok {
			fs.Add("request_key", "%s", e.Fields[0].Message)
		}
	}
	if err := fs.Err(); err != nil {
		return store.QuoteComment{}, err
	}
	now := a.clock()
	c := store.QuoteComment{ID: ids.At(now), QuoteID: quoteID, Body: body, At: now}
	err := a.write(ctx, func(tx *store.Tx) error {
		switch {
		case actor.Buyer():
			contact, err := buyerContact(ctx, tx, actor, party.View)
			if err != nil {
				return err
			}
			if !contact.Can(party.RequestQuote) && !contact.Can(party.Approve) && !contact.Can(party.Order) {
				return &errs.Error{Code: errs.Forbidden, Message: "you may read this quote but not take part in its negotiation; ask your account manager",
					Detail: map[string]any{"permission": party.RequestQuote}}
			}
			c.AuthorKind, c.AuthorID, c.AuthorName = "buyer", contact.ID, contact.Name
		default:
			name, err := tx.StaffName(ctx, actor.UserID)
			if err != nil {
				return err
			}
			c.AuthorKind, c.AuthorID, c.AuthorName = "staff", actor.UserID, name
		}
		if _, err := commentable(ctx, tx, actor, quoteID); err != nil {
			return err
		}
		inserted, err := tx.InsertQuoteComment(ctx, c, requestKey)
		if err != nil {
			return err
		}
		if inserted {
			return a.audit(ctx, tx, actor, "quote.comment", "quote", quoteID, map[string]any{"comment_id": c.ID})
		}
		first, err := tx.QuoteCommentByKey(ctx, quoteID, c.AuthorID, requestKey)
		if err != nil {
			return err
		}
		if first.Body != body {
			return errs.Field("request_key", "was already used for another comment; use a new key")
		}
		c = first
		return nil
	})
	return c, err
}

func checkComment(fs *errs.Fields, field, s string, optional bool) {
	switch {
	case !utf8.ValidString(s) || strings.ContainsRune(s, 0):
		fs.Add(field, "must be UTF-8 text without NUL characters")
	case !optional && strings.TrimSpace(s) == "":
		fs.Add(field, "is empty")
	case utf8.RuneCountInString(s) > MaxCommentLength:
		fs.Add(field, "is longer than %d characters", MaxCommentLength)
	}
}
