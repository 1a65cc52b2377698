package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"b2x/app"
	"b2x/catalog"
	"b2x/csvimport"
	"b2x/inventory"
	"b2x/order"
	"b2x/qty"
	"b2x/store"
)

// b2x runs the command line in-process and returns what it printed.
func b2x(t *testing.T, stdin io.Reader, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errb bytes.Buffer
	err = run(context.Background(), args, stdin, &out, &errb)
	return out.String(), errb.String(), err
}

// transferDB makes a fresh SQLite database with a category and a warehouse.
func transferDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "b2x.db")
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	a := app.New(db)
	if err := a.UpsertCategory(ctx, operator, catalog.Category{Slug: "bricks", Name: "Bricks"}); err != nil {
		t.Fatal(err)
	}
	if err := a.UpsertWarehouse(ctx, operator, inventory.Warehouse{Code: "MAIN", Name: "Main"}); err != nil {
		t.Fatal(err)
	}
	return dsn
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const cliProducts = `sku,name,unit,channels,tax_rate,price_b2c,price_b2b,currency,category,description,specs,variant_of,variant_attrs
BRK-RED,Red brick,pcs,b2c;b2b,20,1.20,0.90,EUR,bricks,"Fired clay, red",size=240x115x71 mm,BRK,colour=red
BRK,Brick,pcs,b2c;b2b,20,1.00,0.80,EUR,bricks,,,,
FORMULA-1,"'=HYPERLINK(""http://evil.example"",""click"")",pcs,b2c,20,1.00,,EUR,,,,,
SAND,@Sand,t,b2b,9.5,,40.00,EUR,,-washed-,grain=0-4,,
`

func TestCLIImportProductsAndExportRoundTrip(t *testing.T) {
	dsn := transferDB(t)
	file := writeFile(t, "products.csv", cliProducts)
	out, _, err := b2x(t, nil, "import", "products", file, "--db", dsn)
	if err != nil {
		t.Fatal(err)
	}
	if out != "imported 4 products\n" {
		t.Errorf("stdout = %q", out)
	}

	csv1, _, err := b2x(t, nil, "export", "products", "--db", dsn)
	if err != nil {
		t.Fatal(err)
	}
	// What was exported is what was imported.
	want, err := csvimport.ParseProducts(strings.NewReader(cliProducts))
	if err != nil {
		t.Fatal(err)
	}
	got, err := csvimport.ParseProducts(strings.NewReader(csv1))
	if err != nil {
		t.Fatalf("the export does not import: %v\n%s", err, csv1)
	}
	bySKU := func(rows []csvimport.ProductRow) map[string]csvimport.ProductRow {
		m := map[string]csvimport.ProductRow{}
		for _, r := range rows {
			r.Row = 0
			m[r.Product.SKU] = r
		}
		return m
	}
	if !reflect.DeepEqual(bySKU(got), bySKU(want)) {
		t.Errorf("export differs from the import:\n%s", csv1)
	}

	// Imported into another database, it exports to the same bytes.
	dsn2 := transferDB(t)
	out, _, err = b2x(t, strings.NewReader(csv1), "import", "products", "-", "--db", dsn2)
	if err != nil || out != "imported 4 products\n" {
		t.Fatalf("re-import from stdin: %q, %v", out, err)
	}
	path := filepath.Join(t.TempDir(), "again.csv")
	_, errOut, err := b2x(t, nil, "export", "products", "--out", path, "--db", dsn2)
	if err != nil {
		t.Fatal(err)
	}
	if errOut != "exported 4 products to "+path+"\n" {
		t.Errorf("stderr = %q", errOut)
	}
	csv2, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(csv2) != csv1 {
		t.Errorf("second export differs:\n%s\nfirst:\n%s", csv2, csv1)
	}

	// JSON: one array, one product a line.
	js, _, err := b2x(t, nil, "export", "products", "--format", "json", "--db", dsn)
	if err != nil {
		t.Fatal(err)
	}
	var products []struct {
		SKU     string                       `json:"sku"`
		TaxRate string                       `json:"tax_rate"`
		Prices  map[string]map[string]string `json:"prices"`
		Specs   []catalog.Spec               `json:"specs"`
	}
	if err := json.Unmarshal([]byte(js), &products); err != nil {
		t.Fatalf("%v\n%s", err, js)
	}
	if len(products) != 4 || strings.Count(js, "\n") != 6 || products[3].SKU != "SAND" || products[3].TaxRate != "9.5" ||
		products[3].Prices["b2b"]["amount"] != "40.00" || products[3].Specs[0].Value != "0-4" {
		t.Errorf("json:\n%s", js)
	}
}

