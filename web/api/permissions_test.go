package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/campaign"
	"b2x/catalog"
	"b2x/contract"
	"b2x/crm"
	"b2x/ids"
	"b2x/inventory"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/qty"
	"b2x/recurring"
	"b2x/staff"
	"b2x/store"
	"b2x/store/storetest"
)

// permEnv is a server with one staff user and token per role, and an owner actor
// that prepares what each request needs.
type permEnv struct {
	t      *testing.T
	ctx    context.Context
	db     *store.DB
	app    *app.App
	srv    *httptest.Server
	tokens map[staff.Role]string
	ids    map[staff.Role]string
	owner  app.Actor
	org    party.Organization
	n      int
}

func (e *permEnv) must(err error) {
	e.t.Helper()
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *permEnv) next() int { e.n++; return e.n }

// request is what one case sends.
type request struct {
	path, body string
	header     map[string]string
}

// permCase says which permission a staff route needs ("" when any staff user may
// call it), how to prepare a request that succeeds when allowed, and whether an
// allowed call is a change that the audit log must hold.
type permCase struct {
	perm  staff.Permission
	write bool
	setup func(e *permEnv) request
}

// unaudited lists the changes that are not in the audit log, with the reason.
var unaudited = map[string]string{
	"POST /api/v1/orders/{id}/transitions": "orders keep their own history in order_transitions",
}

func fixed(path string) func(*permEnv) request {
	return func(*permEnv) request { return request{path: path} }
}

// The tables the permission test counts: a refused call changes none of them.
var permTables = []string{"products", "base_prices", "categories", "warehouses", "stock_levels", "stock_movements",
	"stock_reservations", "orders", "order_lines", "order_transitions", "idempotency_keys", "persons", "organizations",
	"contacts", "price_lists", "price_list_entries", "quotes", "quote_lines", "quote_revisions", "users", "api_tokens",
	"audit_log", "crm_pipeline", "opportunities", "opportunity_stage_changes", "activities", "activity_contacts",
	"account_assignments", "tenders", "winning_points", "winning_point_uses", "coupons", "promotions", "delivery_rates",
	"loyalty_cards", "loyalty_entries", "contracts", "licences", "licence_seat_changes", "recurring_orders", "quote_comments",
	"reorder_points", "order_deliveries", "saved_lists",
	"mailing_lists", "list_consents", "suppressions", "segments", "campaigns", "campaign_test_sends", "campaign_deliveries"}

