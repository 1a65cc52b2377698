package shop

import (
	"net/http"

	"b2x/app"
	"b2x/errs"
	"b2x/locale"
	"b2x/web/page"
)

// loyaltyPage shows the card linked to the customer's account: one card per
// phone number (S18). Without one it offers to link the card of a phone, which
// the customer proves with a code sent to it by SMS.
type loyaltyPage struct {
	Phone    string
	Card     *app.LoyaltyCardView
	CodeSent bool
	Errors   page.FormErrors
}

func (loyaltyPage) title(p *locale.Printer) string { return p.T("loyalty.title") }

func (s *Server) loyalty(w http.ResponseWriter, r *http.Request, rq *request) error {
	pg, err := s.loyaltyPage(r, rq)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "loyalty", rq, pg)
	return nil
}

func (s *Server) loyaltyPage(r *http.Request, rq *request) (loyaltyPage, error) {
	ctx := r.Context()
	acc, err := s.app.Account(ctx, rq.actor)
	if err != nil {
		return loyaltyPage{}, err
	}
	pg := loyaltyPage{Phone: acc.Phone}
	if acc.Phone != "" {
		card, err := s.app.LoyaltyCard(ctx, rq.actor, acc.Phone)
		switch {
		case err == nil:
			pg.Card = &card
		case errs.CodeOf(err) != errs.NotFound && errs.CodeOf(err) != errs.Invalid:
			return pg, err
		}
	}
	return pg, nil
}

// sendLoyaltyCode sends the code that proves the typed phone.
func (s *Server) sendLoyaltyCode(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	pg, err := s.loyaltyPage(r, rq)
	if err != nil {
		return err
	}
	pg.Phone = page.Field(r, "phone")
	status := http.StatusOK
	if _, err := s.app.SendPhoneCode(r.Context(), pg.Phone); err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		pg.Errors, status = fe, page.FormStatus(err)
	} else {
		pg.CodeSent = true
	}
	s.render(w, status, "loyalty", rq, pg)
	return nil
}

// joinLoyalty links the card of the proved phone to the account; a phone
// without a card gets one.
func (s *Server) joinLoyalty(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	phone, code := page.Field(r, "phone"), page.Field(r, "code")
	if _, err := s.app.LinkLoyaltyCard(r.Context(), rq.actor, phone, code); err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		pg, perr := s.loyaltyPage(r, rq)
		if perr != nil {
			return perr
		}
		pg.Phone, pg.CodeSent, pg.Errors = phone, true, fe
		s.render(w, page.FormStatus(err), "loyalty", rq, pg)
		return nil
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/account/loyalty", http.StatusSeeOther)
	return nil
}
