package portal

import (
	"cmp"
	"errors"
	"io"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/locale"
	"b2x/order"
	"b2x/quote"
	"b2x/web/page"
)

// The order page is the portal's cart: the lines are the form's text ("SKU
// quantity" per line, or an uploaded CSV file), kept in the form between
// submissions. The buyer checks them, then places an order or asks for a quote.

type orderPage struct {
	// Key is the order form's Idempotency-Key, made when the form is first
	// shown, so a double click places one order.
	Key      string
	Lines    string
	Note     string
	Delivery string
	Check    *app.QuickOrderCheck
	// Gone are the lines of a reordered order that are no longer sold.
	Gone []app.GoneLine
	// Reorder is the number of the order the lines came from.
	Reorder  string
	ListName string
	Errors   page.FormErrors
}

func (orderPage) title(p *locale.Printer) string { return p.T("portal.quick_order") }

// newFormKey is a fresh Idempotency-Key for a form.
func newFormKey() string { return "portal-" + ids.New() }

func (s *Server) orderForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	pg := orderPage{Key: newFormKey(), Delivery: string(order.Pickup)}
	// The catalog's "add" links carry a SKU and quantity to start the cart with.
	if sku := r.URL.Query().Get("sku"); sku != "" {
		q := r.URL.Query().Get("qty")
		if q == "" {
			q = "1"
		}
		pg.Lines = sku + " " + q + "\n"
	}
	// A past order (?reorder=ID) or a saved list (?list=ID) fills the form, checked
	// at today's prices; lines no longer sold are named, not copied.
	var lines []app.QuickOrderLine
	switch q := r.URL.Query(); {
	case q.Get("reorder") != "":
		d, err := s.app.ReorderDraft(r.Context(), rq.actor, q.Get("reorder"))
		if err != nil {
			return err
		}
		lines, pg.Gone, pg.Reorder = d.Lines, d.Gone, d.Order.Number
	case q.Get("list") != "":
		l, err := s.app.SavedList(r.Context(), rq.actor, q.Get("list"))
		if err != nil {
			return err
		}
		lines, pg.ListName = listLines(l.Lines), l.Name
	}
	if len(lines) > 0 {
		pg.Lines = linesText(lines)
		check, err := s.app.CheckQuickOrder(r.Context(), rq.actor, app.QuickOrderInput{Lines: lines})
		if err != nil {
			return s.orderRefused(w, rq, pg, err)
		}
		pg.Check = &check
	}
	s.render(w, http.StatusOK, "order", rq, pg)
	return nil
}

// maxUpload bounds the order form with a CSV file.
const maxUpload = app.MaxQuickOrderText + 64<<10

// readOrderForm reads the order form, a multipart form when a file is attached.
func readOrderForm(w http.ResponseWriter, r *http.Request) (orderPage, error) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		r.Body = http.MaxBytesReader(w, r.Body, maxUpload)
		if err := r.ParseMultipartForm(maxUpload); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return orderPage{}, errs.Field("file", "is larger than %d KB", app.MaxQuickOrderText>>10)
			}
			return orderPage{}, errs.E(errs.Invalid, "the form could not be read")
		}
	} else if err := page.ParseForm(w, r); err != nil {
		return orderPage{}, err
	}
	pg := orderPage{Key: page.Field(r, "key"), Lines: r.PostFormValue("lines"), Note: page.Field(r, "note"),
		Delivery: page.Field(r, "delivery")}
	if f, _, err := r.FormFile("file"); err == nil {
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, app.MaxQuickOrderText+1))
		if err != nil {
			return pg, errs.E(errs.Invalid, "the file could not be read")
		}
		if len(b) > app.MaxQuickOrderText {
			return pg, errs.Field("file", "is larger than %d KB", app.MaxQuickOrderText>>10)
		}
		if len(strings.TrimSpace(string(b))) > 0 {
			pg.Lines = string(b) // the file replaces the typed lines: it is the cart now
		}
	}
	if pg.Key == "" {
		pg.Key = newFormKey()
	}
	return pg, nil
}

