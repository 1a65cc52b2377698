package shop

import (
	"net/http"

	"b2x/app"
	"b2x/catalog"
	"b2x/locale"
	"b2x/web/page"
)

// subscriptionsPage lists what the customer asked to hear about — alerts and
// the newsletter — each with its own remove button, and a form to follow a
// category or a brand's new arrivals.
type subscriptionsPage struct {
	Subs       app.Subscriptions
	Categories []catalog.Category
	Category   string // the form as typed
	Brand      string
	Done       string // "added" or "removed", shown once after a redirect
	Errors     page.FormErrors
	rq         *request
}

func (subscriptionsPage) title(p *locale.Printer) string { return p.T("subs.title") }

// CategoryName names a category slug for the list.
func (pg subscriptionsPage) CategoryName(slug string) string { return pg.rq.categoryName(slug) }

func (s *Server) subscriptions(w http.ResponseWriter, r *http.Request, rq *request) error {
	pg := subscriptionsPage{rq: rq, Categories: rq.categories}
	switch d := r.URL.Query().Get("done"); d {
	case "added", "removed":
		pg.Done = d
	}
	return s.showSubscriptions(w, r, rq, pg, http.StatusOK)
}

func (s *Server) showSubscriptions(w http.ResponseWriter, r *http.Request, rq *request, pg subscriptionsPage, status int) error {
	subs, err := s.app.MySubscriptions(r.Context(), rq.actor)
	if err != nil {
		return err
	}
	pg.Subs, pg.rq, pg.Categories = subs, rq, rq.categories
	s.render(w, status, "subscriptions", rq, pg)
	return nil
}

// subscribeNewArrivals follows a category or a brand with the account's email.
func (s *Server) subscribeNewArrivals(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	ctx := r.Context()
	acc, err := s.app.Account(ctx, rq.actor)
	if err != nil {
		return err
	}
	in := app.NewArrivalsInput{Category: page.Field(r, "category"), Brand: page.Field(r, "brand"), Email: acc.Email, Lang: rq.loc.Code}
	if _, err := s.app.SubscribeNewArrivals(ctx, rq.actor, in); err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		pg := subscriptionsPage{Category: in.Category, Brand: in.Brand, Errors: fe}
		return s.showSubscriptions(w, r, rq, pg, page.FormStatus(err))
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/account/subscriptions?done=added", http.StatusSeeOther)
	return nil
}

func (s *Server) removeSubscription(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := s.app.RemoveSubscription(r.Context(), rq.actor, r.PathValue("id")); err != nil {
		return err
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/account/subscriptions?done=removed", http.StatusSeeOther)
	return nil
}

// stopNewsletter withdraws the newsletter consent, recorded as given up here.
func (s *Server) stopNewsletter(w http.ResponseWriter, r *http.Request, rq *request) error {
	if _, err := s.app.SetNewsletter(r.Context(), rq.actor, false, "subscriptions_page"); err != nil {
		return err
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/account/subscriptions?done=removed", http.StatusSeeOther)
	return nil
}
