package api

import (
	"net/http"
	"time"

	"b2x/app"
	"b2x/locale"
)

type phoneCodeJSON struct {
	Phone     string    `json:"phone"`
	ExpiresAt time.Time `json:"expires_at"`
	NextAt    time.Time `json:"next_at"`
}

// sendPhoneCode sends a one-time code by SMS to a loyalty card's phone, which
// proves the phone at checkout (loyalty_code) before its points are spent.
// Anyone may ask, as in the shop; the use case limits how often a phone gets a
// code (429 with Retry-After). The SMS is in the Accept-Language language.
func (s *Server) sendPhoneCode(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		LoyaltyPhone string `json:"loyalty_phone"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ctx := app.WithLang(r.Context(), locale.Match("", "", r.Header.Get("Accept-Language")).Code)
	sent, err := s.app.SendPhoneCode(ctx, in.LoyaltyPhone)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusAccepted, phoneCodeJSON{Phone: sent.Phone, ExpiresAt: sent.ExpiresAt, NextAt: sent.NextAt})
}
