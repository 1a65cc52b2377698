package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"b2x/app"
	"b2x/contract"
	"b2x/errs"
	"b2x/money"
	"b2x/pricing"
	"b2x/qty"
)

// Contracts: staff agree prices, a volume and a term with an organization; its
// buyers read them with what they have bought against them.

type commitmentJSON struct {
	Kind     contract.CommitmentKind `json:"kind"`
	Amount   *money.Amount           `json:"amount,omitempty"`
	Quantity *qty.Quantity           `json:"quantity,omitempty"`
}

type consumptionJSON struct {
	Net               money.Amount    `json:"net"`
	Quantity          qty.Quantity    `json:"quantity"`
	Orders            int             `json:"orders"`
	OtherCurrency     int             `json:"orders_in_other_currencies"`
	Status            contract.Status `json:"status"`
	ReachedBP         int64           `json:"reached_bp"`
	ElapsedBP         int64           `json:"elapsed_bp"`
	RemainingAmount   *money.Amount   `json:"remaining_amount,omitempty"`
	RemainingQuantity *qty.Quantity   `json:"remaining_quantity,omitempty"`
	Met               bool            `json:"met"`
	OnTrack           bool            `json:"on_track"`
}

type contractJSON struct {
	ID             string          `json:"id"`
	OrganizationID string          `json:"organization_id"`
	Name           string          `json:"name"`
	Currency       string          `json:"currency"`
	PriceListID    string          `json:"price_list_id,omitempty"`
	Prices         []entryJSON     `json:"prices"`
	Commitment     commitmentJSON  `json:"commitment"`
	StartsAt       time.Time       `json:"starts_at"`
	EndsAt         time.Time       `json:"ends_at"`
	Terms          string          `json:"terms"`
	Consumption    consumptionJSON `json:"consumption"`
	Version        int             `json:"version"`
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
}

func contractOut(v app.ContractView) contractJSON {
	c, u := v.Contract, v.Consumption
	out := contractJSON{ID: c.ID, OrganizationID: c.OrganizationID, Name: c.Name, Currency: c.Currency,
		PriceListID: c.PriceListID, Prices: []entryJSON{}, Commitment: commitmentJSON{Kind: c.Commitment.Kind},
		StartsAt: c.StartsAt, EndsAt: c.EndsAt, Terms: c.Terms, Version: c.Version, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		Consumption: consumptionJSON{Net: u.Net, Quantity: u.Quantity, Orders: u.Orders, OtherCurrency: u.OtherCurrency,
			Status: u.Status, ReachedBP: u.ReachedBP, ElapsedBP: u.ElapsedBP, Met: u.Met, OnTrack: u.OnTrack}}
	for _, e := range c.Prices {
		out.Prices = append(out.Prices, entryJSON(e))
	}
	switch c.Commitment.Kind {
	case contract.AmountKind:
		a, r := c.Commitment.Amount, u.RemainingAmount
		out.Commitment.Amount, out.Consumption.RemainingAmount = &a, &r
	case contract.QuantityKind:
		q, r := c.Commitment.Quantity, u.RemainingQuantity
		out.Commitment.Quantity, out.Consumption.RemainingQuantity = &q, &r
	}
	return out
}

type priceIn struct {
	SKU         string          `json:"sku"`
	MinQuantity json.RawMessage `json:"min_quantity"`
	Price       json.RawMessage `json:"price"`
}

type commitmentIn struct {
	Kind     contract.CommitmentKind `json:"kind"`
	Amount   json.RawMessage         `json:"amount"`
	Quantity json.RawMessage         `json:"quantity"`
}

func pricesIn(fs *errs.Fields, in []priceIn) []pricing.Entry {
	out := []pricing.Entry{}
	for i, p := range in {
		f := fmt.Sprintf("prices[%d]", i)
		e := pricing.Entry{SKU: p.SKU}
		var err error
		e.Price, err = moneyField(f+".price", p.Price)
		fs.Wrap("", err)
		if len(p.MinQuantity) > 0 {
			e.MinQuantity, err = quantityField(f+".min_quantity", p.MinQuantity)
			fs.Wrap("", err)
		}
		out = append(out, e)
	}
	return out
}

