package portal

import (
	"net/http"

	"b2x/app"
	"b2x/locale"
	"b2x/order"
)

type ordersPage struct{ Orders []order.Order }

func (ordersPage) title(p *locale.Printer) string { return p.T("nav.orders") }

type orderDetailPage struct{ Order order.Order }

func (p orderDetailPage) title(pr *locale.Printer) string {
	return pr.T("portal.order_title", "number", p.Order.Number)
}

// orders lists the organization's orders, newest first, with their status.
func (s *Server) orders(w http.ResponseWriter, r *http.Request, rq *request) error {
	os, err := s.app.PortalOrders(r.Context(), rq.actor, app.PortalOrderQuery{Limit: 100})
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "orders", rq, ordersPage{Orders: os})
	return nil
}

// order shows one of the organization's orders; another's is not found.
func (s *Server) order(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.app.PortalOrder(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "orderdetail", rq, orderDetailPage{Order: o})
	return nil
}