// submitOrder checks the lines, and places the order or requests a quote, as
// the button pressed says.
func (s *Server) submitOrder(w http.ResponseWriter, r *http.Request, rq *request) error {
	pg, err := readOrderForm(w, r)
	if err != nil {
		return s.orderRefused(w, rq, pg, err)
	}
	in := app.QuickOrderInput{CSV: pg.Lines, DeliveryMethod: order.DeliveryMethod(pg.Delivery), Note: pg.Note}
	check, err := s.app.CheckQuickOrder(r.Context(), rq.actor, in)
	if err != nil {
		return s.orderRefused(w, rq, pg, err)
	}
	pg.Check = &check
	switch r.PostFormValue("action") {
	case "order":
		o, _, err := s.app.QuickOrder(r.Context(), rq.actor, pg.Key, in)
		if err != nil {
			return s.orderRefused(w, rq, pg, err)
		}
		http.Redirect(w, r, "/portal/orders/"+o.ID, http.StatusSeeOther)
		return nil
	case "quote":
		lines := make([]app.RFQLine, len(check.Lines))
		for i, l := range check.Lines {
			lines[i] = app.RFQLine{SKU: l.SKU(), Quantity: l.Quantity}
			if l.Product.Kind == catalog.Service {
				lines[i].ServiceKind = quote.ServiceKind(r.PostFormValue("service_" + l.SKU()))
			}
		}
		req, err := s.app.RequestQuote(r.Context(), rq.actor, app.QuoteRequestInput{Lines: lines, Note: pg.Note})
		if err != nil {
			return s.orderRefused(w, rq, pg, err)
		}
		http.Redirect(w, r, "/portal/quotes?requested="+req.Number, http.StatusSeeOther)
		return nil
	case "save_list":
		lines := make([]app.QuickOrderLine, len(check.Lines))
		for i, l := range check.Lines {
			lines[i] = app.QuickOrderLine{SKU: l.SKU(), Quantity: l.Quantity}
		}
		l, err := s.app.SaveList(r.Context(), rq.actor, app.SavedListInput{Name: page.Field(r, "list_name"), Lines: lines,
			Shared: r.PostFormValue("shared") != ""})
		if err != nil {
			return s.orderRefused(w, rq, pg, err)
		}
		http.Redirect(w, r, "/portal/lists/"+l.ID, http.StatusSeeOther)
		return nil
	}
	s.render(w, http.StatusOK, "order", rq, pg)
	return nil
}

// orderRefused shows the form again with the use case's reasons ("line 3: …").
func (s *Server) orderRefused(w http.ResponseWriter, rq *request, pg orderPage, err error) error {
	fe, ferr := page.AsFormErrorsIn(rq.p, err)
	if ferr != nil {
		return ferr
	}
	if pg.Key == "" {
		pg.Key = newFormKey()
	}
	pg.Errors = fe
	s.render(w, page.FormStatus(err), "order", rq, pg)
	return nil
}

// LineErrors lists the form's problems in order: "line N: …" by N, then the
// rest by field.
func (p orderPage) LineErrors() []string { return lineErrors(p.Errors) }

// lineErrors lists a form's field problems, "line N" ones first by N.
func lineErrors(fe page.FormErrors) []string {
	type problem struct {
		line  int
		field string
	}
	var ps []problem
	for k := range fe.Fields {
		n, err := strconv.Atoi(strings.TrimPrefix(k, "line "))
		if err != nil || !strings.HasPrefix(k, "line ") {
			n = math.MaxInt
		}
		ps = append(ps, problem{n, k})
	}
	slices.SortFunc(ps, func(a, b problem) int { return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.field, b.field)) })
	out := make([]string, len(ps))
	for i, x := range ps {
		out[i] = x.field + ": " + fe.Fields[x.field]
	}
	return out
}
