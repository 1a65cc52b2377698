package api

import (
	"net/http"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/loyalty"
	"b2x/money"
)

type loyaltyEntryJSON struct {
	Kind    loyalty.EntryKind `json:"kind"`
	Points  int64             `json:"points"`
	OrderID string            `json:"order_id,omitempty"`
	Note    string            `json:"note,omitempty"`
	By      string            `json:"by"`
	At      time.Time         `json:"at"`
}

type loyaltyCardJSON struct {
	ID            string             `json:"id"`
	Phone         string             `json:"phone"`
	PersonID      string             `json:"person_id,omitempty"`
	Points        int64              `json:"points"`
	Worth         money.Amount       `json:"worth"`
	LifetimeSpend money.Amount       `json:"lifetime_spend"`
	Tier          string             `json:"tier"`
	TierDiscount  string             `json:"tier_discount"`
	NextTier      string             `json:"next_tier,omitempty"`
	NextTierFrom  *money.Amount      `json:"next_tier_from,omitempty"`
	Ledger        []loyaltyEntryJSON `json:"ledger"`
	CreatedAt     time.Time          `json:"created_at"`
}

func (s *Server) loyaltyCardOut(v app.LoyaltyCardView) loyaltyCardJSON {
	cur := s.app.LoyaltyProgram().Currency
	out := loyaltyCardJSON{ID: v.Card.ID, Phone: v.Card.Phone, PersonID: v.Card.PersonID, Points: v.Card.Points, Worth: v.Worth,
		LifetimeSpend: money.Amount{Minor: v.Card.LifetimeSpend, Currency: cur}, Tier: v.Tier.Name,
		TierDiscount: catalog.FormatTaxRate(v.Tier.DiscountBP), Ledger: []loyaltyEntryJSON{}, CreatedAt: v.Card.CreatedAt}
	if v.Next != nil {
		out.NextTier = v.Next.Name
		out.NextTierFrom = &money.Amount{Minor: v.Next.MinSpend, Currency: cur}
	}
	for _, e := range v.Ledger {
		out.Ledger = append(out.Ledger, loyaltyEntryJSON{Kind: e.Kind, Points: e.Points, OrderID: e.OrderID, Note: e.Note, By: e.By, At: e.At})
	}
	return out
}

// issueLoyaltyCard gives a phone a card (or finds its card) and links it to a person.
func (s *Server) issueLoyaltyCard(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Phone    string `json:"phone"`
		PersonID string `json:"person_id"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	card, err := s.app.IssueLoyaltyCard(r.Context(), actorOf(r), in.Phone, in.PersonID)
	if err != nil {
		return err
	}
	v, err := s.app.LoyaltyCard(r.Context(), actorOf(r), card.Phone)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/loyalty-cards/"+card.Phone)
	return writeJSON(w, http.StatusCreated, s.loyaltyCardOut(v))
}

func (s *Server) getLoyaltyCard(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.LoyaltyCard(r.Context(), actorOf(r), r.PathValue("phone"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.loyaltyCardOut(v))
}

func (s *Server) adjustLoyaltyPoints(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Points int64  `json:"points"`
		Note   string `json:"note"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	v, err := s.app.AdjustLoyaltyPoints(r.Context(), actorOf(r), r.PathValue("phone"), in.Points, in.Note)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, s.loyaltyCardOut(v))
}
