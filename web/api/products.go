package api

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/money"
)

type productJSON struct {
	ID               string                  `json:"id"`
	SKU              string                  `json:"sku"`
	Name             string                  `json:"name"`
	Description      string                  `json:"description"`
	Brand            string                  `json:"brand"`
	Category         string                  `json:"category"`
	Kind             catalog.Kind            `json:"kind"`
	Unit             string                  `json:"unit"`
	Channels         catalog.Channels        `json:"channels"`
	Status           catalog.Status          `json:"status"`
	Price            *money.Amount           `json:"price"`
	Prices           map[string]money.Amount `json:"prices,omitempty"`
	TaxRate          string                  `json:"tax_rate"`
	PriceIncludesTax bool                    `json:"price_includes_tax"`
	Specs            []catalog.Spec          `json:"specs"`
	VariantOf        string                  `json:"variant_of,omitempty"`
	VariantAttrs     []catalog.Spec          `json:"variant_attrs,omitempty"`
	CareInstructions string                  `json:"care_instructions,omitempty"`
	WarrantyMonths   int                     `json:"warranty_months"`
	CreatedAt        time.Time               `json:"created_at"`
	UpdatedAt        time.Time               `json:"updated_at"`
}

// productOut shows a product's price in the channel asked for: the tax-inclusive
// retail price for b2c (the default), the net price for b2b. Staff also see both
// base prices.
func productOut(v app.ProductView, ch catalog.Channel, staff bool) productJSON {
	if ch == "" {
		ch = catalog.B2C
	}
	out := productJSON{ID: v.ID, SKU: v.SKU, Name: v.Name, Description: v.Description, Brand: v.Brand, Category: v.Category,
		Kind: v.Kind, Unit: v.Unit, Channels: v.Channels, Status: v.Status, TaxRate: catalog.FormatTaxRate(v.TaxRateBP),
		PriceIncludesTax: ch == catalog.B2C, Specs: v.Specs, VariantOf: v.VariantOf, VariantAttrs: v.VariantAttrs,
		CareInstructions: v.CareInstructions, WarrantyMonths: v.WarrantyMonths, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt}
	if out.Specs == nil {
		out.Specs = []catalog.Spec{}
	}
	if p, ok := v.Prices[ch]; ok {
		out.Price = &p
	}
	if staff {
		out.Prices = map[string]money.Amount{}
		for c, p := range v.Prices {
			out.Prices[string(c)] = p
		}
	}
	return out
}

type page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

func encodeCursor(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }

func decodeCursor(s string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || checkText("cursor", string(b)) != nil {
		return "", errs.Field("cursor", "is not a cursor this API gave out")
	}
	return string(b), nil
}

