package csvimport

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"b2x/catalog"
	"b2x/errs"
	"b2x/inventory"
	"b2x/money"
	"b2x/party"
	"b2x/qty"
)

const productHeader = "sku,name,unit,channels,tax_rate"

// problems parses with fn and returns the problems as "where: message" lines.
func problems(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		t.Fatal("no error, want problems")
	}
	list, omitted, ok := ProblemsOf(err)
	if !ok {
		t.Fatalf("err = %v, want problems", err)
	}
	if errs.CodeOf(err) != errs.Invalid {
		t.Fatalf("code = %s, want invalid", errs.CodeOf(err))
	}
	var out []string
	for _, p := range list {
		out = append(out, p.String())
	}
	if omitted > 0 {
		out = append(out, fmt.Sprintf("+%d", omitted))
	}
	return out
}

// wantProblems checks that every want line is a prefix of one problem, in order,
// and that there are no other problems.
func wantProblems(t *testing.T, err error, want ...string) {
	t.Helper()
	got := problems(t, err)
	if len(got) != len(want) {
		t.Fatalf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Fatalf("problem %d = %q, want prefix %q\nall:\n  %s", i, got[i], want[i], strings.Join(got, "\n  "))
		}
	}
}

func TestCSVParseProductsGood(t *testing.T) {
	file := "\ufeffSKU, Name ,unit,channels,tax_rate,price_b2c,price_b2b,currency,specs,variant_of,variant_attrs,description,warranty_months,category,status,kind\n" +
		"TSHIRT-XL,T-shirt XL,pcs,b2c,20,12.50,,eur,,TSHIRT,size=XL,,,,,\n" +
		"TSHIRT,T-shirt,pcs,b2c;B2B,20,12.50,10,EUR,material=cotton;fit=a\\;b;eq=x\\=y,,,\"two\nlines\",24,clothes,draft,goods\n" +
		",,,,,,,,,,,,,,,\n" + // an empty row is skipped
		"SVC-1,Installation,h,b2b,9.5%,,80.00,EUR,,,,,,,,service\n" +
		"BAD-NAME,'=1+2,pcs,b2c,0,,,,,,,,,,,\n"
	rows, err := ParseProducts(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4", len(rows))
	}
	eur := func(minor int64) money.Amount { return money.MustNew(minor, "EUR") }
	want := []ProductRow{
		{Row: 2, Product: catalog.Product{SKU: "TSHIRT-XL", Name: "T-shirt XL", Kind: catalog.Goods, Unit: "pcs",
			Channels: catalog.Channels{catalog.B2C}, Status: catalog.Active, TaxRateBP: 2000, VariantOf: "TSHIRT",
			VariantAttrs: []catalog.Spec{{Key: "size", Value: "XL"}}},
			Prices: map[catalog.Channel]money.Amount{catalog.B2C: eur(1250)}},
		{Row: 3, Product: catalog.Product{SKU: "TSHIRT", Name: "T-shirt", Kind: catalog.Goods, Unit: "pcs",
			Channels: catalog.Channels{catalog.B2B, catalog.B2C}, Status: catalog.Draft, TaxRateBP: 2000,
			Description: "two\nlines", WarrantyMonths: 24, Category: "clothes",
			Specs: []catalog.Spec{{Key: "material", Value: "cotton"}, {Key: "fit", Value: "a;b"}, {Key: "eq", Value: "x=y"}}},
			Prices: map[catalog.Channel]money.Amount{catalog.B2C: eur(1250), catalog.B2B: eur(1000)}},
		{Row: 6, Product: catalog.Product{SKU: "SVC-1", Name: "Installation", Kind: catalog.Service, Unit: "h",
			Channels: catalog.Channels{catalog.B2B}, Status: catalog.Active, TaxRateBP: 950},
			Prices: map[catalog.Channel]money.Amount{catalog.B2B: eur(8000)}},
		{Row: 7, Product: catalog.Product{SKU: "BAD-NAME", Name: "=1+2", Kind: catalog.Goods, Unit: "pcs",
			Channels: catalog.Channels{catalog.B2C}, Status: catalog.Active}},
	}
	for i := range want {
		if !reflect.DeepEqual(rows[i], want[i]) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, rows[i], want[i])
		}
	}
	order, cyclic := VariantOrder(rows)
	if !reflect.DeepEqual(order, []int{1, 2, 3, 0}) || cyclic != nil {
		t.Errorf("order = %v, cyclic = %v; want parents first", order, cyclic)
	}
}

