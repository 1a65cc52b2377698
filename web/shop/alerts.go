package shop

import (
	"net/http"

	"b2x/app"
	"b2x/locale"
	"b2x/web/page"
)

// notifyMe subscribes an email or a phone to the product's next restock (S18).
func (s *Server) notifyMe(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	sku := r.PathValue("sku")
	in := app.BackInStockInput{SKU: sku, Email: page.Field(r, "email"), Phone: page.Field(r, "phone"), Lang: rq.loc.Code}
	if _, err := s.app.SubscribeBackInStock(r.Context(), rq.actor, in); err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		pg, perr := s.productPage(r, rq)
		if perr != nil {
			return perr
		}
		pg.NotifyErrors, pg.NotifyEmail = fe, in.Email
		s.render(w, page.FormStatus(err), "product", rq, pg)
		return nil
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/p/"+sku+"?notify=1", http.StatusSeeOther)
	return nil
}

type unsubscribePage struct {
	Token string
	Done  bool
}

func (unsubscribePage) title(p *locale.Printer) string { return p.T("alerts.unsubscribe") }

// unsubscribeForm only asks: a GET, which mail scanners follow, changes nothing.
func (s *Server) unsubscribeForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	s.render(w, http.StatusOK, "unsubscribe", rq, unsubscribePage{Token: r.URL.Query().Get("token")})
	return nil
}

func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	if err := s.app.Unsubscribe(r.Context(), page.Field(r, "token")); err != nil {
		return err
	}
	s.render(w, http.StatusOK, "unsubscribe", rq, unsubscribePage{Done: true})
	return nil
}
