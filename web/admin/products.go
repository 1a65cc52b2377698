package admin

import (
	"net/http"
	"strconv"
	"strings"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
	"b2x/web/page"
)

// productPageSize is the rows of one page of the product list.
const productPageSize = 50

type productsPage struct {
	Products   []app.ProductView
	Query      app.ProductQuery
	Categories []catalog.Category
	Kinds      []catalog.Kind
	Statuses   []catalog.Status
	Channels   []catalog.Channel
	// Next is the cursor of the next page, empty on the last.
	Next string
}

// products lists the catalog with search and filters by category, channel,
// kind and status, a page at a time by SKU.
func (s *Server) products(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := r.URL.Query()
	d := productsPage{Query: app.ProductQuery{Q: q.Get("q"), Category: q.Get("category"), Channel: catalog.Channel(q.Get("channel")),
		Kind: catalog.Kind(q.Get("kind")), Status: catalog.Status(q.Get("status")), After: q.Get("after"), Limit: productPageSize + 1},
		Kinds: kinds, Statuses: statuses, Channels: channels}
	var err error
	if d.Categories, err = s.app.Categories(r.Context()); err != nil {
		return err
	}
	if d.Products, err = s.app.Products(r.Context(), rq.actor, d.Query); err != nil {
		return err
	}
	if len(d.Products) > productPageSize {
		d.Products = d.Products[:productPageSize]
		d.Next = d.Products[productPageSize-1].SKU
	}
	s.render(w, r, http.StatusOK, "products", rq, rq.p.T("ops.products"), d)
	return nil
}

// Price is a product's base price in a channel, nil when it has none.
func (productsPage) Price(p app.ProductView, c catalog.Channel) *money.Amount {
	if a, ok := p.Prices[c]; ok {
		return &a
	}
	return nil
}

var (
	kinds    = []catalog.Kind{catalog.Goods, catalog.Service, catalog.Licence}
	statuses = []catalog.Status{catalog.Draft, catalog.Active, catalog.Discontinued}
	channels = []catalog.Channel{catalog.B2C, catalog.B2B}
)

// productForm is the product form as typed, so a refused form comes back as
// it was sent.
type productForm struct {
	SKU, Name, Description, Brand, Category, Kind, Unit, Status, VariantOf string
	VariantAttrs, Specs, Care, Warranty, TaxRate, Currency                 string
	Channels                                                               map[catalog.Channel]bool
	Prices                                                                 map[catalog.Channel]string
}

type productPage struct {
	New        bool
	Form       productForm
	Errors     page.FormErrors
	Categories []catalog.Category
	Kinds      []catalog.Kind
	Statuses   []catalog.Status
	Channels   []catalog.Channel
	Units      []string
}

// ErrFor is the first error of a field or of its parts (specs.3.key).
func (d productPage) ErrFor(field string) string {
	if m := d.Errors.For(field); m != "" {
		return m
	}
	for k, m := range d.Errors.Fields {
		if strings.HasPrefix(k, field+".") || strings.HasPrefix(k, field+"[") {
			return m
		}
	}
	return ""
}

func (s *Server) productPage(r *http.Request, isNew bool, f productForm) (productPage, error) {
	cats, err := s.app.Categories(r.Context())
	return productPage{New: isNew, Form: f, Categories: cats, Kinds: kinds, Statuses: statuses, Channels: channels,
		Units: catalog.UnitCodes()}, err
}

// newProduct shows an empty product form.
func (s *Server) newProduct(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := s.productPage(r, true, productForm{Kind: string(catalog.Goods), Unit: "pcs", Status: string(catalog.Draft),
		Currency: dealCurrency, TaxRate: "20", Channels: map[catalog.Channel]bool{catalog.B2C: true, catalog.B2B: true}})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "product", rq, rq.p.T("ops.new_product"), d)
	return nil
}

// product shows a product's edit form; a role that may not edit the catalog
// sees it without the save button.
func (s *Server) product(w http.ResponseWriter, r *http.Request, rq *request) error {
	v, err := s.app.Product(r.Context(), rq.actor, r.PathValue("sku"))
	if err != nil {
		return err
	}
	d, err := s.productPage(r, false, formOf(v, rq))
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "product", rq, v.Name, d)
	return nil
}

func formOf(v app.ProductView, rq *request) productForm {
	f := productForm{SKU: v.SKU, Name: v.Name, Description: v.Description, Brand: v.Brand, Category: v.Category,
		Kind: string(v.Kind), Unit: v.Unit, Status: string(v.Status), VariantOf: v.VariantOf,
		VariantAttrs: specText(v.VariantAttrs), Specs: specText(v.Specs), Care: v.CareInstructions,
		Warranty: strconv.Itoa(v.WarrantyMonths), TaxRate: catalog.FormatTaxRate(v.TaxRateBP), Currency: dealCurrency,
		Channels: map[catalog.Channel]bool{}, Prices: map[catalog.Channel]string{}}
	for _, c := range v.Channels {
		f.Channels[c] = true
	}
	for c, a := range v.Prices {
		f.Prices[c], f.Currency = a.String(), a.Currency
	}
	return f
}

