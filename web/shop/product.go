package shop

import (
	"b2x/web/page"
	"math"
	"net/http"
	"strconv"

	"b2x/app"
	"b2x/errs"
	"b2x/funnel"
	"b2x/locale"
	"b2x/money"
	"b2x/promo"
)

type productPage struct {
	app.ProductDetail
	CategoryName string
	SignedIn     bool
	// ReviewForm is a refused review shown again, with its errors.
	ReviewForm app.NewReview
	Errors     page.FormErrors
	Reviewed   bool
	// Promotion is the best automatic promotion on the product, shown before
	// checkout; PromoPrice is the unit price with it.
	Promotion  *promo.Promotion
	PromoPrice money.Amount
	// The "notify me when back in stock" form, shown again when refused.
	NotifyEmail  string
	NotifyErrors page.FormErrors
	Notified     bool
}

func (p productPage) title(*locale.Printer) string { return p.Name }

// Rounded is the average rating rounded to whole stars, for the stars partial.
func (p productPage) Rounded() int { return int(math.Round(p.Rating.Average)) }

// AverageText is the average with one decimal, in the page's digits.
func (p productPage) AverageText(pr *locale.Printer) string {
	return pr.Decimal(strconv.FormatFloat(p.Rating.Average, 'f', 1, 64))
}

// product shows a product page: kept rendered for visitors who are not signed
// in (productcache.go), fresh for a customer. Every view is a step of the
// funnel, however it is served.
func (s *Server) product(w http.ResponseWriter, r *http.Request, rq *request) error {
	if rq.actor.PersonID == "" {
		key, version := r.URL.RequestURI(), s.app.ShopVersion()
		if p, ok, fresh := s.cache.get(key, version); ok && (fresh || s.stillShown(r.Context(), key, p)) {
			s.app.RecordEvent(funnel.ProductView, visitor(w, r), r.PathValue("sku"), "")
			s.writeShared(w, rq, p)
			return nil
		}
		// The catalog version known before the page's data is read: another
		// process's write after it fails the page's first check.
		rq.cacheKey, rq.cacheVersion, rq.catalogSeen = key, version, s.app.CatalogSeen()
	}
	pg, err := s.productPage(r, rq)
	if err != nil {
		return err
	}
	pg.Reviewed = r.URL.Query().Has("reviewed")
	pg.Notified = r.URL.Query().Has("notify")
	s.app.RecordEvent(funnel.ProductView, visitor(w, r), pg.SKU, rq.actor.PersonID)
	if rq.cacheKey != "" {
		rq.check = newProductCheck(pg)
	}
	s.render(w, http.StatusOK, "product", rq, pg)
	return nil
}

func (s *Server) productPage(r *http.Request, rq *request) (productPage, error) {
	ctx := r.Context()
	d, err := s.app.ProductPage(ctx, rq.actor, r.PathValue("sku"))
	if err != nil {
		return productPage{}, err
	}
	pg := productPage{ProductDetail: d, CategoryName: rq.categoryName(d.Category), SignedIn: rq.actor.PersonID != ""}
	promos, err := s.app.PromotionsFor(ctx, []string{d.SKU})
	if err != nil {
		return pg, err
	}
	for _, pr := range promos[d.SKU] {
		if price := pr.UnitPrice(d.Price); pg.Promotion == nil || price.Minor < pg.PromoPrice.Minor {
			pg.Promotion, pg.PromoPrice = &pr, price
		}
	}
	return pg, nil
}

// submitReview posts a review: a signed-in customer's, or a guest's who proves
// the purchase with the order's email and number. Reviews wait for moderation.
func (s *Server) submitReview(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	rating, _ := strconv.Atoi(page.Field(r, "rating"))
	in := app.NewReview{SKU: r.PathValue("sku"), Rating: rating, Title: page.Field(r, "title"), Body: page.Field(r, "body"),
		Name: page.Field(r, "name")}
	if rq.actor.PersonID == "" {
		in.Email, in.OrderNumber = page.Field(r, "email"), page.Field(r, "order_number")
	}
	if _, err := s.app.SubmitReview(r.Context(), rq.actor, in); err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		pg, perr := s.productPage(r, rq)
		if perr != nil {
			return perr
		}
		pg.ReviewForm, pg.Errors = in, fe
		s.render(w, page.FormStatus(err), "product", rq, pg)
		return nil
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/p/"+in.SKU+"?reviewed#reviews", http.StatusSeeOther)
	return nil
}

func notFound(w http.ResponseWriter, r *http.Request, rq *request) error {
	return errs.E(errs.NotFound, "no such page")
}
