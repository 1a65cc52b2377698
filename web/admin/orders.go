package admin

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/errs"
	"b2x/order"
	"b2x/web/page"
)

// orderPageSize is the rows of one page of the order list.
const orderPageSize = 50

type ordersPage struct {
	Orders   []order.Order
	Statuses []order.Status
	Channels []catalog.Channel
	// The filters as typed.
	Status, Channel, From, To, Customer, Number string
	// Next is the query of the next page, empty on the last.
	Next string
}

// orders lists orders of both channels, newest first, with filters by
// channel, status, placing date, customer and number, a page at a time.
func (s *Server) orders(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := r.URL.Query()
	d := ordersPage{Statuses: order.Statuses, Channels: channels, Status: q.Get("status"), Channel: q.Get("channel"),
		From: q.Get("from"), To: q.Get("to"), Customer: q.Get("customer"), Number: strings.TrimSpace(q.Get("number"))}
	oq := app.OrderQuery{Status: order.Status(d.Status), Channel: catalog.Channel(d.Channel), Customer: d.Customer,
		Number: d.Number, BeforeID: q.Get("before_id"), Limit: orderPageSize + 1}
	var bad errs.Fields
	day := func(field, v string, next bool) time.Time {
		if v == "" {
			return time.Time{}
		}
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			bad.Add(field, "%s", rq.p.T("admin.bad_date"))
		}
		if next { // "to" names the last day wanted
			t = t.AddDate(0, 0, 1)
		}
		return t
	}
	oq.From, oq.To = day("from", d.From, false), day("to", d.To, true)
	if b := q.Get("before_at"); b != "" {
		oq.BeforeAt, _ = time.Parse(time.RFC3339Nano, b)
	}
	err := bad.Err()
	if err == nil {
		d.Orders, err = s.app.Orders(r.Context(), rq.actor, oq)
	}
	if err != nil {
		if errs.CodeOf(err) != errs.Invalid {
			return err
		}
		fe, _ := page.AsFormErrorsIn(rq.p, err)
		s.render(w, r, http.StatusUnprocessableEntity, "orders", rq, rq.p.T("admin.orders"), ordersRefused{d, fe})
		return nil
	}
	if len(d.Orders) > orderPageSize {
		d.Orders = d.Orders[:orderPageSize]
		last := d.Orders[orderPageSize-1]
		next := r.URL.Query()
		next.Set("before_at", last.PlacedAt.Format(time.RFC3339Nano))
		next.Set("before_id", last.ID)
		d.Next = next.Encode()
	}
	s.render(w, r, http.StatusOK, "orders", rq, rq.p.T("admin.orders"), ordersRefused{ordersPage: d})
	return nil
}

// ordersRefused is the list with the errors of its filter form, if any.
type ordersRefused struct {
	ordersPage
	Errors page.FormErrors
}

// statusTime is one row of an order's time in each status.
type statusTime struct {
	order.StatusTime
	Days, Hours, Minutes int
}

func splitDuration(d time.Duration) (days, hours, minutes int) {
	return int(d / (24 * time.Hour)), int(d%(24*time.Hour)) / int(time.Hour), int(d%time.Hour) / int(time.Minute)
}

type orderPage struct {
	Order       order.Order
	Times       []statusTime
	Next        []order.Status
	Delivery    order.Delivery
	HasDelivery bool
	// Schedulable: the order goes by own delivery and is still on its way.
	Schedulable bool
	Slots       []string
	DeliveryIn  app.DeliveryInput
	Errors      page.FormErrors
}

func (s *Server) orderPage(r *http.Request, rq *request, id string) (orderPage, error) {
	o, err := s.app.Order(r.Context(), rq.actor, id)
	if err != nil {
		return orderPage{}, err
	}
	d := orderPage{Order: o, Next: o.Status.Next(), Slots: order.DeliverySlots}
	for _, st := range order.TimeInStatus(o.Transitions, time.Now()) {
		days, hours, minutes := splitDuration(st.Time)
		d.Times = append(d.Times, statusTime{st, days, hours, minutes})
	}
	if d.Delivery, d.HasDelivery, err = s.app.OrderDelivery(r.Context(), rq.actor, o.ID); err != nil {
		return d, err
	}
	d.DeliveryIn = app.DeliveryInput{Day: d.Delivery.Day, Slot: d.Delivery.Slot, Driver: d.Delivery.Driver,
		Vehicle: d.Delivery.Vehicle, Note: d.Delivery.Note}
	d.Schedulable = o.DeliveryMethod == order.OwnDelivery && (o.Status == order.Placed || o.Status == order.Confirmed || o.Status == order.Shipped)
	return d, nil
}

// order shows one order: lines, totals, its history with the time spent in
// each status (S22.5), the moves it may make and, for own delivery, its slot.
func (s *Server) order(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := s.orderPage(r, rq, r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "order", rq, d.Order.Number, d)
	return nil
}

// transitionOrder moves an order to another status through TransitionOrder,
// which refuses moves the order domain does not allow. Back on the board or the
// order page, a refusal is shown there with the order's allowed moves.
func (s *Server) transitionOrder(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id, back := r.PathValue("id"), localPath(page.Field(r, "back"))
	_, err := s.app.TransitionOrder(r.Context(), rq.actor, id, order.Status(page.Field(r, "to")), page.Field(r, "note"))
	if err == nil {
		http.Redirect(w, r, back, http.StatusSeeOther)
		return nil
	}
	fe, other := page.AsFormErrorsIn(rq.p, err)
	if other != nil {
		return other
	}
	if fe.Message == "" {
		fe.Message = fe.Fields["to"]
	}
	if strings.HasPrefix(back, "/admin/fulfilment") {
		return s.renderBoard(w, r, rq, page.FormStatus(err), fe)
	}
	d, perr := s.orderPage(r, rq, id)
	if perr != nil {
		return perr
	}
	d.Errors = fe
	s.render(w, r, page.FormStatus(err), "order", rq, d.Order.Number, d)
	return nil
}

// scheduleDelivery puts an own-delivery order on a day and slot with a driver
// and vehicle.
func (s *Server) scheduleDelivery(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id := r.PathValue("id")
	in := app.DeliveryInput{Day: page.Field(r, "day"), Slot: page.Field(r, "slot"), Driver: page.Field(r, "driver"),
		Vehicle: page.Field(r, "vehicle"), Note: page.Field(r, "note")}
	_, err := s.app.ScheduleDelivery(r.Context(), rq.actor, id, in)
	if err == nil {
		http.Redirect(w, r, "/admin/deliveries?day="+url.QueryEscape(in.Day), http.StatusSeeOther)
		return nil
	}
	fe, other := page.AsFormErrorsIn(rq.p, err)
	if other != nil {
		return other
	}
	d, perr := s.orderPage(r, rq, id)
	if perr != nil {
		return perr
	}
	d.Errors, d.DeliveryIn = fe, in
	s.render(w, r, page.FormStatus(err), "order", rq, d.Order.Number, d)
	return nil
}
