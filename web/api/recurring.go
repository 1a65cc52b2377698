package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/order"
	"b2x/qty"
	"b2x/recurring"
)

// Recurring orders: an organization's standing orders, placed by b2x on every run
// date; buyers with the order permission set them up, change and pause them.

type recurringLineJSON struct {
	SKU      string       `json:"sku"`
	Quantity qty.Quantity `json:"quantity"`
}

type recurringRunJSON struct {
	RunOn   string    `json:"run_on"`
	Outcome string    `json:"outcome"`
	OrderID string    `json:"order_id,omitempty"`
	Problem string    `json:"problem,omitempty"`
	At      time.Time `json:"at"`
}

type recurringJSON struct {
	ID              string               `json:"id"`
	OrganizationID  string               `json:"organization_id"`
	ContactID       string               `json:"contact_id,omitempty"`
	Name            string               `json:"name"`
	Lines           []recurringLineJSON  `json:"lines"`
	Every           int                  `json:"every"`
	Unit            recurring.Unit       `json:"unit"`
	StartsOn        string               `json:"starts_on"`
	NextRun         string               `json:"next_run"`
	NoticeDays      int                  `json:"notice_days"`
	Active          bool                 `json:"active"`
	DeliveryMethod  order.DeliveryMethod `json:"delivery_method"`
	DeliveryAddress string               `json:"delivery_address,omitempty"`
	Version         int                  `json:"version"`
	CreatedAt       time.Time            `json:"created_at"`
	UpdatedAt       time.Time            `json:"updated_at"`
	Runs            *[]recurringRunJSON  `json:"runs,omitempty"` // only in one recurring order's document
}

func recurringOut(s recurring.Schedule) recurringJSON {
	out := recurringJSON{ID: s.ID, OrganizationID: s.OrganizationID, ContactID: s.ContactID, Name: s.Name,
		Lines: []recurringLineJSON{}, Every: s.Every, Unit: s.Unit, StartsOn: s.StartsOn.Format(time.DateOnly),
		NextRun: s.NextRun.Format(time.DateOnly), NoticeDays: s.NoticeDays, Active: s.Active, DeliveryMethod: s.DeliveryMethod,
		DeliveryAddress: s.DeliveryAddress, Version: s.Version, CreatedAt: s.CreatedAt, UpdatedAt: s.UpdatedAt}
	for _, l := range s.Lines {
		out.Lines = append(out.Lines, recurringLineJSON(l))
	}
	return out
}

type recurringLineIn struct {
	SKU      string          `json:"sku"`
	Quantity json.RawMessage `json:"quantity"`
}

func recurringLines(fs *errs.Fields, in []recurringLineIn) []recurring.Line {
	out := []recurring.Line{}
	for i, l := range in {
		q, err := quantityField(fmt.Sprintf("lines[%d].quantity", i), l.Quantity)
		fs.Wrap("", err)
		out = append(out, recurring.Line{SKU: l.SKU, Quantity: q})
	}
	return out
}

// dateField reads a date ("2026-12-01") as midnight UTC.
func dateField(fs *errs.Fields, field, s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		fs.Add(field, "must be a date, e.g. \"2026-12-01\"")
	}
	return t
}

func (s *Server) listRecurring(w http.ResponseWriter, r *http.Request) error {
	ss, err := s.app.RecurringOrders(r.Context(), actorOf(r), r.URL.Query().Get("organization"))
	if err != nil {
		return err
	}
	out := page[recurringJSON]{Items: []recurringJSON{}}
	for _, x := range ss {
		out.Items = append(out.Items, recurringOut(x))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) createRecurring(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		OrganizationID  string               `json:"organization_id"`
		ContactID       string               `json:"contact_id"`
		Name            string               `json:"name"`
		Lines           []recurringLineIn    `json:"lines"`
		Every           int                  `json:"every"`
		Unit            recurring.Unit       `json:"unit"`
		StartsOn        string               `json:"starts_on"`
		NoticeDays      int                  `json:"notice_days"`
		DeliveryMethod  order.DeliveryMethod `json:"delivery_method"`
		DeliveryAddress string               `json:"delivery_address"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var fs errs.Fields
	ri := app.RecurringOrderInput{OrganizationID: in.OrganizationID, ContactID: in.ContactID, Name: in.Name,
		Lines: recurringLines(&fs, in.Lines), Every: in.Every, Unit: in.Unit, StartsOn: dateField(&fs, "starts_on", in.StartsOn),
		NoticeDays: in.NoticeDays, DeliveryMethod: in.DeliveryMethod, DeliveryAddress: in.DeliveryAddress}
	if err := fs.Err(); err != nil {
		return err
	}
	x, err := s.app.CreateRecurringOrder(r.Context(), actorOf(r), ri)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/recurring-orders/"+x.ID)
	return writeJSON(w, http.StatusCreated, recurringOut(x))
}

func (s *Server) getRecurring(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.RecurringOrder(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := recurringOut(v.Schedule)
	runs := []recurringRunJSON{}
	for _, run := range v.Runs {
		runs = append(runs, recurringRunJSON{RunOn: run.RunOn.Format(time.DateOnly), Outcome: run.Outcome,
			OrderID: run.OrderID, Problem: run.Problem, At: run.At})
	}
	out.Runs = &runs
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) updateRecurring(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name            *string               `json:"name"`
		Lines           *[]recurringLineIn    `json:"lines"`
		Every           *int                  `json:"every"`
		Unit            *recurring.Unit       `json:"unit"`
		StartsOn        *string               `json:"starts_on"`
		NoticeDays      *int                  `json:"notice_days"`
		Active          *bool                 `json:"active"`
		DeliveryMethod  *order.DeliveryMethod `json:"delivery_method"`
		DeliveryAddress *string               `json:"delivery_address"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	var fs errs.Fields
	ch := app.RecurringChanges{Name: in.Name, Every: in.Every, Unit: in.Unit, NoticeDays: in.NoticeDays, Active: in.Active,
		DeliveryMethod: in.DeliveryMethod, DeliveryAddress: in.DeliveryAddress}
	if in.Lines != nil {
		lines := recurringLines(&fs, *in.Lines)
		ch.Lines = &lines
	}
	if in.StartsOn != nil {
		t := dateField(&fs, "starts_on", *in.StartsOn)
		ch.StartsOn = &t
	}
	if err := fs.Err(); err != nil {
		return err
	}
	x, err := s.app.UpdateRecurringOrder(r.Context(), actorOf(r), r.PathValue("id"), ch)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, recurringOut(x))
}
