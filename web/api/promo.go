package api

import (
	"encoding/json"
	"net/http"
	"time"

	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/promo"
)

// discountIn is the part coupons and promotions share: a percent ("10", "12.5")
// or an amount of money.
type discountIn struct {
	Kind       promo.Kind      `json:"kind"`
	Percent    *string         `json:"percent"`
	Amount     json.RawMessage `json:"amount"`
	ValidFrom  json.RawMessage `json:"valid_from"`
	ValidUntil json.RawMessage `json:"valid_until"`
}

func (d discountIn) read(fs *errs.Fields) (bp int, amount money.Amount, from, until time.Time) {
	var err error
	if d.Percent != nil {
		if bp, err = catalog.ParseTaxRate(*d.Percent); err != nil {
			fs.Add("percent", "%s", err)
		}
	}
	if d.Amount != nil {
		amount, err = moneyField("amount", d.Amount)
		fs.Wrap("", err)
	}
	if d.ValidFrom != nil {
		from, err = timeField("valid_from", d.ValidFrom)
		fs.Wrap("", err)
	}
	if d.ValidUntil != nil {
		until, err = timeField("valid_until", d.ValidUntil)
		fs.Wrap("", err)
	}
	return bp, amount, from, until
}

func percentOut(kind promo.Kind, bp int) string {
	if kind != promo.Percent {
		return ""
	}
	return catalog.FormatTaxRate(bp)
}

func amountOut(a money.Amount) *money.Amount {
	if a.Minor == 0 {
		return nil
	}
	return &a
}

func timeOut(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

type couponJSON struct {
	ID               string          `json:"id"`
	Code             string          `json:"code"`
	Kind             promo.Kind      `json:"kind"`
	Percent          string          `json:"percent,omitempty"`
	Amount           *money.Amount   `json:"amount,omitempty"`
	MinOrder         *money.Amount   `json:"min_order,omitempty"`
	ValidFrom        *time.Time      `json:"valid_from,omitempty"`
	ValidUntil       *time.Time      `json:"valid_until,omitempty"`
	TotalLimit       int             `json:"total_limit"`
	PerCustomerLimit int             `json:"per_customer_limit"`
	Channel          catalog.Channel `json:"channel,omitempty"`
	Used             int             `json:"used"`
	CreatedAt        time.Time       `json:"created_at"`
}

func couponOut(c promo.Coupon) couponJSON {
	return couponJSON{ID: c.ID, Code: c.Code, Kind: c.Kind, Percent: percentOut(c.Kind, c.PercentBP), Amount: amountOut(c.Amount),
		MinOrder: amountOut(c.MinOrder), ValidFrom: timeOut(c.ValidFrom), ValidUntil: timeOut(c.ValidUntil), TotalLimit: c.TotalLimit,
		PerCustomerLimit: c.PerCustomerLimit, Channel: c.Channel, Used: c.Used, CreatedAt: c.CreatedAt}
}

func (s *Server) createCoupon(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		discountIn
		Code             string          `json:"code"`
		MinOrder         json.RawMessage `json:"min_order"`
		TotalLimit       int             `json:"total_limit"`
		PerCustomerLimit int             `json:"per_customer_limit"`
		Channel          catalog.Channel `json:"channel"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var fs errs.Fields
	c := promo.Coupon{Code: in.Code, Kind: in.Kind, TotalLimit: in.TotalLimit, PerCustomerLimit: in.PerCustomerLimit, Channel: in.Channel}
	c.PercentBP, c.Amount, c.ValidFrom, c.ValidUntil = in.read(&fs)
	if in.MinOrder != nil {
		var err error
		c.MinOrder, err = moneyField("min_order", in.MinOrder)
		fs.Wrap("", err)
	}
	if err := fs.Err(); err != nil {
		return err
	}
	c, err := s.app.CreateCoupon(r.Context(), actorOf(r), c)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/coupons")
	return writeJSON(w, http.StatusCreated, couponOut(c))
}

func (s *Server) listCoupons(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.app.Coupons(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	out := make([]couponJSON, len(cs))
	for i, c := range cs {
		out[i] = couponOut(c)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

type promotionJSON struct {
	ID         string          `json:"id"`
	Name       string          `json:"name"`
	Kind       promo.Kind      `json:"kind"`
	Percent    string          `json:"percent,omitempty"`
	Amount     *money.Amount   `json:"amount,omitempty"`
	SKUs       []string        `json:"skus"`
	Categories []string        `json:"categories"`
	Brands     []string        `json:"brands"`
	Channel    catalog.Channel `json:"channel"`
	ValidFrom  *time.Time      `json:"valid_from,omitempty"`
	ValidUntil *time.Time      `json:"valid_until,omitempty"`
	CreatedAt  time.Time       `json:"created_at"`
}

func promotionOut(p promo.Promotion) promotionJSON {
	list := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	return promotionJSON{ID: p.ID, Name: p.Name, Kind: p.Kind, Percent: percentOut(p.Kind, p.PercentBP), Amount: amountOut(p.Amount),
		SKUs: list(p.SKUs), Categories: list(p.Categories), Brands: list(p.Brands), Channel: p.Channel,
		ValidFrom: timeOut(p.ValidFrom), ValidUntil: timeOut(p.ValidUntil), CreatedAt: p.CreatedAt}
}

func (s *Server) createPromotion(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		discountIn
		Name       string          `json:"name"`
		SKUs       []string        `json:"skus"`
		Categories []string        `json:"categories"`
		Brands     []string        `json:"brands"`
		Channel    catalog.Channel `json:"channel"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Channel == "" {
		in.Channel = catalog.B2C
	}
	var fs errs.Fields
	p := promo.Promotion{Name: in.Name, Kind: in.Kind, SKUs: in.SKUs, Categories: in.Categories, Brands: in.Brands, Channel: in.Channel}
	p.PercentBP, p.Amount, p.ValidFrom, p.ValidUntil = in.read(&fs)
	if err := fs.Err(); err != nil {
		return err
	}
	p, err := s.app.CreatePromotion(r.Context(), actorOf(r), p)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/promotions")
	return writeJSON(w, http.StatusCreated, promotionOut(p))
}

func (s *Server) listPromotions(w http.ResponseWriter, r *http.Request) error {
	ps, err := s.app.Promotions(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	out := make([]promotionJSON, len(ps))
	for i, p := range ps {
		out[i] = promotionOut(p)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}