// permCases covers every route a staff token may call. A new staff route must be
// added here: the test fails for a route without a case.
func permCases() map[string]permCase {
	return map[string]permCase{
		"POST /api/v1/products": {staff.CatalogEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/products", body: fmt.Sprintf(`{"sku":"P-%d","name":"P","channels":["b2c"],"price":{"amount":"1.00","currency":"EUR"}}`, e.next())}
		}},
		"PATCH /api/v1/products/{sku}": {staff.CatalogEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/products/BRK-RED", body: fmt.Sprintf(`{"name":"Red brick %d"}`, e.next())}
		}},
		"PUT /api/v1/categories/{slug}": {staff.CatalogEdit, true, func(e *permEnv) request {
			return request{path: fmt.Sprintf("/api/v1/categories/c%d", e.next()), body: `{"name":"C"}`}
		}},
		"POST /api/v1/stock/movements": {staff.StockMove, true, func(e *permEnv) request {
			return request{path: "/api/v1/stock/movements", body: `{"sku":"BRK-RED","kind":"receipt","quantity":1}`}
		}},
		"GET /api/v1/stock/{sku}/movements": {staff.StockRead, false, fixed("/api/v1/stock/BRK-RED/movements")},
		"GET /api/v1/warehouses":            {"", false, fixed("/api/v1/warehouses")},
		"PUT /api/v1/warehouses/{code}": {staff.WarehousesEdit, true, func(e *permEnv) request {
			return request{path: fmt.Sprintf("/api/v1/warehouses/W%d", e.next()), body: `{"name":"W"}`}
		}},
		"GET /api/v1/stock/{sku}/reorder-points": {staff.StockRead, false, fixed("/api/v1/stock/BRK-RED/reorder-points")},
		"PUT /api/v1/stock/{sku}/reorder-points/{code}": {staff.StockMove, true, func(e *permEnv) request {
			return request{path: "/api/v1/stock/BRK-RED/reorder-points/MAIN", body: fmt.Sprintf(`{"point":%d,"quantity":10}`, e.next())}
		}},
		"DELETE /api/v1/stock/{sku}/reorder-points/{code}": {staff.StockMove, true, func(e *permEnv) request {
			_, err := e.app.SetReorderPoint(e.ctx, e.owner, app.ReorderPointInput{SKU: "BRK-RED", Warehouse: "MAIN", Point: qty.Units(5)})
			e.must(err)
			return request{path: "/api/v1/stock/BRK-RED/reorder-points/MAIN"}
		}},
		"GET /api/v1/low-stock": {staff.StockRead, false, fixed("/api/v1/low-stock")},
		"GET /api/v1/orders/{id}/transitions": {staff.OrdersRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/orders/" + e.order() + "/transitions"}
		}},
		"PUT /api/v1/orders/{id}/delivery": {staff.OrdersTransition, true, func(e *permEnv) request {
			o, _, err := e.app.Checkout(e.ctx, app.Actor{}, fmt.Sprintf("perm-own-%d", e.next()), app.CheckoutInput{Channel: catalog.B2C,
				Guest: &order.Guest{Name: "Ann", Email: "ann@example.com"}, DeliveryMethod: order.OwnDelivery, DeliveryAddress: "Hafenstraße 1",
				Lines: []app.CheckoutLine{{SKU: "BRK-RED", Quantity: qty.Units(1)}}})
			e.must(err)
			return request{path: "/api/v1/orders/" + o.ID + "/delivery", body: `{"day":"2026-12-01","slot":"08-12","driver":"Jan"}`}
		}},
		"GET /api/v1/order-status-times": {staff.OrdersRead, false, fixed("/api/v1/order-status-times?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z")},
		"GET /api/v1/deliveries":         {staff.OrdersRead, false, fixed("/api/v1/deliveries?day=2026-12-01")},
		"GET /api/v1/orders":             {staff.OrdersRead, false, fixed("/api/v1/orders")},
		"GET /api/v1/orders/{id}":        {staff.OrdersRead, false, func(e *permEnv) request { return request{path: "/api/v1/orders/" + e.order()} }},
		"POST /api/v1/orders/{id}/transitions": {staff.OrdersTransition, true, func(e *permEnv) request {
			return request{path: "/api/v1/orders/" + e.order() + "/transitions", body: `{"to":"cancelled"}`}
		}},
		"POST /api/v1/price-lists": {staff.PricesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/price-lists", body: `{"name":"L","currency":"EUR","group":"g","entries":[{"sku":"BRK-RED","price":{"amount":"0.50","currency":"EUR"}}]}`}
		}},
		"GET /api/v1/organizations/{id}/price-lists": {staff.PricesRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/organizations/" + e.org.ID + "/price-lists"}
		}},
		"GET /api/v1/persons": {staff.CustomersRead, false, fixed("/api/v1/persons")},
		"POST /api/v1/persons": {staff.CustomersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/persons", body: `{"name":"Ann"}`}
		}},
		"GET /api/v1/persons/{id}": {staff.CustomersRead, false, func(e *permEnv) request { return request{path: "/api/v1/persons/" + e.person()} }},
		"PATCH /api/v1/persons/{id}": {staff.CustomersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/persons/" + e.person(), body: `{"name":"Bea"}`}
		}},
		"GET /api/v1/organizations": {staff.CustomersRead, false, fixed("/api/v1/organizations")},
		"POST /api/v1/organizations": {staff.CustomersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/organizations", body: `{"legal_name":"New LLC"}`}
		}},
		"GET /api/v1/organizations/{id}": {staff.CustomersRead, false, func(e *permEnv) request { return request{path: "/api/v1/organizations/" + e.org.ID} }},
		"PATCH /api/v1/organizations/{id}": {staff.CustomersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/organizations/" + e.org.ID, body: fmt.Sprintf(`{"industry":"i%d"}`, e.next())}
		}},
		"GET /api/v1/organizations/{id}/contacts": {staff.CustomersRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/organizations/" + e.org.ID + "/contacts"}
		}},
		"POST /api/v1/organizations/{id}/contacts": {staff.CustomersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/organizations/" + e.org.ID + "/contacts", body: `{"name":"Carl"}`}
		}},
		"GET /api/v1/contacts/{id}": {staff.CustomersRead, false, func(e *permEnv) request { return request{path: "/api/v1/contacts/" + e.contact()} }},
		"PATCH /api/v1/contacts/{id}": {staff.CustomersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/contacts/" + e.contact(), body: `{"job_title":"Buyer"}`}
		}},
		"POST /api/v1/quotes": {staff.QuotesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/quotes", body: `{"organization_id":"` + e.org.ID + `","valid_until":"2099-01-01T00:00:00Z","lines":[{"sku":"BRK-RED","quantity":1}]}`}
		}},
		"GET /api/v1/quotes":      {staff.QuotesRead, false, fixed("/api/v1/quotes")},
		"GET /api/v1/quotes/{id}": {staff.QuotesRead, false, func(e *permEnv) request { return request{path: "/api/v1/quotes/" + e.quote(false)} }},
		"PATCH /api/v1/quotes/{id}": {staff.QuotesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/quotes/" + e.quote(false), body: `{"delivery_terms":"to site"}`}
		}},
		"POST /api/v1/quotes/{id}/send": {staff.QuotesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/quotes/" + e.quote(false) + "/send"}
		}},
		"POST /api/v1/quotes/{id}/withdraw": {staff.QuotesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/quotes/" + e.quote(true) + "/withdraw"}
		}},
		"POST /api/v1/quotes/{id}/accept": {staff.QuotesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/quotes/" + e.quote(true) + "/accept", header: map[string]string{"Idempotency-Key": fmt.Sprintf("accept-%d", e.next())}}
		}},
		"GET /api/v1/quotes/{id}/revisions": {staff.QuotesRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/quotes/" + e.quote(false) + "/revisions"}
		}},
		"GET /api/v1/quotes/{id}/comments": {staff.QuotesRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/quotes/" + e.quote(false) + "/comments"}
		}},
		"POST /api/v1/quotes/{id}/comments": {staff.QuotesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/quotes/" + e.quote(false) + "/comments", body: `{"body":"When can you deliver?"}`}
		}},

		"GET /api/v1/pipeline": {staff.CRMRead, false, fixed("/api/v1/pipeline")},
		"PUT /api/v1/pipeline": {staff.PipelineEdit, true, func(e *permEnv) request {
			p := crm.DefaultPipeline()
			p.Stages[0].Name = fmt.Sprintf("Lead %d", e.next())
			b, _ := json.Marshal(p)
			return request{path: "/api/v1/pipeline", body: string(b)}
		}},
		"GET /api/v1/pipeline/board":    {staff.CRMRead, false, fixed("/api/v1/pipeline/board")},
		"GET /api/v1/pipeline/forecast": {staff.CRMRead, false, fixed("/api/v1/pipeline/forecast?from=2026-01&to=2027-01")},
		"GET /api/v1/opportunities":     {staff.CRMRead, false, fixed("/api/v1/opportunities")},
		"POST /api/v1/opportunities": {staff.OpportunitiesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/opportunities", body: `{"organization_id":"` + e.org.ID + `","title":"Deal","amount":{"amount":"100.00","currency":"EUR"},"expected_close":"2026-06-01T00:00:00Z","source":"web"}`}
		}},
		"GET /api/v1/opportunities/{id}": {staff.CRMRead, false, func(e *permEnv) request { return request{path: "/api/v1/opportunities/" + e.deal()} }},
		"PATCH /api/v1/opportunities/{id}": {staff.OpportunitiesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/opportunities/" + e.deal(), body: `{"probability":35}`}
		}},
		"POST /api/v1/opportunities/{id}/moves": {staff.OpportunitiesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/opportunities/" + e.deal() + "/moves", body: `{"to":"lost","lost_reason":"no budget"}`}
		}},
		"GET /api/v1/activities": {staff.CRMRead, false, fixed("/api/v1/activities")},
		"POST /api/v1/activities": {staff.ActivitiesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/activities", body: `{"kind":"meeting","subject":"Visit","due":"2026-01-05T10:00:00Z","done":true,"organization_id":"` + e.org.ID + `"}`}
		}},
		"PATCH /api/v1/activities/{id}": {staff.ActivitiesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/activities/" + e.activity(), body: `{"notes":"more"}`}
		}},
		"POST /api/v1/activities/{id}/done": {staff.ActivitiesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/activities/" + e.activity() + "/done"}
		}},
		"GET /api/v1/activities/overdue": {staff.CRMRead, false, fixed("/api/v1/activities/overdue")},
		"GET /api/v1/activities.ics": {staff.CRMRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/activities.ics?owner=" + e.owner.UserID}
		}},
		"GET /api/v1/tenders": {staff.CRMRead, false, fixed("/api/v1/tenders")},
		"POST /api/v1/tenders": {staff.TendersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/tenders", body: `{"organization_id":"` + e.org.ID + `","title":"Kilns","published_at":"2026-01-01T00:00:00Z","deadline":"2099-01-01T00:00:00Z"}`}
		}},
		"GET /api/v1/tenders/reminders": {staff.CRMRead, false, fixed("/api/v1/tenders/reminders")},
		"GET /api/v1/tenders/{id}":      {staff.CRMRead, false, func(e *permEnv) request { return request{path: "/api/v1/tenders/" + e.tender()} }},
		"PATCH /api/v1/tenders/{id}": {staff.TendersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/tenders/" + e.tender(), body: `{"decision":"bid"}`}
		}},
		"POST /api/v1/tenders/{id}/deal": {staff.TendersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/tenders/" + e.tender() + "/deal", body: `{"amount":{"amount":"500.00","currency":"EUR"}}`}
		}},
		"GET /api/v1/winning-points": {staff.WinningPointsRead, false, fixed("/api/v1/winning-points")},
		"POST /api/v1/winning-points": {staff.WinningPointsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/winning-points", body: `{"title":"Fast","text":"Installed in a day","tags":["service"]}`}
		}},
		"GET /api/v1/winning-points/{id}": {staff.WinningPointsRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/winning-points/" + e.point()}
		}},
		"PUT /api/v1/winning-points/{id}": {staff.WinningPointsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/winning-points/" + e.point(), body: `{"title":"Faster","text":"Installed in half a day"}`}
		}},
		"POST /api/v1/winning-points/{id}/uses": {staff.QuotesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/winning-points/" + e.point() + "/uses", body: `{"used_in":"quote:` + e.quote(false) + `"}`}
		}},
		"GET /api/v1/customers/{id}": {staff.CustomersRead, false, func(e *permEnv) request { return request{path: "/api/v1/customers/" + e.org.ID} }},
		"PUT /api/v1/customers/{id}/referred-by": {staff.CustomersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/customers/" + e.org.ID + "/referred-by", body: `{"referred_by":"` + e.person() + `"}`}
		}},
		"GET /api/v1/organizations/{id}/buying-center": {staff.CustomersRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/organizations/" + e.org.ID + "/buying-center"}
		}},
		"PUT /api/v1/contacts/{id}/stance": {staff.CustomersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/contacts/" + e.contact() + "/stance", body: `{"stance":"supporter"}`}
		}},
		"GET /api/v1/organizations/{id}/account-manager": {staff.AccountManagerRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/organizations/" + e.org.ID + "/account-manager"}
		}},
		"PUT /api/v1/organizations/{id}/account-manager": {staff.AccountsAssign, true, func(e *permEnv) request {
			o, err := e.app.CreateOrganization(e.ctx, e.owner, party.Organization{LegalName: "Managed"})
			e.must(err)
			return request{path: "/api/v1/organizations/" + o.ID + "/account-manager", body: `{"manager":"` + e.ids[staff.AccountManager] + `"}`}
		}},
		"GET /api/v1/account-managers/workload": {staff.AccountManagerRead, false, fixed("/api/v1/account-managers/workload")},
		"GET /api/v1/staff":                     {staff.StaffManage, false, fixed("/api/v1/staff")},
		"POST /api/v1/staff": {staff.StaffManage, true, func(e *permEnv) request {
			return request{path: "/api/v1/staff", body: fmt.Sprintf(`{"email":"new%d@example.com","role":"support","password":"a long password"}`, e.next())}
		}},
		"PATCH /api/v1/staff/{id}": {staff.StaffManage, true, func(e *permEnv) request {
			return request{path: "/api/v1/staff/" + e.user(), body: `{"role":"marketing","disabled":true}`}
		}},
		"POST /api/v1/staff/{id}/password": {staff.StaffManage, true, func(e *permEnv) request {
			return request{path: "/api/v1/staff/" + e.user() + "/password", body: `{"password":"another long password"}`}
		}},
		"GET /api/v1/audit": {staff.AuditRead, false, fixed("/api/v1/audit")},

		"POST /api/v1/coupons": {staff.PromotionsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/coupons", body: fmt.Sprintf(`{"code":"C%d","kind":"percent","percent":"10"}`, e.next())}
		}},
		"GET /api/v1/coupons": {staff.PromotionsRead, false, fixed("/api/v1/coupons")},
		"POST /api/v1/promotions": {staff.PromotionsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/promotions", body: `{"name":"Brick week","kind":"percent","percent":"5","skus":["BRK-RED"]}`}
		}},
		"GET /api/v1/promotions": {staff.PromotionsRead, false, fixed("/api/v1/promotions")},
		"PUT /api/v1/delivery-methods/{method}": {staff.DeliveryEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/delivery-methods/carrier", body: fmt.Sprintf(`{"name":"Parcel %d","fee":{"amount":"4.90","currency":"EUR"},"tax_rate":"20"}`, e.next())}
		}},
		"POST /api/v1/loyalty-cards": {staff.LoyaltyEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/loyalty-cards", body: `{"phone":"` + e.phone() + `","person_id":"` + e.person() + `"}`}
		}},
		"GET /api/v1/loyalty-cards/{phone}": {staff.LoyaltyRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/loyalty-cards/" + e.card()}
		}},
		"POST /api/v1/loyalty-cards/{phone}/adjustments": {staff.LoyaltyEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/loyalty-cards/" + e.card() + "/adjustments", body: `{"points":5,"note":"goodwill"}`}
		}},
		"GET /api/v1/quotes/{id}/pdf": {staff.QuotesRead, false, func(e *permEnv) request { return request{path: "/api/v1/quotes/" + e.quote(false) + "/pdf"} }},
		"GET /api/v1/contracts":       {staff.ContractsRead, false, func(e *permEnv) request { return request{path: "/api/v1/contracts?organization=" + e.org.ID} }},
		"POST /api/v1/contracts": {staff.ContractsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/contracts", body: `{"organization_id":"` + e.org.ID + `","name":"Frame","currency":"EUR","starts_at":"2026-01-01T00:00:00Z","ends_at":"2030-01-01T00:00:00Z","prices":[{"sku":"BRK-RED","price":{"amount":"0.80","currency":"EUR"}}]}`}
		}},
		"GET /api/v1/contracts/{id}": {staff.ContractsRead, false, func(e *permEnv) request { return request{path: "/api/v1/contracts/" + e.contract()} }},
		"PATCH /api/v1/contracts/{id}": {staff.ContractsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/contracts/" + e.contract(), body: `{"terms":"Quarterly review"}`}
		}},
		"GET /api/v1/licences":          {staff.LicencesRead, false, func(e *permEnv) request { e.licence(); return request{path: "/api/v1/licences"} }},
		"GET /api/v1/licences/renewals": {staff.LicencesRead, false, fixed("/api/v1/licences/renewals?within_days=400")},
		"GET /api/v1/licences/{id}":     {staff.LicencesRead, false, func(e *permEnv) request { return request{path: "/api/v1/licences/" + e.licence()} }},
		"GET /api/v1/licences/{id}/seat-price": {staff.LicencesRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/licences/" + e.licence() + "/seat-price?seats=2"}
		}},
		"POST /api/v1/licences/{id}/seats": {staff.LicencesEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/licences/" + e.licence() + "/seats", body: `{"seats":2}`,
				header: map[string]string{"Idempotency-Key": fmt.Sprintf("seats-%d", e.next())}}
		}},
		"GET /api/v1/recurring-orders": {staff.RecurringRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/recurring-orders?organization=" + e.org.ID}
		}},
		"POST /api/v1/recurring-orders": {staff.RecurringEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/recurring-orders", body: `{"organization_id":"` + e.org.ID + `","name":"Weekly","every":1,"unit":"week","starts_on":"` +
				recurring.DayOf(time.Now()).AddDate(0, 0, 2).Format(time.DateOnly) + `","lines":[{"sku":"BRK-RED","quantity":2}]}`}
		}},
		"GET /api/v1/saved-lists": {staff.CustomersRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/saved-lists?organization=" + e.org.ID}
		}},
		"POST /api/v1/saved-lists": {staff.CustomersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/saved-lists", body: `{"organization_id":"` + e.org.ID + `","name":"Site kit ` + fmt.Sprint(e.next()) + `","lines":[{"sku":"BRK-RED","quantity":2}]}`}
		}},
		"GET /api/v1/saved-lists/{id}": {staff.CustomersRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/saved-lists/" + e.savedList()}
		}},
		"PUT /api/v1/saved-lists/{id}": {staff.CustomersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/saved-lists/" + e.savedList(), body: `{"organization_id":"` + e.org.ID + `","name":"Renamed ` + fmt.Sprint(e.next()) + `","lines":[{"sku":"BRK-RED","quantity":3}]}`}
		}},
		"DELETE /api/v1/saved-lists/{id}": {staff.CustomersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/saved-lists/" + e.savedList()}
		}},
		"POST /api/v1/saved-lists/{id}/lines": {staff.CustomersEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/saved-lists/" + e.savedList() + "/lines", body: `{"sku":"BRK-RED","quantity":1}`}
		}},
		"GET /api/v1/recurring-orders/{id}": {staff.RecurringRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/recurring-orders/" + e.recurring()}
		}},
		"PATCH /api/v1/recurring-orders/{id}": {staff.RecurringEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/recurring-orders/" + e.recurring(), body: `{"active":false}`}
		}},

		"GET /api/v1/reviews": {staff.ReviewsModerate, false, fixed("/api/v1/reviews?status=pending")},
		"POST /api/v1/reviews/{id}/moderation": {staff.ReviewsModerate, true, func(e *permEnv) request {
			return request{path: "/api/v1/reviews/" + e.review() + "/moderation", body: `{"decision":"approved"}`}
		}},
		"GET /api/v1/warranty/registrations": {staff.WarrantyRead, false, fixed("/api/v1/warranty/registrations")},
		"POST /api/v1/warranty/registrations": {staff.WarrantyEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/warranty/registrations", body: fmt.Sprintf(`{"person_id":"%s","sku":"DRL","serial_number":"SN-%d","purchased_at":"2026-01-01T00:00:00Z"}`,
				e.person(), e.next())}
		}},
		"GET /api/v1/warranty/registrations/{id}": {staff.WarrantyRead, false, func(e *permEnv) request {
			return request{path: "/api/v1/warranty/registrations/" + e.registration()}
		}},
		"GET /api/v1/warranty/claims": {staff.WarrantyRead, false, fixed("/api/v1/warranty/claims")},
		"POST /api/v1/warranty/claims": {staff.WarrantyEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/warranty/claims", body: `{"registration_id":"` + e.registration() + `","problem":"Sparks"}`}
		}},
		"GET /api/v1/warranty/claims/{id}": {staff.WarrantyRead, false, func(e *permEnv) request { return request{path: "/api/v1/warranty/claims/" + e.claim()} }},
		"POST /api/v1/warranty/claims/{id}/transitions": {staff.WarrantyEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/warranty/claims/" + e.claim() + "/transitions", body: `{"to":"received"}`}
		}},
		"GET /api/v1/warranty/defects": {staff.WarrantyRead, false, fixed("/api/v1/warranty/defects")},
		"POST /api/v1/warranty/defects": {staff.WarrantyEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/warranty/defects", body: `{"sku":"DRL","code":"mot-1","category":"electrical","description":"From stock"}`}
		}},
		"GET /api/v1/funnel":    {staff.StatisticsRead, false, fixed("/api/v1/funnel?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z")},
		"GET /api/v1/campaigns": {staff.CampaignsEdit, false, fixed("/api/v1/campaigns")},
		"POST /api/v1/campaigns": {staff.CampaignsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/campaigns", body: e.campaignBody(e.list())}
		}},
		"GET /api/v1/campaigns/{id}": {staff.CampaignsEdit, false, func(e *permEnv) request {
			return request{path: "/api/v1/campaigns/" + e.campaign("draft")}
		}},
		"PUT /api/v1/campaigns/{id}": {staff.CampaignsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/campaigns/" + e.campaign("draft"), body: e.campaignBody("newsletter")}
		}},
		"GET /api/v1/campaigns/{id}/findings": {staff.CampaignsEdit, false, func(e *permEnv) request {
			return request{path: "/api/v1/campaigns/" + e.campaign("draft") + "/findings"}
		}},
		"POST /api/v1/campaigns/{id}/test-sends": {staff.CampaignsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/campaigns/" + e.campaign("draft") + "/test-sends", body: `{"to":["admin@example.com"]}`}
		}},
		"POST /api/v1/campaigns/{id}/send": {staff.CampaignsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/campaigns/" + e.campaign("tested") + "/send", body: `{}`}
		}},
		"POST /api/v1/campaigns/{id}/pause": {staff.CampaignsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/campaigns/" + e.campaign("sending") + "/pause", body: `{}`}
		}},
		"POST /api/v1/campaigns/{id}/resume": {staff.CampaignsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/campaigns/" + e.campaign("paused") + "/resume", body: `{}`}
		}},
		"GET /api/v1/campaigns/{id}/report": {staff.CampaignsEdit, false, func(e *permEnv) request {
			return request{path: "/api/v1/campaigns/" + e.campaign("sending") + "/report"}
		}},
		"GET /api/v1/campaigns/{id}/deliveries": {staff.CampaignsEdit, false, func(e *permEnv) request {
			return request{path: "/api/v1/campaigns/" + e.campaign("sending") + "/deliveries"}
		}},
		"GET /api/v1/mailing-lists": {staff.CampaignsEdit, false, fixed("/api/v1/mailing-lists")},
		"POST /api/v1/mailing-lists": {staff.CampaignsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/mailing-lists", body: fmt.Sprintf(`{"slug":"l-%d","name":"L"}`, e.next())}
		}},
		"POST /api/v1/mailing-lists/{list}/consents": {staff.CampaignsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/mailing-lists/" + e.list() + "/consents", body: `{"email":"x@example.net","source":"admin"}`}
		}},
		"POST /api/v1/mailing-lists/{list}/withdrawals": {staff.CampaignsEdit, true, func(e *permEnv) request {
			l := e.list()
			e.must(e.app.GiveConsent(e.ctx, e.owner, app.ConsentInput{List: l, Email: "w@example.net", Source: "admin"}))
			return request{path: "/api/v1/mailing-lists/" + l + "/withdrawals", body: `{"email":"w@example.net"}`}
		}},
		"GET /api/v1/consents": {staff.CampaignsEdit, false, fixed("/api/v1/consents?email=x@example.net")},
		"GET /api/v1/segments": {staff.CampaignsEdit, false, fixed("/api/v1/segments")},
		"POST /api/v1/segments": {staff.CampaignsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/segments", body: `{"name":"Builders","filter":{"audience":"b2b","industries":["construction"]}}`}
		}},
		"PUT /api/v1/segments/{id}": {staff.CampaignsEdit, true, func(e *permEnv) request {
			s, err := e.app.CreateSegment(e.ctx, e.owner, app.SegmentInput{Name: "S", Filter: campaign.Segment{}})
			e.must(err)
			return request{path: "/api/v1/segments/" + s.ID, body: `{"name":"S2","filter":{"audience":"b2c"}}`}
		}},
		"POST /api/v1/audience-preview": {staff.CampaignsEdit, false, func(e *permEnv) request {
			return request{path: "/api/v1/audience-preview", body: `{"list":"` + e.list() + `","segment":{}}`}
		}},
		"GET /api/v1/suppressions": {staff.CampaignsEdit, false, fixed("/api/v1/suppressions")},
		"POST /api/v1/suppressions": {staff.CampaignsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/suppressions", body: fmt.Sprintf(`{"email":"s%d@example.net","reason":"manual"}`, e.next())}
		}},
		"POST /api/v1/bounces": {staff.CampaignsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/bounces", body: fmt.Sprintf(`{"ref":"b%d@example.net","kind":"hard","detail":"5.1.1"}`, e.next())}
		}},
		"POST /api/v1/news": {staff.NewsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/news", body: fmt.Sprintf(`{"slug":"n-%d","lang":"en","title":"T","body":"B"}`, e.next())}
		}},
		"PATCH /api/v1/news/{slug}": {staff.NewsEdit, true, func(e *permEnv) request {
			return request{path: "/api/v1/news/" + e.news(), body: `{"title":"T2"}`}
		}},
	}
}

