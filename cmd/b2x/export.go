package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/csvimport"
	"b2x/order"
	"b2x/web/api"
)

const exportUsage = "usage: b2x export products|orders|customers [--format csv|json] [--out FILE] [--db DSN]"

// cmdExport runs "b2x export products|orders|customers". It writes to stdout, or
// with --out to FILE (written whole or not at all: a temporary file renamed at
// the end).
//
// CSV (the default) has a header row. Products and customers use the columns of
// the import files (package csvimport), so an export imports back; customers'
// contacts are not in the CSV, and a product priced in two currencies cannot be
// written as CSV (the export fails naming it; use JSON). Orders have one row per order line, the order's
// columns repeated on each of its lines. Every cell that a spreadsheet would read
// as a formula (starting with = + - @, TAB or CR) gets a leading apostrophe
// (csvimport.EscapeFormula; plain numbers such as "-5.00" stay numbers), and the
// import removes it again.
//
// JSON is one array, one element a line, each element the API's own document
// (package web/api): products with their base prices, orders with their lines,
// customers (persons first, then organizations with their contacts) each with a
// "type".
func cmdExport(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%s: %w", exportUsage, errUsage)
	}
	kind := args[0]
	fs, dsn := flags("export "+kind, e)
	format := fs.String("format", "csv", "csv or json")
	out := fs.String("out", "", "write to FILE instead of stdout")
	rest, err := transferArgs(fs, args[1:])
	if err != nil {
		return err
	}
	if len(rest) != 0 {
		return fmt.Errorf("%s: %w", exportUsage, errUsage)
	}
	if *format != "csv" && *format != "json" {
		return fmt.Errorf("unknown format %q; %s: %w", *format, exportUsage, errUsage)
	}
	if kind != "products" && kind != "orders" && kind != "customers" {
		return fmt.Errorf("cannot export %q; %s: %w", kind, exportUsage, errUsage)
	}
	a, closeDB, err := open(ctx, e, *dsn)
	if err != nil {
		return err
	}
	defer closeDB()

	dst, commit, abort, err := exportOutput(e, *out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(dst)
	x := &exporter{json: *format == "json", w: w}
	switch kind {
	case "products":
		err = exportProducts(ctx, a, x)
	case "orders":
		err = exportOrders(ctx, a, x)
	case "customers":
		err = exportCustomers(ctx, a, x)
	}
	if err == nil {
		err = x.end()
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		abort()
		return err
	}
	if err := commit(); err != nil {
		return err
	}
	if *out != "" {
		fmt.Fprintf(e.stderr, "exported %d %s to %s\n", x.n, kind, *out)
	}
	return nil
}

// exportOutput returns where to write: stdout, or a temporary file next to path
// that commit renames to path and abort removes.
func exportOutput(e *env, path string) (w io.Writer, commit func() error, abort func(), err error) {
	if path == "" {
		return e.stdout, func() error { return nil }, func() {}, nil
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return nil, nil, nil, err
	}
	commit = func() error {
		if err := f.Close(); err != nil {
			os.Remove(f.Name())
			return err
		}
		if err := os.Rename(f.Name(), path); err != nil {
			os.Remove(f.Name())
			return err
		}
		return nil
	}
	abort = func() {
		f.Close()
		os.Remove(f.Name())
	}
	return f, commit, abort, nil
}

// exporter writes either CSV or a JSON array, one item at a time.
type exporter struct {
	json    bool
	w       io.Writer
	csv     *csv.Writer
	started bool
	n       int // items written (for orders in CSV: orders, not lines)
}

// header starts a CSV file with its column names; it does nothing for JSON.
func (x *exporter) header(columns []string) error {
	if x.json {
		return nil
	}
	x.csv = csv.NewWriter(x.w)
	return x.csv.Write(columns)
}

// row writes one CSV record, each cell escaped against formula injection.
func (x *exporter) row(cells []string) error {
	for i, c := range cells {
		cells[i] = csvimport.EscapeFormula(c)
	}
	return x.csv.Write(cells)
}

