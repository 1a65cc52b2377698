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
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/pricing"
	"b2x/qty"
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
// JSON is one array, one element a line: products with their base prices, orders
// with their lines, customers (persons first, then organizations with their
// contacts) each with a "type". Money is {"amount":"12.50","currency":"EUR"} and
// tax rates are percent strings, as in the API.
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

type productExport struct {
	SKU              string                  `json:"sku"`
	Name             string                  `json:"name"`
	Kind             catalog.Kind            `json:"kind"`
	Unit             string                  `json:"unit"`
	Channels         catalog.Channels        `json:"channels"`
	Category         string                  `json:"category"`
	Brand            string                  `json:"brand"`
	Description      string                  `json:"description"`
	Status           catalog.Status          `json:"status"`
	TaxRate          string                  `json:"tax_rate"`
	Prices           map[string]money.Amount `json:"prices"`
	WarrantyMonths   int                     `json:"warranty_months"`
	CareInstructions string                  `json:"care_instructions"`
	Specs            []catalog.Spec          `json:"specs"`
	VariantOf        string                  `json:"variant_of,omitempty"`
	VariantAttrs     []catalog.Spec          `json:"variant_attrs,omitempty"`
	ID               string                  `json:"id"`
	CreatedAt        time.Time               `json:"created_at"`
	UpdatedAt        time.Time               `json:"updated_at"`
}

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
		p := productExport{SKU: v.SKU, Name: v.Name, Kind: v.Kind, Unit: v.Unit, Channels: v.Channels, Category: v.Category,
			Brand: v.Brand, Description: v.Description, Status: v.Status, TaxRate: csvimport.FormatPercent(v.TaxRateBP),
			Prices: map[string]money.Amount{}, WarrantyMonths: v.WarrantyMonths, CareInstructions: v.CareInstructions,
			Specs: v.Specs, VariantOf: v.VariantOf, VariantAttrs: v.VariantAttrs, ID: v.ID, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt}
		for ch, amt := range v.Prices {
			p.Prices[string(ch)] = amt
		}
		if p.Specs == nil {
			p.Specs = []catalog.Spec{}
		}
		return x.item(p)
	})
}

// Orders.

// orderColumns are the columns of an orders CSV: one row per line.
var orderColumns = []string{"number", "id", "placed_at", "channel", "status", "customer_type", "customer_id", "contact_id",
	"guest_name", "guest_email", "currency", "prices_include_tax", "delivery_method", "order_net", "order_tax",
	"order_total", "line_no", "sku", "name", "kind", "unit", "quantity", "unit_price", "tax_rate", "net", "tax", "gross"}

type orderLineExport struct {
	No        int          `json:"no"`
	SKU       string       `json:"sku"`
	Name      string       `json:"name"`
	Kind      catalog.Kind `json:"kind"`
	Unit      string       `json:"unit"`
	Quantity  qty.Quantity `json:"quantity"`
	UnitPrice money.Amount `json:"unit_price"`
	TaxRate   string       `json:"tax_rate"`
	Net       money.Amount `json:"net"`
	Tax       money.Amount `json:"tax"`
	Gross     money.Amount `json:"gross"`
	PriceRule pricing.Rule `json:"price_rule"`
}