func (e *permEnv) person() string {
	p, err := e.app.CreatePerson(e.ctx, e.owner, party.Person{Name: "Pat"})
	e.must(err)
	return p.ID
}

func (e *permEnv) contact() string {
	c, err := e.app.CreateContact(e.ctx, e.owner, party.Contact{OrganizationID: e.org.ID, Name: "Con"})
	e.must(err)
	return c.ID
}

func (e *permEnv) order() string {
	o, _, err := e.app.Checkout(e.ctx, app.Actor{}, fmt.Sprintf("perm-%d", e.next()), app.CheckoutInput{Channel: catalog.B2C,
		Guest: &order.Guest{Name: "Ann", Email: "ann@example.com"}, Lines: []app.CheckoutLine{{SKU: "BRK-RED", Quantity: qty.Units(1)}}})
	e.must(err)
	return o.ID
}

// quote makes a draft quote, or a sent one nobody has to approve.
func (e *permEnv) quote(sent bool) string {
	q, err := e.app.CreateQuote(e.ctx, e.owner, app.NewQuote{OrganizationID: e.org.ID, ValidUntil: time.Now().AddDate(1, 0, 0),
		Lines: []app.QuoteLineInput{{SKU: "BRK-RED", Quantity: qty.Units(1)}}})
	e.must(err)
	if sent {
		_, err = e.app.SendQuote(e.ctx, e.owner, q.ID)
		e.must(err)
	}
	return q.ID
}