// specText writes specifications one "key: value" per line, as the form edits them.
func specText(specs []catalog.Spec) string {
	var b strings.Builder
	for _, s := range specs {
		b.WriteString(s.Key + ": " + s.Value + "\n")
	}
	return b.String()
}

// parseSpecs reads "key: value" lines; a line without a colon is an error
// naming the field.
func parseSpecs(field, text string, rq *request, bad *errs.Fields) []catalog.Spec {
	out := []catalog.Spec{}
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			bad.Add(field, "%s", rq.p.T("ops.bad_spec_line", "line", rq.p.Number(int64(i+1))))
			return out
		}
		out = append(out, catalog.Spec{Key: strings.TrimSpace(k), Value: strings.TrimSpace(v)})
	}
	return out
}

// readProductForm reads the posted form into the patch the use cases take;
// what cannot be parsed is a field error in bad.
func readProductForm(r *http.Request, rq *request) (productForm, app.ProductPatch, errs.Fields) {
	f := productForm{SKU: page.Field(r, "sku"), Name: page.Field(r, "name"), Description: page.Field(r, "description"),
		Brand: page.Field(r, "brand"), Category: page.Field(r, "category"), Kind: page.Field(r, "kind"), Unit: page.Field(r, "unit"),
		Status: page.Field(r, "status"), VariantOf: page.Field(r, "variant_of"), VariantAttrs: r.PostFormValue("variant_attrs"),
		Specs: r.PostFormValue("specs"), Care: page.Field(r, "care_instructions"), Warranty: page.Field(r, "warranty_months"),
		TaxRate: page.Field(r, "tax_rate"), Currency: strings.ToUpper(page.Field(r, "currency")),
		Channels: map[catalog.Channel]bool{}, Prices: map[catalog.Channel]string{}}
	var bad errs.Fields
	var p app.ProductPatch
	p.Name, p.Description, p.Brand, p.Category = &f.Name, &f.Description, &f.Brand, &f.Category
	kind, unit, status := catalog.Kind(f.Kind), f.Unit, catalog.Status(f.Status)
	p.Kind, p.Unit, p.Status, p.VariantOf, p.CareInstructions = &kind, &unit, &status, &f.VariantOf, &f.Care
	var chs catalog.Channels
	for _, c := range r.PostForm["channels"] {
		chs = append(chs, catalog.Channel(c))
		f.Channels[catalog.Channel(c)] = true
	}
	p.Channels = &chs
	specs, attrs := parseSpecs("specs", f.Specs, rq, &bad), parseSpecs("variant_attrs", f.VariantAttrs, rq, &bad)
	p.Specs, p.VariantAttrs = &specs, &attrs
	if n, err := strconv.Atoi(f.Warranty); err == nil || f.Warranty == "" {
		p.WarrantyMonths = &n
	} else {
		bad.Add("warranty_months", "%s", rq.p.T("ops.bad_number"))
	}
	if bp, err := catalog.ParseTaxRate(f.TaxRate); err == nil {
		p.TaxRateBP = &bp
	} else {
		bad.Add("tax_rate", "%s", rq.p.T("ops.bad_percent"))
	}
	if f.Currency == "" {
		f.Currency = dealCurrency
	}
	p.Prices = map[catalog.Channel]money.Amount{}
	for _, c := range channels {
		text := page.Field(r, "prices."+string(c))
		f.Prices[c] = text
		if text == "" {
			continue
		}
		if a, err := money.ParseLocal(text, f.Currency, rq.loc.Code); err == nil {
			p.Prices[c] = a
		} else {
			bad.Add("prices."+string(c), "%s", rq.p.T("admin.bad_amount"))
		}
	}
	return f, p, bad
}

// createProduct adds a product through CreateProduct; a refused form comes
// back with each error next to its field.
func (s *Server) createProduct(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	f, patch, bad := readProductForm(r, rq)
	err := bad.Err()
	if err == nil {
		var p catalog.Product
		p.SKU = f.SKU
		patch.Apply(&p)
		var v app.ProductView
		if v, err = s.app.CreateProduct(r.Context(), rq.actor, app.NewProduct{Product: p, Prices: patch.Prices}); err == nil {
			http.Redirect(w, r, "/admin/products/"+v.SKU, http.StatusSeeOther)
			return nil
		}
	}
	return s.productRefused(w, r, rq, true, f, err)
}

// updateProduct saves the form through UpdateProduct.
func (s *Server) updateProduct(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	f, patch, bad := readProductForm(r, rq)
	f.SKU = r.PathValue("sku")
	err := bad.Err()
	if err == nil {
		if _, err = s.app.UpdateProduct(r.Context(), rq.actor, f.SKU, patch); err == nil {
			http.Redirect(w, r, "/admin/products/"+f.SKU+"?saved=1", http.StatusSeeOther)
			return nil
		}
	}
	return s.productRefused(w, r, rq, false, f, err)
}

func (s *Server) productRefused(w http.ResponseWriter, r *http.Request, rq *request, isNew bool, f productForm, err error) error {
	fe, other := page.AsFormErrorsIn(rq.p, err)
	if other != nil {
		return other
	}
	d, perr := s.productPage(r, isNew, f)
	if perr != nil {
		return perr
	}
	d.Errors = fe
	s.render(w, r, page.FormStatus(err), "product", rq, rq.p.T("ops.products"), d)
	return nil
}