func TestCLIImportReportsEveryProblemAndWritesNothing(t *testing.T) {
	dsn := transferDB(t)
	bad := "sku,name,unit,channels,tax_rate,price_b2c,currency\n" +
		"OK-1,Fine,pcs,b2c,20,1.00,EUR\n" +
		"OK-2,Fine,pcs,b2c,20,1.005,EUR\n" +
		"OK-1,Twice,pcs,b2c,20,1.00,EUR\n" +
		"OK-3,Fine,kilo,b2c,20,,\n"
	_, errOut, err := b2x(t, nil, "import", "products", writeFile(t, "bad.csv", bad), "--db", dsn)
	if err == nil || exitCode(err) != 2 {
		t.Fatalf("err = %v (exit %d), want exit 2", err, exitCode(err))
	}
	wantLines := []string{
		`row 3, column price_b2c: EUR has at most 2 decimal places, got "1.005"`,
		"row 4, column sku: SKU OK-1 appears twice in the file (first on row 2)",
		`row 5, column unit: unknown unit "kilo"; use one of pcs, pack, pallet, seat, m, m2, m3, kg, t, l, h`,
	}
	if got := strings.Split(strings.TrimSuffix(errOut, "\n"), "\n"); !reflect.DeepEqual(got, wantLines) {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut, strings.Join(wantLines, "\n"))
	}
	if !strings.Contains(err.Error(), "3 problems; nothing was imported") {
		t.Errorf("err = %v", err)
	}

	// A problem only the database finds, on the last row, rolls back every row.
	if _, _, err := b2x(t, nil, "import", "products", writeFile(t, "one.csv", "sku,name,unit,channels,tax_rate\nOLD,Old,pcs,b2c,20\n"), "--db", dsn); err != nil {
		t.Fatal(err)
	}
	late := "sku,name,unit,channels,tax_rate,category\nN1,New,pcs,b2c,20,bricks\nN2,New,pcs,b2c,20,\nOLD,Again,pcs,b2c,20,tiles\n"
	_, errOut, err = b2x(t, nil, "import", "products", writeFile(t, "late.csv", late), "--db", dsn)
	if exitCode(err) != 2 || errOut != "row 4, column sku: a product with SKU OLD already exists\nrow 4, column category: no category \"tiles\"\n" {
		t.Errorf("stderr = %q, err = %v", errOut, err)
	}
	out, _, err := b2x(t, nil, "export", "products", "--db", dsn)
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(out), "\n"); len(lines) != 2 || !strings.HasPrefix(lines[1], "OLD,") {
		t.Errorf("after refused imports the database holds:\n%s", out)
	}

	// Structural problems.
	_, errOut, err = b2x(t, nil, "import", "products", writeFile(t, "cols.csv", "sku,name,colour\nA1,a,red\n"), "--db", dsn)
	if exitCode(err) != 2 || !strings.HasPrefix(errOut, "row 1, column colour: unknown column; the columns are sku, name,") {
		t.Errorf("stderr = %q", errOut)
	}
}

