package csvimport

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"strings"
	"testing"
)

// checkRejected fails unless err is a problem report a person can act on: at
// least one problem, at most MaxProblems listed, each with a row and a message.
func checkRejected(t *testing.T, err error) {
	t.Helper()
	list, omitted, ok := ProblemsOf(err)
	if !ok {
		t.Fatalf("err = %v, want a problem report", err)
	}
	if len(list) == 0 || len(list) > MaxProblems || omitted < 0 {
		t.Fatalf("%d problems listed, %d omitted", len(list), omitted)
	}
	for _, p := range list {
		if p.Row < 0 || p.Message == "" {
			t.Fatalf("problem %+v", p)
		}
	}
}

// reencode writes records as export does: through encoding/csv, every cell
// escaped against formula injection.
func reencode(header []string, records [][]string) *bytes.Buffer {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(header)
	for _, rec := range records {
		for i := range rec {
			rec[i] = EscapeFormula(rec[i])
		}
		w.Write(rec)
	}
	w.Flush()
	return &buf
}

// stripRows clears the row numbers, which a re-encoded file need not keep.
func stripRows[T any](rows []T, clear func(*T)) []T {
	for i := range rows {
		clear(&rows[i])
	}
	return rows
}

func FuzzParseProducts(f *testing.F) {
	seeds := []string{
		"",
		"sku,name,unit,channels,tax_rate\nA1,Brick,pcs,b2c,20\n",
		"\ufeffsku,name,unit,channels,tax_rate,price_b2c,price_b2b,currency\nA1,Brick,pcs,b2c;b2b,20,1.50,1.20,EUR\n",
		"sku,name,unit,channels,tax_rate,specs,variant_of,variant_attrs\nP1,Parent,pcs,b2c,20,a=1;b=x\\;y,,\nV1,Var,pcs,b2c,20,,P1,size=XL\n",
		"sku,name,unit,channels,tax_rate,variant_of\nA1,a,pcs,b2c,20,A2\nA2,b,pcs,b2c,20,A1\n",
		"sku,name,unit,channels,tax_rate\nA1,a,pcs,b2c,20\nA1,b,pcs,b2c,20\n",
		"sku,name,unit,channels,tax_rate,description\nA1,'=HYPERLINK(1),pcs,b2c,9.5%,\"multi\nline, \"\"quoted\"\"\"\n",
		"sku,name,unit,channels,tax_rate,price_b2c,currency\nA1,a,pcs,b2c,20,12.345,EUR\nA2,b,m,b2c,20,1e9,JPY\n",
		"sku,name,unit,channels,tax_rate,warranty_months\nA1,a,pcs,b2c,20,99999999999999999999\n",
		"sku,name,unit,channels,tax_rate\nA1,caf\xe9,pcs,b2c,20\nA2,a\x00,pcs,b2c,20\n",
		"sku,name,unit\nA1,a\"b,pcs\n",
		"sku,name,unit,channels,tax_rate,colour\n",
		"sku,name,unit,channels,tax_rate\nA1,a\n,,,,\n",
		"sku,name,unit,channels,tax_rate,description\nA1,a,pcs,b2c,20,'\tx\r\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ParseProducts(bytes.NewReader(data))
		if err != nil {
			if rows != nil {
				t.Fatal("rows and an error")
			}
			checkRejected(t, err)
			return
		}
		seen := map[string]bool{}
		var records [][]string
		for _, r := range rows {
			if err := ValidateProduct(&r); err != nil {
				t.Fatalf("row %d was accepted but does not validate: %v", r.Row, err)
			}
			if seen[r.Product.SKU] {
				t.Fatalf("SKU %s accepted twice", r.Product.SKU)
			}
			seen[r.Product.SKU] = true
			rec, err := ProductRecord(&r.Product, r.Prices)
			if err != nil {
				t.Fatal(err)
			}
			records = append(records, rec)
		}
		if _, cyclic := VariantOrder(rows); len(cyclic) > 0 {
			t.Fatalf("accepted a variant cycle: %v", cyclic)
		}
		// What was accepted exports and imports back unchanged.
		again, err := ParseProducts(reencode(ProductColumns, records))
		if err != nil {
			t.Fatalf("re-import: %v", err)
		}
		clear := func(r *ProductRow) { r.Row = 0 }
		if !reflect.DeepEqual(stripRows(again, clear), stripRows(rows, clear)) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", again, rows)
		}
	})
}