func (e *permEnv) deal() string {
	v, err := e.app.CreateOpportunity(e.ctx, e.owner, app.NewOpportunity{OrganizationID: e.org.ID, Title: "D",
		Amount: money.MustNew(100, "EUR"), ExpectedClose: time.Now().AddDate(0, 1, 0), Source: crm.SourceWeb})
	e.must(err)
	return v.ID
}

func (e *permEnv) activity() string {
	res, err := e.app.CreateActivity(e.ctx, e.owner, app.NewActivity{Kind: crm.KindTask, Subject: "T", Due: time.Now().Add(time.Hour),
		OrganizationID: e.org.ID})
	e.must(err)
	return res.Activity.ID
}

func (e *permEnv) tender() string {
	v, err := e.app.CreateTender(e.ctx, e.owner, app.NewTender{OrganizationID: e.org.ID, Title: "T",
		PublishedAt: time.Now().Add(-time.Hour), Deadline: time.Now().AddDate(0, 1, 0)})
	e.must(err)
	return v.ID
}

// phone is a mobile number no card has yet.
func (e *permEnv) phone() string { return fmt.Sprintf("+7916%07d", e.next()) }

// card issues a loyalty card and returns its phone number.
func (e *permEnv) card() string {
	c, err := e.app.IssueLoyaltyCard(e.ctx, e.owner, e.phone(), "")
	e.must(err)
	return c.Phone
}