func TestCLIImportStockAndCustomers(t *testing.T) {
	dsn := transferDB(t)
	if _, _, err := b2x(t, nil, "import", "products", writeFile(t, "p.csv", cliProducts), "--db", dsn); err != nil {
		t.Fatal(err)
	}
	out, errOut, err := b2x(t, nil, "import", "stock", writeFile(t, "s.csv", "sku,quantity,warehouse,kind,note\nBRK,100,MAIN,receipt,first delivery\nSAND,2.5,,,\nBRK,-4,main,adjustment,count\n"),
		"--db", dsn, "--progress")
	if err != nil {
		t.Fatal(err)
	}
	if out != "imported 3 stock movements\n" {
		t.Errorf("stdout = %q", out)
	}
	if errOut == "" {
		t.Error("--progress drew no progress bar on stderr")
	}
	_, errOut, err = b2x(t, nil, "import", "stock", writeFile(t, "s2.csv", "sku,quantity\nBRK,1\nBRK,0.5\nNOPE,1\n"), "--db", dsn)
	if exitCode(err) != 2 || errOut != "row 3, column quantity: BRK is sold in whole pcs\nrow 4, column sku: no product NOPE\n" {
		t.Errorf("stderr = %q, err = %v", errOut, err)
	}

	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a := app.New(db)
	st, _, err := a.Stock(ctx, operator, "BRK")
	if err != nil || st.OnHand != qty.Units(96) {
		t.Fatalf("BRK stock %s, %v; want 96", st.OnHand, err)
	}

	customers := "type,name,email,phone,trade,tax_id,employees,capabilities,credit_limit,currency\n" +
		"person,Ana Novak,ana@example.com,+386 40 111 222,yes,,,,,\n" +
		"organization,=cmd|' /C calc'!A0,,,,SI 1,12,own_transport=no;it=yes,5000,EUR\n"
	out, _, err = b2x(t, nil, "import", "customers", writeFile(t, "c.csv", customers), "--db", dsn)
	if err != nil || out != "imported 2 customers\n" {
		t.Fatalf("customers: %q, %v", out, err)
	}
	exported, _, err := b2x(t, nil, "export", "customers", "--db", dsn)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(exported), "\n")
	if len(lines) != 3 || lines[0] != strings.Join(csvimport.CustomerColumns, ",") ||
		!strings.Contains(lines[1], ",'+386 40 111 222,true,") || !strings.Contains(lines[2], `,'=cmd|' /C calc'!A0,`) {
		t.Errorf("customers export:\n%s", exported)
	}
	// The export imports into an empty database with the same customers and ids.
	dsn2 := transferDB(t)
	if out, _, err := b2x(t, strings.NewReader(exported), "import", "customers", "-", "--db", dsn2); err != nil || out != "imported 2 customers\n" {
		t.Fatalf("re-import: %q, %v", out, err)
	}
	again, _, _ := b2x(t, nil, "export", "customers", "--db", dsn2)
	if again != exported {
		t.Errorf("second export differs:\n%s\nfirst:\n%s", again, exported)
	}
	// And not twice into the same one.
	_, errOut, err = b2x(t, strings.NewReader(exported), "import", "customers", "-", "--db", dsn2)
	if exitCode(err) != 2 || !strings.HasPrefix(errOut, "row 2, column id: a customer with id ") || !strings.Contains(err.Error(), "stdin: 4 problems") {
		t.Errorf("duplicate import: %q, %v", errOut, err)
	}

	js, _, err := b2x(t, nil, "export", "customers", "--format", "json", "--db", dsn)
	if err != nil {
		t.Fatal(err)
	}
	var cs []map[string]any
	if err := json.Unmarshal([]byte(js), &cs); err != nil || len(cs) != 2 || cs[0]["type"] != "person" || cs[1]["type"] != "organization" {
		t.Errorf("customers json (%v):\n%s", err, js)
	}
}

func TestCLIExportOrders(t *testing.T) {
	dsn := transferDB(t)
	if _, _, err := b2x(t, nil, "import", "products", writeFile(t, "p.csv", cliProducts), "--db", dsn); err != nil {
		t.Fatal(err)
	}
	if _, _, err := b2x(t, nil, "import", "stock", writeFile(t, "s.csv", "sku,quantity\nBRK,100\nBRK-RED,100\n"), "--db", dsn); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	a := app.New(db)
	_, _, err = a.Checkout(ctx, app.Actor{}, "", app.CheckoutInput{Channel: catalog.B2C,
		Guest: &order.Guest{Name: "@Guest", Email: "guest@example.com"},
		Lines: []app.CheckoutLine{{SKU: "BRK", Quantity: qty.Units(3)}, {SKU: "BRK-RED", Quantity: qty.Units(2)}}})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	out, _, err := b2x(t, nil, "export", "orders", "--db", dsn, "--format=csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || !reflect.DeepEqual(recs[0], orderColumns) {
		t.Fatalf("orders csv:\n%s", out)
	}
	row := map[string]string{}
	for i, c := range recs[0] {
		row[c] = recs[1][i]
	}
	if row["customer_type"] != "guest" || row["guest_name"] != "'@Guest" || row["sku"] != "BRK" || row["quantity"] != "3" ||
		row["unit_price"] != "1.00" || row["gross"] != "3.00" || row["order_total"] != "5.40" || row["tax_rate"] != "20" ||
		recs[2][len(recs[2])-1] != "2.40" || row["line_no"] != "1" {
		t.Errorf("first line %v\n%s", row, out)
	}

	js, _, err := b2x(t, nil, "export", "orders", "--format", "json", "--db", dsn)
	if err != nil {
		t.Fatal(err)
	}
	var orders []struct {
		Number string `json:"number"`
		Lines  []struct {
			SKU      string          `json:"sku"`
			Quantity json.RawMessage `json:"quantity"`
		} `json:"lines"`
		Total struct{ Amount string } `json:"total"`
	}
	if err := json.Unmarshal([]byte(js), &orders); err != nil || len(orders) != 1 || len(orders[0].Lines) != 2 ||
		string(orders[0].Lines[1].Quantity) != "2" || orders[0].Total.Amount != "5.40" {
		t.Errorf("orders json (%v):\n%s", err, js)
	}

	// An empty export is still a valid file.
	empty := transferDB(t)
	if js, _, err := b2x(t, nil, "export", "orders", "--format", "json", "--db", empty); err != nil || js != "[]\n" {
		t.Errorf("empty json export %q, %v", js, err)
	}
	if c, _, err := b2x(t, nil, "export", "orders", "--db", empty); err != nil || c != strings.Join(orderColumns, ",")+"\n" {
		t.Errorf("empty csv export %q, %v", c, err)
	}
}