func TestCSVParseProductsProblems(t *testing.T) {
	tests := []struct {
		name string
		file string
		want []string
	}{
		{"empty", "", []string{"row 1: the file is empty"}},
		{"only blank lines", "\n\n", []string{"row 1: the file is empty"}},
		{"unknown column", productHeader + ",colour\n", []string{"row 1, column colour: unknown column"}},
		{"missing columns", "sku,name\nA1,x\n", []string{"row 1, column unit: required column is missing",
			"row 1, column channels: required column is missing", "row 1, column tax_rate: required column is missing"}},
		{"column twice", productHeader + ",SKU\n", []string{"row 1, column sku: appears twice"}},
		{"unnamed column", productHeader + ",\n", []string{"row 1: column 6 has no name"}},
		{"cell count", productHeader + "\nA1,a,pcs,b2c,20\nA2,b,pcs\nA3,c,pcs,b2c,20,extra\n",
			[]string{"row 3: has 3 cells, the header has 5", "row 4: has 6 cells, the header has 5"}},
		{"invalid utf-8", productHeader + "\nA1,caf\xe9,pcs,b2c,20\n", []string{"row 2, column name: is not valid UTF-8"}},
		{"nul byte", productHeader + "\nA1,a\x00b,pcs,b2c,20\n", []string{"row 2, column name: contains the control character U+0000"}},
		{"duplicate sku", productHeader + "\nA1,a,pcs,b2c,20\nA2,b,pcs,b2c,20\nA1,c,pcs,b2c,20\n",
			[]string{"row 4, column sku: SKU A1 appears twice in the file (first on row 2)"}},
		{"money decimals", productHeader + ",price_b2c,price_b2b,currency\nA1,a,pcs,b2c;b2b,20,12.345,1.5,JPY\n",
			[]string{`row 2, column price_b2c: JPY has no decimal places, got "12.345"`, `row 2, column price_b2b: JPY has no decimal places`}},
		{"money three decimals", productHeader + ",price_b2c,currency\nA1,a,pcs,b2c,20,12.345,EUR\n",
			[]string{"row 2, column price_b2c: EUR has at most 2 decimal places"}},
		{"huge money", productHeader + ",price_b2c,currency\nA1,a,pcs,b2c,20,99999999999999999999999,EUR\n",
			[]string{"row 2, column price_b2c: " + `"99999999999999999999999" is out of range`}},
		{"negative price", productHeader + ",price_b2c,currency\nA1,a,pcs,b2c,20,-1.00,EUR\n",
			[]string{"row 2, column price_b2c: must not be negative"}},
		{"price without currency", productHeader + ",price_b2c,price_b2b\nA1,a,pcs,b2c,20,1.00,2.00\n",
			[]string{"row 2, column currency: is required with a price"}},
		{"unknown currency", productHeader + ",price_b2c,currency\nA1,a,pcs,b2c,20,1.00,XXY\n",
			[]string{`row 2, column currency: unknown currency "XXY"`}},
		{"tax rate", productHeader + "\nA1,a,pcs,b2c,abc\nA2,a,pcs,b2c,20.555\nA3,a,pcs,b2c,101\nA4,a,pcs,b2c,\nA5,a,pcs,b2c,99999999999999999999\n",
			[]string{`row 2, column tax_rate: "abc" is not a percentage`, `row 3, column tax_rate: "20.555" is not a percentage`,
				"row 4, column tax_rate: 101% is more than 100%", "row 5, column tax_rate: is required",
				`row 6, column tax_rate: "99999999999999999999" is not a percentage`}},
		{"huge warranty", productHeader + ",warranty_months\nA1,a,pcs,b2c,20,99999999999999999999999\nA2,a,pcs,b2c,20,-3\nA3,a,pcs,b2c,20,241\n",
			[]string{"row 2, column warranty_months: must be at most 240", `row 3, column warranty_months: "-3" is not a whole number`,
				"row 4, column warranty_months: must be at most 240"}},
		{"every problem of a row", productHeader + ",kind\nx,,lightyear,b2x,20,toy\n",
			[]string{"row 2, column sku: must be 2–64", "row 2, column name: is required", "row 2, column kind: must be one of",
				`row 2, column unit: unknown unit "lightyear"`, `row 2, column channels: unknown channel "b2x"`}},
		{"no channel", productHeader + "\nA1,a,pcs,,20\n", []string{"row 2, column channels: must name at least one"}},
		{"specs", productHeader + ",specs\nA1,a,pcs,b2c,20,colour\nA2,a,pcs,b2c,20,a=1;a=2\n",
			[]string{`row 2, column specs: "colour" is not key=value`, `row 3, column specs: key "a" appears twice`}},
		{"variant cycle", productHeader + ",variant_of\nA1,a,pcs,b2c,20,A2\nA2,b,pcs,b2c,20,A3\nA3,c,pcs,b2c,20,A1\nA4,d,pcs,b2c,20,A1\n",
			[]string{"row 2, column variant_of: A1 and its parents form a cycle", "row 3, column variant_of: A2 and",
				"row 4, column variant_of: A3 and"}},
		{"variant of itself", productHeader + ",variant_of\nA1,a,pcs,b2c,20,A1\n",
			[]string{"row 2, column variant_of: a product cannot be a variant of itself"}},
		{"bare quote", productHeader + "\nA1,a\"b,pcs,b2c,20\n", []string{`row 2: malformed CSV at line 2`}},
		{"open quote", productHeader + "\nA1,\"ab,pcs,b2c,20\n", []string{`row 2: malformed CSV`}},
		{"header invalid utf-8", "sku,n\xffme\n", []string{"row 1: column 2: name is not valid UTF-8", "row 1, column name: required column is missing",
			"row 1, column unit: required", "row 1, column channels: required", "row 1, column tax_rate: required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := ParseProducts(strings.NewReader(tt.file))
			if rows != nil {
				t.Errorf("rows = %v, want none", rows)
			}
			wantProblems(t, err, tt.want...)
		})
	}
}

