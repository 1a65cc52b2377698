package api

import (
	"encoding/json"
	"net/http"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/order"
)

type deliveryRateJSON struct {
	Method    order.DeliveryMethod `json:"method"`
	Name      string               `json:"name"`
	Fee       money.Amount         `json:"fee"`
	FreeFrom  *money.Amount        `json:"free_from,omitempty"`
	TaxRate   string               `json:"tax_rate"`
	Active    bool                 `json:"active"`
	UpdatedAt time.Time            `json:"updated_at"`
}

func deliveryRateOut(r order.DeliveryRate) deliveryRateJSON {
	return deliveryRateJSON{Method: r.Method, Name: r.Name, Fee: r.Fee, FreeFrom: amountOut(r.FreeFrom),
		TaxRate: catalog.FormatTaxRate(r.TaxRateBP), Active: r.Active, UpdatedAt: r.UpdatedAt}
}

func (s *Server) listDeliveryMethods(w http.ResponseWriter, r *http.Request) error {
	rs, err := s.app.DeliveryRates(r.Context())
	if err != nil {
		return err
	}
	out := make([]deliveryRateJSON, len(rs))
	for i, rt := range rs {
		out[i] = deliveryRateOut(rt)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (s *Server) putDeliveryMethod(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name     string          `json:"name"`
		Fee      json.RawMessage `json:"fee"`
		FreeFrom json.RawMessage `json:"free_from"`
		TaxRate  string          `json:"tax_rate"`
		Active   *bool           `json:"active"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	rt := order.DeliveryRate{Method: order.DeliveryMethod(r.PathValue("method")), Name: in.Name, Active: in.Active == nil || *in.Active}
	var fs errs.Fields
	var err error
	rt.Fee, err = moneyField("fee", in.Fee)
	fs.Wrap("", err)
	if in.FreeFrom != nil {
		rt.FreeFrom, err = moneyField("free_from", in.FreeFrom)
		fs.Wrap("", err)
	}
	if in.TaxRate != "" {
		if rt.TaxRateBP, err = catalog.ParseTaxRate(in.TaxRate); err != nil {
			fs.Add("tax_rate", "%s", err)
		}
	}
	if err := fs.Err(); err != nil {
		return err
	}
	if rt, err = s.app.UpdateDeliveryRate(r.Context(), actorOf(r), rt); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, deliveryRateOut(rt))
}

type deliveryOptionJSON struct {
	Method   order.DeliveryMethod `json:"method"`
	Name     string               `json:"name"`
	Fee      money.Amount         `json:"fee"`
	FreeFrom *money.Amount        `json:"free_from,omitempty"`
}

type loyaltyQuoteJSON struct {
	Phone        string `json:"phone"`
	Exists       bool   `json:"exists"`
	Tier         string `json:"tier"`
	TierDiscount string `json:"tier_discount"`
	CanRedeem    bool   `json:"can_redeem"`
	Points       int64  `json:"points"`
	MaxPoints    int64  `json:"max_points"`
}

type cartQuoteJSON struct {
	Currency         string               `json:"currency"`
	PricesIncludeTax bool                 `json:"prices_include_tax"`
	DeliveryMethod   order.DeliveryMethod `json:"delivery_method"`
	Lines            []lineJSON           `json:"lines"`
	Adjustments      []adjustmentJSON     `json:"adjustments"`
	Subtotal         money.Amount         `json:"subtotal"`
	Discount         money.Amount         `json:"discount"`
	DeliveryFee      money.Amount         `json:"delivery_fee"`
	Net              money.Amount         `json:"net"`
	Tax              money.Amount         `json:"tax"`
	Total            money.Amount         `json:"total"`
	DeliveryOptions  []deliveryOptionJSON `json:"delivery_options"`
	Loyalty          *loyaltyQuoteJSON    `json:"loyalty,omitempty"`
	PointsToEarn     int64                `json:"points_to_earn"`
}

// quoteCart prices a cart the way placing it would, without placing it.
func (s *Server) quoteCart(w http.ResponseWriter, r *http.Request) error {
	co, err := checkoutIn(w, r)
	if err != nil {
		return err
	}
	q, err := s.app.PriceCart(r.Context(), actorOf(r), co)
	if err != nil {
		return err
	}
	o := q.Order
	out := cartQuoteJSON{Currency: o.Currency, PricesIncludeTax: o.PricesIncludeTax, DeliveryMethod: o.DeliveryMethod,
		Lines: []lineJSON{}, Adjustments: []adjustmentJSON{}, Subtotal: o.Subtotal(), Discount: o.Discounts(), DeliveryFee: o.Fees(),
		Net: o.Net, Tax: o.Tax, Total: o.Total, DeliveryOptions: []deliveryOptionJSON{}, PointsToEarn: q.PointsToEarn}
	for _, l := range o.Lines {
		out.Lines = append(out.Lines, lineOut(l))
	}
	for _, a := range o.Adjustments {
		out.Adjustments = append(out.Adjustments, adjustmentOut(a))
	}
	for _, d := range q.Delivery {
		out.DeliveryOptions = append(out.DeliveryOptions, deliveryOptionJSON{Method: d.Method, Name: d.Name, Fee: d.Fee, FreeFrom: amountOut(d.FreeFrom)})
	}
	if l := q.Loyalty; l != nil {
		out.Loyalty = &loyaltyQuoteJSON{Phone: l.Phone, Exists: l.Exists, Tier: l.Tier.Name, TierDiscount: catalog.FormatTaxRate(l.Tier.DiscountBP),
			CanRedeem: l.CanRedeem, Points: l.Points, MaxPoints: l.MaxPoints}
	}
	return writeJSON(w, http.StatusOK, out)
}
