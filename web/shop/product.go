package shop

import (
	"net/http"

	"b2x/app"
	"b2x/errs"
	"b2x/locale"
)

type productPage struct {
	app.ProductDetail
	CategoryName string
}

func (p productPage) title(*locale.Printer) string { return p.Name }

func (s *Server) product(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := s.app.ProductPage(r.Context(), rq.actor, r.PathValue("sku"))
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "product", rq, productPage{ProductDetail: d, CategoryName: rq.categoryName(d.Category)})
	return nil
}

func notFound(w http.ResponseWriter, r *http.Request, rq *request) error {
	return errs.E(errs.NotFound, "no such page")
}
