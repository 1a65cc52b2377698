package app_test

import (
	"context"
	"strings"
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/csvimport"
	"b2x/errs"
	"b2x/inventory"
	"b2x/order"
	"b2x/party"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

// transferCounts counts the rows of the tables an import writes.
func transferCounts(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, table := range []string{"products", "base_prices", "stock_levels", "stock_movements", "persons", "organizations"} {
		n, err := db.CountRows(context.Background(), table)
		if err != nil {
			t.Fatal(err)
		}
		out[table] = n
	}
	return out
}

func sameCounts(t *testing.T, before, after map[string]int) {
	t.Helper()
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: %d rows before, %d after; a refused import must write nothing", k, v, after[k])
		}
	}
}

// wantImportProblems fails unless err carries exactly the problems want (as
// "row R, column C: message" prefixes, in order).
func wantImportProblems(t *testing.T, err error, want ...string) {
	t.Helper()
	list, _, ok := csvimport.ProblemsOf(err)
	if !ok {
		t.Fatalf("err = %v, want import problems", err)
	}
	if errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("code %s, want invalid", errs.CodeOf(err))
	}
	var got []string
	for _, p := range list {
		got = append(got, p.String())
	}
	if len(got) != len(want) {
		t.Fatalf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Fatalf("problem %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func parseProducts(t *testing.T, file string) []csvimport.ProductRow {
	t.Helper()
	rows, err := csvimport.ParseProducts(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

const productsFile = `sku,name,unit,channels,tax_rate,price_b2c,price_b2b,currency,category,variant_of,variant_attrs,kind
BRK-RED,Red brick,pcs,b2c;b2b,20,1.20,0.90,EUR,bricks,BRK,colour=red,
BRK,Brick,pcs,b2c;b2b,20,1.00,0.80,EUR,bricks,,,
SAND,Sand,t,b2b,20,,40.00,EUR,,,,
INSTALL,Installation,h,b2c,9.5,45.00,,EUR,,,,service
`

func TestImportProducts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		var calls []int
		n, err := f.app.ImportProducts(f.ctx, staffActor, parseProducts(t, productsFile), func(done, total int) {
			if total != 4 {
				t.Errorf("total = %d", total)
			}
			calls = append(calls, done)
		})
		if err != nil || n != 4 {
			t.Fatalf("imported %d, %v", n, err)
		}
		if len(calls) != 4 || calls[3] != 4 {
			t.Errorf("progress calls %v", calls)
		}
		v, err := f.app.Product(f.ctx, staffActor, "BRK-RED")
		if err != nil {
			t.Fatal(err)
		}
		if v.VariantOf != "BRK" || v.Category != "bricks" || v.Prices[catalog.B2C].String() != "1.20" || v.Status != catalog.Active ||
			len(v.VariantAttrs) != 1 || v.TaxRateBP != 2000 || v.ID == "" {
			t.Errorf("BRK-RED = %+v", v)
		}
		if v, _ := f.app.Product(f.ctx, staffActor, "INSTALL"); v.Kind != catalog.Service || v.TaxRateBP != 950 {
			t.Errorf("INSTALL = %+v", v)
		}
		var skus []string
		if err := f.app.ExportProducts(f.ctx, staffActor, func(v app.ProductView) error {
			skus = append(skus, v.SKU)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if strings.Join(skus, ",") != "BRK,BRK-RED,INSTALL,SAND" {
			t.Errorf("exported %v", skus)
		}
	})
}

func TestImportProductsWritesNothingOnALateProblem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("OLD", 5)
		before := transferCounts(t, db)
		// Every row but the last is fine; the last names a SKU the database has.
		file := productsFile + "OLD,Again,pcs,b2c,20,1.00,,EUR,,,,\n"
		_, err := f.app.ImportProducts(f.ctx, staffActor, parseProducts(t, file), nil)
		wantImportProblems(t, err, "row 6, column sku: a product with SKU OLD already exists")
		sameCounts(t, before, transferCounts(t, db))

		// All the database's objections come at once, by row.
		file = productsFile + "OLD,Again,pcs,b2c,20,,,,tiles,,,\nNEW,New,pcs,b2c,20,,,,,GHOST,,\n"
		_, err = f.app.ImportProducts(f.ctx, staffActor, parseProducts(t, file), nil)
		wantImportProblems(t, err,
			"row 6, column sku: a product with SKU OLD already exists",
			`row 6, column category: no category "tiles"`,
			"row 7, column variant_of: no product GHOST in the file or the database")
		sameCounts(t, before, transferCounts(t, db))

		// A variant of a product already in the database is fine.
		n, err := f.app.ImportProducts(f.ctx, staffActor, parseProducts(t,
			"sku,name,unit,channels,tax_rate,variant_of\nOLD-XL,Old XL,pcs,b2c,20,OLD\n"), nil)
		if err != nil || n != 1 {
			t.Fatalf("variant of an existing product: %d, %v", n, err)
		}
	})
}