type orderExport struct {
	ID               string               `json:"id"`
	Number           string               `json:"number"`
	PlacedAt         time.Time            `json:"placed_at"`
	UpdatedAt        time.Time            `json:"updated_at"`
	Channel          catalog.Channel      `json:"channel"`
	Status           order.Status         `json:"status"`
	CustomerType     string               `json:"customer_type"`
	PersonID         string               `json:"person_id,omitempty"`
	OrganizationID   string               `json:"organization_id,omitempty"`
	ContactID        string               `json:"contact_id,omitempty"`
	Guest            *order.Guest         `json:"guest,omitempty"`
	Currency         string               `json:"currency"`
	PricesIncludeTax bool                 `json:"prices_include_tax"`
	DeliveryMethod   order.DeliveryMethod `json:"delivery_method"`
	DeliveryAddress  string               `json:"delivery_address,omitempty"`
	Note             string               `json:"note,omitempty"`
	Net              money.Amount         `json:"net"`
	Tax              money.Amount         `json:"tax"`
	Total            money.Amount         `json:"total"`
	Lines            []orderLineExport    `json:"lines"`
}

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
					l.Quantity.String(), l.UnitPrice.String(), csvimport.FormatPercent(l.TaxRateBP), l.Net.String(),
					l.Tax.String(), l.Gross.String())
				if err := x.row(cells); err != nil {
					return err
				}
			}
			return nil
		}
		out := orderExport{ID: o.ID, Number: o.Number, PlacedAt: o.PlacedAt, UpdatedAt: o.UpdatedAt, Channel: o.Channel,
			Status: o.Status, CustomerType: typ, PersonID: o.Customer.PersonID, OrganizationID: o.Customer.OrganizationID,
			ContactID: o.Customer.ContactID, Guest: o.Customer.Guest, Currency: o.Currency, PricesIncludeTax: o.PricesIncludeTax,
			DeliveryMethod: o.DeliveryMethod, DeliveryAddress: o.DeliveryAddress, Note: o.Note, Net: o.Net, Tax: o.Tax,
			Total: o.Total, Lines: []orderLineExport{}}
		for _, l := range o.Lines {
			out.Lines = append(out.Lines, orderLineExport{No: l.No, SKU: l.SKU, Name: l.Name, Kind: l.Kind, Unit: l.Unit,
				Quantity: l.Quantity, UnitPrice: l.UnitPrice, TaxRate: csvimport.FormatPercent(l.TaxRateBP), Net: l.Net,
				Tax: l.Tax, Gross: l.Gross, PriceRule: l.PriceRule})
		}
		return x.item(out)
	})
}

// Customers.

type personExport struct {
	Type      string    `json:"type"`
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Email     string    `json:"email"`
	Phone     string    `json:"phone"`
	Trade     bool      `json:"trade"`
	Group     string    `json:"group"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

type contactExport struct {
	ID               string       `json:"id"`
	Name             string       `json:"name"`
	Email            string       `json:"email"`
	Phone            string       `json:"phone"`
	JobTitle         string       `json:"job_title"`
	Role             party.Role   `json:"role"`
	Influence        int          `json:"influence"`
	Sphere           party.Sphere `json:"sphere"`
	RequiredApprover bool         `json:"required_approver"`
}

type organizationExport struct {
	Type         string                    `json:"type"`
	ID           string                    `json:"id"`
	LegalName    string                    `json:"legal_name"`
	TaxID        string                    `json:"tax_id"`
	Industry     string                    `json:"industry"`
	Employees    int                       `json:"employees"`
	TurnoverBand party.TurnoverBand        `json:"turnover_band"`
	Capabilities map[party.Capability]bool `json:"capabilities"`
	Group        string                    `json:"group"`
	PaymentTerms party.PaymentTerms        `json:"payment_terms"`
	CreditLimit  *money.Amount             `json:"credit_limit"`
	Website      string                    `json:"website"`
	Address      string                    `json:"address"`
	Contacts     []contactExport           `json:"contacts"`
	CreatedAt    time.Time                 `json:"created_at"`
	UpdatedAt    time.Time                 `json:"updated_at"`
}

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
			return x.item(personExport{Type: csvimport.TypePerson, ID: p.ID, Name: p.Name, Email: p.Email, Phone: p.Phone,
				Trade: p.Trade, Group: p.Group, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt})
		}
		o := c.Organization
		if !x.json {
			return x.row(csvimport.OrganizationRecord(o))
		}
		out := organizationExport{Type: csvimport.TypeOrganization, ID: o.ID, LegalName: o.LegalName, TaxID: o.TaxID,
			Industry: o.Industry, Employees: o.Employees, TurnoverBand: o.TurnoverBand, Capabilities: o.Capabilities,
			Group: o.Group, PaymentTerms: o.PaymentTerms, Website: o.Website, Address: o.Address,
			Contacts: []contactExport{}, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt}
		if out.Capabilities == nil {
			out.Capabilities = map[party.Capability]bool{}
		}
		if o.CreditLimit.Minor != 0 {
			out.CreditLimit = &o.CreditLimit
		}
		for _, ct := range c.Contacts {
			out.Contacts = append(out.Contacts, contactExport{ID: ct.ID, Name: ct.Name, Email: ct.Email, Phone: ct.Phone,
				JobTitle: ct.JobTitle, Role: ct.Role, Influence: ct.Influence, Sphere: ct.Sphere, RequiredApprover: ct.RequiredApprover})
		}
		return x.item(out)
	})
}