func (e *permEnv) contract() string {
	v, err := e.app.CreateContract(e.ctx, e.owner, contract.Contract{OrganizationID: e.org.ID, Name: "Frame", Currency: "EUR",
		StartsAt: time.Now().AddDate(0, -1, 0), EndsAt: time.Now().AddDate(1, 0, 0)})
	e.must(err)
	return v.Contract.ID
}

// licence sells the organization a seat of the licence product and returns the
// licence that order made.
func (e *permEnv) licence() string {
	o, _, err := e.app.Checkout(e.ctx, e.owner, fmt.Sprintf("lic-%d", e.next()), app.CheckoutInput{Channel: catalog.B2B,
		OrganizationID: e.org.ID, Lines: []app.CheckoutLine{{SKU: "LIC", Quantity: qty.Units(1)}}})
	e.must(err)
	ls, err := e.app.Licences(e.ctx, e.owner, app.LicenceQuery{OrganizationID: e.org.ID, Limit: 100})
	e.must(err)
	for _, l := range ls {
		if l.OrderID == o.ID {
			return l.ID
		}
	}
	e.t.Fatalf("order %s made no licence", o.ID)
	return ""
}

func (e *permEnv) recurring() string {
	s, err := e.app.CreateRecurringOrder(e.ctx, e.owner, app.RecurringOrderInput{OrganizationID: e.org.ID, Name: "Weekly", Every: 1,
		Unit: recurring.Week, StartsOn: recurring.DayOf(time.Now()).AddDate(0, 0, 1), Lines: []recurring.Line{{SKU: "BRK-RED", Quantity: qty.Units(1)}}})
	e.must(err)
	return s.ID
}

