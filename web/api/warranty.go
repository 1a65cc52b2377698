package api

import (
	"encoding/json"
	"net/http"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/warranty"
)

// Warranty and after-sales, for staff: registrations of bought items, claims
// (RMA) and their moves, and defects per SKU. Consumers will register and claim
// through the shop once they can sign in.

type registrationJSON struct {
	ID           string    `json:"id"`
	PersonID     string    `json:"person_id"`
	SKU          string    `json:"sku"`
	SerialNumber string    `json:"serial_number"`
	OrderID      string    `json:"order_id,omitempty"`
	PurchasedAt  time.Time `json:"purchased_at"`
	Until        time.Time `json:"warranty_until"`
	CreatedAt    time.Time `json:"created_at"`
	CreatedBy    string    `json:"created_by"`
}

func registrationOut(r warranty.Registration) registrationJSON {
	return registrationJSON{ID: r.ID, PersonID: r.PersonID, SKU: r.SKU, SerialNumber: r.SerialNumber, OrderID: r.OrderID,
		PurchasedAt: r.PurchasedAt, Until: r.Until, CreatedAt: r.CreatedAt, CreatedBy: r.CreatedBy}
}

type claimJSON struct {
	ID             string          `json:"id"`
	RegistrationID string          `json:"registration_id"`
	PersonID       string          `json:"person_id"`
	SKU            string          `json:"sku"`
	SerialNumber   string          `json:"serial_number"`
	Problem        string          `json:"problem"`
	Status         warranty.Status `json:"status"`
	Next           []string        `json:"next"`
	Reason         string          `json:"reason,omitempty"`
	CreatedAt      time.Time       `json:"created_at"`
	UpdatedAt      time.Time       `json:"updated_at"`
	// Only in a single claim's document:
	WarrantyUntil *time.Time           `json:"warranty_until,omitempty"`
	Transitions   []claimTransitionOut `json:"transitions,omitempty"`
	Defects       []defectJSON         `json:"defects,omitempty"`
}

type claimTransitionOut struct {
	From warranty.Status `json:"from"`
	To   warranty.Status `json:"to"`
	At   time.Time       `json:"at"`
	By   string          `json:"by"`
	Note string          `json:"note,omitempty"`
}

type defectJSON struct {
	ID          string            `json:"id"`
	SKU         string            `json:"sku"`
	ClaimID     string            `json:"claim_id,omitempty"`
	Code        string            `json:"code"`
	Category    warranty.Category `json:"category"`
	Description string            `json:"description"`
	RecordedAt  time.Time         `json:"recorded_at"`
	RecordedBy  string            `json:"recorded_by"`
}