func FuzzParseCustomers(f *testing.F) {
	seeds := []string{
		"type,name\nperson,Ana\n",
		"type,name,email,phone,trade\nperson,Ana,ana@example.com,+386 1 234,yes\nperson,Bo,ANA@example.com,,\n",
		"type,id,name,tax_id,employees,turnover_band,capabilities,payment_terms,credit_limit,currency,website,address\n" +
			"organization,0190a5a8-58c4-7d4e-8a39-6f0c3e7a1b2c,Org,SI1,10,small,it=yes;legal=no,net30,100.00,EUR,https://x,\"a\nb\"\n",
		"type,name,email,tax_id\norganization,Org,a@b.c,\nperson,P,,SI 2\nrobot,R,,\n",
		"type,name,credit_limit,currency\norganization,Org,1.234,EUR\norganization,Org2,5,\n",
		"type,name,employees\norganization,O,99999999999999999999\n",
		"type,name,capabilities\norganization,O,it\norganization,P,it=maybe;it=yes\n",
		"type,name,id\nperson,A,0190a5a8-58c4-7d4e-8a39-6f0c3e7a1b2c\nperson,B,0190A5A8-58C4-7D4E-8A39-6F0C3E7A1B2C\n",
		"type,name,group\nperson,'@x, spaced \n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ParseCustomers(bytes.NewReader(data))
		if err != nil {
			if rows != nil {
				t.Fatal("rows and an error")
			}
			checkRejected(t, err)
			return
		}
		var records [][]string
		emails := map[string]bool{}
		for _, r := range rows {
			if err := ValidateCustomer(&r); err != nil {
				t.Fatalf("row %d was accepted but does not validate: %v", r.Row, err)
			}
			if r.Person != nil {
				if e := strings.ToLower(r.Person.Email); e != "" && emails[e] {
					t.Fatalf("email %s accepted twice", e)
				} else {
					emails[e] = true
				}
				records = append(records, PersonRecord(r.Person))
			} else {
				records = append(records, OrganizationRecord(r.Organization))
			}
		}
		again, err := ParseCustomers(reencode(CustomerColumns, records))
		if err != nil {
			t.Fatalf("re-import: %v", err)
		}
		clear := func(r *CustomerRow) { r.Row = 0 }
		if !reflect.DeepEqual(stripRows(again, clear), stripRows(rows, clear)) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", again, rows)
		}
	})
}

func FuzzParseStock(f *testing.F) {
	seeds := []string{
		"sku,quantity\nA1,10\n",
		"sku,quantity,warehouse,kind,note\nA1,2.5,MAIN,receipt,x\nA1,-1,main,adjustment,\nA1,0,,adjustment,\n",
		"sku,quantity\nA1,1.2345\nA1,1e3\nA1,-0\nA1,99999999999999999999\n",
		"sku,quantity,kind\nA1,1,sale\n",
		"quantity\n1\n",
		"sku,quantity,warehouse\nA1,1,bad code\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ParseStock(bytes.NewReader(data))
		if err != nil {
			if rows != nil {
				t.Fatal("rows and an error")
			}
			checkRejected(t, err)
			return
		}
		for _, r := range rows {
			if err := ValidateStock(&r); err != nil {
				t.Fatalf("row %d was accepted but does not validate: %v", r.Row, err)
			}
			if r.Quantity == 0 {
				t.Fatalf("row %d: zero quantity accepted", r.Row)
			}
		}
	})
}
