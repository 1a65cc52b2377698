package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
	"b2x/quote"
	"b2x/staff"
	"b2x/store"
)

// QuoteLineInput is one line the sales manager puts in a quote.
type QuoteLineInput struct {
	SKU      string
	Quantity qty.Quantity
	// UnitPrice is the net unit price offered; nil resolves the organization's
	// price in the b2b channel, as checkout would.
	UnitPrice *money.Amount
	// Included lists the line at zero: part of the deal at no charge (S8).
	Included          bool
	ServiceKind       quote.ServiceKind // for service products
	Seats             int               // for licence products
	MaintenanceMonths int               // for licence products
}

// NewQuote is a quote as the sales manager starts it.
type NewQuote struct {
	OrganizationID string
	RequestedBy    string // contact id; optional
	Lines          []QuoteLineInput
	ValidUntil     time.Time
	PaymentTerms   party.PaymentTerms // empty: the organization's terms
	DeliveryTerms  string
	WinningPoints  []string
	Rules          []quote.Rule
}

// QuoteDetail is a quote with everything needed to decide about it.
type QuoteDetail struct {
	Quote        quote.Quote
	Participants []quote.Participant
	Rules        []quote.Rule
	Approvals    []quote.Approval // the decisions on the current revision
	Verdict      quote.Verdict    // Evaluate over Approvals at the net total
	OrderID      string           // the order the quote became
	Version      int
}

// QuoteChanges is what a revision changes; nil fields stay as they are. New lines
// are priced again.
type QuoteChanges struct {
	Lines         *[]QuoteLineInput
	ValidUntil    *time.Time
	PaymentTerms  *party.PaymentTerms
	DeliveryTerms *string
	WinningPoints *[]string
	// Rules replaces the approval thresholds, as the manager sets them for a
	// buyer's request (which starts without any).
	Rules *[]quote.Rule
}

// QuoteQuery selects a page of quotes in creation order.
type QuoteQuery struct {
	OrganizationID string
	Status         quote.Status
	Limit          int
	After          string // the last id of the previous page
}

// CreateQuote prices and stores a draft quote for an organization. Its buying
// center is copied from the organization's contacts that have a buying-center
// role, all neutral to begin with.
func (a *App) CreateQuote(ctx context.Context, actor Actor, in NewQuote) (quote.Quote, error) {
	if err := require(actor, staff.QuotesEdit); err != nil {
		return quote.Quote{}, err
	}
	var fs errs.Fields
	if !ids.Valid(in.OrganizationID) {
		fs.Add("organization_id", "is not an id")
	}
	if in.RequestedBy != "" && !ids.Valid(in.RequestedBy) {
		fs.Add("requested_by", "is not an id")
	}
	checkQuoteLines(&fs, in.Lines)
	if err := fs.Err(); err != nil {
		return quote.Quote{}, err
	}
	now := a.clock()
	var r store.QuoteRecord
	err := a.write(ctx, func(tx *store.Tx) error {
		org, err := tx.Organization(ctx, in.OrganizationID)
		if err == nil && checkManaged(ctx, tx, actor, in.OrganizationID, "organization", in.OrganizationID) != nil {
			return errs.Field("organization_id", "is not one of your accounts")
		}
		if errs.CodeOf(err) == errs.NotFound {
			return errs.Field("organization_id", "no organization %s", in.OrganizationID)
		} else if err != nil {
			return err
		}
		if in.RequestedBy != "" {
			c, err := tx.Contact(ctx, in.RequestedBy)
			if errs.CodeOf(err) == errs.NotFound || (err == nil && c.OrganizationID != org.ID) {
				return errs.Field("requested_by", "no contact %s at this organization", in.RequestedBy)
			} else if err != nil {
				return err
			}
		}
		lines, currency, err := a.quoteLines(ctx, tx, org, in.Lines, now)
		if err != nil {
			return err
		}
		q := quote.Quote{ID: ids.At(now), OrganizationID: org.ID, RequestedBy: in.RequestedBy, Owner: actor.UserID,
			Status: quote.StatusDraft, Currency: currency, Lines: lines, ValidUntil: utcMicro(in.ValidUntil),
			PaymentTerms: in.PaymentTerms, DeliveryTerms: in.DeliveryTerms, WinningPoints: in.WinningPoints,
			Revision: 1, CreatedAt: now, UpdatedAt: now}
		if q.PaymentTerms == "" {
			q.PaymentTerms = org.PaymentTerms
		}
		if err := checkQuote(&q, in.Rules); err != nil {
			return err
		}
		contacts, err := tx.Contacts(ctx, org.ID)
		if err != nil {
			return err
		}
		r = store.QuoteRecord{Quote: q, Rules: in.Rules}
		for _, c := range contacts {
			if c.Role != "" {
				r.Participants = append(r.Participants, quote.FromContact(c, quote.Neutral))
			}
		}
		if err := tx.InsertQuote(ctx, &r); err != nil {
			return err
		}
		if err := a.audit(ctx, tx, actor, "quote.create", "quote", q.ID, in); err != nil {
			return err
		}
		if err := a.recordPointUses(ctx, tx, actor, q.ID, q.WinningPoints, now); err != nil {
			return err
		}
		return tx.InsertQuoteRevision(ctx, q.ID, store.QuoteRevision{Revision: 1, At: now, By: actor.Label()})
	})
	return r.Quote, err
}

