package portal

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/locale"
	"b2x/order"
	"b2x/recurring"
	"b2x/web/page"
)

// Standing orders (S22.7, the "profit conveyor"): the organization's recurring
// orders with their next run, set up from lines, a past order or a saved list,
// paused and resumed by a buyer who may order.

type recurringListPage struct{ Schedules []recurring.Schedule }

func (recurringListPage) title(p *locale.Printer) string { return p.T("portal.recurring") }

type recurringPage struct {
	app.RecurringOrderView
	Errors page.FormErrors
}

func (p recurringPage) title(*locale.Printer) string { return p.Schedule.Name }

// recurringForm is the form that sets up a standing order.
type recurringForm struct {
	Name, Lines, Every, Unit, StartsOn, NoticeDays, Delivery, Address string
	Errors                                                            page.FormErrors
}

func (recurringForm) title(p *locale.Printer) string { return p.T("portal.new_recurring") }

func (f recurringForm) LineErrors() []string { return lineErrors(f.Errors) }

func (s *Server) recurringOrders(w http.ResponseWriter, r *http.Request, rq *request) error {
	ss, err := s.app.RecurringOrders(r.Context(), rq.actor, "")
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "recurring", rq, recurringListPage{Schedules: ss})
	return nil
}

func (s *Server) recurringOrder(w http.ResponseWriter, r *http.Request, rq *request) error {
	v, err := s.app.RecurringOrder(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "recurringorder", rq, recurringPage{RecurringOrderView: v})
	return nil
}

// linesText writes lines as the order form's text, one "SKU quantity" a line.
func linesText(lines []app.QuickOrderLine) string {
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "%s %s\n", l.SKU, l.Quantity)
	}
	return b.String()
}

// newRecurring shows the form, filled from a past order (?order=ID) or a saved
// list (?list=ID) of the organization; another's is not found.
func (s *Server) newRecurring(w http.ResponseWriter, r *http.Request, rq *request) error {
	f := recurringForm{Every: "1", Unit: string(recurring.Month), NoticeDays: "3", Delivery: string(order.Pickup),
		StartsOn: time.Now().UTC().AddDate(0, 0, 7).Format(time.DateOnly)}
	switch q := r.URL.Query(); {
	case q.Get("order") != "":
		d, err := s.app.ReorderDraft(r.Context(), rq.actor, q.Get("order"))
		if err != nil {
			return err
		}
		f.Lines, f.Name = linesText(d.Lines), rq.p.T("portal.recurring_from_order", "number", d.Order.Number)
	case q.Get("list") != "":
		l, err := s.app.SavedList(r.Context(), rq.actor, q.Get("list"))
		if err != nil {
			return err
		}
		f.Lines, f.Name = linesText(listLines(l.Lines)), l.Name
	}
	s.render(w, http.StatusOK, "recurringnew", rq, f)
	return nil
}

func (s *Server) createRecurring(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	f := recurringForm{Name: page.Field(r, "name"), Lines: r.PostFormValue("lines"), Every: page.Field(r, "every"),
		Unit: page.Field(r, "unit"), StartsOn: page.Field(r, "starts_on"), NoticeDays: page.Field(r, "notice_days"),
		Delivery: page.Field(r, "delivery"), Address: page.Field(r, "address")}
	in, err := f.input()
	if err == nil {
		var sch recurring.Schedule
		if sch, err = s.app.CreateRecurringOrder(r.Context(), rq.actor, in); err == nil {
			http.Redirect(w, r, "/portal/recurring/"+sch.ID, http.StatusSeeOther)
			return nil
		}
	}
	fe, ferr := page.AsFormErrorsIn(rq.p, err)
	if ferr != nil {
		return ferr
	}
	f.Errors = fe
	status := page.FormStatus(err)
	if errs.CodeOf(err) == errs.Forbidden {
		status = http.StatusForbidden
	}
	s.render(w, status, "recurringnew", rq, f)
	return nil
}

// input reads the form; every field's problem is reported at once.
func (f recurringForm) input() (app.RecurringOrderInput, error) {
	in := app.RecurringOrderInput{Name: f.Name, Unit: recurring.Unit(f.Unit), DeliveryMethod: order.DeliveryMethod(f.Delivery),
		DeliveryAddress: f.Address}
	var fs errs.Fields
	lines, err := app.ParseQuickOrder(f.Lines)
	if err != nil {
		fs.Wrap("", err)
	}
	for _, l := range lines {
		in.Lines = append(in.Lines, recurring.Line{SKU: l.SKU, Quantity: l.Quantity})
	}
	if in.Every, err = strconv.Atoi(f.Every); err != nil {
		fs.Add("every", "must be a whole number")
	}
	if in.NoticeDays, err = strconv.Atoi(f.NoticeDays); err != nil {
		fs.Add("notice_days", "must be a whole number")
	}
	if in.StartsOn, err = time.Parse(time.DateOnly, f.StartsOn); err != nil {
		fs.Add("starts_on", "must be a date such as 2026-12-01")
	}
	return in, fs.Err()
}

// pauseRecurring and resumeRecurring switch a standing order off and on; a
// resumed one runs next on its first run date from today.
func (s *Server) pauseRecurring(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.setRecurringActive(w, r, rq, false)
}

func (s *Server) resumeRecurring(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.setRecurringActive(w, r, rq, true)
}

func (s *Server) setRecurringActive(w http.ResponseWriter, r *http.Request, rq *request, active bool) error {
	id := r.PathValue("id")
	if _, err := s.app.UpdateRecurringOrder(r.Context(), rq.actor, id, app.RecurringChanges{Active: &active}); err != nil {
		fe, ferr := page.AsFormErrorsIn(rq.p, err)
		if ferr != nil {
			return ferr
		}
		v, verr := s.app.RecurringOrder(r.Context(), rq.actor, id)
		if verr != nil {
			return verr
		}
		status := page.FormStatus(err)
		if errs.CodeOf(err) == errs.Forbidden {
			status = http.StatusForbidden
		}
		s.render(w, status, "recurringorder", rq, recurringPage{RecurringOrderView: v, Errors: fe})
		return nil
	}
	http.Redirect(w, r, "/portal/recurring/"+id, http.StatusSeeOther)
	return nil
}
