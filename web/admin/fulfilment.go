package admin

import (
	"net/http"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/order"
	"b2x/web/page"
)

// boardCards is how many orders each column of the fulfilment board shows.
const boardCards = 30

type fulfilmentPage struct {
	Columns  []app.FulfilmentColumn
	Channel  string
	Channels []catalog.Channel
	Errors   page.FormErrors
	Back     string
}

// fulfilment shows the orders as columns by status, oldest first; each card
// has a button per move the order may make.
func (s *Server) fulfilment(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderBoard(w, r, rq, http.StatusOK, page.FormErrors{})
}

func (s *Server) renderBoard(w http.ResponseWriter, r *http.Request, rq *request, status int, fe page.FormErrors) error {
	ch := r.URL.Query().Get("channel")
	cols, err := s.app.FulfilmentBoard(r.Context(), rq.actor, app.FulfilmentQuery{Channel: catalog.Channel(ch), PerState: boardCards})
	if err != nil {
		return err
	}
	back := "/admin/fulfilment"
	if ch != "" {
		back += "?channel=" + ch
	}
	s.render(w, r, status, "fulfilment", rq, rq.p.T("ops.fulfilment"),
		fulfilmentPage{Columns: cols, Channel: ch, Channels: channels, Errors: fe, Back: back})
	return nil
}

type orderTimesPage struct {
	Rows     []statusAverage
	From, To string
	Errors   page.FormErrors
}

type statusAverage struct {
	app.StatusAverage
	Days, Hours, Minutes int
}

// orderTimes reports the average time orders spent in each status over a
// period (S22.5); the default is the last 30 days.
func (s *Server) orderTimes(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := r.URL.Query()
	today := time.Now().UTC().Truncate(24 * time.Hour)
	d := orderTimesPage{From: q.Get("from"), To: q.Get("to")}
	if d.From == "" {
		d.From = today.AddDate(0, 0, -30).Format(time.DateOnly)
	}
	if d.To == "" {
		d.To = today.Format(time.DateOnly)
	}
	from, err1 := time.Parse(time.DateOnly, d.From)
	to, err2 := time.Parse(time.DateOnly, d.To)
	if err1 != nil || err2 != nil {
		d.Errors = page.FormErrors{Message: rq.p.T("admin.bad_date")}
		s.render(w, r, http.StatusUnprocessableEntity, "ordertimes", rq, rq.p.T("ops.order_times"), d)
		return nil
	}
	rows, err := s.app.StatusTimes(r.Context(), rq.actor, from, to.AddDate(0, 0, 1))
	if err != nil {
		fe, other := page.AsFormErrorsIn(rq.p, err)
		if other != nil {
			return other
		}
		d.Errors = fe
		s.render(w, r, page.FormStatus(err), "ordertimes", rq, rq.p.T("ops.order_times"), d)
		return nil
	}
	for _, row := range rows {
		days, hours, minutes := splitDuration(row.Average)
		d.Rows = append(d.Rows, statusAverage{row, days, hours, minutes})
	}
	s.render(w, r, http.StatusOK, "ordertimes", rq, rq.p.T("ops.order_times"), d)
	return nil
}

type deliveriesPage struct {
	Day, Prev, Next string
	Date            time.Time
	Stops           []deliveryStop
	Slots           []string
}

type deliveryStop struct {
	Delivery order.Delivery
	Order    order.Order
}

// deliveries is a day's schedule of the own delivery service, by slot.
func (s *Server) deliveries(w http.ResponseWriter, r *http.Request, rq *request) error {
	day := r.URL.Query().Get("day")
	if day == "" {
		day = time.Now().UTC().Format(time.DateOnly)
	}
	rows, err := s.app.DeliveriesOn(r.Context(), rq.actor, day)
	if err != nil {
		return err
	}
	t, _ := time.Parse(time.DateOnly, day)
	d := deliveriesPage{Day: day, Date: t, Slots: order.DeliverySlots,
		Prev: t.AddDate(0, 0, -1).Format(time.DateOnly), Next: t.AddDate(0, 0, 1).Format(time.DateOnly)}
	for _, row := range rows {
		d.Stops = append(d.Stops, deliveryStop{row.Delivery, row.Order})
	}
	s.render(w, r, http.StatusOK, "deliveries", rq, rq.p.T("ops.deliveries"), d)
	return nil
}
