package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/inventory"
	"b2x/money"
	"b2x/order"
	"b2x/qty"
	"b2x/staff"
	"b2x/web/admin"
)

// ops adds to the fixture a product with stock in two warehouses and a user
// per role.
func (f *fixture) ops(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	must(t, f.app.UpsertWarehouse(ctx, f.owner, inventory.Warehouse{Code: "MAIN", Name: "Main"}))
	must(t, f.app.UpsertWarehouse(ctx, f.owner, inventory.Warehouse{Code: "NORTH", Name: "North", Priority: 1}))
	_, err := f.app.CreateProduct(ctx, f.owner, app.NewProduct{Product: catalog.Product{SKU: "BRK", Name: "Red brick",
		Kind: catalog.Goods, Unit: "pcs", Channels: catalog.Channels{catalog.B2C, catalog.B2B}, Status: catalog.Active, TaxRateBP: 2000},
		Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(120, "EUR"), catalog.B2B: money.MustNew(90, "EUR")}})
	must(t, err)
	_, err = f.app.RecordMovement(ctx, f.owner, app.MovementInput{SKU: "BRK", Kind: inventory.Receipt, Quantity: qty.Units(1000), Warehouse: "MAIN"})
	must(t, err)
	for _, r := range []staff.Role{staff.AccountManager, staff.Marketing, staff.Support} {
		_, err := f.app.AddUser(ctx, string(r)+"@example.com", "User "+string(r), r, password)
		must(t, err)
	}
}

// emailOf is the fixture's user of each role.
var emailOf = map[staff.Role]string{staff.Owner: "owner@example.com", staff.SalesManager: "manager@example.com",
	staff.Warehouse: "warehouse@example.com", staff.AccountManager: "account_manager@example.com",
	staff.Marketing: "marketing@example.com", staff.Support: "support@example.com"}

// place makes a guest order, by own delivery when address is set.
func (f *fixture) place(t *testing.T, address string) order.Order {
	t.Helper()
	in := app.CheckoutInput{Channel: catalog.B2C, Guest: &order.Guest{Name: "Ann", Email: "ann@example.com"},
		Lines: []app.CheckoutLine{{SKU: "BRK", Quantity: qty.Units(1)}}}
	if address != "" {
		in.DeliveryMethod, in.DeliveryAddress = order.OwnDelivery, address
	}
	o, _, err := f.app.Checkout(context.Background(), app.Actor{}, "k-"+fmt.Sprint(f.n()), in)
	must(t, err)
	return o
}

var counter int

func (f *fixture) n() int { counter++; return counter }

// opsCase prepares a request that works for a role allowed to make it.
type opsCase func(f *fixture, t *testing.T) (path string, form url.Values)

func productForm(name string) url.Values {
	return url.Values{"name": {name}, "kind": {"goods"}, "unit": {"pcs"}, "status": {"active"}, "channels": {"b2c", "b2b"},
		"tax_rate": {"20"}, "prices.b2c": {"1.50"}, "prices.b2b": {"1.10"}, "currency": {"EUR"}, "specs": {"Colour: red\nSize: NF"}}
}

var opsCases = map[string]opsCase{
	"GET /admin/products":    fixedPath("/admin/products?q=brick"),
	"GET /admin/new-product": fixedPath("/admin/new-product"),
	"POST /admin/products": func(f *fixture, t *testing.T) (string, url.Values) {
		form := productForm("New")
		form.Set("sku", fmt.Sprintf("NEW-%d", f.n()))
		return "/admin/products", form
	},
	"GET /admin/products/{sku}": fixedPath("/admin/products/BRK"),
	"POST /admin/products/{sku}": func(f *fixture, t *testing.T) (string, url.Values) {
		return "/admin/products/BRK", productForm(fmt.Sprintf("Red brick %d", f.n()))
	},
	"GET /admin/stock":       fixedPath("/admin/stock"),
	"GET /admin/low-stock":   fixedPath("/admin/low-stock"),
	"GET /admin/stock/{sku}": fixedPath("/admin/stock/BRK"),
	"POST /admin/stock/{sku}/movements": func(f *fixture, t *testing.T) (string, url.Values) {
		return "/admin/stock/BRK/movements", url.Values{"kind": {"transfer"}, "quantity": {"1"}, "warehouse": {"MAIN"}, "to_warehouse": {"NORTH"}}
	},
	"POST /admin/stock/{sku}/reorder-points": func(f *fixture, t *testing.T) (string, url.Values) {
		return "/admin/stock/BRK/reorder-points", url.Values{"warehouse": {"MAIN"}, "point": {fmt.Sprint(f.n())}, "quantity": {"10"}}
	},
	"GET /admin/orders": fixedPath("/admin/orders?channel=b2c"),
	"GET /admin/orders/{id}": func(f *fixture, t *testing.T) (string, url.Values) {
		return "/admin/orders/" + f.place(t, "").ID, nil
	},
	"POST /admin/orders/{id}/transitions": func(f *fixture, t *testing.T) (string, url.Values) {
		return "/admin/orders/" + f.place(t, "").ID + "/transitions", url.Values{"to": {"confirmed"}, "back": {"/admin/fulfilment"}}
	},
	"POST /admin/orders/{id}/delivery": func(f *fixture, t *testing.T) (string, url.Values) {
		return "/admin/orders/" + f.place(t, "Hafenstraße 1").ID + "/delivery", url.Values{"day": {"2026-12-01"}, "slot": {"08-12"}, "driver": {"Jan"}}
	},
	"GET /admin/fulfilment":  fixedPath("/admin/fulfilment"),
	"GET /admin/order-times": fixedPath("/admin/order-times"),
	"GET /admin/deliveries":  fixedPath("/admin/deliveries?day=2026-12-01"),
}

