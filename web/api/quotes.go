package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/money"
	"b2x/party"
	"b2x/quote"
)

// The quote flow: staff create, revise, send and withdraw quotes; a buyer (a
// contact signed in with a contact token) reads their organization's quotes,
// approves or rejects them for themselves and accepts them into an order. Which
// organization a buyer may see is decided in app, not here.

type quoteLineJSON struct {
	lineJSON
	Included          bool              `json:"included"`
	ServiceKind       quote.ServiceKind `json:"service_kind,omitempty"`
	Seats             int               `json:"seats,omitempty"`
	MaintenanceMonths int               `json:"maintenance_months,omitempty"`
}

type participantJSON struct {
	ContactID string       `json:"contact_id"`
	Name      string       `json:"name"`
	Role      party.Role   `json:"role"`
	Influence int          `json:"influence"`
	Sphere    party.Sphere `json:"sphere,omitempty"`
	Stance    quote.Stance `json:"stance,omitempty"` // the seller's reading; staff only
	Required  bool         `json:"required"`
}

type ruleJSON struct {
	Role  party.Role    `json:"role"`
	Above *money.Amount `json:"above,omitempty"`
}

type approvalJSON struct {
	ContactID string         `json:"contact_id"`
	Role      party.Role     `json:"role,omitempty"`
	Decision  quote.Decision `json:"decision"`
	Reason    string         `json:"reason,omitempty"`
	Revision  int            `json:"revision"`
	At        time.Time      `json:"at"`
}

type roleVerdictJSON struct {
	Role       party.Role `json:"role"`
	ApprovedBy []string   `json:"approved_by"` // contact ids
	Holders    []string   `json:"holders"`     // contact ids
	Because    []string   `json:"because"`
}

type rejectionJSON struct {
	ContactID string       `json:"contact_id"`
	Name      string       `json:"name"`
	Roles     []party.Role `json:"roles"`
	Reason    string       `json:"reason"`
	At        time.Time    `json:"at"`
}

type verdictJSON struct {
	CanAccept  bool              `json:"can_accept"`
	Summary    string            `json:"summary"`
	Required   []roleVerdictJSON `json:"required"`
	Missing    []party.Role      `json:"missing"`
	Unheld     []party.Role      `json:"unheld"`
	Rejections []rejectionJSON   `json:"rejections"`
}

type quoteJSON struct {
	ID             string             `json:"id"`
	Number         string             `json:"number"`
	OrganizationID string             `json:"organization_id"`
	RequestedBy    string             `json:"requested_by,omitempty"`
	Status         quote.Status       `json:"status"`
	Currency       string             `json:"currency"`
	Lines          []quoteLineJSON    `json:"lines,omitempty"`
	Net            money.Amount       `json:"net"`
	Tax            money.Amount       `json:"tax"`
	Total          money.Amount       `json:"total"`
	ValidUntil     time.Time          `json:"valid_until"`
	PaymentTerms   party.PaymentTerms `json:"payment_terms"`
	DeliveryTerms  string             `json:"delivery_terms,omitempty"`
	WinningPoints  []string           `json:"winning_points"`
	Revision       int                `json:"revision"`
	CreatedAt      time.Time          `json:"created_at"`
	UpdatedAt      time.Time          `json:"updated_at"`
	// Only in a single quote's document:
	Participants []participantJSON `json:"participants,omitempty"`
	Rules        []ruleJSON        `json:"rules,omitempty"`
	Approvals    []approvalJSON    `json:"approvals,omitempty"`
	Verdict      *verdictJSON      `json:"verdict,omitempty"`
	OrderID      string            `json:"order_id,omitempty"`
}

func quoteOut(q quote.Quote) quoteJSON {
	out := quoteJSON{ID: q.ID, Number: q.Number, OrganizationID: q.OrganizationID, RequestedBy: q.RequestedBy,
		Status: q.Status, Currency: q.Currency, Net: q.Net, Tax: q.Tax, Total: q.Total, ValidUntil: q.ValidUntil,
		PaymentTerms: q.PaymentTerms, DeliveryTerms: q.DeliveryTerms, WinningPoints: q.WinningPoints,
		Revision: q.Revision, CreatedAt: q.CreatedAt, UpdatedAt: q.UpdatedAt}
	if out.WinningPoints == nil {
		out.WinningPoints = []string{}
	}
	for _, l := range q.Lines {
		lj := quoteLineJSON{lineJSON: lineOut(l.OrderLine()), Included: l.Included}
		if l.Service != nil {
			lj.ServiceKind = l.Service.Kind
		}
		if l.Licence != nil {
			lj.Seats, lj.MaintenanceMonths = l.Licence.Seats, l.Licence.MaintenanceMonths
		}
		out.Lines = append(out.Lines, lj)
	}
	return out
}

