package api

import (
	"net/http"
	"strconv"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/licence"
	"b2x/money"
)

// Licences: one per licence line of an organization's order; buyers read their
// organization's and add seats mid-term at a pro-rata price.

type dueJSON struct {
	What string    `json:"what"` // "term" or "maintenance"
	At   time.Time `json:"at"`
}

type seatChangeJSON struct {
	Seats         int          `json:"seats"`
	OrderID       string       `json:"order_id"`
	Amount        money.Amount `json:"amount"`
	DaysRemaining int          `json:"days_remaining"`
	TermDays      int          `json:"term_days"`
	At            time.Time    `json:"at"`
}

type licenceJSON struct {
	ID               string           `json:"id"`
	OrganizationID   string           `json:"organization_id"`
	SKU              string           `json:"sku"`
	Name             string           `json:"name"`
	Seats            int              `json:"seats"`
	SeatPrice        money.Amount     `json:"seat_price"`
	StartsAt         time.Time        `json:"starts_at"`
	EndsAt           time.Time        `json:"ends_at"`
	MaintenanceUntil time.Time        `json:"maintenance_until"`
	OrderID          string           `json:"order_id"`
	LineNo           int              `json:"line_no"`
	QuoteID          string           `json:"quote_id,omitempty"`
	CreatedAt        time.Time        `json:"created_at"`
	UpdatedAt        time.Time        `json:"updated_at"`
	SeatChanges      []seatChangeJSON `json:"seat_changes,omitempty"`
	Due              []dueJSON        `json:"due,omitempty"`
}

func licenceOut(l licence.Licence) licenceJSON {
	return licenceJSON{ID: l.ID, OrganizationID: l.OrganizationID, SKU: l.SKU, Name: l.Name, Seats: l.Seats,
		SeatPrice: l.SeatPrice, StartsAt: l.StartsAt, EndsAt: l.EndsAt, MaintenanceUntil: l.MaintenanceUntil,
		OrderID: l.OrderID, LineNo: l.LineNo, QuoteID: l.QuoteID, CreatedAt: l.CreatedAt, UpdatedAt: l.UpdatedAt}
}

func licenceViewOut(v app.LicenceView) licenceJSON {
	out := licenceOut(v.Licence)
	out.SeatChanges, out.Due = []seatChangeJSON{}, []dueJSON{}
	for _, c := range v.SeatChanges {
		out.SeatChanges = append(out.SeatChanges, seatChangeJSON{Seats: c.Seats, OrderID: c.OrderID, Amount: c.Amount,
			DaysRemaining: c.DaysRemaining, TermDays: c.TermDays, At: c.At})
	}
	for _, d := range v.Due {
		out.Due = append(out.Due, dueJSON{What: d.What, At: d.At})
	}
	return out
}

func (s *Server) listLicences(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	lq := app.LicenceQuery{OrganizationID: q.Get("organization"), Limit: limit + 1}
	if lq.After, err = decodeCursor(q.Get("cursor")); err != nil {
		return err
	}
	ls, err := s.app.Licences(r.Context(), actorOf(r), lq)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, pageOf(ls, limit, licenceOut, func(l licence.Licence) string { return encodeCursor(l.ID) }))
}

func (s *Server) getLicence(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.Licence(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, licenceViewOut(v))
}

// seatsParam reads the seats query parameter.
func seatsParam(r *http.Request) (int, error) {
	n, err := strconv.Atoi(r.URL.Query().Get("seats"))
	if err != nil || n < 1 || n > licence.MaxSeats {
		return 0, errs.Field("seats", "must be a whole number between 1 and %d", licence.MaxSeats)
	}
	return n, nil
}

type seatPriceJSON struct {
	Seats         int          `json:"seats"`
	Amount        money.Amount `json:"amount"`
	DaysRemaining int          `json:"days_remaining"`
	TermDays      int          `json:"term_days"`
}

func (s *Server) licenceSeatPrice(w http.ResponseWriter, r *http.Request) error {
	seats, err := seatsParam(r)
	if err != nil {
		return err
	}
	p, err := s.app.LicenceSeatPrice(r.Context(), actorOf(r), r.PathValue("id"), seats)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, seatPriceJSON{Seats: p.Seats, Amount: p.Amount, DaysRemaining: p.DaysRemaining, TermDays: p.TermDays})
}

// addLicenceSeats charges seats added mid-term; the Idempotency-Key header is
// required, as for orders.
func (s *Server) addLicenceSeats(w http.ResponseWriter, r *http.Request) error {
	key := r.Header.Get("Idempotency-Key")
	if err := app.CheckIdempotencyKey(key); err != nil {
		return &httpError{status: http.StatusBadRequest, err: err.(*errs.Error)}
	}
	var in struct {
		Seats int `json:"seats"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	v, o, replayed, err := s.app.AddLicenceSeats(r.Context(), actorOf(r), r.PathValue("id"), in.Seats, key)
	if err != nil {
		return err
	}
	if replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	return writeJSON(w, http.StatusCreated, struct {
		Licence licenceJSON `json:"licence"`
		Order   orderJSON   `json:"order"`
	}{licenceViewOut(v), orderOut(o)})
}

type renewalJSON struct {
	Licence licenceJSON `json:"licence"`
	What    string      `json:"what"`
	At      time.Time   `json:"at"`
}

// listRenewals lists what of every licence ends within within_days (default 60):
// what account managers call about.
func (s *Server) listRenewals(w http.ResponseWriter, r *http.Request) error {
	days := 60
	if v := r.URL.Query().Get("within_days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 730 {
			return errs.Field("within_days", "must be a whole number between 1 and 730")
		}
		days = n
	}
	due, err := s.app.LicenceRenewals(r.Context(), actorOf(r), time.Duration(days)*24*time.Hour)
	if err != nil {
		return err
	}
	out := page[renewalJSON]{Items: []renewalJSON{}}
	for _, d := range due {
		out.Items = append(out.Items, renewalJSON{Licence: licenceOut(d.Licence), What: d.What, At: d.At})
	}
	return writeJSON(w, http.StatusOK, out)
}