func fixedPath(p string) opsCase {
	return func(*fixture, *testing.T) (string, url.Values) { return p, nil }
}

// unauditedOps are the allowed changes the audit log does not hold, with why.
var unauditedOps = map[string]string{
	"POST /admin/orders/{id}/transitions": "orders keep their own history in order_transitions, with who and when",
}

var opsTables = []string{"products", "base_prices", "stock_levels", "stock_movements", "reorder_points", "orders",
	"order_transitions", "order_deliveries", "audit_log"}

func (f *fixture) tableCounts(t *testing.T) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range opsTables {
		n, err := f.db.CountRows(context.Background(), table)
		must(t, err)
		out[table] = n
	}
	return out
}

// Every role against every operations route of the table: an allowed call
// works (and a change is audited), any other gets 403 and changes nothing.
func TestOpsRoutesPermissions(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	f.ops(t)
	cookies := map[staff.Role]*http.Cookie{}
	for _, r := range staff.Roles {
		cookies[r] = f.session(t, emailOf[r])
	}
	for _, rt := range admin.OpsRoutes() {
		key := rt.Method + " " + rt.Pattern
		c, ok := opsCases[key]
		if !ok {
			t.Errorf("%s has no case in opsCases", key)
			continue
		}
		for _, role := range staff.Roles {
			path, form := c(f, t)
			before := f.tableCounts(t)
			status, _, body := f.do(t, rt.Method, path, form, cookies[role])
			after := f.tableCounts(t)
			allowed := rt.Perm == "" || staff.Can(role, staff.Permission(rt.Perm))
			if !allowed {
				if status != http.StatusForbidden {
					t.Errorf("%s as %s: %d, want 403", key, role, status)
				}
				for table, n := range before {
					if after[table] != n {
						t.Errorf("%s as %s (refused) changed %s: %d → %d", key, role, table, n, after[table])
					}
				}
				continue
			}
			if status != http.StatusOK && status != http.StatusSeeOther {
				t.Errorf("%s as %s: %d, want it to work: %.300s", key, role, status, body)
				continue
			}
			if rt.Method == "POST" && unauditedOps[key] == "" && after["audit_log"] != before["audit_log"]+1 {
				t.Errorf("%s as %s: %d audit rows written, want 1", key, role, after["audit_log"]-before["audit_log"])
			}
		}
	}
}

