package shop

import (
	"net/http"
	"strings"
	"time"

	"b2x/errs"
	"b2x/locale"
	"b2x/order"
)

const ordersPerPage = 20

type ordersPage struct {
	Orders []order.Order
	// Next is the cursor of the next page, empty on the last.
	Next string
}

func (ordersPage) title(p *locale.Printer) string { return p.T("nav.orders") }

// myOrders lists the customer's orders, newest first; the cursor is the placed
// time and id of the last order shown.
func (s *Server) myOrders(w http.ResponseWriter, r *http.Request, rq *request) error {
	var before time.Time
	var beforeID string
	if c := r.URL.Query().Get("before"); c != "" {
		at, id, ok := strings.Cut(c, "_")
		t, err := time.Parse(time.RFC3339Nano, at)
		if !ok || err != nil {
			return errs.Field("before", "is not a page cursor")
		}
		before, beforeID = t, id
	}
	placed, err := s.app.MyOrders(r.Context(), rq.actor, before, beforeID, ordersPerPage+1)
	if err != nil {
		return err
	}
	pg := ordersPage{Orders: placed}
	if len(placed) > ordersPerPage {
		last := placed[ordersPerPage-1]
		pg.Orders, pg.Next = placed[:ordersPerPage], last.PlacedAt.Format(time.RFC3339Nano)+"_"+last.ID
	}
	s.render(w, http.StatusOK, "orders", rq, pg)
	return nil
}

type orderPage struct{ Order order.Order }

func (p orderPage) title(pr *locale.Printer) string {
	return pr.T("order.number", "number", p.Order.Number)
}

func (s *Server) myOrder(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.app.MyOrder(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "order", rq, orderPage{Order: o})
	return nil
}
