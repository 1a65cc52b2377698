package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/order"
	"b2x/payment"
	"b2x/pricing"
	"b2x/qty"
)

type lineJSON struct {
	No        int          `json:"no"`
	SKU       string       `json:"sku"`
	Name      string       `json:"name"`
	Kind      catalog.Kind `json:"kind"`
	Unit      string       `json:"unit"`
	Quantity  qty.Quantity `json:"quantity"`
	UnitPrice money.Amount `json:"unit_price"`
	TaxRate   string       `json:"tax_rate"`
	Net       money.Amount `json:"net"`
	Tax       money.Amount `json:"tax"`
	Total     money.Amount `json:"total"`
	PriceRule pricing.Rule `json:"price_rule"`
	// Discount is the part of the line's price the order's discounts took off.
	Discount *money.Amount `json:"discount,omitempty"`
}

func lineOut(l order.Line) lineJSON {
	out := lineJSON{No: l.No, SKU: l.SKU, Name: l.Name, Kind: l.Kind, Unit: l.Unit, Quantity: l.Quantity,
		UnitPrice: l.UnitPrice, TaxRate: catalog.FormatTaxRate(l.TaxRateBP), Net: l.Net, Tax: l.Tax, Total: l.Gross,
		PriceRule: l.PriceRule}
	if l.Discount.Minor != 0 {
		out.Discount = &l.Discount
	}
	return out
}

type adjustmentJSON struct {
	Kind   order.AdjustmentKind `json:"kind"`
	Line   int                  `json:"line,omitempty"`
	Ref    string               `json:"ref"`
	Label  string               `json:"label"`
	Points int64                `json:"points,omitempty"`
	Net    money.Amount         `json:"net"`
	Tax    money.Amount         `json:"tax"`
	Total  money.Amount         `json:"total"`
}

func adjustmentOut(a order.Adjustment) adjustmentJSON {
	return adjustmentJSON{Kind: a.Kind, Line: a.LineNo, Ref: a.Ref, Label: a.Label, Points: a.Points, Net: a.Net, Tax: a.Tax, Total: a.Gross}
}

type paymentJSON struct {
	Method    payment.Method `json:"method"`
	Status    payment.Status `json:"status"`
	Amount    money.Amount   `json:"amount"`
	Provider  string         `json:"provider,omitempty"`
	Reference string         `json:"reference,omitempty"`
	CardLast4 string         `json:"card_last4,omitempty"`
}

type transitionJSON struct {
	From order.Status `json:"from,omitempty"`
	To   order.Status `json:"to"`
	At   time.Time    `json:"at"`
	By   string       `json:"by"`
	Note string       `json:"note,omitempty"`
}

type orderJSON struct {
	ID               string               `json:"id"`
	Number           string               `json:"number"`
	Channel          catalog.Channel      `json:"channel"`
	Status           order.Status         `json:"status"`
	PersonID         string               `json:"person_id,omitempty"`
	OrganizationID   string               `json:"organization_id,omitempty"`
	ContactID        string               `json:"contact_id,omitempty"`
	Guest            *order.Guest         `json:"guest,omitempty"`
	Currency         string               `json:"currency"`
	PricesIncludeTax bool                 `json:"prices_include_tax"`
	DeliveryMethod   order.DeliveryMethod `json:"delivery_method"`
	DeliveryAddress  string               `json:"delivery_address,omitempty"`
	Note             string               `json:"note,omitempty"`
	Lines            []lineJSON           `json:"lines,omitempty"`
	// Subtotal, Discount, DeliveryFee and Adjustments come with the lines (not in listings).
	Subtotal       *money.Amount    `json:"subtotal,omitempty"`
	Discount       *money.Amount    `json:"discount,omitempty"`
	DeliveryFee    *money.Amount    `json:"delivery_fee,omitempty"`
	Adjustments    []adjustmentJSON `json:"adjustments,omitempty"`
	LoyaltyCardID  string           `json:"loyalty_card_id,omitempty"`
	PointsRedeemed int64            `json:"points_redeemed,omitempty"`
	Payment        *paymentJSON     `json:"payment,omitempty"`
	Net            money.Amount     `json:"net"`
	Tax            money.Amount     `json:"tax"`
	Total          money.Amount     `json:"total"`
	PlacedAt       time.Time        `json:"placed_at"`
	UpdatedAt      time.Time        `json:"updated_at"`
	Transitions    []transitionJSON `json:"transitions,omitempty"`
}

func orderOut(o order.Order) orderJSON {
	out := orderJSON{ID: o.ID, Number: o.Number, Channel: o.Channel, Status: o.Status, PersonID: o.Customer.PersonID,
		OrganizationID: o.Customer.OrganizationID, ContactID: o.Customer.ContactID, Guest: o.Customer.Guest,
		Currency: o.Currency, PricesIncludeTax: o.PricesIncludeTax, DeliveryMethod: o.DeliveryMethod,
		DeliveryAddress: o.DeliveryAddress, Note: o.Note, Net: o.Net, Tax: o.Tax, Total: o.Total,
		PlacedAt: o.PlacedAt, UpdatedAt: o.UpdatedAt}
	for _, l := range o.Lines {
		out.Lines = append(out.Lines, lineOut(l))
	}
	if len(o.Lines) > 0 {
		sub, disc, fee := o.Subtotal(), o.Discounts(), o.Fees()
		out.Subtotal, out.Discount, out.DeliveryFee = &sub, &disc, &fee
	}
	for _, a := range o.Adjustments {
		out.Adjustments = append(out.Adjustments, adjustmentOut(a))
	}
	out.LoyaltyCardID, out.PointsRedeemed = o.LoyaltyCardID, o.PointsRedeemed()
	if p := o.Payment; p != nil {
		out.Payment = &paymentJSON{Method: p.Method, Status: p.Status, Amount: p.Amount, Provider: p.Provider, Reference: p.Reference,
			CardLast4: p.CardLast4}
	}
	for _, t := range o.Transitions {
		out.Transitions = append(out.Transitions, transitionJSON(t))
	}
	return out
}

