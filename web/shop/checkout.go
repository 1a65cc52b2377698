package shop

import (
	"b2x/web/page"
	"net/http"
	"strconv"
	"strings"

	"b2x/app"
	"b2x/errs"
	"b2x/funnel"
	"b2x/locale"
	"b2x/order"
	"b2x/payment"
)

// checkoutForm is what the visitor typed; the card number is never echoed back.
type checkoutForm struct {
	Name, Email, Phone string
	Address            string
	Delivery           order.DeliveryMethod
	Coupon             string
	LoyaltyPhone       string
	LoyaltyCode        string // the code that proves the card's phone, for a guest's points
	Points             int64
	Payment            payment.Method
	Note               string
}

type checkoutPage struct {
	// Key is the form's Idempotency-Key: made when the form is first shown and
	// posted back with every submission, so a double click places one order.
	Key      string
	Form     checkoutForm
	Cart     app.CartView
	Quote    *app.CartQuote
	SignedIn bool
	CodeSent bool // a code went to the loyalty phone just now
	Errors   page.FormErrors
}

func (checkoutPage) title(p *locale.Printer) string { return p.T("checkout.title") }

func (s *Server) checkoutForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	cv, err := s.app.Cart(ctx, rq.actor, page.CookieValue(r, cartCookie))
	if err != nil {
		return err
	}
	in := checkoutLines(rq, cv)
	if len(in.Lines) == 0 {
		http.Redirect(w, r, "/"+rq.loc.Code+"/cart", http.StatusSeeOther)
		return nil
	}
	pg := checkoutPage{Key: app.NewShopCheckoutKey(), Cart: cv, SignedIn: rq.actor.PersonID != "",
		Form: checkoutForm{Delivery: order.Pickup, Payment: payment.CashOnDelivery}}
	if pg.SignedIn {
		acc, err := s.app.Account(ctx, rq.actor)
		if err != nil {
			return err
		}
		pg.Form.Name, pg.Form.Email, pg.Form.Phone, pg.Form.LoyaltyPhone = acc.Name, acc.Email, acc.Phone, acc.Phone
	}
	s.app.RecordEvent(funnel.CheckoutStarted, visitor(w, r), "", rq.actor.PersonID)
	return s.showCheckout(w, r, rq, pg, in, http.StatusOK)
}

// showCheckout prices the cart as the form stands and renders the page.
func (s *Server) showCheckout(w http.ResponseWriter, r *http.Request, rq *request, pg checkoutPage, in app.CheckoutInput, status int) error {
	q, err := s.app.PriceCart(r.Context(), rq.actor, in)
	if fieldOf(err) == "points" {
		// Show the rest of the order, and the card's part of the form, priced
		// without the points that were refused.
		without := in
		without.Points = 0
		if q2, err2 := s.app.PriceCart(r.Context(), rq.actor, without); err2 == nil {
			fe, _ := page.AsFormErrorsIn(rq.p, err)
			pg.Errors, q, err = mergeErrors(pg.Errors, fe), q2, nil
			if status == http.StatusOK {
				status = http.StatusUnprocessableEntity
			}
		}
	}
	switch {
	case err == nil:
		pg.Quote = &q
	case errs.CodeOf(err) == errs.Invalid || errs.CodeOf(err) == errs.Unauthorized:
		fe, _ := page.AsFormErrorsIn(rq.p, err)
		pg.Errors = mergeErrors(pg.Errors, fe)
		if status == http.StatusOK {
			status = http.StatusUnprocessableEntity
		}
	default:
		return err
	}
	s.render(w, status, "checkout", rq, pg)
	return nil
}

// fieldOf is the first field a refusal names, if any.
func fieldOf(err error) string {
	if e, ok := errs.As(err); ok && len(e.Fields) > 0 {
		return e.Fields[0].Field
	}
	return ""
}

func mergeErrors(a, b page.FormErrors) page.FormErrors {
	if a.Fields == nil {
		a.Fields = map[string]string{}
	}
	for k, v := range b.Fields {
		if _, ok := a.Fields[k]; !ok {
			a.Fields[k] = v
		}
	}
	if a.Message == "" {
		a.Message = b.Message
	}
	return a
}