func TestImportProductsRevalidates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		rows := []csvimport.ProductRow{
			{Row: 2, Product: catalog.Product{SKU: "A1", Name: "", Kind: catalog.Goods, Unit: "pcs", Channels: catalog.Channels{catalog.B2C}}},
			{Row: 3, Product: catalog.Product{SKU: "A1", Name: "x", Kind: catalog.Goods, Unit: "pcs", Channels: catalog.Channels{catalog.B2C}}},
		}
		_, err := f.app.ImportProducts(f.ctx, staffActor, rows, nil)
		wantImportProblems(t, err, "row 2, column name: is required", "row 3, column sku: SKU A1 appears twice")
		if _, err := f.app.ImportProducts(f.ctx, app.Actor{}, nil, nil); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("public import: %v", err)
		}
	})
}

func TestImportStock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.must(f.app.UpsertWarehouse(f.ctx, staffActor, inventory.Warehouse{Code: "NORTH", Name: "North", Priority: 5}))
		f.product("BRK", 10)
		if _, err := f.app.ImportProducts(f.ctx, staffActor, parseProducts(t, productsFile[:strings.Index(productsFile, "\n")+1]+
			"SAND,Sand,t,b2b,20,,40.00,EUR,,,,\nINSTALL,Installation,h,b2c,9.5,45.00,,EUR,,,,service\n"), nil); err != nil {
			t.Fatal(err)
		}
		rows, err := csvimport.ParseStock(strings.NewReader("sku,quantity,warehouse,kind,note\n" +
			"BRK,100,,,delivery 1\n" +
			"BRK,20,north,receipt,\n" +
			"SAND,2.5,NORTH,,\n" +
			"BRK,-3,MAIN,adjustment,count\n"))
		if err != nil {
			t.Fatal(err)
		}
		n, err := f.app.ImportStock(f.ctx, staffActor, rows, nil)
		if err != nil || n != 4 {
			t.Fatalf("imported %d, %v", n, err)
		}
		if st := f.stock("BRK"); st.OnHand != qty.Units(127) {
			t.Errorf("BRK on hand %s, want 127", st.OnHand)
		}
		if st := f.stock("SAND"); st.OnHand != 2500 {
			t.Errorf("SAND on hand %s, want 2.5", st.OnHand)
		}
		var ms []inventory.Movement
		f.must(db.Read(f.ctx, func(tx *store.Tx) (err error) {
			ms, err = tx.Movements(f.ctx, "BRK")
			return err
		}))
		if len(ms) != 4 || !strings.HasPrefix(ms[1].Reference, "import:") || ms[1].Reference != ms[3].Reference ||
			ms[1].Note != "delivery 1" || ms[1].By != staffActor.UserID || ms[3].Kind != inventory.Adjustment {
			t.Errorf("ledger: %+v", ms)
		}
		f.ledgerBalanced()

		// A bad file moves nothing, however late its problems.
		before := transferCounts(t, db)
		rows, err = csvimport.ParseStock(strings.NewReader("sku,quantity,warehouse,kind\n" +
			"BRK,5,,\n" +
			"GHOST,1,,\n" +
			"INSTALL,1,,\n" +
			"BRK,1.5,,\n" +
			"BRK,1,SOUTH,\n"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.app.ImportStock(f.ctx, staffActor, rows, nil)
		wantImportProblems(t, err,
			"row 3, column sku: no product GHOST",
			"row 4, column sku: INSTALL is a service and has no stock",
			"row 5, column quantity: BRK is sold in whole pcs",
			`row 6, column warehouse: no warehouse "SOUTH"`)
		sameCounts(t, before, transferCounts(t, db))

		// Taking more than there is: every short row is reported, nothing moves.
		rows, err = csvimport.ParseStock(strings.NewReader("sku,quantity,warehouse,kind\n" +
			"BRK,1,MAIN,receipt\n" +
			"BRK,-1000,MAIN,adjustment\n" +
			"SAND,-3,NORTH,adjustment\n"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.app.ImportStock(f.ctx, staffActor, rows, nil)
		wantImportProblems(t, err, "row 3, column quantity: not enough stock of BRK", "row 4, column quantity: not enough stock of SAND")
		sameCounts(t, before, transferCounts(t, db))
		if st := f.stock("BRK"); st.OnHand != qty.Units(127) {
			t.Errorf("BRK on hand %s after refused imports, want 127", st.OnHand)
		}
		f.ledgerBalanced()
	})
}

func TestImportCustomers(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		file := "type,id,name,email,trade,tax_id,capabilities,credit_limit,currency\n" +
			"person,,Ana Novak,ana@example.com,yes,,,,\n" +
			"organization,0190a5a8-58c4-7d4e-8a39-6f0c3e7a1b2c,Gradnje d.o.o.,,,SI 123,own_transport=no,5000,EUR\n" +
			"person,,Bo,,,,,,\n"
		rows, err := csvimport.ParseCustomers(strings.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		n, err := f.app.ImportCustomers(f.ctx, staffActor, rows, nil)
		if err != nil || n != 3 {
			t.Fatalf("imported %d, %v", n, err)
		}
		org, err := f.app.Organization(f.ctx, staffActor, "0190a5a8-58c4-7d4e-8a39-6f0c3e7a1b2c")
		if err != nil || !org.Lacks(party.OwnTransport) || org.CreditLimit.String() != "5000.00" {
			t.Fatalf("organization %+v, %v", org, err)
		}
		_, err = f.app.CreateContact(f.ctx, staffActor, party.Contact{OrganizationID: org.ID, Name: "Eva", Influence: 4})
		f.must(err)

		// The same file again: every customer is already there.
		before := transferCounts(t, db)
		rows, _ = csvimport.ParseCustomers(strings.NewReader(file + "person,,Cy,CY@example.com,,,,,\n"))
		_, err = f.app.ImportCustomers(f.ctx, staffActor, rows, nil)
		wantImportProblems(t, err,
			"row 2, column email: a person with the email ana@example.com already exists",
			"row 3, column id: a customer with id 0190a5a8-58c4-7d4e-8a39-6f0c3e7a1b2c already exists",
			"row 3, column tax_id: an organization with the tax id SI 123 already exists")
		sameCounts(t, before, transferCounts(t, db))

		var persons, orgs []string
		var contacts int
		f.must(f.app.ExportCustomers(f.ctx, staffActor, func(c app.CustomerView) error {
			if c.Person != nil {
				persons = append(persons, c.Person.Name)
			} else {
				orgs = append(orgs, c.Organization.LegalName)
				contacts += len(c.Contacts)
			}
			return nil
		}))
		if strings.Join(persons, ",") != "Ana Novak,Bo" || strings.Join(orgs, ",") != "Gradnje d.o.o." || contacts != 1 {
			t.Errorf("exported persons %v, organizations %v, %d contacts", persons, orgs, contacts)
		}
	})
}

func TestExportOrders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.product("BRK", 100)
		f.product("TILE", 100)
		var placed []string
		for i := range 3 {
			o, _, err := f.app.Checkout(f.ctx, app.Actor{}, "", guestOrder(line("BRK", int64(i+1)), line("TILE", 2)))
			f.must(err)
			placed = append(placed, o.ID)
		}
		var got []order.Order
		f.must(f.app.ExportOrders(f.ctx, staffActor, func(o order.Order) error {
			got = append(got, o)
			return nil
		}))
		if len(got) != 3 {
			t.Fatalf("%d orders", len(got))
		}
		for i, o := range got {
			if o.ID != placed[2-i] {
				t.Errorf("order %d is %s, want newest first", i, o.ID)
			}
			if len(o.Lines) != 2 || o.Lines[0].SKU != "BRK" || o.Lines[0].Quantity != qty.Units(int64(3-i)) ||
				o.Lines[1].Gross.Currency != "EUR" || o.Lines[0].UnitPrice.String() != "1.20" {
				t.Errorf("order %d lines %+v", i, o.Lines)
			}
		}
		if err := f.app.ExportOrders(f.ctx, app.Actor{}, func(order.Order) error { return nil }); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("public export: %v", err)
		}
	})
}
