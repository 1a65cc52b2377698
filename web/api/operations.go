package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/inventory"
	"b2x/order"
	"b2x/qty"
)

type reorderPointJSON struct {
	SKU       string       `json:"sku"`
	Warehouse string       `json:"warehouse"`
	Point     qty.Quantity `json:"point"`
	Quantity  qty.Quantity `json:"quantity"`
	UpdatedAt time.Time    `json:"updated_at"`
	UpdatedBy string       `json:"updated_by"`
}

func reorderPointOut(r inventory.ReorderPoint) reorderPointJSON {
	return reorderPointJSON{r.SKU, r.Warehouse, r.Point, r.Quantity, r.UpdatedAt, r.UpdatedBy}
}

func (s *Server) listReorderPoints(w http.ResponseWriter, r *http.Request) error {
	rps, err := s.app.ReorderPoints(r.Context(), actorOf(r), r.PathValue("sku"))
	if err != nil {
		return err
	}
	out := []reorderPointJSON{}
	for _, rp := range rps {
		out = append(out, reorderPointOut(rp))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (s *Server) putReorderPoint(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Point    json.RawMessage `json:"point"`
		Quantity json.RawMessage `json:"quantity"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p, err := quantityField("point", in.Point)
	if err != nil {
		return err
	}
	var q qty.Quantity
	if len(in.Quantity) > 0 {
		if q, err = quantityField("quantity", in.Quantity); err != nil {
			return err
		}
	}
	rp, err := s.app.SetReorderPoint(r.Context(), actorOf(r), app.ReorderPointInput{SKU: r.PathValue("sku"),
		Warehouse: r.PathValue("code"), Point: p, Quantity: q})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, reorderPointOut(rp))
}

func (s *Server) deleteReorderPoint(w http.ResponseWriter, r *http.Request) error {
	_, err := s.app.SetReorderPoint(r.Context(), actorOf(r), app.ReorderPointInput{SKU: r.PathValue("sku"),
		Warehouse: r.PathValue("code"), Remove: true})
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type lowStockJSON struct {
	SKU       string       `json:"sku"`
	Name      string       `json:"name"`
	Unit      string       `json:"unit"`
	Warehouse string       `json:"warehouse"`
	OnHand    qty.Quantity `json:"on_hand"`
	Reserved  qty.Quantity `json:"reserved"`
	Available qty.Quantity `json:"available"`
	Point     qty.Quantity `json:"reorder_point"`
	Suggested qty.Quantity `json:"suggested_quantity"`
}

// listLowStock pages by SKU and warehouse; the cursor holds the last of both.
func (s *Server) listLowStock(w http.ResponseWriter, r *http.Request) error {
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	q := app.LowStockQuery{Warehouse: r.URL.Query().Get("warehouse"), Limit: limit + 1}
	if c := r.URL.Query().Get("cursor"); c != "" {
		raw, err := decodeCursor(c)
		if err != nil {
			return err
		}
		var ok bool
		if q.AfterSKU, q.AfterWarehouse, ok = strings.Cut(raw, "|"); !ok {
			return errs.Field("cursor", "is not a cursor this API gave out")
		}
	}
	items, err := s.app.LowStock(r.Context(), actorOf(r), q)
	if err != nil {
		return err
	}
	out := page[lowStockJSON]{Items: []lowStockJSON{}}
	for i, it := range items {
		if i == limit {
			out.NextCursor = encodeCursor(items[i-1].SKU + "|" + items[i-1].Warehouse)
			break
		}
		out.Items = append(out.Items, lowStockJSON{it.SKU, it.Name, it.Unit, it.Warehouse, it.OnHand, it.Reserved,
			it.Available, it.Point, it.Suggested})
	}
	return writeJSON(w, http.StatusOK, out)
}

type statusTimeJSON struct {
	Status  order.Status `json:"status"`
	Seconds int64        `json:"seconds"`
	Current bool         `json:"current"`
}

// listOrderTransitions is an order's state changes with the time it spent in
// each status (S22.5).
func (s *Server) listOrderTransitions(w http.ResponseWriter, r *http.Request) error {
	o, err := s.app.Order(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := struct {
		Items        []transitionJSON `json:"items"`
		TimeInStatus []statusTimeJSON `json:"time_in_status"`
	}{Items: []transitionJSON{}, TimeInStatus: []statusTimeJSON{}}
	for _, t := range o.Transitions {
		out.Items = append(out.Items, transitionJSON{t.From, t.To, t.At, t.By, t.Note})
	}
	for _, st := range order.TimeInStatus(o.Transitions, time.Now()) {
		out.TimeInStatus = append(out.TimeInStatus, statusTimeJSON{st.Status, int64(st.Time / time.Second), st.Current})
	}
	return writeJSON(w, http.StatusOK, out)
}

// getStatusTimes is the average time orders spent in each status they left
// in [from, to).
func (s *Server) getStatusTimes(w http.ResponseWriter, r *http.Request) error {
	var fs errs.Fields
	from, err := time.Parse(time.RFC3339, r.URL.Query().Get("from"))
	if err != nil {
		fs.Add("from", "must be an RFC 3339 time")
	}
	to, err := time.Parse(time.RFC3339, r.URL.Query().Get("to"))
	if err != nil {
		fs.Add("to", "must be an RFC 3339 time")
	}
	if err := fs.Err(); err != nil {
		return err
	}
	rows, err := s.app.StatusTimes(r.Context(), actorOf(r), from, to)
	if err != nil {
		return err
	}
	type row struct {
		Status         order.Status `json:"status"`
		Orders         int          `json:"orders"`
		AverageSeconds int64        `json:"average_seconds"`
	}
	out := []row{}
	for _, x := range rows {
		out = append(out, row{x.Status, x.Orders, int64(x.Average / time.Second)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

type deliveryJSON struct {
	OrderID     string    `json:"order_id"`
	OrderNumber string    `json:"order_number,omitempty"`
	Day         string    `json:"day"`
	Slot        string    `json:"slot"`
	Driver      string    `json:"driver"`
	Vehicle     string    `json:"vehicle"`
	Note        string    `json:"note"`
	Address     string    `json:"address,omitempty"`
	UpdatedAt   time.Time `json:"updated_at"`
	UpdatedBy   string    `json:"updated_by"`
}

func deliveryOut(d order.Delivery) deliveryJSON {
	return deliveryJSON{OrderID: d.OrderID, Day: d.Day, Slot: d.Slot, Driver: d.Driver, Vehicle: d.Vehicle, Note: d.Note,
		UpdatedAt: d.UpdatedAt, UpdatedBy: d.UpdatedBy}
}

func (s *Server) putOrderDelivery(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Day     string `json:"day"`
		Slot    string `json:"slot"`
		Driver  string `json:"driver"`
		Vehicle string `json:"vehicle"`
		Note    string `json:"note"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	d, err := s.app.ScheduleDelivery(r.Context(), actorOf(r), r.PathValue("id"), app.DeliveryInput(in))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, deliveryOut(d))
}

func (s *Server) listDeliveries(w http.ResponseWriter, r *http.Request) error {
	rows, err := s.app.DeliveriesOn(r.Context(), actorOf(r), r.URL.Query().Get("day"))
	if err != nil {
		return err
	}
	out := []deliveryJSON{}
	for _, row := range rows {
		d := deliveryOut(row.Delivery)
		d.OrderNumber, d.Address = row.Order.Number, row.Order.DeliveryAddress
		out = append(out, d)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}
