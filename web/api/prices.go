package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/pricing"
	"b2x/qty"
)

func (s *Server) resolvePrice(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	quantity := qty.Units(1)
	if v := q.Get("quantity"); v != "" {
		var err error
		if quantity, err = qty.Parse(v); err != nil {
			return errs.Field("quantity", "%s", err)
		}
	}
	ch := catalog.Channel(q.Get("channel"))
	if ch == "" {
		ch = catalog.B2C
		if q.Get("organization") != "" {
			ch = catalog.B2B
		}
	}
	res, err := s.app.ResolvePrice(r.Context(), actorOf(r), app.PriceQuestion{SKU: q.Get("sku"), Quantity: quantity,
		OrganizationID: q.Get("organization"), PersonID: q.Get("person"), Channel: ch})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{
		"sku": q.Get("sku"), "quantity": quantity, "channel": ch,
		"unit_price": res.Unit, "price_includes_tax": res.TaxIncluded, "rule": res.Rule,
	})
}

type entryJSON struct {
	SKU         string       `json:"sku"`
	MinQuantity qty.Quantity `json:"min_quantity"`
	Price       money.Amount `json:"price"`
}

type priceListJSON struct {
	ID             string      `json:"id"`
	Name           string      `json:"name"`
	Currency       string      `json:"currency"`
	OrganizationID string      `json:"organization_id,omitempty"`
	Group          string      `json:"group,omitempty"`
	ValidFrom      time.Time   `json:"valid_from"`
	ValidTo        *time.Time  `json:"valid_to,omitempty"`
	Entries        []entryJSON `json:"entries"`
}

func priceListOut(l pricing.PriceList) priceListJSON {
	out := priceListJSON{ID: l.ID, Name: l.Name, Currency: l.Currency, OrganizationID: l.OrganizationID, Group: l.Group,
		ValidFrom: l.ValidFrom, Entries: []entryJSON{}}
	if !l.ValidTo.IsZero() {
		out.ValidTo = &l.ValidTo
	}
	for _, e := range l.Entries {
		out.Entries = append(out.Entries, entryJSON(e))
	}
	return out
}

func (s *Server) createPriceList(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name           string          `json:"name"`
		Currency       string          `json:"currency"`
		OrganizationID string          `json:"organization_id"`
		Group          string          `json:"group"`
		ValidFrom      json.RawMessage `json:"valid_from"`
		ValidTo        json.RawMessage `json:"valid_to"`
		Entries        []struct {
			SKU         string          `json:"sku"`
			MinQuantity json.RawMessage `json:"min_quantity"`
			Price       json.RawMessage `json:"price"`
		} `json:"entries"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	l := pricing.PriceList{Name: in.Name, Currency: in.Currency, OrganizationID: in.OrganizationID, Group: in.Group}
	var fs errs.Fields
	var err error
	if in.ValidFrom != nil {
		l.ValidFrom, err = timeField("valid_from", in.ValidFrom)
		fs.Wrap("", err)
	}
	if in.ValidTo != nil {
		l.ValidTo, err = timeField("valid_to", in.ValidTo)
		fs.Wrap("", err)
	}
	for i, e := range in.Entries {
		f := fmt.Sprintf("entries[%d]", i)
		entry := pricing.Entry{SKU: e.SKU}
		entry.Price, err = moneyField(f+".price", e.Price)
		fs.Wrap("", err)
		if len(e.MinQuantity) > 0 {
			q, err := quantityField(f+".min_quantity", e.MinQuantity)
			fs.Wrap("", err)
			entry.MinQuantity = q
		}
		l.Entries = append(l.Entries, entry)
	}
	if err := fs.Err(); err != nil {
		return err
	}
	l, err = s.app.CreatePriceList(r.Context(), actorOf(r), l)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, priceListOut(l))
}

func (s *Server) listPriceLists(w http.ResponseWriter, r *http.Request) error {
	ls, err := s.app.PriceLists(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := make([]priceListJSON, len(ls))
	for i, l := range ls {
		out[i] = priceListOut(l)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}