// checkout prices the form again ("update") or places the order ("place").
func (s *Server) checkout(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	ctx := r.Context()
	cartToken := page.CookieValue(r, cartCookie)
	cv, err := s.app.Cart(ctx, rq.actor, cartToken)
	if err != nil {
		return err
	}
	pg := checkoutPage{Key: page.Field(r, "key"), Cart: cv, SignedIn: rq.actor.PersonID != "", Form: readCheckoutForm(r)}
	if !app.ValidShopCheckoutKey(pg.Key) {
		pg.Key = app.NewShopCheckoutKey()
	}
	in := checkoutLines(rq, cv)
	if len(in.Lines) == 0 {
		http.Redirect(w, r, "/"+rq.loc.Code+"/cart", http.StatusSeeOther)
		return nil
	}
	f := pg.Form
	in.DeliveryMethod, in.DeliveryAddress, in.Note = f.Delivery, f.Address, f.Note
	in.Coupon, in.LoyaltyPhone, in.Points = f.Coupon, f.LoyaltyPhone, f.Points
	switch r.PostFormValue("action") {
	case "place":
	case "send_code":
		return s.sendCheckoutCode(w, r, rq, pg, in)
	default:
		return s.showCheckout(w, r, rq, pg, in, http.StatusOK)
	}
	in.LoyaltyCode = f.LoyaltyCode
	if !pg.SignedIn {
		in.Guest = &order.Guest{Name: f.Name, Email: f.Email, Phone: f.Phone}
	}
	in.Payment = &app.PaymentInput{Method: f.Payment}
	if f.Payment == payment.Card {
		in.Payment.CardNumber = strings.ReplaceAll(page.Field(r, "card_number"), " ", "")
	}
	o, _, err := s.app.Checkout(ctx, rq.actor, pg.Key, in)
	if err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		pg.Errors = fe
		in.Guest, in.Payment, in.LoyaltyCode = nil, nil, ""
		return s.showCheckout(w, r, rq, pg, in, page.FormStatus(err))
	}
	skus := make([]string, len(o.Lines))
	for i, l := range o.Lines {
		skus[i] = l.SKU
	}
	if err := s.app.RemoveFromCart(ctx, rq.actor, cartToken, skus); err != nil {
		s.log.Warn("emptying the cart after an order", "order", o.Number, "err", err)
	}
	s.app.RecordEvent(funnel.OrderPlaced, visitor(w, r), "", rq.actor.PersonID)
	http.Redirect(w, r, "/"+rq.loc.Code+"/checkout/done?key="+pg.Key, http.StatusSeeOther)
	return nil
}

// sendCheckoutCode sends the code that proves the loyalty phone, so that a
// visitor who is not the card's signed-in holder can spend its points.
func (s *Server) sendCheckoutCode(w http.ResponseWriter, r *http.Request, rq *request, pg checkoutPage, in app.CheckoutInput) error {
	status := http.StatusOK
	if _, err := s.app.SendPhoneCode(r.Context(), pg.Form.LoyaltyPhone); err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		if fe.Message != "" { // too many codes: shown at the code's field
			fe.Fields["loyalty_code"], fe.Message = fe.Message, ""
		}
		pg.Errors, status = fe, page.FormStatus(err)
	} else {
		pg.CodeSent = true
	}
	in.Points = 0 // kept in the form; spent when the order is placed with the code
	return s.showCheckout(w, r, rq, pg, in, status)
}

func readCheckoutForm(r *http.Request) checkoutForm {
	f := checkoutForm{Name: page.Field(r, "name"), Email: page.Field(r, "email"), Phone: page.Field(r, "phone"), Address: page.Field(r, "address"),
		Delivery: order.DeliveryMethod(page.Field(r, "delivery")), Coupon: page.Field(r, "coupon"), LoyaltyPhone: page.Field(r, "loyalty_phone"),
		LoyaltyCode: page.Field(r, "loyalty_code"), Payment: payment.Method(page.Field(r, "payment")), Note: page.Field(r, "note")}
	f.Points, _ = strconv.ParseInt(page.Field(r, "points"), 10, 64)
	if f.Delivery == "" {
		f.Delivery = order.Pickup
	}
	if f.Payment == "" {
		f.Payment = payment.CashOnDelivery
	}
	return f
}

type donePage struct {
	Order order.Order
}

func (donePage) title(p *locale.Printer) string { return p.T("checkout.done") }

// checkoutDone is the confirmation page: the order the checkout key placed.
func (s *Server) checkoutDone(w http.ResponseWriter, r *http.Request, rq *request) error {
	o, err := s.app.OrderByCheckoutKey(r.Context(), r.URL.Query().Get("key"))
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, http.StatusOK, "done", rq, donePage{Order: o})
	return nil
}
