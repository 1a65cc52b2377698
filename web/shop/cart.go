package shop

import (
	"b2x/web/page"
	"net/http"
	"strings"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/funnel"
	"b2x/locale"
	"b2x/order"
	"b2x/qty"
)

type cartPage struct {
	Cart  app.CartView
	Quote *app.CartQuote
	// Problem is why the cart could not be priced (a product without a price now).
	Problem string
	Errors  page.FormErrors
}

func (cartPage) title(p *locale.Printer) string { return p.T("cart.title") }

// Line is the priced line of a SKU, nil when the cart could not be priced.
func (c cartPage) Line(sku string) *order.Line {
	if c.Quote == nil {
		return nil
	}
	for i := range c.Quote.Order.Lines {
		if c.Quote.Order.Lines[i].SKU == sku {
			return &c.Quote.Order.Lines[i]
		}
	}
	return nil
}

// Unavailable reports whether some line can no longer be bought.
func (c cartPage) Unavailable() bool {
	for _, l := range c.Cart.Lines {
		if !l.Available {
			return true
		}
	}
	return false
}

func (s *Server) cart(w http.ResponseWriter, r *http.Request, rq *request) error {
	pg, err := s.cartPage(r, rq)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "cart", rq, pg)
	return nil
}

// cartPage loads the visitor's cart and prices what can still be bought.
func (s *Server) cartPage(r *http.Request, rq *request) (cartPage, error) {
	cv, err := s.app.Cart(r.Context(), rq.actor, page.CookieValue(r, cartCookie))
	if err != nil {
		return cartPage{}, err
	}
	pg := cartPage{Cart: cv}
	in := checkoutLines(rq, cv)
	if len(in.Lines) == 0 {
		return pg, nil
	}
	q, err := s.app.PriceCart(r.Context(), rq.actor, in)
	switch {
	case err == nil:
		pg.Quote = &q
	case errs.CodeOf(err) == errs.Invalid:
		pg.Problem = err.Error()
	default:
		return pg, err
	}
	return pg, nil
}

// checkoutLines turns the cart's buyable lines into a b2c order for the visitor.
func checkoutLines(rq *request, cv app.CartView) app.CheckoutInput {
	in := app.CheckoutInput{Channel: catalog.B2C, PersonID: rq.actor.PersonID}
	for _, l := range cv.Lines {
		if l.Available {
			in.Lines = append(in.Lines, app.CheckoutLine{SKU: l.SKU, Quantity: l.Quantity})
		}
	}
	return in
}

// addToCart adds a quantity of a product (the product page's form) or sets it
// (mode=set, the cart page's form; 0 removes the line).
func (s *Server) addToCart(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	sku := page.Field(r, "sku")
	q, err := qty.Parse(page.Field(r, "quantity"))
	if err != nil || q < 0 {
		return errs.FieldKey("quantity", "err.cart.quantity", "is not a quantity")
	}
	ctx := r.Context()
	token := page.CookieValue(r, cartCookie)
	if page.Field(r, "mode") != "set" {
		if q == 0 {
			return errs.FieldKey("quantity", "err.cart.positive", "must be positive")
		}
		cv, err := s.app.Cart(ctx, rq.actor, token)
		if err != nil {
			return err
		}
		for _, l := range cv.Lines {
			if l.SKU == sku {
				q += l.Quantity
			}
		}
	}
	cv, err := s.app.SetCartLine(ctx, rq.actor, token, sku, q)
	if err != nil {
		return err
	}
	if cv.Token != "" {
		page.SetCookie(w, r, cartCookie, cv.Token, time.Now().Add(cartCookieLife))
	}
	if page.Field(r, "mode") != "set" {
		s.app.RecordEvent(funnel.AddToCart, visitor(w, r), sku, rq.actor.PersonID)
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/cart", http.StatusSeeOther)
	return nil
}

// updateCart sets every line's quantity from the cart page's one form.
func (s *Server) updateCart(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	ctx := r.Context()
	token := page.CookieValue(r, cartCookie)
	for name, values := range r.PostForm {
		sku, ok := strings.CutPrefix(name, "q.")
		if !ok || len(values) != 1 {
			continue
		}
		q, err := qty.Parse(strings.TrimSpace(values[0]))
		if err != nil || q < 0 {
			return errs.FieldKey("quantity", "err.cart.quantity_of", "\"{value}\" is not a quantity", "value", values[0])
		}
		if _, err := s.app.SetCartLine(ctx, rq.actor, token, sku, q); err != nil {
			return err
		}
	}
	http.Redirect(w, r, "/"+rq.loc.Code+"/cart", http.StatusSeeOther)
	return nil
}