// item writes one element of the JSON array.
func (x *exporter) item(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	sep := ",\n"
	if !x.started {
		sep, x.started = "[\n", true
	}
	if _, err := io.WriteString(x.w, sep); err != nil {
		return err
	}
	_, err = x.w.Write(b)
	return err
}

// end finishes the file.
func (x *exporter) end() error {
	if !x.json {
		x.csv.Flush()
		return x.csv.Error()
	}
	end := "\n]\n"
	if !x.started {
		end = "[]\n"
	}
	_, err := io.WriteString(x.w, end)
	return err
}

// Products.

func exportProducts(ctx context.Context, a *app.App, x *exporter) error {
	if err := x.header(csvimport.ProductColumns); err != nil {
		return err
	}
	return a.ExportProducts(ctx, operator, func(v app.ProductView) error {
		x.n++
		if !x.json {
			cells, err := csvimport.ProductRecord(&v.Product, v.Prices)
			if err != nil {
				return err
			}
			return x.row(cells)
		}
		return x.item(api.ProductDocument(v))
	})
}

// Orders.

// orderColumns are the columns of an orders CSV: one row per line.
var orderColumns = []string{"number", "id", "placed_at", "channel", "status", "customer_type", "customer_id", "contact_id",
	"guest_name", "guest_email", "currency", "prices_include_tax", "delivery_method", "order_net", "order_tax",
	"order_total", "line_no", "sku", "name", "kind", "unit", "quantity", "unit_price", "tax_rate", "net", "tax", "gross"}

// customerOf names who placed an order: its type and id.
func customerOf(o *order.Order) (typ, id string) {
	switch {
	case o.Customer.OrganizationID != "":
		return csvimport.TypeOrganization, o.Customer.OrganizationID
	case o.Customer.PersonID != "":
		return csvimport.TypePerson, o.Customer.PersonID
	}
	return "guest", ""
}

func exportOrders(ctx context.Context, a *app.App, x *exporter) error {
	if err := x.header(orderColumns); err != nil {
		return err
	}
	return a.ExportOrders(ctx, operator, func(o order.Order) error {
		x.n++
		typ, id := customerOf(&o)
		if !x.json {
			var g order.Guest
			if o.Customer.Guest != nil {
				g = *o.Customer.Guest
			}
			head := []string{o.Number, o.ID, o.PlacedAt.UTC().Format(time.RFC3339), string(o.Channel), string(o.Status), typ, id,
				o.Customer.ContactID, g.Name, g.Email, o.Currency, strconv.FormatBool(o.PricesIncludeTax),
				string(o.DeliveryMethod), o.Net.String(), o.Tax.String(), o.Total.String()}
			for _, l := range o.Lines {
				cells := append(append([]string{}, head...), strconv.Itoa(l.No), l.SKU, l.Name, string(l.Kind), l.Unit,
					l.Quantity.String(), l.UnitPrice.String(), catalog.FormatTaxRate(l.TaxRateBP), l.Net.String(),
					l.Tax.String(), l.Gross.String())
				if err := x.row(cells); err != nil {
					return err
				}
			}
			return nil
		}
		return x.item(api.OrderDocument(o))
	})
}

// Customers.

func exportCustomers(ctx context.Context, a *app.App, x *exporter) error {
	if err := x.header(csvimport.CustomerColumns); err != nil {
		return err
	}
	return a.ExportCustomers(ctx, operator, func(c app.CustomerView) error {
		x.n++
		if p := c.Person; p != nil {
			if !x.json {
				return x.row(csvimport.PersonRecord(p))
			}
			return x.item(api.PersonDocument(*p))
		}
		o := c.Organization
		if !x.json {
			return x.row(csvimport.OrganizationRecord(o))
		}
		return x.item(api.OrganizationDocument(*o, c.Contacts))
	})
}