func (e *permEnv) savedList() string {
	l, err := e.app.SaveList(e.ctx, e.owner, app.SavedListInput{OrganizationID: e.org.ID, Name: fmt.Sprintf("Kit %d", e.next()),
		Lines: []app.QuickOrderLine{{SKU: "BRK-RED", Quantity: qty.Units(1)}}})
	e.must(err)
	return l.ID
}

func (e *permEnv) point() string {
	p, err := e.app.CreateWinningPoint(e.ctx, e.owner, app.WinningPointInput{Title: "P", Text: "Point"})
	e.must(err)
	return p.ID
}

// review submits a pending review by a guest who bought the product.
func (e *permEnv) review() string {
	email := fmt.Sprintf("guest%d@example.com", e.next())
	o, _, err := e.app.Checkout(e.ctx, app.Actor{}, "rev-"+email, app.CheckoutInput{Channel: catalog.B2C,
		Guest: &order.Guest{Name: "Gus Guest", Email: email}, Lines: []app.CheckoutLine{{SKU: "BRK-RED", Quantity: qty.Units(1)}}})
	e.must(err)
	r, err := e.app.SubmitReview(e.ctx, app.Actor{}, app.NewReview{SKU: "BRK-RED", Rating: 5, Title: "Good", Body: "Good bricks",
		Email: email, OrderNumber: o.Number})
	e.must(err)
	return r.ID
}