type orderIn struct {
	Channel         catalog.Channel      `json:"channel"`
	Coupon          string               `json:"coupon"`
	LoyaltyPhone    string               `json:"loyalty_phone"`
	Points          int64                `json:"points"`
	LoyaltyCode     string               `json:"loyalty_code"`
	Payment         *app.PaymentInput    `json:"payment"`
	Guest           *order.Guest         `json:"guest"`
	PersonID        string               `json:"person_id"`
	OrganizationID  string               `json:"organization_id"`
	ContactID       string               `json:"contact_id"`
	DeliveryMethod  order.DeliveryMethod `json:"delivery_method"`
	DeliveryAddress string               `json:"delivery_address"`
	Note            string               `json:"note"`
	Lines           []struct {
		SKU      string          `json:"sku"`
		Quantity json.RawMessage `json:"quantity"`
	} `json:"lines"`
}

// createOrder places an order. The Idempotency-Key header is required: a client
// that retries after a timeout gets the first order back instead of a second one.
func (s *Server) createOrder(w http.ResponseWriter, r *http.Request) error {
	return s.placeIdempotent(w, r, func(key string) (orderResult, error) {
		co, err := checkoutIn(w, r)
		if err != nil {
			return orderResult{}, err
		}
		o, replayed, err := s.app.Checkout(r.Context(), actorOf(r), key, co)
		return orderResult{o, replayed}, err
	})
}

type orderResult struct {
	order    order.Order
	replayed bool
}

// placeIdempotent answers a request that places an order under the request's
// Idempotency-Key: 201 with the order, marked Idempotent-Replayed when the key
// had placed it before.
func (s *Server) placeIdempotent(w http.ResponseWriter, r *http.Request, place func(key string) (orderResult, error)) error {
	key := r.Header.Get("Idempotency-Key")
	if err := app.CheckIdempotencyKey(key); err != nil {
		return &httpError{status: http.StatusBadRequest, err: err.(*errs.Error)}
	}
	res, err := place(key)
	if err != nil {
		return err
	}
	if res.replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	w.Header().Set("Location", "/api/v1/orders/"+res.order.ID)
	return writeJSON(w, http.StatusCreated, orderOut(res.order))
}

// checkoutIn reads an order body into the input of Checkout and PriceCart.
func checkoutIn(w http.ResponseWriter, r *http.Request) (app.CheckoutInput, error) {
	var in orderIn
	if err := decode(w, r, &in); err != nil {
		return app.CheckoutInput{}, err
	}
	co := app.CheckoutInput{Channel: in.Channel, Guest: in.Guest, PersonID: in.PersonID, OrganizationID: in.OrganizationID,
		ContactID: in.ContactID, DeliveryMethod: in.DeliveryMethod, DeliveryAddress: in.DeliveryAddress, Note: in.Note,
		Coupon: in.Coupon, LoyaltyPhone: in.LoyaltyPhone, Points: in.Points, LoyaltyCode: in.LoyaltyCode, Payment: in.Payment}
	var fs errs.Fields
	for i, l := range in.Lines {
		q, err := quantityField(fmt.Sprintf("lines[%d].quantity", i), l.Quantity)
		fs.Wrap("", err)
		co.Lines = append(co.Lines, app.CheckoutLine{SKU: l.SKU, Quantity: q})
	}
	return co, fs.Err()
}

func (s *Server) getOrder(w http.ResponseWriter, r *http.Request) error {
	o, err := s.app.Order(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, orderOut(o))
}

func (s *Server) listOrders(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	oq := app.OrderQuery{Status: order.Status(q.Get("status")), Customer: q.Get("customer"), Limit: limit + 1,
		Channel: catalog.Channel(q.Get("channel")), Number: q.Get("number")}
	for _, p := range []struct {
		name string
		to   *time.Time
	}{{"placed_from", &oq.From}, {"placed_to", &oq.To}} {
		if v := q.Get(p.name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				return errs.Field(p.name, "must be an RFC 3339 time")
			}
			*p.to = t
		}
	}
	if c := q.Get("cursor"); c != "" {
		raw, err := decodeCursor(c)
		if err != nil {
			return err
		}
		at, id, ok := strings.Cut(raw, "|")
		t, terr := time.Parse(time.RFC3339Nano, at)
		if !ok || terr != nil {
			return errs.Field("cursor", "is not a cursor this API gave out")
		}
		oq.BeforeAt, oq.BeforeID = t, id
	}
	os, err := s.app.Orders(r.Context(), actorOf(r), oq)
	if err != nil {
		return err
	}
	out := page[orderJSON]{Items: []orderJSON{}}
	for i, o := range os {
		if i == limit {
			last := os[i-1]
			out.NextCursor = encodeCursor(last.PlacedAt.Format(time.RFC3339Nano) + "|" + last.ID)
			break
		}
		out.Items = append(out.Items, orderOut(o))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) transitionOrder(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		To   order.Status `json:"to"`
		Note string       `json:"note"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.To == "" {
		return errs.Field("to", "is required")
	}
	o, err := s.app.TransitionOrder(r.Context(), actorOf(r), r.PathValue("id"), in.To, in.Note)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, orderOut(o))
}