func (c commitmentIn) commitment(fs *errs.Fields) contract.Commitment {
	out := contract.Commitment{Kind: c.Kind}
	var err error
	if len(c.Amount) > 0 && string(c.Amount) != "null" {
		out.Amount, err = moneyField("commitment.amount", c.Amount)
		fs.Wrap("", err)
	}
	if len(c.Quantity) > 0 && string(c.Quantity) != "null" {
		out.Quantity, err = quantityField("commitment.quantity", c.Quantity)
		fs.Wrap("", err)
	}
	return out
}

func (s *Server) listContracts(w http.ResponseWriter, r *http.Request) error {
	vs, err := s.app.Contracts(r.Context(), actorOf(r), r.URL.Query().Get("organization"))
	if err != nil {
		return err
	}
	out := page[contractJSON]{Items: []contractJSON{}}
	for _, v := range vs {
		out.Items = append(out.Items, contractOut(v))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) createContract(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		OrganizationID string          `json:"organization_id"`
		Name           string          `json:"name"`
		Currency       string          `json:"currency"`
		Prices         []priceIn       `json:"prices"`
		Commitment     *commitmentIn   `json:"commitment"`
		StartsAt       json.RawMessage `json:"starts_at"`
		EndsAt         json.RawMessage `json:"ends_at"`
		Terms          string          `json:"terms"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var fs errs.Fields
	c := contract.Contract{OrganizationID: in.OrganizationID, Name: in.Name, Currency: in.Currency, Terms: in.Terms,
		Prices: pricesIn(&fs, in.Prices)}
	if in.Commitment != nil {
		c.Commitment = in.Commitment.commitment(&fs)
	}
	c.StartsAt = requiredTime(&fs, "starts_at", in.StartsAt)
	c.EndsAt = requiredTime(&fs, "ends_at", in.EndsAt)
	if err := fs.Err(); err != nil {
		return err
	}
	v, err := s.app.CreateContract(r.Context(), actorOf(r), c)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/contracts/"+v.Contract.ID)
	return writeJSON(w, http.StatusCreated, contractOut(v))
}

func (s *Server) getContract(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.Contract(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, contractOut(v))
}

func (s *Server) updateContract(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name       *string         `json:"name"`
		Prices     *[]priceIn      `json:"prices"`
		Commitment *commitmentIn   `json:"commitment"`
		StartsAt   json.RawMessage `json:"starts_at"`
		EndsAt     json.RawMessage `json:"ends_at"`
		Terms      *string         `json:"terms"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var fs errs.Fields
	ch := app.ContractChanges{Name: in.Name, Terms: in.Terms}
	if in.Prices != nil {
		prices := pricesIn(&fs, *in.Prices)
		ch.Prices = &prices
	}
	if in.Commitment != nil {
		c := in.Commitment.commitment(&fs)
		ch.Commitment = &c
	}
	if len(in.StartsAt) > 0 {
		t, err := timeField("starts_at", in.StartsAt)
		fs.Wrap("", err)
		ch.StartsAt = &t
	}
	if len(in.EndsAt) > 0 {
		t, err := timeField("ends_at", in.EndsAt)
		fs.Wrap("", err)
		ch.EndsAt = &t
	}
	if err := fs.Err(); err != nil {
		return err
	}
	v, err := s.app.UpdateContract(r.Context(), actorOf(r), r.PathValue("id"), ch)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, contractOut(v))
}

// requiredTime reads a required RFC 3339 time field.
func requiredTime(fs *errs.Fields, field string, raw json.RawMessage) time.Time {
	if len(raw) == 0 {
		fs.Add(field, "is required")
		return time.Time{}
	}
	t, err := timeField(field, raw)
	fs.Wrap("", err)
	return t
}