func TestCSVParseCaps(t *testing.T) {
	defer func(b int64, r int) { maxBytes, maxRows = b, r }(maxBytes, maxRows)
	maxBytes, maxRows = 1000, 3

	small := productHeader + "\nA1,a,pcs,b2c,20\nA2,a,pcs,b2c,20\nA3,a,pcs,b2c,20\n"
	if _, err := ParseProducts(strings.NewReader(small)); err != nil {
		t.Fatalf("3 rows: %v", err)
	}
	_, err := ParseProducts(strings.NewReader(small + "A4,a,pcs,b2c,20\n"))
	wantProblems(t, err, "row 5: the file has more than 3 rows")

	h := productHeader + ",description"
	exact := h + "\nA1,a,pcs,b2c,20," + strings.Repeat("x", int(maxBytes)-len(h)-len("\nA1,a,pcs,b2c,20,\n")) + "\n"
	if len(exact) != int(maxBytes) {
		t.Fatalf("len = %d", len(exact))
	}
	if _, err := ParseProducts(strings.NewReader(exact)); err != nil {
		t.Fatalf("file of exactly the cap: %v", err)
	}
	_, err = ParseProducts(strings.NewReader(exact + "A2,a,pcs,b2c,20,\n"))
	wantProblems(t, err, "file: the file is larger than 0 MB")
	// A cap reached inside a quoted cell is still reported as the size, not as a syntax error.
	_, err = ParseProducts(strings.NewReader(productHeader + "\nA1,\"" + strings.Repeat("x", 2000) + "\",pcs,b2c,20\n"))
	wantProblems(t, err, "file: the file is larger than")
}

func TestCSVProblemsCap(t *testing.T) {
	var b strings.Builder
	b.WriteString(productHeader + "\n")
	for i := range 150 {
		fmt.Fprintf(&b, "A%d,a,pcs,b2c,abc\n", i)
	}
	_, err := ParseProducts(strings.NewReader(b.String()))
	got := problems(t, err)
	if len(got) != MaxProblems+1 || got[MaxProblems] != "+50" {
		t.Fatalf("%d problems, last %q; want %d and +50", len(got), got[len(got)-1], MaxProblems)
	}
	if !strings.HasPrefix(got[0], "row 2, column tax_rate") || !strings.HasPrefix(got[99], "row 101, column tax_rate") {
		t.Errorf("first %q, last %q", got[0], got[99])
	}
	if e, _ := errs.As(err); !strings.HasPrefix(e.Message, "150 problems in the file; nothing was imported") {
		t.Errorf("message = %q", e.Message)
	}
}

