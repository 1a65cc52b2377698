package api

import (
	"net/http"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/qty"
	"b2x/store"
)

// Saved lists and reorders: the portal's ways back to what a company bought
// before, for buyers' own systems. A buyer sees their organization's shared
// lists and their own; staff see an organization's lists.

type savedListLineJSON struct {
	SKU      string       `json:"sku"`
	Quantity qty.Quantity `json:"quantity"`
}

type savedListJSON struct {
	ID             string              `json:"id"`
	OrganizationID string              `json:"organization_id"`
	Name           string              `json:"name"`
	Shared         bool                `json:"shared"`
	Lines          []savedListLineJSON `json:"lines"`
	CreatedBy      string              `json:"created_by"`
	CreatedAt      time.Time           `json:"created_at"`
	UpdatedAt      time.Time           `json:"updated_at"`
}

func savedListOut(l store.SavedList) savedListJSON {
	out := savedListJSON{ID: l.ID, OrganizationID: l.OrganizationID, Name: l.Name, Shared: l.ContactID == "",
		Lines: []savedListLineJSON{}, CreatedBy: l.CreatedBy, CreatedAt: l.CreatedAt, UpdatedAt: l.UpdatedAt}
	for _, x := range l.Lines {
		out.Lines = append(out.Lines, savedListLineJSON{SKU: x.SKU, Quantity: x.Quantity})
	}
	return out
}

type savedListIn struct {
	OrganizationID string            `json:"organization_id"`
	Name           string            `json:"name"`
	Shared         bool              `json:"shared"`
	Lines          []recurringLineIn `json:"lines"`
}

func (s *Server) savedListInput(w http.ResponseWriter, r *http.Request, id string) (app.SavedListInput, error) {
	var in savedListIn
	if err := decode(w, r, &in); err != nil {
		return app.SavedListInput{}, err
	}
	var fs errs.Fields
	out := app.SavedListInput{ID: id, OrganizationID: in.OrganizationID, Name: in.Name, Shared: in.Shared}
	for _, l := range recurringLines(&fs, in.Lines) {
		out.Lines = append(out.Lines, app.QuickOrderLine{SKU: l.SKU, Quantity: l.Quantity})
	}
	return out, fs.Err()
}

func (s *Server) listSavedLists(w http.ResponseWriter, r *http.Request) error {
	ls, err := s.app.SavedLists(r.Context(), actorOf(r), r.URL.Query().Get("organization"))
	if err != nil {
		return err
	}
	out := page[savedListJSON]{Items: []savedListJSON{}}
	for _, l := range ls {
		out.Items = append(out.Items, savedListOut(l))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) createSavedList(w http.ResponseWriter, r *http.Request) error {
	in, err := s.savedListInput(w, r, "")
	if err != nil {
		return err
	}
	l, err := s.app.SaveList(r.Context(), actorOf(r), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/saved-lists/"+l.ID)
	return writeJSON(w, http.StatusCreated, savedListOut(l))
}

func (s *Server) getSavedList(w http.ResponseWriter, r *http.Request) error {
	l, err := s.app.SavedList(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, savedListOut(l))
}

// putSavedList replaces a list's name, sharing and lines.
func (s *Server) putSavedList(w http.ResponseWriter, r *http.Request) error {
	in, err := s.savedListInput(w, r, r.PathValue("id"))
	if err != nil {
		return err
	}
	l, err := s.app.SaveList(r.Context(), actorOf(r), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, savedListOut(l))
}

func (s *Server) deleteSavedList(w http.ResponseWriter, r *http.Request) error {
	if err := s.app.DeleteSavedList(r.Context(), actorOf(r), r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// addSavedListLine adds a SKU to a list; a SKU already on it gets the
// quantities added.
func (s *Server) addSavedListLine(w http.ResponseWriter, r *http.Request) error {
	var in recurringLineIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	q, err := quantityField("quantity", in.Quantity)
	if err != nil {
		return err
	}
	l, err := s.app.AddToSavedList(r.Context(), actorOf(r), r.PathValue("id"), in.SKU, q)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, savedListOut(l))
}

// orderSavedList places a list as an order at today's prices; like POST
// /api/v1/orders it needs an Idempotency-Key, so a retry places one order.
func (s *Server) orderSavedList(w http.ResponseWriter, r *http.Request) error {
	return s.placeIdempotent(w, r, func(key string) (orderResult, error) {
		o, replayed, err := s.app.OrderSavedList(r.Context(), actorOf(r), r.PathValue("id"), key)
		return orderResult{o, replayed}, err
	})
}

// reorder places a past order of the buyer's organization again, at today's
// prices and stock.
func (s *Server) reorder(w http.ResponseWriter, r *http.Request) error {
	return s.placeIdempotent(w, r, func(key string) (orderResult, error) {
		o, replayed, err := s.app.Reorder(r.Context(), actorOf(r), r.PathValue("id"), key)
		return orderResult{o, replayed}, err
	})
}

type goneLineJSON struct {
	SKU      string       `json:"sku"`
	Name     string       `json:"name"`
	Quantity qty.Quantity `json:"quantity"`
	Unit     string       `json:"unit"`
}

// reorderDraft says what a reorder would order: the past order's lines still
// sold to companies, and those that are not any more.
func (s *Server) reorderDraft(w http.ResponseWriter, r *http.Request) error {
	d, err := s.app.ReorderDraft(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := struct {
		OrderID string              `json:"order_id"`
		Number  string              `json:"number"`
		Lines   []savedListLineJSON `json:"lines"`
		Gone    []goneLineJSON      `json:"gone"`
	}{OrderID: d.Order.ID, Number: d.Order.Number, Lines: []savedListLineJSON{}, Gone: []goneLineJSON{}}
	for _, l := range d.Lines {
		out.Lines = append(out.Lines, savedListLineJSON{SKU: l.SKU, Quantity: l.Quantity})
	}
	for _, g := range d.Gone {
		out.Gone = append(out.Gone, goneLineJSON(g))
	}
	return writeJSON(w, http.StatusOK, out)
}
