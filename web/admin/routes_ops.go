package admin

import (
	"net/http"

	"b2x/errs"
	"b2x/staff"
)

// opsRoute is a back-office route of catalog, stock and order operations with
// the permission it needs ("" when any staff user may open it). The route
// refuses a role without it before the handler runs, and the use case checks
// again; the permission test (ops_permissions_test.go) walks this table.
type opsRoute struct {
	Method, Pattern string
	Perm            staff.Permission
	Handler         handler
}

func (s *Server) opsRoutes() []opsRoute {
	return []opsRoute{
		{"GET", "/admin/products", "", s.products},
		{"GET", "/admin/new-product", staff.CatalogEdit, s.newProduct},
		{"POST", "/admin/products", staff.CatalogEdit, s.createProduct},
		{"GET", "/admin/products/{sku}", "", s.product},
		{"POST", "/admin/products/{sku}", staff.CatalogEdit, s.updateProduct},

		{"GET", "/admin/stock", staff.StockRead, s.stockList},
		{"GET", "/admin/low-stock", staff.StockRead, s.lowStock},
		{"GET", "/admin/stock/{sku}", staff.StockRead, s.skuStock},
		{"POST", "/admin/stock/{sku}/movements", staff.StockMove, s.moveStock},
		{"POST", "/admin/stock/{sku}/reorder-points", staff.StockMove, s.setReorderPoint},

		{"GET", "/admin/orders", staff.OrdersRead, s.orders},
		{"GET", "/admin/orders/{id}", staff.OrdersRead, s.order},
		{"POST", "/admin/orders/{id}/transitions", staff.OrdersTransition, s.transitionOrder},
		{"POST", "/admin/orders/{id}/delivery", staff.OrdersTransition, s.scheduleDelivery},
		{"GET", "/admin/fulfilment", staff.OrdersRead, s.fulfilment},
		{"GET", "/admin/order-times", staff.OrdersRead, s.orderTimes},
		{"GET", "/admin/deliveries", staff.OrdersRead, s.deliveries},
	}
}

// registerOps adds the operations routes to the mux.
func (s *Server) registerOps() {
	for _, rt := range s.opsRoutes() {
		s.mux.HandleFunc(rt.Method+" "+rt.Pattern, s.staff(permitted(rt.Perm, rt.Handler)))
	}
}

// permitted refuses a role without p before h runs: a form page a role could
// not submit is not shown either.
func permitted(p staff.Permission, h handler) handler {
	if p == "" {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request, rq *request) error {
		if !rq.actor.Can(p) {
			return &errs.Error{Code: errs.Forbidden, Message: "this needs the " + string(p) + " permission"}
		}
		return h(w, r, rq)
	}
}