// checkQuoteLines checks what can be checked of the lines before reading the
// catalog.
func checkQuoteLines(fs *errs.Fields, lines []QuoteLineInput) {
	switch {
	case len(lines) == 0:
		fs.Add("lines", "a quote needs at least one line")
	case len(lines) > quote.MaxLines:
		fs.Add("lines", "a quote has at most %d lines", quote.MaxLines)
	}
	for i, l := range lines {
		f := fmt.Sprintf("lines[%d]", i)
		if !catalog.ValidSKU(l.SKU) {
			fs.Add(f+".sku", "is not a valid SKU")
		}
		if l.Quantity <= 0 || l.Quantity > order.MaxLineQuantity {
			fs.Add(f+".quantity", "must be more than 0 and at most %s", order.MaxLineQuantity)
		}
	}
}

// checkQuote prices a quote and checks it with its rules, reporting every problem.
func checkQuote(q *quote.Quote, rules []quote.Rule) error {
	var fs errs.Fields
	fs.Wrap("", q.Validate())
	fs.Wrap("", quote.ValidateRules(rules, q.Currency))
	if err := fs.Err(); err != nil {
		return err
	}
	if err := q.Price(); err != nil {
		return err
	}
	return nil
}

// quoteLines makes quote lines of the input: names, kinds, units and tax rates
// from the catalog, and unit prices as given or resolved for the organization in
// the b2b channel. The quote's currency is that of its first priced line.
func (a *App) quoteLines(ctx context.Context, tx *store.Tx, org party.Organization, in []QuoteLineInput, at time.Time) ([]quote.Line, string, error) {
	skus := make([]string, len(in))
	for i, l := range in {
		skus[i] = l.SKU
	}
	products, err := tx.ProductsBySKU(ctx, skus)
	if err != nil {
		return nil, "", err
	}
	base, err := tx.BasePrices(ctx, skus)
	if err != nil {
		return nil, "", err
	}
	buyer := pricing.Buyer{OrganizationID: org.ID, Groups: org.Groups()}
	lists, err := tx.PriceListsFor(ctx, buyer, skus, at)
	if err != nil {
		return nil, "", err
	}
	var fs errs.Fields
	var currency string
	lines := make([]quote.Line, len(in))
	for i, l := range in {
		f := fmt.Sprintf("lines[%d]", i)
		p, ok := products[l.SKU]
		switch {
		case !ok:
			fs.Add(f+".sku", "no product %s", l.SKU)
			continue
		case !p.Sellable(catalog.B2B):
			fs.Add(f+".sku", "%s is not sold in the b2b channel", l.SKU)
			continue
		}
		line := quote.Line{No: i + 1, SKU: p.SKU, Name: p.Name, Kind: p.Kind, Unit: p.Unit, Quantity: l.Quantity,
			TaxRateBP: p.TaxRateBP, Included: l.Included}
		switch {
		case l.UnitPrice != nil:
			line.UnitPrice = *l.UnitPrice
			line.PriceRule = pricing.Rule{Kind: "quote", Explanation: "price set in the quote"}
		default:
			res, err := pricing.Resolve(pricing.Request{SKU: l.SKU, Quantity: l.Quantity, Buyer: buyer, Channel: catalog.B2B,
				At: at, TaxRateBP: p.TaxRateBP}, base[l.SKU], lists)
			if err != nil {
				fs.Add(f+".sku", "%s has no price", l.SKU)
				continue
			}
			line.UnitPrice, line.PriceRule = res.Unit, res.Rule
			if l.Included {
				line.PriceRule.Explanation = fmt.Sprintf("included at no charge (list price %s %s)", res.Unit, res.Unit.Currency)
			}
		}
		if currency == "" && line.UnitPrice.Currency != "" {
			currency = line.UnitPrice.Currency
		}
		if l.ServiceKind != "" {
			line.Service = &quote.ServiceTerms{Kind: l.ServiceKind}
		}
		if l.Seats != 0 || l.MaintenanceMonths != 0 || p.Kind == catalog.Licence {
			line.Licence = &quote.LicenceTerms{Seats: l.Seats, MaintenanceMonths: l.MaintenanceMonths}
		}
		lines[i] = line
	}
	if err := fs.Err(); err != nil {
		return nil, "", err
	}
	for i, l := range in {
		if l.Included && l.UnitPrice == nil {
			// An included cost is shown at zero; its list price is in the rule.
			lines[i].UnitPrice = money.Zero(currency)
		}
	}
	return lines, currency, nil
}

