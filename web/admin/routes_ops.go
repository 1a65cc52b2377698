package admin

import "b2x/staff"

// opsRoute is a back-office route of catalog, stock and order operations with
// the permission it needs ("" when any staff user may open it). routes() puts
// them in the route table, whose wrapper refuses a role without it before the
// handler runs, and the use case checks again; TestOpsRoutesPermissions walks
// this part of the table.
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