func TestCSVEscapingInExport(t *testing.T) {
	dsn := transferDB(t)
	file := "sku,name,unit,channels,tax_rate,brand,description,price_b2c,currency\n" +
		"F1,=1+2,pcs,b2c,20,+brand,-minus,1.00,EUR\n" +
		"F2,@SUM(A1),pcs,b2c,20,'=already,\"'\ttabbed\",0,EUR\n" +
		"F3,Plain,pcs,b2c,20,'-5,-5,2.50,EUR\n"
	if _, errOut, err := b2x(t, nil, "import", "products", writeFile(t, "f.csv", file), "--db", dsn); err != nil {
		t.Fatal(errOut, err)
	}
	out, _, err := b2x(t, nil, "export", "products", "--db", dsn)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cell := func(row int, column string) string {
		for i, c := range recs[0] {
			if c == column {
				return recs[row][i]
			}
		}
		t.Fatalf("no column %s", column)
		return ""
	}
	// Nothing in the file starts a formula any more; plain numbers stay numbers.
	for _, rec := range recs[1:] {
		for _, c := range rec {
			if c != "" && strings.ContainsRune("=+@\t\r", rune(c[0])) {
				t.Errorf("cell %q would run as a formula", c)
			}
			if c != "" && c[0] == '-' && !regexpNumber(c) {
				t.Errorf("cell %q would run as a formula", c)
			}
		}
	}
	for _, tt := range []struct {
		row          int
		column, want string
	}{
		{1, "name", "'=1+2"}, {1, "brand", "'+brand"}, {1, "description", "'-minus"}, {1, "price_b2c", "1.00"},
		{2, "name", "'@SUM(A1)"}, {2, "brand", "'=already"}, {2, "description", "'\ttabbed"}, {2, "price_b2c", "0.00"},
		{3, "brand", "-5"}, {3, "description", "-5"}, {3, "name", "Plain"},
	} {
		if got := cell(tt.row, tt.column); got != tt.want {
			t.Errorf("row %d %s = %q, want %q", tt.row, tt.column, got, tt.want)
		}
	}
	// The values themselves were stored without the apostrophes.
	rows, err := csvimport.ParseProducts(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].Product.Name != "=1+2" || rows[1].Product.Brand != "=already" || rows[1].Product.Description != "\ttabbed" || rows[2].Product.Brand != "-5" {
		t.Errorf("round trip: %+v", rows)
	}
}

func regexpNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	digits := func(x string) bool { return x != "" && strings.Trim(x, "0123456789") == "" }
	return digits(whole) && (!dot || digits(frac))
}

func TestCLITransferUsage(t *testing.T) {
	dsn := transferDB(t)
	for _, args := range [][]string{
		{"import"},
		{"import", "widgets", "x.csv", "--db", dsn},
		{"import", "products", "--db", dsn},
		{"import", "products", "a.csv", "b.csv", "--db", dsn},
		{"export"},
		{"export", "widgets", "--db", dsn},
		{"export", "products", "--format", "xml", "--db", dsn},
		{"export", "products", "extra", "--db", dsn},
	} {
		if _, _, err := b2x(t, nil, args...); err == nil || exitCode(err) != 2 {
			t.Errorf("%v: err = %v (exit %d), want a usage error", args, err, exitCode(err))
		}
	}
	if _, _, err := b2x(t, nil, "import", "products", filepath.Join(t.TempDir(), "missing.csv"), "--db", dsn); err == nil || exitCode(err) != 1 {
		t.Errorf("missing file: %v", err)
	}
}