func TestProductFormShowsFieldErrorsAndWritesNothing(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	f.ops(t)
	mgr := f.session(t, "manager@example.com")
	before := f.tableCounts(t)
	form := productForm("")
	form.Set("sku", "x")
	form.Set("prices.b2c", "1,2,3")
	form.Set("specs", "no colon here")
	form.Del("channels")
	status, _, body := f.do(t, "POST", "/admin/products", form, mgr)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("a bad product: %d", status)
	}
	// Each message sits in the label of its field.
	for _, field := range []string{`name="prices.b2c"`, `name="specs"`} {
		i := strings.Index(body, field)
		if i < 0 || !strings.Contains(body[i:i+400], `class="field-error"`) {
			t.Errorf("no error next to %s", field)
		}
	}
	form = productForm("")
	form.Set("sku", "x")
	form.Del("channels")
	status, _, body = f.do(t, "POST", "/admin/products", form, mgr)
	for _, field := range []string{`name="sku"`, `name="name"`} {
		i := strings.Index(body, field)
		if status != http.StatusUnprocessableEntity || i < 0 || !strings.Contains(body[i:i+300], `class="field-error"`) {
			t.Errorf("no error next to %s (%d)", field, status)
		}
	}
	if !strings.Contains(body, "must name at least one of b2c, b2b") {
		t.Error("the channels error is not shown")
	}
	if after := f.tableCounts(t); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("refused forms wrote: %v → %v", before, after)
	}
	// A good form creates the product with its specs, variant and prices.
	form = productForm("Red brick, glazed")
	form.Set("sku", "BRK-GLZ")
	form.Set("variant_of", "BRK")
	form.Set("variant_attrs", "Finish: glazed")
	form.Set("warranty_months", "24")
	status, loc, _ := f.do(t, "POST", "/admin/products", form, mgr)
	if status != http.StatusSeeOther || loc != "/admin/products/BRK-GLZ" {
		t.Fatalf("create: %d → %q", status, loc)
	}
	p, err := f.app.Product(context.Background(), f.owner, "BRK-GLZ")
	must(t, err)
	if p.VariantOf != "BRK" || len(p.Specs) != 2 || p.Specs[1].Value != "NF" || p.VariantAttrs[0].Key != "Finish" ||
		p.WarrantyMonths != 24 || p.Prices[catalog.B2B] != money.MustNew(110, "EUR") {
		t.Fatalf("created %+v", p)
	}
	_, _, body = f.do(t, "GET", "/admin/products/BRK-GLZ", nil, mgr)
	if !strings.Contains(body, "Finish: glazed") || !strings.Contains(body, `value="1.10"`) {
		t.Error("the edit form does not show the product's values")
	}
}

func TestStockPagesAndLowStockOnTheDashboard(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	f.ops(t)
	wh := f.session(t, "warehouse@example.com")
	// An adjustment without a reason is refused next to the reason field.
	before := f.tableCounts(t)
	status, _, body := f.do(t, "POST", "/admin/stock/BRK/movements", url.Values{"kind": {"adjustment"}, "quantity": {"-5"}, "warehouse": {"MAIN"}}, wh)
	if i := strings.Index(body, `name="reason"`); status != http.StatusUnprocessableEntity || i < 0 || !strings.Contains(body[i:i+200], "field-error") {
		t.Fatalf("adjustment without a reason: %d", status)
	}
	// More than there is cannot be transferred.
	status, _, body = f.do(t, "POST", "/admin/stock/BRK/movements", url.Values{"kind": {"transfer"}, "quantity": {"5000"}, "warehouse": {"MAIN"}, "to_warehouse": {"NORTH"}}, wh)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `role="alert"`) {
		t.Fatalf("transfer of too much: %d", status)
	}
	if after := f.tableCounts(t); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("refused movements wrote: %v → %v", before, after)
	}
	status, loc, _ := f.do(t, "POST", "/admin/stock/BRK/movements", url.Values{"kind": {"adjustment"}, "quantity": {"-5"}, "warehouse": {"MAIN"}, "reason": {"broken pallet"}}, wh)
	if status != http.StatusSeeOther || loc != "/admin/stock/BRK?done=adjustment" {
		t.Fatalf("adjustment: %d → %q", status, loc)
	}
	_, _, body = f.do(t, "GET", "/admin/stock/BRK", nil, wh)
	if !strings.Contains(body, "broken pallet") || !strings.Contains(body, "995") {
		t.Fatal("the SKU page does not show the adjustment and its reason")
	}
	// The dashboard counts SKUs below their reorder point and links the list.
	_, _, body = f.do(t, "GET", "/admin/", nil, wh)
	if !strings.Contains(body, `href="/admin/low-stock"><b class="count">0</b>`) {
		t.Fatal("dashboard before any reorder point: no zero low-stock count")
	}
	f.do(t, "POST", "/admin/stock/BRK/reorder-points", url.Values{"warehouse": {"NORTH"}, "point": {"50"}, "quantity": {"100"}}, wh)
	_, _, body = f.do(t, "GET", "/admin/", nil, wh)
	if !strings.Contains(body, `href="/admin/low-stock"><b class="count">1</b>`) {
		t.Fatal("the dashboard does not count the SKU below its reorder point")
	}
	_, _, body = f.do(t, "GET", "/admin/low-stock", nil, wh)
	row := body[strings.Index(body, `data-sku="BRK" data-warehouse="NORTH"`):]
	row = row[:strings.Index(row, "</tr>")]
	if !strings.Contains(row, `<td class="suggested">150 pcs</td>`) {
		t.Fatalf("low-stock row %q, want 150 suggested", row)
	}
	// Marketing sees no stock on the dashboard.
	_, _, body = f.do(t, "GET", "/admin/", nil, f.session(t, "marketing@example.com"))
	if strings.Contains(body, `id="low-stock"`) {
		t.Fatal("marketing's dashboard shows low stock")
	}
}

