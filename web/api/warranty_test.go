package api_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/funnel"
	"b2x/inventory"
	"b2x/money"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

func TestWarrantyOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		_, err := e.app.CreateProduct(t.Context(), operator, app.NewProduct{
			Product: catalog.Product{SKU: "DRL", Name: "Drill", Category: "bricks", Kind: catalog.Goods, Unit: "pcs",
				Channels: catalog.Channels{catalog.B2C}, Status: catalog.Active, TaxRateBP: 2000, WarrantyMonths: 12},
			Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(9900, "EUR")},
		})
		must(t, err)
		_, err = e.app.RecordMovement(t.Context(), operator, app.MovementInput{SKU: "DRL", Kind: inventory.Receipt, Quantity: qty.Units(5)})
		must(t, err)
		person := e.do(call{"POST", "/api/v1/persons", `{"name":"Ann Smith","email":"ann@example.com"}`, true, nil}).json(t)["id"].(string)
		order := e.do(call{"POST", "/api/v1/orders", `{"channel":"b2c","guest":{"name":"Ann","email":"ANN@example.com"},
			"lines":[{"sku":"DRL","quantity":1}]}`, false, map[string]string{"Idempotency-Key": "w1"}}).json(t)["id"].(string)

		reg := func(body string) reply {
			return e.do(call{"POST", "/api/v1/warranty/registrations", body, true, nil})
		}
		if r := e.do(call{"POST", "/api/v1/warranty/registrations", `{}`, false, nil}); r.status != 401 {
			t.Errorf("public registers: %d", r.status)
		}
		if r := reg(`{"person_id":"` + person + `","sku":"BRK-RED","serial_number":"S1","purchased_at":"2026-01-01T00:00:00Z"}`); r.status != 422 || !problemNames(r.json(t), "sku") {
			t.Errorf("no warranty: %d %s", r.status, r.body)
		}
		if r := reg(`{"person_id":"` + person + `","sku":"DRL","serial_number":"S1","purchased_at":"yesterday"}`); r.status != 422 || !problemNames(r.json(t), "purchased_at") {
			t.Errorf("bad date: %d %s", r.status, r.body)
		}
		r := reg(`{"person_id":"` + person + `","sku":"DRL","serial_number":"SN-1","order_id":"` + order + `"}`)
		if r.status != 201 {
			t.Fatalf("register: %d %s", r.status, r.body)
		}
		regID := r.json(t)["id"].(string)
		if r := reg(`{"person_id":"` + person + `","sku":"DRL","serial_number":"SN-1","purchased_at":"2026-01-01T00:00:00Z"}`); r.status != 409 {
			t.Errorf("serial twice: %d %s", r.status, r.body)
		}
		regs := e.do(call{"GET", "/api/v1/warranty/registrations?person=" + person, "", true, nil}).json(t)["items"].([]any)
		if len(regs) != 1 || regs[0].(map[string]any)["order_id"] != order {
			t.Errorf("registrations: %v", regs)
		}

		r = e.do(call{"POST", "/api/v1/warranty/claims", `{"registration_id":"` + regID + `","problem":"Sparks"}`, true, nil})
		if r.status != 201 || r.json(t)["status"] != "submitted" {
			t.Fatalf("claim: %d %s", r.status, r.body)
		}
		claim := r.json(t)["id"].(string)
		move := func(body string) reply {
			return e.do(call{"POST", "/api/v1/warranty/claims/" + claim + "/transitions", body, true, nil})
		}
		if r := move(`{"to":"repaired"}`); r.status != 409 {
			t.Errorf("submitted → repaired: %d %s", r.status, r.body)
		}
		for _, body := range []string{`{"to":"received"}`,
			`{"to":"diagnosed","note":"motor","defect":{"code":"mot-1","category":"electrical","description":"Brushes worn"}}`,
			`{"to":"repaired"}`} {
			if r := move(body); r.status != 200 {
				t.Fatalf("%s: %d %s", body, r.status, r.body)
			}
		}
		d := e.do(call{"GET", "/api/v1/warranty/claims/" + claim, "", true, nil}).json(t)
		if d["status"] != "repaired" || len(d["transitions"].([]any)) != 4 || len(d["defects"].([]any)) != 1 ||
			fmt.Sprint(d["next"]) != "[closed]" {
			t.Errorf("claim: %v", d)
		}
		if r := e.do(call{"POST", "/api/v1/warranty/defects", `{"sku":"DRL","code":"mot-1","category":"electrical","description":"From stock"}`, true, nil}); r.status != 201 {
			t.Errorf("defect: %d %s", r.status, r.body)
		}
		ds := e.do(call{"GET", "/api/v1/warranty/defects", "", true, nil}).json(t)["items"].([]any)
		if len(ds) != 1 || ds[0].(map[string]any)["total"] != 2.0 || ds[0].(map[string]any)["by_code"].(map[string]any)["MOT-1"] != 2.0 {
			t.Errorf("defects: %v", ds)
		}
		claims := e.do(call{"GET", "/api/v1/warranty/claims?status=repaired", "", true, nil}).json(t)["items"].([]any)
		if len(claims) != 1 {
			t.Errorf("claims: %v", claims)
		}

		// An item bought long ago: the claim is refused with the end date.
		r = reg(`{"person_id":"` + person + `","sku":"DRL","serial_number":"OLD-1","purchased_at":"2020-03-01T10:00:00Z"}`)
		old := r.json(t)["id"].(string)
		r = e.do(call{"POST", "/api/v1/warranty/claims", `{"registration_id":"` + old + `","problem":"Dead"}`, true, nil})
		p := r.json(t)
		if r.status != 409 || !strings.Contains(p["detail"].(string), "ended on 1 March 2021") || p["facts"].(map[string]any)["warranty_until"] != "2021-03-01T10:00:00Z" {
			t.Errorf("late claim: %d %s", r.status, r.body)
		}
	})
}

func TestNewsOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		past := time.Now().UTC().Add(-time.Hour).Format(time.RFC3339)
		if r := e.do(call{"POST", "/api/v1/news", `{"slug":"x","lang":"en","title":"t","body":"b"}`, false, nil}); r.status != 401 {
			t.Errorf("public writes news: %d", r.status)
		}
		r := e.do(call{"POST", "/api/v1/news", `{"slug":"new-drills","lang":"en","title":"New drills","body":"**Now** in stock <script>x()</script> [a](javascript:alert(1))","published_at":"` + past + `"}`, true, nil})
		if r.status != 201 {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		if r := e.do(call{"POST", "/api/v1/news", `{"slug":"later","lang":"ru","title":"Позже","body":"Черновик"}`, true, nil}); r.status != 201 {
			t.Fatalf("draft: %d %s", r.status, r.body)
		}
		if r := e.do(call{"POST", "/api/v1/news", `{"slug":"Bad Slug","lang":"de","title":"","body":""}`, true, nil}); r.status != 422 {
			t.Errorf("bad post: %d %s", r.status, r.body)
		}
		p := e.do(call{"GET", "/api/v1/news/new-drills", "", false, nil}).json(t)
		html := p["html"].(string)
		if !strings.Contains(html, "<strong>Now</strong>") || strings.Contains(html, "<script") || strings.Contains(html, "javascript:") {
			t.Errorf("html: %s", html)
		}
		if r := e.do(call{"GET", "/api/v1/news/later", "", false, nil}); r.status != 404 {
			t.Errorf("public reads a draft: %d", r.status)
		}
		if items := e.do(call{"GET", "/api/v1/news", "", false, nil}).json(t)["items"].([]any); len(items) != 1 {
			t.Errorf("public list: %v", items)
		}
		if items := e.do(call{"GET", "/api/v1/news?drafts=true", "", true, nil}).json(t)["items"].([]any); len(items) != 2 {
			t.Errorf("staff list: %v", items)
		}
		if r := e.do(call{"GET", "/api/v1/news?drafts=true", "", false, nil}); r.status != 401 {
			t.Errorf("public asks for drafts: %d", r.status)
		}
		r = e.do(call{"PATCH", "/api/v1/news/later", `{"published_at":"` + past + `"}`, true, nil})
		if r.status != 200 || r.json(t)["published_at"] == nil {
			t.Fatalf("publish: %d %s", r.status, r.body)
		}
		if items := e.do(call{"GET", "/api/v1/news?lang=ru", "", false, nil}).json(t)["items"].([]any); len(items) != 1 {
			t.Errorf("russian news: %v", items)
		}
		r = e.do(call{"PATCH", "/api/v1/news/later", `{"published_at":null}`, true, nil})
		if r.status != 200 || r.json(t)["published_at"] != nil {
			t.Errorf("unpublish: %d %s", r.status, r.body)
		}
	})
}

func TestFunnelOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newEnv(t, db)
		for i, step := range []funnel.Step{funnel.ProductView, funnel.ProductView, funnel.AddToCart, funnel.OrderPlaced} {
			e.app.RecordEvent(step, fmt.Sprint("session-", i%2), "BRK-RED", "")
		}
		must(t, e.app.Close(context.Background()))
		from, to := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339), time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
		if r := e.do(call{"GET", "/api/v1/funnel?from=" + from + "&to=" + to, "", false, nil}); r.status != 401 {
			t.Errorf("public reads the funnel: %d", r.status)
		}
		if r := e.do(call{"GET", "/api/v1/funnel?from=" + from, "", true, nil}); r.status != 422 || !problemNames(r.json(t), "to") {
			t.Errorf("no to: %d %s", r.status, r.body)
		}
		r := e.do(call{"GET", "/api/v1/funnel?from=" + from + "&to=" + to, "", true, nil})
		if r.status != 200 {
			t.Fatalf("funnel: %d %s", r.status, r.body)
		}
		f := r.json(t)
		steps := f["steps"].([]any)
		first, last := steps[0].(map[string]any), steps[3].(map[string]any)
		if len(steps) != 4 || first["sessions"] != 2.0 || first["events"] != 2.0 || last["sessions"] != 1.0 || f["conversion"] != 0.5 {
			t.Errorf("funnel: %s", r.body)
		}
	})
}