// Quote returns a quote with its buying center, the decisions on its current
// revision and where the approval stands.
func (a *App) Quote(ctx context.Context, actor Actor, id string) (QuoteDetail, error) {
	if err := requireBuyerOr(actor, staff.QuotesRead); err != nil {
		return QuoteDetail{}, err
	}
	var d QuoteDetail
	err := a.portalRead(ctx, actor, func(tx *store.Tx) error {
		r, err := visibleQuote(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		d, err = detail(ctx, tx, r)
		return err
	})
	return d, err
}

// visibleQuote loads a quote the actor may see; any other is not found.
func visibleQuote(ctx context.Context, tx *store.Tx, actor Actor, id string) (store.QuoteRecord, error) {
	if !ids.Valid(id) {
		return store.QuoteRecord{}, errs.E(errs.NotFound, "no quote %s", id)
	}
	r, err := tx.Quote(ctx, id)
	if err != nil {
		return r, err
	}
	if err := checkManaged(ctx, tx, actor, r.Quote.OrganizationID, "quote", id); err != nil {
		return r, err
	}
	return r, buyerSees(actor, r.Quote)
}

// detail completes a stored quote with its current decisions and the verdict.
func detail(ctx context.Context, tx *store.Tx, r store.QuoteRecord) (QuoteDetail, error) {
	approvals, err := tx.QuoteApprovals(ctx, r.Quote.ID, r.Quote.Revision)
	if err != nil {
		return QuoteDetail{}, err
	}
	approvals = quote.ForRevision(approvals, r.Quote.Revision)
	return QuoteDetail{Quote: r.Quote, Participants: r.Participants, Rules: r.Rules, Approvals: approvals,
		Verdict: quote.Evaluate(r.Participants, r.Rules, approvals, r.Quote.Net), OrderID: r.OrderID, Version: r.Version}, nil
}

// Quotes lists quotes without their lines.
func (a *App) Quotes(ctx context.Context, actor Actor, q QuoteQuery) ([]quote.Quote, error) {
	if err := requireBuyerOr(actor, staff.QuotesRead); err != nil {
		return nil, err
	}
	if actor.Buyer() {
		q.OrganizationID = actor.OrganizationID // a buyer sees only their organization's quotes
	}
	var fs errs.Fields
	if q.OrganizationID != "" && !ids.Valid(q.OrganizationID) {
		fs.Add("organization_id", "is not an id")
	}
	if q.Status != "" && !q.Status.Valid() {
		fs.Add("status", "unknown status %q", q.Status)
	}
	if q.After != "" && !ids.Valid(q.After) {
		fs.Add("cursor", "is not a cursor this API gave out")
	}
	checkLimit(&fs, q.Limit)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []quote.Quote
	err := a.portalRead(ctx, actor, func(tx *store.Tx) (err error) {
		out, err = tx.ListQuotes(ctx, store.QuoteFilter{OrganizationID: q.OrganizationID, Status: q.Status,
			After: q.After, Limit: q.Limit, HideDrafts: actor.Buyer(), ManagedBy: managerOf(actor)})
		return err
	})
	return out, err
}

// QuoteRevisions returns a quote's revision history with what changed in each.
func (a *App) QuoteRevisions(ctx context.Context, actor Actor, id string) ([]store.QuoteRevision, error) {
	if err := requireBuyerOr(actor, staff.QuotesRead); err != nil {
		return nil, err
	}
	var out []store.QuoteRevision
	err := a.portalRead(ctx, actor, func(tx *store.Tx) error {
		if _, err := visibleQuote(ctx, tx, actor, id); err != nil {
			return err
		}
		var err error
		out, err = tx.QuoteRevisions(ctx, id)
		return err
	})
	return out, err
}

// changeQuote runs fn on the locked quote in a write transaction and returns the
// quote as fn left it. Only staff change quotes, except through changeQuoteFor.
func (a *App) changeQuote(ctx context.Context, actor Actor, id, action string, fn func(tx *store.Tx, r *store.QuoteRecord, now time.Time) error) (QuoteDetail, error) {
	if err := require(actor, staff.QuotesEdit); err != nil {
		return QuoteDetail{}, err
	}
	return a.changeQuoteFor(ctx, actor, id, action, func(tx *store.Tx, r *store.QuoteRecord, now time.Time) error {
		if r.Quote.Owner == "" {
			// A buyer's request (RequestQuote) belongs to the first sales manager who
			// works on it.
			if err := tx.AssignQuoteOwner(ctx, r.Quote.ID, actor.UserID); err != nil {
				return err
			}
			r.Quote.Owner = actor.UserID
		}
		return fn(tx, r, now)
	})
}

// changeQuoteFor is changeQuote for staff or a buyer of the quote's organization;
// the caller checks the actor. A staff change is audited under action with what
// changed in the quote's header.
func (a *App) changeQuoteFor(ctx context.Context, actor Actor, id, action string, fn func(tx *store.Tx, r *store.QuoteRecord, now time.Time) error) (QuoteDetail, error) {
	if !ids.Valid(id) {
		return QuoteDetail{}, errs.E(errs.NotFound, "no quote %s", id)
	}
	var d QuoteDetail
	err := a.write(ctx, func(tx *store.Tx) error {
		r, err := tx.LockQuote(ctx, id)
		if err != nil {
			return err
		}
		if err := buyerSees(actor, r.Quote); err != nil {
			return err
		}
		if err := checkManaged(ctx, tx, actor, r.Quote.OrganizationID, "quote", id); err != nil {
			return err
		}
		before := r.Quote
		if err := fn(tx, &r, a.clock()); err != nil {
			return err
		}
		if actor.Staff() {
			b, af := before, r.Quote
			b.Lines, af.Lines, b.UpdatedAt = nil, nil, af.UpdatedAt
			change := diff(b, af)
			if !slices.Equal(before.Lines, r.Quote.Lines) {
				change["lines"] = FieldChange{From: len(before.Lines), To: len(r.Quote.Lines)}
			}
			if err := a.audit(ctx, tx, actor, action, "quote", id, change); err != nil {
				return err
			}
		}
		d, err = detail(ctx, tx, r)
		return err
	})
	return d, err
}

// moveQuote changes the quote's status after checking the status machine.
func moveQuote(ctx context.Context, tx *store.Tx, r *store.QuoteRecord, to quote.Status, now time.Time) error {
	if err := quote.CheckTransition(r.Quote.Status, to); err != nil {
		return err
	}
	r.Quote.Status, r.Quote.UpdatedAt = to, now
	return tx.UpdateQuote(ctx, r, false)
}

// SendQuote offers a draft to the buyer.
func (a *App) SendQuote(ctx context.Context, actor Actor, id string) (QuoteDetail, error) {
	return a.changeQuote(ctx, actor, id, "quote.send", func(tx *store.Tx, r *store.QuoteRecord, now time.Time) error {
		if err := quote.CheckTransition(r.Quote.Status, quote.StatusSent); err != nil {
			return err
		}
		if !r.Quote.ValidUntil.After(now) {
			return errs.Field("valid_until", "has passed; set a new date in a revision before sending")
		}
		return moveQuote(ctx, tx, r, quote.StatusSent, now)
	})
}

// WithdrawQuote takes a quote back.
func (a *App) WithdrawQuote(ctx context.Context, actor Actor, id string) (QuoteDetail, error) {
	return a.changeQuote(ctx, actor, id, "quote.withdraw", func(tx *store.Tx, r *store.QuoteRecord, now time.Time) error {
		return moveQuote(ctx, tx, r, quote.StatusWithdrawn, now)
	})
}

// ReviseQuote changes a quote. A draft is edited in place; a quote the buyer has
// seen (sent, approved or rejected) gets a new revision in draft, with what
// changed stored in its history, and the decisions on older revisions no longer
// count. New lines are priced again.
func (a *App) ReviseQuote(ctx context.Context, actor Actor, id string, ch QuoteChanges) (QuoteDetail, error) {
	if ch.Lines != nil {
		var fs errs.Fields
		checkQuoteLines(&fs, *ch.Lines)
		if err := fs.Err(); err != nil {
			return QuoteDetail{}, err
		}
	}
	return a.changeQuote(ctx, actor, id, "quote.revise", func(tx *store.Tx, r *store.QuoteRecord, now time.Time) error {
		old := r.Quote
		q := r.Quote
		revision := q.Status != quote.StatusDraft
		if revision {
			if err := quote.Revise(&q, now); err != nil {
				return err
			}
		}
		q.UpdatedAt = now
		if ch.Lines != nil {
			org, err := tx.Organization(ctx, q.OrganizationID)
			if err != nil {
				return err
			}
			lines, currency, err := a.quoteLines(ctx, tx, org, *ch.Lines, now)
			if err != nil {
				return err
			}
			q.Lines, q.Currency = lines, currency
		}
		if ch.ValidUntil != nil {
			q.ValidUntil = utcMicro(*ch.ValidUntil)
		}
		if ch.PaymentTerms != nil {
			q.PaymentTerms = *ch.PaymentTerms
		}
		if ch.DeliveryTerms != nil {
			q.DeliveryTerms = *ch.DeliveryTerms
		}
		if ch.WinningPoints != nil {
			q.WinningPoints = slices.Clone(*ch.WinningPoints)
		}
		if q.Currency != old.Currency {
			return errs.Field("lines", "a revision keeps the quote's currency %s", old.Currency)
		}
		rules := r.Rules
		if ch.Rules != nil {
			rules = slices.Clone(*ch.Rules)
		}
		if err := checkQuote(&q, rules); err != nil {
			return err
		}
		r.Quote = q
		if err := tx.UpdateQuote(ctx, r, ch.Lines != nil); err != nil {
			return err
		}
		if ch.WinningPoints != nil {
			if err := a.recordPointUses(ctx, tx, actor, q.ID, q.WinningPoints, now); err != nil {
				return err
			}
		}
		if ch.Rules != nil {
			if err := tx.ReplaceQuoteRules(ctx, q.ID, rules); err != nil {
				return err
			}
			r.Rules = rules
		}
		if !revision {
			return nil
		}
		return tx.InsertQuoteRevision(ctx, q.ID, store.QuoteRevision{Revision: q.Revision, Changes: quote.Diff(old, q),
			At: now, By: actor.Label()})
	})
}

// Approve records a buying-center member's decision on the current revision of a
// quote (staff records it on the contact's behalf until buyers sign in). With
// requestKey, the same decision sent twice is stored once; without one, a decision
// equal to the contact's latest on this revision is not stored again. All of the
// revision's stored decisions are then evaluated again inside the transaction, on
// the locked quote, so two decisions at once both count: a sent quote whose every
// required role approved becomes approved, and any rejection makes it rejected.
//
// A buyer decides only for themselves, on their own organization's quotes.
func (a *App) Approve(ctx context.Context, actor Actor, quoteID, contactID string, decision quote.Decision, reason, requestKey string) (QuoteDetail, error) {
	if err := requireBuyerOr(actor, staff.QuotesEdit); err != nil {
		return QuoteDetail{}, err
	}
	if actor.Buyer() && contactID != actor.ContactID {
		return QuoteDetail{}, errs.E(errs.Forbidden, "a buyer decides only for themselves")
	}
	var fs errs.Fields
	if contactID != "" && !ids.Valid(contactID) {
		fs.Add("contact_id", "is not an id")
	}
	if requestKey != "" {
		if e, ok := errs.As(CheckIdempotencyKey(requestKey)); ok {
			fs.Add("request_key", "%s", e.Fields[0].Message)
		} else if strings.HasPrefix(requestKey, derivedKeyPrefix) {
			fs.Add("request_key", "may not start with %q", derivedKeyPrefix)
		}
	}
	probe := quote.Approval{ContactID: contactID, Decision: decision, Reason: reason, At: time.Unix(1, 0)}
	fs.Wrap("", probe.Validate())
	if err := fs.Err(); err != nil {
		return QuoteDetail{}, err
	}
	return a.changeQuoteFor(ctx, actor, quoteID, "quote.decide", func(tx *store.Tx, r *store.QuoteRecord, now time.Time) error {
		if actor.Buyer() {
			if _, err := buyerContact(ctx, tx, actor, party.Approve); err != nil {
				return err
			}
		}
		q := &r.Quote
		ap := quote.Approval{ContactID: contactID, Decision: decision, Reason: reason, Revision: q.Revision, At: now}
		if requestKey != "" {
			prev, err := tx.QuoteApprovalByKey(ctx, q.ID, q.Revision, contactID, requestKey)
			if err != nil {
				return err
			}
			if prev != nil {
				if prev.Decision != decision || prev.Reason != reason {
					return errs.Field("request_key", "was already used for a different decision; use a new key")
				}
				return nil // a retry: the decision is stored, the verdict is what it was
			}
		}
		if !slices.ContainsFunc(r.Participants, func(p quote.Participant) bool { return p.ContactID == contactID }) {
			return errs.Field("contact_id", "contact %s is not in the buying center of this quote", contactID)
		}
		if q.Status != quote.StatusSent && q.Status != quote.StatusApproved {
			return &errs.Error{Code: errs.Conflict, Message: "a quote that is " + string(q.Status) + " is not open for decisions",
				Detail: map[string]any{"status": q.Status}}
		}
		current, err := tx.QuoteApprovals(ctx, q.ID, q.Revision)
		if err != nil {
			return err
		}
		key := requestKey
		if key == "" {
			var mine []quote.Approval
			for _, c := range current {
				if c.ContactID == contactID {
					mine = append(mine, c)
				}
			}
			if n := len(mine); n > 0 && mine[n-1].Decision == decision && mine[n-1].Reason == reason {
				return nil // the same decision again: it counts once
			}
			key = fmt.Sprintf("%s%d", derivedKeyPrefix, len(mine)+1)
		}
		inserted, err := tx.InsertQuoteApproval(ctx, q.ID, ap, key)
		if err != nil || !inserted {
			return err
		}
		v := quote.Evaluate(r.Participants, r.Rules, append(current, ap), q.Net)
		switch {
		case len(v.Rejections) > 0:
			return moveQuote(ctx, tx, r, quote.StatusRejected, now)
		case v.CanAccept && q.Status == quote.StatusSent:
			return moveQuote(ctx, tx, r, quote.StatusApproved, now)
		}
		if err := tx.BumpQuoteVersion(ctx, q.ID, r.Version, now); err != nil {
			return err
		}
		r.Version++
		return nil
	})
}

// derivedKeyPrefix marks the request keys Approve makes for decisions sent without
// one: the contact's nth decision on the revision.
const derivedKeyPrefix = "derived:"

// quoteAcceptScope is the idempotency-key scope of AcceptQuote.
const quoteAcceptScope = "quote-accept"

// AcceptQuote converts an approved quote into a B2B order in one transaction: it
// evaluates the stored decisions again (every required role approved, nobody
// rejects), refuses an expired quote, checks the organization's credit, takes the
// stock of goods lines as checkout does, writes the order and marks the quote
// ordered with the order's id. With an idempotency key, a retry returns the first
// order (replayed is true).
//
// Credit: unless the quote is prepaid, the open B2B orders of the organization
// (placed, confirmed, shipped, delivered) plus this quote's total must stay within
// its credit limit; a zero limit gives no credit. Acceptances for one organization
// queue on its credit lock, so two at once against a limit that covers one make
// exactly one order.
func (a *App) AcceptQuote(ctx context.Context, actor Actor, id, key string) (o order.Order, replayed bool, err error) {
	if err := requireBuyerOr(actor, staff.QuotesEdit); err != nil {
		return o, false, err
	}
	if key != "" {
		if err := CheckIdempotencyKey(key); err != nil {
			return o, false, err
		}
	}
	if !ids.Valid(id) {
		return o, false, errs.E(errs.NotFound, "no quote %s", id)
	}
	sum := sha256.Sum256([]byte(quoteAcceptScope + ":" + id))
	hash := hex.EncodeToString(sum[:])
	now := a.clock()
	orderID := ids.At(now)
	err = a.write(ctx, func(tx *store.Tx) error {
		if key != "" {
			ok, err := tx.ClaimIdempotencyKey(ctx, quoteAcceptScope, key, store.IdempotentResult{RequestHash: hash, ResultID: orderID}, now)
			if err != nil {
				return err
			}
			if !ok {
				return errKeyTaken
			}
		}
		r, err := tx.LockQuote(ctx, id)
		if err != nil {
			return err
		}
		if err := buyerSees(actor, r.Quote); err != nil {
			return err
		}
		if err := checkManaged(ctx, tx, actor, r.Quote.OrganizationID, "quote", id); err != nil {
			return err
		}
		q := &r.Quote
		if actor.Buyer() {
			// Accepting commits the organization to an order: the buyer needs the
			// order permission and the quote must be within their spending limit.
			c, err := buyerContact(ctx, tx, actor, party.Order)
			if err != nil {
				return err
			}
			if err := checkSpendingLimit(c, q.Net); err != nil {
				return err
			}
		}
		if q.Status == quote.StatusOrdered {
			return &errs.Error{Code: errs.Conflict, Message: "the quote was already ordered",
				Detail: map[string]any{"status": q.Status, "order_id": r.OrderID}}
		}
		if quote.Expired(*q, now) {
			return &errs.Error{Code: errs.Conflict, Message: "the quote expired at " + q.ValidUntil.Format(time.RFC3339),
				Detail: map[string]any{"valid_until": q.ValidUntil}}
		}
		d, err := detail(ctx, tx, r)
		if err != nil {
			return err
		}
		if v := d.Verdict; !v.CanAccept {
			reasons := make([]string, len(v.Rejections))
			for i, rej := range v.Rejections {
				reasons[i] = rej.Reason
			}
			return &errs.Error{Code: errs.Conflict, Message: "the quote cannot be accepted yet: " + v.Summary,
				Detail: map[string]any{"missing": v.Missing, "unheld": v.Unheld, "rejections": reasons}}
		}
		// A quote nobody has to approve is approved as soon as it is sent.
		if q.Status == quote.StatusSent {
			q.Status = quote.StatusApproved
		}
		if err := quote.CheckTransition(q.Status, quote.StatusAccepted); err != nil {
			return err
		}
		if err := quote.CheckTransition(quote.StatusAccepted, quote.StatusOrdered); err != nil {
			return err
		}
		if err := a.checkCredit(ctx, tx, q, now); err != nil {
			return err
		}
		o = orderOf(q, orderID, actor, now)
		if err := tx.InsertOrder(ctx, &o); err != nil {
			return err
		}
		if err := takeStock(ctx, tx, &o, actor, nil); err != nil {
			return err
		}
		if err := recordLicences(ctx, tx, &o, q); err != nil {
			return err
		}
		q.Status, q.UpdatedAt, r.OrderID = quote.StatusOrdered, now, o.ID
		if err := tx.UpdateQuote(ctx, &r, false); err != nil {
			return err
		}
		if !actor.Staff() {
			return nil
		}
		return a.audit(ctx, tx, actor, "quote.accept", "quote", id, map[string]string{"order_id": o.ID})
	})
	if errors.Is(err, errKeyTaken) {
		o, replayed, err = a.replay(ctx, quoteAcceptScope, key, hash, "to accept another quote")
		if err == nil && actor.Buyer() && o.Customer.OrganizationID != actor.OrganizationID {
			return order.Order{}, false, errs.E(errs.NotFound, "no quote %s", id)
		}
		return o, replayed, err
	}
	if err != nil {
		return order.Order{}, false, err
	}
	return o, false, nil
}

// orderOf makes the order an accepted quote becomes: b2b, net prices, the quote's
// lines and totals, delivered by the company when the quote has a delivery line.
func orderOf(q *quote.Quote, id string, actor Actor, now time.Time) order.Order {
	o := order.Order{ID: id, Channel: catalog.B2B, Status: order.Placed, Currency: q.Currency, DeliveryMethod: order.Pickup,
		Customer: order.Customer{OrganizationID: q.OrganizationID, ContactID: q.RequestedBy},
		Note:     "quote " + q.Number + " revision " + itoa(q.Revision), Net: q.Net, Tax: q.Tax, Total: q.Total,
		PlacedAt: now, UpdatedAt: now, Transitions: []order.Transition{{To: order.Placed, At: now, By: actor.Label(),
			Note: "from quote " + q.Number}}}
	for _, l := range q.Lines {
		o.Lines = append(o.Lines, l.OrderLine())
		if l.Service != nil && l.Service.Kind == quote.Delivery {
			o.DeliveryMethod = order.OwnDelivery
		}
	}
	return o
}

// checkCredit refuses a quote on credit that would take the organization over its
// credit limit, counting its open orders (see checkCreditFor).
func (a *App) checkCredit(ctx context.Context, tx *store.Tx, q *quote.Quote, now time.Time) error {
	return a.checkCreditFor(ctx, tx, q.OrganizationID, q.PaymentTerms, q.Total, "quote", now)
}

// checkCreditFor refuses an order on credit (what: "quote" or "order") that would
// take the organization over its credit limit, counting its open orders. It runs
// under the organization's credit lock, so acceptances and orders for one
// organization are checked one after the other. Empty terms are the
// organization's.
func (a *App) checkCreditFor(ctx context.Context, tx *store.Tx, organizationID string, terms party.PaymentTerms, total money.Amount, what string, now time.Time) error {
	org, err := tx.Organization(ctx, organizationID)
	if err != nil {
		return err
	}
	if terms == "" {
		terms = org.PaymentTerms
	}
	if terms == party.Prepaid {
		return nil
	}
	if err := tx.LockCredit(ctx, org.ID, now); err != nil {
		return err
	}
	if org, err = tx.Organization(ctx, org.ID); err != nil { // the limit as it is under the lock
		return err
	}
	limit := org.CreditLimit
	if limit.Minor == 0 {
		return &errs.Error{Code: errs.Conflict, Message: "the organization has no credit; the " + what + " must be prepaid",
			Detail: map[string]any{"credit_limit": limit, "total": total}}
	}
	if limit.Currency != total.Currency {
		return &errs.Error{Code: errs.Conflict, Message: fmt.Sprintf("the credit limit is in %s and the %s in %s", limit.Currency, what, total.Currency),
			Detail: map[string]any{"credit_limit": limit, "total": total}}
	}
	used, others, err := tx.OpenCredit(ctx, org.ID, limit.Currency)
	if err != nil {
		return err
	}
	if others > 0 {
		return &errs.Error{Code: errs.Conflict, Message: fmt.Sprintf("the organization has open orders in currencies other than %s; its credit cannot be checked", limit.Currency),
			Detail: map[string]any{"credit_limit": limit}}
	}
	after, err := used.Add(total)
	if err != nil {
		return err
	}
	if after.Minor > limit.Minor {
		available, _ := limit.Sub(used)
		return &errs.Error{Code: errs.Conflict,
			Message: fmt.Sprintf("the order would exceed the credit limit of %s %s: %s %s is open, %s %s available, the %s is %s %s",
				limit, limit.Currency, used, used.Currency, available, available.Currency, what, total, total.Currency),
			Detail: map[string]any{"credit_limit": limit, "credit_used": used, "available": available, "total": total}}
	}
	return nil
}

// ExpireQuotes moves the quotes whose validity ran out to expired and returns how
// many; a job runs it, and running it twice expires nothing twice.
func (a *App) ExpireQuotes(ctx context.Context) (int, error) {
	var n int
	err := a.write(ctx, func(tx *store.Tx) error {
		n = 0 // a retried transaction counts again from the start
		now := a.clock()
		due, err := tx.DueQuotes(ctx, now)
		if err != nil {
			return err
		}
		for _, id := range due {
			ok, err := tx.ExpireQuote(ctx, id, now)
			if err != nil {
				return err
			}
			if ok {
				n++
			}
		}
		return nil
	})
	return n, err
}

func utcMicro(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