func claimOut(c warranty.Claim) claimJSON {
	out := claimJSON{ID: c.ID, RegistrationID: c.RegistrationID, PersonID: c.PersonID, SKU: c.SKU,
		SerialNumber: c.SerialNumber, Problem: c.Problem, Status: c.Status, Next: []string{}, Reason: c.Reason,
		CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
	for _, s := range c.Status.Next() {
		out.Next = append(out.Next, string(s))
	}
	return out
}

func claimDetailOut(d app.ClaimDetail) claimJSON {
	out := claimOut(d.Claim)
	until := d.Registration.Until
	out.WarrantyUntil = &until
	for _, t := range d.Transitions {
		out.Transitions = append(out.Transitions, claimTransitionOut(t))
	}
	for _, df := range d.Defects {
		out.Defects = append(out.Defects, defectOut(df))
	}
	return out
}

func defectOut(d warranty.Defect) defectJSON {
	return defectJSON{ID: d.ID, SKU: d.SKU, ClaimID: d.ClaimID, Code: d.Code, Category: d.Category,
		Description: d.Description, RecordedAt: d.RecordedAt, RecordedBy: d.RecordedBy}
}

func (s *Server) createRegistration(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		PersonID     string          `json:"person_id"`
		SKU          string          `json:"sku"`
		SerialNumber string          `json:"serial_number"`
		OrderID      string          `json:"order_id"`
		PurchasedAt  json.RawMessage `json:"purchased_at"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	nr := app.NewRegistration{PersonID: in.PersonID, SKU: in.SKU, SerialNumber: in.SerialNumber, OrderID: in.OrderID}
	if len(in.PurchasedAt) > 0 && string(in.PurchasedAt) != "null" {
		t, err := timeField("purchased_at", in.PurchasedAt)
		if err != nil {
			return err
		}
		nr.PurchasedAt = t
	}
	reg, err := s.app.RegisterWarranty(r.Context(), actorOf(r), nr)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/warranty/registrations/"+reg.ID)
	return writeJSON(w, http.StatusCreated, registrationOut(reg))
}

func (s *Server) listRegistrations(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	before, err := decodeCursor(q.Get("cursor"))
	if err != nil {
		return err
	}
	regs, err := s.app.WarrantyRegistrations(r.Context(), actorOf(r), app.RegistrationQuery{PersonID: q.Get("person"),
		Limit: limit + 1, Before: before})
	if err != nil {
		return err
	}
	out := page[registrationJSON]{Items: []registrationJSON{}}
	for i, x := range regs {
		if i == limit {
			out.NextCursor = encodeCursor(regs[i-1].ID)
			break
		}
		out.Items = append(out.Items, registrationOut(x))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) getRegistration(w http.ResponseWriter, r *http.Request) error {
	reg, err := s.app.WarrantyRegistration(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, registrationOut(reg))
}

func (s *Server) createClaim(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		RegistrationID string `json:"registration_id"`
		Problem        string `json:"problem"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	d, err := s.app.SubmitClaim(r.Context(), actorOf(r), in.RegistrationID, in.Problem)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/warranty/claims/"+d.Claim.ID)
	return writeJSON(w, http.StatusCreated, claimDetailOut(d))
}

func (s *Server) listClaims(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	before, err := decodeCursor(q.Get("cursor"))
	if err != nil {
		return err
	}
	cs, err := s.app.WarrantyClaims(r.Context(), actorOf(r), app.ClaimQuery{PersonID: q.Get("person"),
		Status: warranty.Status(q.Get("status")), SKU: q.Get("sku"), Limit: limit + 1, Before: before})
	if err != nil {
		return err
	}
	out := page[claimJSON]{Items: []claimJSON{}}
	for i, x := range cs {
		if i == limit {
			out.NextCursor = encodeCursor(cs[i-1].ID)
			break
		}
		out.Items = append(out.Items, claimOut(x))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) getClaim(w http.ResponseWriter, r *http.Request) error {
	d, err := s.app.WarrantyClaim(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, claimDetailOut(d))
}

type defectIn struct {
	SKU         string            `json:"sku"`
	Code        string            `json:"code"`
	Category    warranty.Category `json:"category"`
	Description string            `json:"description"`
}

func (s *Server) transitionClaim(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		To     warranty.Status `json:"to"`
		Note   string          `json:"note"`
		Defect *defectIn       `json:"defect"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	m := app.ClaimMove{To: in.To, Note: in.Note}
	if in.Defect != nil {
		if in.Defect.SKU != "" {
			return errs.Field("defect.sku", "is the claim's SKU; leave it out")
		}
		m.Defect = &app.DefectInput{Code: in.Defect.Code, Category: in.Defect.Category, Description: in.Defect.Description}
	}
	d, err := s.app.TransitionClaim(r.Context(), actorOf(r), r.PathValue("id"), m)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, claimDetailOut(d))
}

func (s *Server) createDefect(w http.ResponseWriter, r *http.Request) error {
	var in defectIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	d, err := s.app.RecordDefect(r.Context(), actorOf(r), app.DefectInput(in))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, defectOut(d))
}

type skuDefectsJSON struct {
	SKU        string                    `json:"sku"`
	Total      int                       `json:"total"`
	ByCategory map[warranty.Category]int `json:"by_category"`
	ByCode     map[string]int            `json:"by_code"`
}

func (s *Server) listDefects(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var dq app.DefectQuery
	var fs errs.Fields
	for _, p := range []struct {
		name string
		into *time.Time
	}{{"from", &dq.From}, {"to", &dq.To}} {
		if v := q.Get(p.name); v != "" {
			t, err := time.Parse(time.RFC3339, v)
			if err != nil {
				fs.Add(p.name, "must be an RFC 3339 time, e.g. 2026-01-31T00:00:00Z")
			}
			*p.into = t
		}
	}
	if err := fs.Err(); err != nil {
		return err
	}
	dq.SKU = q.Get("sku")
	ds, err := s.app.DefectsBySKU(r.Context(), actorOf(r), dq)
	if err != nil {
		return err
	}
	out := struct {
		Items []skuDefectsJSON `json:"items"`
	}{Items: []skuDefectsJSON{}}
	for _, d := range ds {
		out.Items = append(out.Items, skuDefectsJSON(d))
	}
	return writeJSON(w, http.StatusOK, out)
}