func TestOrdersBoardAndDeliverySchedule(t *testing.T) {
	f := newFixture(t, "Depot GmbH")
	f.ops(t)
	wh := f.session(t, "warehouse@example.com")
	o := f.place(t, "Hafenstraße 1, Hamburg")
	other := f.place(t, "")
	// An invalid move is refused on the board with the domain's reason.
	before := f.tableCounts(t)
	status, _, body := f.do(t, "POST", "/admin/orders/"+o.ID+"/transitions", url.Values{"to": {"delivered"}, "back": {"/admin/fulfilment"}}, wh)
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "an order that is placed cannot become delivered") || !strings.Contains(body, `id="fulfilment"`) {
		t.Fatalf("placed → delivered on the board: %d", status)
	}
	if after := f.tableCounts(t); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("a refused move wrote: %v → %v", before, after)
	}
	status, loc, _ := f.do(t, "POST", "/admin/orders/"+o.ID+"/transitions", url.Values{"to": {"confirmed"}, "back": {"/admin/fulfilment"}}, wh)
	if status != http.StatusSeeOther || loc != "/admin/fulfilment" {
		t.Fatalf("confirm: %d → %q", status, loc)
	}
	_, _, body = f.do(t, "GET", "/admin/fulfilment", nil, wh)
	col := body[strings.Index(body, `id="status-confirmed"`):]
	col = col[:strings.Index(col, "</section>")]
	if !strings.Contains(col, o.Number) || strings.Contains(col, other.Number) || !strings.Contains(col, `value="shipped"`) {
		t.Fatal("the confirmed column does not hold the confirmed order with its next moves")
	}
	// The order page shows the time in each status and the schedule form.
	_, _, body = f.do(t, "GET", "/admin/orders/"+o.ID, nil, wh)
	if !strings.Contains(body, `id="status-times"`) || !strings.Contains(body, `data-status="confirmed" aria-current="true"`) || !strings.Contains(body, `id="schedule-delivery"`) {
		t.Fatal("the order page lacks its times or the schedule form")
	}
	status, _, body = f.do(t, "POST", "/admin/orders/"+o.ID+"/delivery", url.Values{"day": {"2026-13-01"}, "slot": {"08-12"}}, wh)
	if i := strings.Index(body, `name="day"`); status != http.StatusUnprocessableEntity || i < 0 || !strings.Contains(body[i:i+200], "field-error") {
		t.Fatalf("a bad day: %d", status)
	}
	status, loc, _ = f.do(t, "POST", "/admin/orders/"+o.ID+"/delivery", url.Values{"day": {"2026-12-01"}, "slot": {"12-16"}, "driver": {"Jan"}, "vehicle": {"HH-B 12"}}, wh)
	if status != http.StatusSeeOther || loc != "/admin/deliveries?day=2026-12-01" {
		t.Fatalf("schedule: %d → %q", status, loc)
	}
	_, _, body = f.do(t, "GET", loc, nil, wh)
	if !strings.Contains(body, o.Number) || !strings.Contains(body, "HH-B 12") || !strings.Contains(body, "Hafenstraße 1, Hamburg") {
		t.Fatal("the day's schedule does not show the delivery")
	}
	// A pickup order has no schedule form, and the list filters by number.
	_, _, body = f.do(t, "GET", "/admin/orders/"+other.ID, nil, wh)
	if strings.Contains(body, `id="schedule-delivery"`) {
		t.Fatal("a pickup order offers scheduling")
	}
	_, _, body = f.do(t, "GET", "/admin/orders?number="+url.QueryEscape(other.Number), nil, wh)
	if !strings.Contains(body, other.Number) || strings.Contains(body, o.Number) {
		t.Fatal("the number filter does not select the order")
	}
	status, _, _ = f.do(t, "GET", "/admin/orders?from=yesterday", nil, wh)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("a bad from date: %d", status)
	}
	_, _, body = f.do(t, "GET", "/admin/order-times", nil, wh)
	if !strings.Contains(body, `<tr data-status="placed">`) {
		t.Fatal("the report of time per status has no placed row")
	}
}