func limitParam(r *http.Request) (int, error) {
	s := r.URL.Query().Get("limit")
	if s == "" {
		return 50, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > app.MaxPageSize {
		return 0, errs.Field("limit", "must be a whole number between 1 and %d", app.MaxPageSize)
	}
	return n, nil
}

func (s *Server) listProducts(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	after, err := decodeCursor(q.Get("cursor"))
	if err != nil {
		return err
	}
	ch := catalog.Channel(q.Get("channel"))
	actor := actorOf(r)
	views, err := s.app.Products(r.Context(), actor, app.ProductQuery{Q: q.Get("q"), Category: q.Get("category"),
		Channel: ch, After: after, Limit: limit + 1})
	if err != nil {
		return err
	}
	out := page[productJSON]{Items: []productJSON{}}
	for i, v := range views {
		if i == limit {
			out.NextCursor = encodeCursor(views[i-1].SKU)
			break
		}
		out.Items = append(out.Items, productOut(v, ch, actor.Staff()))
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) getProduct(w http.ResponseWriter, r *http.Request) error {
	ch := catalog.Channel(r.URL.Query().Get("channel"))
	if ch != "" && !ch.Valid() {
		return errs.Field("channel", "must be b2c or b2b")
	}
	actor := actorOf(r)
	if ch == catalog.B2B && !actor.Staff() {
		return errs.E(errs.Unauthorized, "b2b prices need a signed-in user")
	}
	v, err := s.app.Product(r.Context(), actor, r.PathValue("sku"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, productOut(v, ch, actor.Staff()))
}

// productIn is the body of POST and PATCH. Pointers tell "absent" from "empty" for
// PATCH.
type productIn struct {
	SKU              *string                    `json:"sku"`
	Name             *string                    `json:"name"`
	Description      *string                    `json:"description"`
	Brand            *string                    `json:"brand"`
	Category         *string                    `json:"category"`
	Kind             *catalog.Kind              `json:"kind"`
	Unit             *string                    `json:"unit"`
	Channels         *catalog.Channels          `json:"channels"`
	Status           *catalog.Status            `json:"status"`
	Prices           map[string]json.RawMessage `json:"prices"`
	Price            json.RawMessage            `json:"price"`
	TaxRate          *string                    `json:"tax_rate"`
	Specs            *[]catalog.Spec            `json:"specs"`
	VariantOf        *string                    `json:"variant_of"`
	VariantAttrs     *[]catalog.Spec            `json:"variant_attrs"`
	CareInstructions *string                    `json:"care_instructions"`
	WarrantyMonths   *int                       `json:"warranty_months"`
}

// patch turns the body into a use-case patch. "price" is the price in each channel
// the product is visible in when "prices" does not name them.
func (in *productIn) patch() (app.ProductPatch, error) {
	p := app.ProductPatch{Name: in.Name, Description: in.Description, Brand: in.Brand, Category: in.Category,
		Kind: in.Kind, Unit: in.Unit, Channels: in.Channels, Specs: in.Specs, VariantOf: in.VariantOf,
		VariantAttrs: in.VariantAttrs, CareInstructions: in.CareInstructions, WarrantyMonths: in.WarrantyMonths,
		Status: in.Status}
	if in.TaxRate != nil {
		bp, err := catalog.ParseTaxRate(*in.TaxRate)
		if err != nil {
			return p, errs.Field("tax_rate", "%s", err)
		}
		p.TaxRateBP = &bp
	}
	if len(in.Prices) > 0 || in.Price != nil {
		p.Prices = map[catalog.Channel]money.Amount{}
		for ch, raw := range in.Prices {
			amt, err := moneyField("prices."+ch, raw)
			if err != nil {
				return p, err
			}
			p.Prices[catalog.Channel(ch)] = amt
		}
		if in.Price != nil {
			if in.Channels == nil {
				return p, errs.Field("price", "give prices per channel, e.g. \"prices\": {\"b2c\": …}, when channels are not in the same request")
			}
			amt, err := moneyField("price", in.Price)
			if err != nil {
				return p, err
			}
			for _, ch := range *in.Channels {
				if _, ok := p.Prices[ch]; !ok {
					p.Prices[ch] = amt
				}
			}
		}
	}
	return p, nil
}

func (s *Server) createProduct(w http.ResponseWriter, r *http.Request) error {
	var in productIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p, err := in.patch()
	if err != nil {
		return err
	}
	var prod catalog.Product
	prod.TaxRateBP = 2000
	if in.SKU != nil {
		prod.SKU = *in.SKU
	}
	if in.Kind == nil {
		k := catalog.Goods
		p.Kind = &k
	}
	if in.Unit == nil {
		u := "pcs"
		p.Unit = &u
	}
	p.Apply(&prod)
	v, err := s.app.CreateProduct(r.Context(), actorOf(r), app.NewProduct{Product: prod, Prices: p.Prices})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/products/"+v.SKU)
	return writeJSON(w, http.StatusCreated, productOut(v, "", true))
}

func (s *Server) updateProduct(w http.ResponseWriter, r *http.Request) error {
	var in productIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.SKU != nil && *in.SKU != r.PathValue("sku") {
		return errs.Field("sku", "cannot be changed; create a new product instead")
	}
	p, err := in.patch()
	if err != nil {
		return err
	}
	v, err := s.app.UpdateProduct(r.Context(), actorOf(r), r.PathValue("sku"), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, productOut(v, "", true))
}

type categoryJSON struct {
	Slug   string `json:"slug"`
	Name   string `json:"name"`
	Parent string `json:"parent,omitempty"`
}

func (s *Server) listCategories(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.app.Categories(r.Context())
	if err != nil {
		return err
	}
	out := make([]categoryJSON, len(cs))
	for i, c := range cs {
		out[i] = categoryJSON(c)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (s *Server) putCategory(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name   string `json:"name"`
		Parent string `json:"parent"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c := catalog.Category{Slug: r.PathValue("slug"), Name: in.Name, Parent: in.Parent}
	if err := s.app.UpsertCategory(r.Context(), actorOf(r), c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, categoryJSON(c))
}
