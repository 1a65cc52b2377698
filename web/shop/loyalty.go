package shop

import (
	"net/http"

	"b2x/app"
	"b2x/errs"
	"b2x/locale"
)

// loyaltyPage shows the card of the phone on the customer's account: one card
// per phone number (S18).
type loyaltyPage struct {
	Phone string
	Card  *app.LoyaltyCardView
}

func (loyaltyPage) title(p *locale.Printer) string { return p.T("loyalty.title") }

func (s *Server) loyalty(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	acc, err := s.app.Account(ctx, rq.actor)
	if err != nil {
		return err
	}
	pg := loyaltyPage{Phone: acc.Phone}
	if acc.Phone != "" {
		card, err := s.app.LoyaltyCard(ctx, rq.actor, acc.Phone)
		switch {
		case err == nil:
			pg.Card = &card
		case errs.CodeOf(err) != errs.NotFound && errs.CodeOf(err) != errs.Invalid:
			return err
		}
	}
	s.render(w, http.StatusOK, "loyalty", rq, pg)
	return nil
}

// joinLoyalty gives the account's phone a card, or links the card the phone
// already has to the account.
func (s *Server) joinLoyalty(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	acc, err := s.app.Account(ctx, rq.actor)
	if err != nil {
		return err
	}
	if acc.Phone == "" {
		return errs.Field("phone", "add a phone number to your account first")
	}
	if _, err := s.app.IssueLoyaltyCard(ctx, rq.actor, acc.Phone, ""); err != nil {
		return err
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/account/loyalty", http.StatusSeeOther)
	return nil
}