func verdictOut(v quote.Verdict) verdictJSON {
	out := verdictJSON{CanAccept: v.CanAccept, Summary: v.Summary, Required: []roleVerdictJSON{},
		Missing: nonNil(v.Missing), Unheld: nonNil(v.Unheld), Rejections: []rejectionJSON{}}
	contacts := func(ps []quote.Participant) []string {
		ids := []string{}
		for _, p := range ps {
			ids = append(ids, p.ContactID)
		}
		return ids
	}
	for _, r := range v.Required {
		out.Required = append(out.Required, roleVerdictJSON{Role: r.Role, ApprovedBy: contacts(r.ApprovedBy),
			Holders: contacts(r.Holders), Because: nonNil(r.Because)})
	}
	for _, r := range v.Rejections {
		out.Rejections = append(out.Rejections, rejectionJSON{ContactID: r.ContactID, Name: r.Name, Roles: nonNil(r.Roles),
			Reason: r.Reason, At: r.At})
	}
	return out
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// quoteDetailOut is a quote with its buying center and verdict. A buyer does not
// see the seller's reading of each person (stance).
func quoteDetailOut(d app.QuoteDetail, actor app.Actor) quoteJSON {
	out := quoteOut(d.Quote)
	for _, p := range d.Participants {
		pj := participantJSON{ContactID: p.ContactID, Name: p.Name, Role: p.Role, Influence: p.Influence,
			Sphere: p.Sphere, Stance: p.Stance, Required: p.Required}
		if !actor.Staff() {
			pj.Stance = ""
		}
		out.Participants = append(out.Participants, pj)
	}
	for _, r := range d.Rules {
		rj := ruleJSON{Role: r.Role}
		if !r.Above.IsZero() {
			above := r.Above
			rj.Above = &above
		}
		out.Rules = append(out.Rules, rj)
	}
	for _, a := range d.Approvals {
		out.Approvals = append(out.Approvals, approvalJSON(a))
	}
	v := verdictOut(d.Verdict)
	out.Verdict, out.OrderID = &v, d.OrderID
	return out
}

type quoteLineIn struct {
	SKU               string            `json:"sku"`
	Quantity          json.RawMessage   `json:"quantity"`
	UnitPrice         json.RawMessage   `json:"unit_price"`
	Included          bool              `json:"included"`
	ServiceKind       quote.ServiceKind `json:"service_kind"`
	Seats             int               `json:"seats"`
	MaintenanceMonths int               `json:"maintenance_months"`
}

// quoteLines turns the request's lines into app input, naming every bad field.
func quoteLines(fs *errs.Fields, in []quoteLineIn) []app.QuoteLineInput {
	out := make([]app.QuoteLineInput, 0, len(in))
	for i, l := range in {
		f := fmt.Sprintf("lines[%d]", i)
		q, err := quantityField(f+".quantity", l.Quantity)
		fs.Wrap("", err)
		li := app.QuoteLineInput{SKU: l.SKU, Quantity: q, Included: l.Included, ServiceKind: l.ServiceKind,
			Seats: l.Seats, MaintenanceMonths: l.MaintenanceMonths}
		if len(l.UnitPrice) > 0 && string(l.UnitPrice) != "null" {
			p, err := moneyField(f+".unit_price", l.UnitPrice)
			fs.Wrap("", err)
			li.UnitPrice = &p
		}
		out = append(out, li)
	}
	return out
}

func (s *Server) createQuote(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		OrganizationID string             `json:"organization_id"`
		RequestedBy    string             `json:"requested_by"`
		Lines          []quoteLineIn      `json:"lines"`
		ValidUntil     json.RawMessage    `json:"valid_until"`
		PaymentTerms   party.PaymentTerms `json:"payment_terms"`
		DeliveryTerms  string             `json:"delivery_terms"`
		WinningPoints  []string           `json:"winning_points"`
		Rules          []struct {
			Role  party.Role      `json:"role"`
			Above json.RawMessage `json:"above"`
		} `json:"rules"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var fs errs.Fields
	nq := app.NewQuote{OrganizationID: in.OrganizationID, RequestedBy: in.RequestedBy, Lines: quoteLines(&fs, in.Lines),
		PaymentTerms: in.PaymentTerms, DeliveryTerms: in.DeliveryTerms, WinningPoints: in.WinningPoints}
	if len(in.ValidUntil) == 0 {
		fs.Add("valid_until", "is required")
	} else {
		t, err := timeField("valid_until", in.ValidUntil)
		fs.Wrap("", err)
		nq.ValidUntil = t
	}
	for i, rl := range in.Rules {
		rule := quote.Rule{Role: rl.Role}
		if len(rl.Above) > 0 && string(rl.Above) != "null" {
			a, err := moneyField(fmt.Sprintf("rules[%d].above", i), rl.Above)
			fs.Wrap("", err)
			rule.Above = a
		}
		nq.Rules = append(nq.Rules, rule)
	}
	if err := fs.Err(); err != nil {
		return err
	}
	actor := actorOf(r)
	q, err := s.app.CreateQuote(r.Context(), actor, nq)
	if err != nil {
		return err
	}
	d, err := s.app.Quote(r.Context(), actor, q.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/quotes/"+q.ID)
	return writeJSON(w, http.StatusCreated, quoteDetailOut(d, actor))
}

func (s *Server) listQuotes(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	qq := app.QuoteQuery{OrganizationID: q.Get("organization"), Status: quote.Status(q.Get("status")), Limit: limit + 1}
	if c := q.Get("cursor"); c != "" {
		if qq.After, err = decodeCursor(c); err != nil {
			return err
		}
	}
	qs, err := s.app.Quotes(r.Context(), actorOf(r), qq)
	if err != nil {
		return err
	}
	out := page[quoteJSON]{Items: []quoteJSON{}}
	for i, x := range qs {
		if i == limit {
			out.NextCursor = encodeCursor(qs[i-1].ID)
			break
		}
		out.Items = append(out.Items, quoteOut(x))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) getQuote(w http.ResponseWriter, r *http.Request) error {
	d, err := s.app.Quote(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, quoteDetailOut(d, actorOf(r)))
}

func (s *Server) reviseQuote(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Lines         *[]quoteLineIn      `json:"lines"`
		ValidUntil    json.RawMessage     `json:"valid_until"`
		PaymentTerms  *party.PaymentTerms `json:"payment_terms"`
		DeliveryTerms *string             `json:"delivery_terms"`
		WinningPoints *[]string           `json:"winning_points"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var fs errs.Fields
	ch := app.QuoteChanges{PaymentTerms: in.PaymentTerms, DeliveryTerms: in.DeliveryTerms, WinningPoints: in.WinningPoints}
	if in.Lines != nil {
		lines := quoteLines(&fs, *in.Lines)
		ch.Lines = &lines
	}
	if len(in.ValidUntil) > 0 {
		t, err := timeField("valid_until", in.ValidUntil)
		fs.Wrap("", err)
		ch.ValidUntil = &t
	}
	if err := fs.Err(); err != nil {
		return err
	}
	d, err := s.app.ReviseQuote(r.Context(), actorOf(r), r.PathValue("id"), ch)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, quoteDetailOut(d, actorOf(r)))
}