func (e *permEnv) registration() string {
	r, err := e.app.RegisterWarranty(e.ctx, e.owner, app.NewRegistration{PersonID: e.person(), SKU: "DRL",
		SerialNumber: fmt.Sprintf("REG-%d", e.next()), PurchasedAt: time.Now().AddDate(0, -1, 0)})
	e.must(err)
	return r.ID
}

func (e *permEnv) claim() string {
	c, err := e.app.SubmitClaim(e.ctx, e.owner, e.registration(), "Sparks")
	e.must(err)
	return c.Claim.ID
}

// user is a staff user to change, written straight to the store: hashing a
// password per case would slow the test down.
func (e *permEnv) user() string {
	u := staff.User{ID: ids.New(), Email: fmt.Sprintf("user%d@example.com", e.next()), Name: "U", Role: staff.Support,
		PasswordHash: "-", CreatedAt: time.Now()}
	e.must(e.db.Write(e.ctx, func(tx *store.Tx) error { return tx.InsertUser(e.ctx, &u) }))
	return u.ID
}

func (e *permEnv) news() string {
	slug := fmt.Sprintf("news-%d", e.next())
	_, err := e.app.CreateNewsPost(e.ctx, e.owner, app.NewsInput{Slug: slug, Lang: "en", Title: "T", Body: "B"})
	e.must(err)
	return slug
}

// list makes a mailing list and returns its slug.
func (e *permEnv) list() string {
	slug := fmt.Sprintf("list-%d", e.next())
	_, err := e.app.CreateMailingList(e.ctx, e.owner, app.MailingListInput{Slug: slug, Name: "List"})
	e.must(err)
	return slug
}

// permLetter passes the quality check with the demo supplier's details.
const permLetter = "B2X Building Supplies GmbH sells bricks and delivers them to building sites within 48 hours. We write to the contractors who bought from us this spring to offer fixed prices for the season.\n\n" +
	"From 1 March our terms for trade customers are:\n\n- **0.80 EUR per brick** from 5,000 pieces, VAT added;\n- **delivery to the site within 48 hours**, unloading included;\n- payment on invoice within 30 days.\n\n" +
	"The full specification of each brick is on our website: [b2x.example/specs](https://b2x.example/specs).\n\n" +
	"Your representative will answer any question about an order and can visit your site.\n\n" +
	"B2X Building Supplies GmbH  \nPhone: +49 30 1234567  \nEmail: sales@b2x.example  \nIndustriestraße 12, 10115 Berlin, Germany\n\n" +
	"[Unsubscribe from these letters]({{unsubscribe_url}})\n"

func (e *permEnv) campaignBody(list string) string {
	b, err := json.Marshal(app.CampaignInput{Name: "Spring", List: list, Subject: "Brick delivery to your site within 48 hours", Body: permLetter})
	e.must(err)
	return string(b)
}

// campaign makes a campaign on the newsletter list in a stage: draft, tested
// (a test send made), sending (its jobs wait: the queue is not started) or paused.
func (e *permEnv) campaign(stage string) string {
	if _, err := e.app.CreateMailingList(e.ctx, e.owner, app.MailingListInput{Slug: "newsletter", Name: "News"}); err != nil &&
		!strings.Contains(err.Error(), "taken") {
		e.must(err)
	}
	e.must(e.app.GiveConsent(e.ctx, e.owner, app.ConsentInput{List: "newsletter", Email: "reader@example.net", Source: "admin"}))
	var in app.CampaignInput
	e.must(json.Unmarshal([]byte(e.campaignBody("newsletter")), &in))
	c, err := e.app.CreateCampaign(e.ctx, e.owner, in)
	e.must(err)
	if c.LintErrors > 0 {
		e.t.Fatalf("the permission test's letter fails the check: %+v", c.Findings)
	}
	if stage == "draft" {
		return c.ID
	}
	_, err = e.app.TestSendCampaign(e.ctx, e.owner, c.ID, app.TestSendInput{To: []string{"admin@example.com"}})
	e.must(err)
	if stage == "tested" {
		return c.ID
	}
	_, err = e.app.SendCampaign(e.ctx, e.owner, c.ID)
	e.must(err)
	if stage == "paused" {
		_, err = e.app.PauseCampaign(e.ctx, e.owner, c.ID)
		e.must(err)
	}
	return c.ID
}