func TestCSVParseCustomers(t *testing.T) {
	file := "type,id,name,email,phone,trade,group,tax_id,employees,turnover_band,capabilities,payment_terms,credit_limit,currency\n" +
		"person,,Ana Novak,ana@example.com,+386 40 111 222,yes,,,,,,,,\n" +
		"Organization,0190a5a8-58c4-7d4e-8a39-6f0c3e7a1b2c,Gradnje d.o.o.,,,,gold,SI 123,45,small,own_transport=no;IT=yes,net30,5000.00,eur\n" +
		"person,,Bo,,,,,,,,,,,\n"
	rows, err := ParseCustomers(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	want := []CustomerRow{
		{Row: 2, Person: &party.Person{Name: "Ana Novak", Email: "ana@example.com", Phone: "+386 40 111 222", Trade: true}},
		{Row: 3, Organization: &party.Organization{ID: "0190a5a8-58c4-7d4e-8a39-6f0c3e7a1b2c", LegalName: "Gradnje d.o.o.",
			TaxID: "SI 123", Employees: 45, TurnoverBand: party.TurnoverSmall, Group: "gold", PaymentTerms: party.Net30,
			Capabilities: map[party.Capability]bool{party.OwnTransport: false, party.IT: true}, CreditLimit: money.MustNew(500000, "EUR")}},
		{Row: 4, Person: &party.Person{Name: "Bo"}},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("got %+v\nwant %+v", rows, want)
	}

	h := "type,name,email,tax_id,employees,id,capabilities,credit_limit,currency,trade\n"
	_, err = ParseCustomers(strings.NewReader(h +
		"robot,R2,,,,,,,,\n" +
		",Nobody,,,,,,,,\n" +
		"person,Ana,ana@example.com,SI 1,,,,,,\n" +
		"person,Ana Two,ANA@example.com,,,,,,,\n" +
		"organization,Org,x@example.com,,,,,,,maybe\n" +
		"organization,Org A,,si 1,99999999999999999,,,,,\n" +
		"organization,Org B,,SI1,,not-a-uuid,spaceship=yes;own_transport,,,\n" +
		"organization,Org C,,,,,,100.00,,\n" +
		"person,,not-an-email,,,,,,,\n"))
	wantProblems(t, err,
		`row 2, column type: "robot" is not person or organization`,
		"row 3, column type: is required",
		"row 4, column tax_id: is only for organization rows",
		"row 5, column email: the email ANA@example.com appears twice in the file (first on row 4)",
		"row 6, column email: is only for person rows",
		"row 6, column trade: is only for person rows",
		"row 7, column employees: must be at most 10000000",
		`row 8, column id: "not-a-uuid" is not a UUID`,
		`row 8, column capabilities: "own_transport" is not capability=yes`,
		"row 8, column tax_id: the tax id SI1 appears twice in the file (first on row 7)",
		"row 9, column currency: is required with a credit limit",
		"row 10, column name: is required",
		"row 10, column email: is not an email address",
	)
}

func TestCSVParseStock(t *testing.T) {
	rows, err := ParseStock(strings.NewReader("sku,quantity,warehouse,kind,note\nA1,10,main,,first\nA1,-2.5,MAIN,Adjustment,count\nB2,0.125,,receipt,\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []StockRow{
		{Row: 2, SKU: "A1", Warehouse: "MAIN", Kind: inventory.Receipt, Quantity: qty.Units(10), Note: "first"},
		{Row: 3, SKU: "A1", Warehouse: "MAIN", Kind: inventory.Adjustment, Quantity: -2500, Note: "count"},
		{Row: 4, SKU: "B2", Kind: inventory.Receipt, Quantity: 125},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("got %+v\nwant %+v", rows, want)
	}
	_, err = ParseStock(strings.NewReader("sku,quantity,warehouse,kind,note\n" +
		"A1,-1,,,\n" +
		"A1,0,,adjustment,\n" +
		"A1,1,,sale,\n" +
		"A1,1.2345,,,\n" +
		"A1,1e3,,,\n" +
		"A1,99999999999999,,,\n" +
		"A1,1,bad code!,,\n" +
		"?,1,,,\n" +
		"A1,,,,\n" +
		"A1,1,,," + strings.Repeat("n", 1001) + "\n"))
	wantProblems(t, err,
		"row 2, column quantity: must be positive for a receipt",
		"row 3, column quantity: must not be zero",
		"row 4, column kind: must be receipt or adjustment",
		`row 5, column quantity: "1.2345" has too many decimal places`,
		`row 6, column quantity: "1e3" is not a decimal number`,
		`row 7, column quantity: "99999999999999" is out of range`,
		"row 8, column warehouse: must be a warehouse code",
		"row 9, column sku: must be 2–64",
		"row 10, column quantity: is required",
		"row 11, column note: is longer than 1000 characters",
	)
	_, err = ParseStock(strings.NewReader("sku,qty\n"))
	wantProblems(t, err, "row 1, column qty: unknown column", "row 1, column quantity: required column is missing")
}

func TestCSVEscapeFormula(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"=SUM(A1:A9)", "'=SUM(A1:A9)"},
		{"+1 555 0100", "'+1 555 0100"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(1)", "'@SUM(1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-5", "-5"},         // a plain number stays a number
		{"-12.50", "-12.50"}, // likewise
		{"12.50", "12.50"},
		{"-", "'-"},
		{"-5e3", "'-5e3"},
		{"'=1", "''=1"}, // an apostrophe already there survives the round trip
		{"''+1", "'''+1"},
		{"'plain", "'plain"},
		{"a=b", "a=b"},
	}
	for _, tt := range tests {
		got := EscapeFormula(tt.in)
		if got != tt.want {
			t.Errorf("EscapeFormula(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := unescape(got); back != tt.in && tt.in != "'plain" {
			t.Errorf("unescape(%q) = %q, want %q", got, back, tt.in)
		}
	}
}

// TestProductRoundTrip writes products as export does and reads them back.
func TestCSVProductRoundTrip(t *testing.T) {
	ps := []ProductRow{
		{Product: catalog.Product{SKU: "A-1", Name: "=HYPERLINK(\"http://x\")", Kind: catalog.Goods, Unit: "m",
			Channels: catalog.Channels{catalog.B2B, catalog.B2C}, Status: catalog.Active, TaxRateBP: 2050,
			Description: "line 1\nline \"2\", with comma", Brand: "@brand", WarrantyMonths: 12,
			Specs: []catalog.Spec{{Key: "a;b", Value: "c=d\\e"}, {Key: "-x", Value: "+y"}}},
			Prices: map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(1999, "EUR"), catalog.B2B: money.MustNew(0, "EUR")}},
		{Product: catalog.Product{SKU: "A-2", Name: "Variant", Kind: catalog.Goods, Unit: "pcs", VariantOf: "A-1",
			VariantAttrs: []catalog.Spec{{Key: "size", Value: "XL"}}, Channels: catalog.Channels{catalog.B2C},
			Status: catalog.Discontinued, TaxRateBP: 5}},
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(ProductColumns)
	for _, p := range ps {
		rec, err := ProductRecord(&p.Product, p.Prices)
		if err != nil {
			t.Fatal(err)
		}
		for i := range rec {
			rec[i] = EscapeFormula(rec[i])
		}
		w.Write(rec)
	}
	w.Flush()
	rows, err := ParseProducts(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ps {
		ps[i].Row = i + 2
	}
	ps[0].Row, ps[1].Row = 2, 4 // the description spans two lines
	if !reflect.DeepEqual(rows, ps) {
		t.Fatalf("got  %+v\nwant %+v", rows, ps)
	}

	_, err = ProductRecord(&ps[0].Product, map[catalog.Channel]money.Amount{catalog.B2C: money.MustNew(1, "EUR"), catalog.B2B: money.MustNew(1, "USD")})
	if errs.CodeOf(err) != errs.Conflict {
		t.Errorf("two currencies: err = %v, want conflict", err)
	}
}

func TestCSVCustomerRoundTrip(t *testing.T) {
	p := &party.Person{ID: "0190a5a8-58c4-7d4e-8a39-6f0c3e7a1b2c", Name: "Ana", Email: "ana@example.com", Phone: "+386 1 234 567", Trade: true, Group: "trade"}
	o := &party.Organization{ID: "0190a5a8-58c4-7d4e-8a39-6f0c3e7a1b2d", LegalName: "@Org", TaxID: "SI1", Industry: "construction",
		Employees: 12, TurnoverBand: party.TurnoverMicro, Capabilities: map[party.Capability]bool{party.IT: true, party.Legal: false},
		PaymentTerms: party.Net60, CreditLimit: money.MustNew(100, "EUR"), Website: "https://x.example", Address: "Main St 1\nLjubljana"}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(CustomerColumns)
	for _, rec := range [][]string{PersonRecord(p), OrganizationRecord(o)} {
		for i := range rec {
			rec[i] = EscapeFormula(rec[i])
		}
		w.Write(rec)
	}
	w.Flush()
	rows, err := ParseCustomers(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := []CustomerRow{{Row: 2, Person: p}, {Row: 3, Organization: o}}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("got  %+v %+v\nwant %+v %+v", rows[0].Person, rows[1].Organization, p, o)
	}
}