func (s *Server) sendQuote(w http.ResponseWriter, r *http.Request) error {
	d, err := s.app.SendQuote(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, quoteDetailOut(d, actorOf(r)))
}

func (s *Server) withdrawQuote(w http.ResponseWriter, r *http.Request) error {
	d, err := s.app.WithdrawQuote(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, quoteDetailOut(d, actorOf(r)))
}

// decideQuote records the signed-in buyer's decision. An Idempotency-Key header
// makes a retried decision count once.
func (s *Server) decideQuote(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Decision quote.Decision `json:"decision"`
		Reason   string         `json:"reason"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	key := r.Header.Get("Idempotency-Key")
	d, err := s.app.DecideQuote(r.Context(), actorOf(r), r.PathValue("id"), in.Decision, in.Reason, key)
	if e, ok := errs.As(err); ok {
		for i := range e.Fields {
			if e.Fields[i].Field == "request_key" {
				e.Fields[i].Field = "Idempotency-Key"
			}
		}
	}
	if err != nil {
		return err
	}
	v := verdictOut(d.Verdict)
	return writeJSON(w, http.StatusOK, struct {
		QuoteID string       `json:"quote_id"`
		Status  quote.Status `json:"status"`
		Verdict verdictJSON  `json:"verdict"`
	}{d.Quote.ID, d.Quote.Status, v})
}

// acceptQuote turns an approved quote into an order. The Idempotency-Key header is
// required, as for checkout.
func (s *Server) acceptQuote(w http.ResponseWriter, r *http.Request) error {
	key := r.Header.Get("Idempotency-Key")
	if err := app.CheckIdempotencyKey(key); err != nil {
		return &httpError{status: http.StatusBadRequest, err: err.(*errs.Error)}
	}
	o, replayed, err := s.app.AcceptQuote(r.Context(), actorOf(r), r.PathValue("id"), key)
	if err != nil {
		return err
	}
	if replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	if actorOf(r).Staff() {
		w.Header().Set("Location", "/api/v1/orders/"+o.ID)
	}
	return writeJSON(w, http.StatusCreated, orderOut(o))
}

type changeJSON struct {
	Field string `json:"field"`
	SKU   string `json:"sku,omitempty"`
	From  string `json:"from"`
	To    string `json:"to"`
	Text  string `json:"text"`
}

type revisionJSON struct {
	Revision int          `json:"revision"`
	Changes  []changeJSON `json:"changes"`
	At       time.Time    `json:"at"`
	By       string       `json:"by"`
}

func (s *Server) listQuoteRevisions(w http.ResponseWriter, r *http.Request) error {
	revs, err := s.app.QuoteRevisions(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := page[revisionJSON]{Items: []revisionJSON{}}
	for _, rv := range revs {
		rj := revisionJSON{Revision: rv.Revision, Changes: []changeJSON{}, At: rv.At, By: rv.By}
		for _, c := range rv.Changes {
			rj.Changes = append(rj.Changes, changeJSON(c))
		}
		out.Items = append(out.Items, rj)
	}
	return writeJSON(w, http.StatusOK, out)
}