func newPermEnv(t *testing.T, db *store.DB) *permEnv {
	ctx := context.Background()
	a := app.New(db)
	e := &permEnv{t: t, ctx: ctx, db: db, app: a, tokens: map[staff.Role]string{}, ids: map[staff.Role]string{}}
	for _, r := range staff.Roles {
		email := string(r) + "@example.com"
		u, err := a.AddUser(ctx, email, string(r), r, "correct horse battery")
		e.must(err)
		e.tokens[r], err = a.CreateToken(ctx, email, "perm test")
		e.must(err)
		e.ids[r] = u.ID
	}
	e.owner = app.Actor{UserID: e.ids[staff.Owner], Role: string(staff.Owner)}
	e.must(a.UpsertWarehouse(ctx, e.owner, inventory.Warehouse{Code: "MAIN", Name: "Main"}))
	_, err := a.CreateProduct(ctx, e.owner, app.NewProduct{
		Product: catalog.Product{SKU: "BRK-RED", Name: "Red brick", Kind: catalog.Goods, Unit: "pcs",
			Channels: catalog.Channels{catalog.B2B, catalog.B2C}, Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(120, "EUR"), catalog.B2B: money.MustNew(90, "EUR")}})
	e.must(err)
	_, err = a.RecordMovement(ctx, e.owner, app.MovementInput{SKU: "BRK-RED", Kind: inventory.Receipt, Quantity: qty.Units(100_000)})
	e.must(err)
	_, err = a.CreateProduct(ctx, e.owner, app.NewProduct{
		Product: catalog.Product{SKU: "DRL", Name: "Drill", Kind: catalog.Goods, Unit: "pcs", Channels: catalog.Channels{catalog.B2C},
			Status: catalog.Active, TaxRateBP: 2000, WarrantyMonths: 24},
		Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(9900, "EUR")}})
	e.must(err)
	_, err = a.CreateProduct(ctx, e.owner, app.NewProduct{
		Product: catalog.Product{SKU: "LIC", Name: "CAD suite", Kind: catalog.Licence, Unit: "seat", Channels: catalog.Channels{catalog.B2B},
			Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2B: money.MustNew(40000, "EUR")}})
	e.must(err)
	e.org, err = a.CreateOrganization(ctx, e.owner, party.Organization{LegalName: "Buyer GmbH", PaymentTerms: party.Prepaid})
	e.must(err)
	// The account manager works this account, so their allowed calls on it work.
	_, err = a.ReassignAccount(ctx, e.owner, e.org.ID, e.ids[staff.AccountManager])
	e.must(err)
	e.srv = httptest.NewServer(New(a, slog.New(slog.NewTextHandler(io.Discard, nil))))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *permEnv) counts() map[string]int {
	e.t.Helper()
	out := map[string]int{}
	for _, table := range permTables {
		n, err := e.db.CountRows(e.ctx, table)
		e.must(err)
		out[table] = n
	}
	return out
}

// TestPermissionsOfEveryStaffRoute calls every staff route of the route table as
// every role: a role whose permissions allow it succeeds, and an allowed change
// lands in the audit log under that user; every other role gets 403 and changes
// no table.
func TestPermissionsOfEveryStaffRoute(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newPermEnv(t, db)
		cases := permCases()
		for _, rt := range (&Server{}).routes() {
			key := rt.Method + " " + rt.Pattern
			if rt.Access != staffOnly && rt.Access != buyerOrStaff {
				if _, ok := cases[key]; ok {
					t.Errorf("%s: has a permission case but is not a staff route", key)
				}
				continue
			}
			c, ok := cases[key]
			if !ok {
				t.Errorf("%s: staff route without a case in permCases; say which permission it needs", key)
				continue
			}
			delete(cases, key)
			for _, role := range staff.Roles {
				req := c.setup(e)
				before := e.counts()
				status, body := e.call(rt.Method, req, e.tokens[role])
				allowed := c.perm == "" || staff.Can(role, c.perm)
				after := e.counts()
				switch {
				case allowed && (status < 200 || status > 299):
					t.Errorf("%s as %s: %d %s, want success", key, role, status, body)
				case allowed && c.write && unaudited[key] != "":
				case allowed && c.write:
					if after["audit_log"] <= before["audit_log"] {
						t.Errorf("%s as %s: the change is not in the audit log", key, role)
						continue
					}
					es, err := e.app.AuditLog(e.ctx, e.owner, app.AuditQuery{Limit: 1})
					e.must(err)
					if es[0].Actor != e.ids[role] {
						t.Errorf("%s as %s: audit actor %s, want %s", key, role, es[0].Actor, e.ids[role])
					}
				case allowed && after["audit_log"] != before["audit_log"]:
					t.Errorf("%s as %s: a read wrote the audit log", key, role)
				case !allowed && status != http.StatusForbidden:
					t.Errorf("%s as %s: %d %s, want 403", key, role, status, body)
				case !allowed && !maps.Equal(before, after):
					t.Errorf("%s as %s: refused, but rows changed: %v → %v", key, role, before, after)
				case !allowed && !strings.Contains(body, string(c.perm)):
					t.Errorf("%s as %s: the 403 does not name %s: %s", key, role, c.perm, body)
				}
			}
		}
		for key := range cases {
			t.Errorf("%s: case for a route that is not in the table", key)
		}
	})
}

func (e *permEnv) call(method string, req request, token string) (int, string) {
	e.t.Helper()
	r, err := http.NewRequest(method, e.srv.URL+req.path, strings.NewReader(req.body))
	e.must(err)
	if req.body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	r.Header.Set("Authorization", "Bearer "+token)
	for k, v := range req.header {
		r.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(r)
	e.must(err)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}
