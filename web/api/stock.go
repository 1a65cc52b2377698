package api

import (
	"encoding/json"
	"net/http"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/inventory"
	"b2x/qty"
)

type levelJSON struct {
	Warehouse string       `json:"warehouse"`
	OnHand    qty.Quantity `json:"on_hand"`
	Reserved  qty.Quantity `json:"reserved"`
	Available qty.Quantity `json:"available"`
}

type stockJSON struct {
	SKU        string       `json:"sku"`
	OnHand     qty.Quantity `json:"on_hand"`
	Reserved   qty.Quantity `json:"reserved"`
	Available  qty.Quantity `json:"available"`
	Warehouses []levelJSON  `json:"warehouses,omitempty"`
}

func stockOut(st inventory.Stock, levels []inventory.Level) stockJSON {
	out := stockJSON{SKU: st.SKU, OnHand: st.OnHand, Reserved: st.Reserved, Available: st.Available()}
	for _, l := range levels {
		out.Warehouses = append(out.Warehouses, levelJSON{l.Warehouse, l.OnHand, l.Reserved, l.Available()})
	}
	return out
}

func (s *Server) getStock(w http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	st, levels, err := s.app.Stock(r.Context(), actor, r.PathValue("sku"))
	if err != nil {
		return err
	}
	if !actor.Staff() {
		levels = nil // the public sees how much, not where
	}
	return writeJSON(w, http.StatusOK, stockOut(st, levels))
}

// quantityField parses a JSON number into a quantity, naming the field on error.
// It takes the raw value because json.Number would also accept a string.
func quantityField(field string, raw json.RawMessage) (qty.Quantity, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return 0, errs.Field(field, "is required")
	}
	if raw[0] == '"' {
		return 0, errs.Field(field, "must be a JSON number, not a string")
	}
	q, err := qty.Parse(string(raw))
	if err != nil {
		return 0, errs.Field(field, "%s", err)
	}
	return q, nil
}

func (s *Server) createMovement(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		SKU         string                 `json:"sku"`
		Kind        inventory.MovementKind `json:"kind"`
		Quantity    json.RawMessage        `json:"quantity"`
		Warehouse   string                 `json:"warehouse"`
		ToWarehouse string                 `json:"to_warehouse"`
		Reference   string                 `json:"reference"`
		Note        string                 `json:"note"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	q, err := quantityField("quantity", in.Quantity)
	if err != nil {
		return err
	}
	st, err := s.app.RecordMovement(r.Context(), actorOf(r), app.MovementInput{SKU: in.SKU, Kind: in.Kind, Quantity: q,
		Warehouse: in.Warehouse, ToWarehouse: in.ToWarehouse, Reference: in.Reference, Note: in.Note})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, stockOut(st, nil))
}

type warehouseJSON struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Priority int    `json:"priority"`
}

func (s *Server) listWarehouses(w http.ResponseWriter, r *http.Request) error {
	ws, err := s.app.Warehouses(r.Context())
	if err != nil {
		return err
	}
	out := make([]warehouseJSON, len(ws))
	for i, wh := range ws {
		out[i] = warehouseJSON(wh)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (s *Server) putWarehouse(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name     string `json:"name"`
		Priority int    `json:"priority"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	wh := inventory.Warehouse{Code: r.PathValue("code"), Name: in.Name, Priority: in.Priority}
	if err := s.app.UpsertWarehouse(r.Context(), actorOf(r), wh); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, warehouseJSON(wh))
}

type movementJSON struct {
	ID        string                 `json:"id"`
	Warehouse string                 `json:"warehouse"`
	Kind      inventory.MovementKind `json:"kind"`
	Quantity  qty.Quantity           `json:"quantity"`
	Reference string                 `json:"reference,omitempty"`
	Note      string                 `json:"note,omitempty"`
	By        string                 `json:"by"`
	At        time.Time              `json:"at"`
}

// listMovements shows a SKU's ledger: every receipt, sale, return, adjustment and
// transfer, with what it did to the stock, oldest first.
func (s *Server) listMovements(w http.ResponseWriter, r *http.Request) error {
	ms, err := s.app.Movements(r.Context(), actorOf(r), r.PathValue("sku"))
	if err != nil {
		return err
	}
	out := make([]movementJSON, len(ms))
	for i, m := range ms {
		out[i] = movementJSON{m.ID, m.Warehouse, m.Kind, m.Quantity, m.Reference, m.Note, m.By, m.At}
	}
	return writeJSON(w, http.StatusOK, map[string]any{"sku": r.PathValue("sku"), "items": out})
}
