package portal

import (
	"net/http"

	"b2x/app"
	"b2x/errs"
	"b2x/locale"
	"b2x/qty"
	"b2x/store"
	"b2x/web/page"
)

// Saved lists: named lists of SKUs and quantities, the buyer's own or shared in
// the company, filled from the order form or the catalog, and ordered, quoted,
// or turned into a standing order as they are.

type listsPage struct {
	Lists  []store.SavedList
	Name   string
	Lines  string
	Shared bool
	Errors page.FormErrors
}

func (listsPage) title(p *locale.Printer) string { return p.T("portal.lists") }

func (p listsPage) LineErrors() []string { return lineErrors(p.Errors) }

type listPage struct {
	List   store.SavedList
	Key    string // the order button's Idempotency-Key
	Note   string
	Errors page.FormErrors
}

func (p listPage) title(*locale.Printer) string { return p.List.Name }

// listLines are a saved list's lines as quick-order lines.
func listLines(ls []store.SavedListLine) []app.QuickOrderLine {
	out := make([]app.QuickOrderLine, len(ls))
	for i, l := range ls {
		out[i] = app.QuickOrderLine{SKU: l.SKU, Quantity: l.Quantity}
	}
	return out
}

func (s *Server) lists(w http.ResponseWriter, r *http.Request, rq *request) error {
	ls, err := s.app.SavedLists(r.Context(), rq.actor, "")
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "lists", rq, listsPage{Lists: ls})
	return nil
}

// createList saves the form's lines as a new list.
func (s *Server) createList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	pg := listsPage{Name: page.Field(r, "name"), Lines: r.PostFormValue("lines"), Shared: r.PostFormValue("shared") != ""}
	lines, err := app.ParseQuickOrder(pg.Lines)
	if err == nil {
		var l store.SavedList
		if l, err = s.app.SaveList(r.Context(), rq.actor, app.SavedListInput{Name: pg.Name, Lines: lines, Shared: pg.Shared}); err == nil {
			http.Redirect(w, r, "/portal/lists/"+l.ID, http.StatusSeeOther)
			return nil
		}
	}
	fe, ferr := page.AsFormErrorsIn(rq.p, err)
	if ferr != nil {
		return ferr
	}
	if pg.Lists, ferr = s.app.SavedLists(r.Context(), rq.actor, ""); ferr != nil {
		return ferr
	}
	pg.Errors = fe
	s.render(w, refusedStatus(err), "lists", rq, pg)
	return nil
}

// refusedStatus is the status of a form shown again: 403 for a permission the
// contact lacks, else the form status.
func refusedStatus(err error) int {
	if errs.CodeOf(err) == errs.Forbidden {
		return http.StatusForbidden
	}
	return page.FormStatus(err)
}

// list shows one list the buyer sees; another company's, or a colleague's own,
// is not found.
func (s *Server) list(w http.ResponseWriter, r *http.Request, rq *request) error {
	l, err := s.app.SavedList(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "list", rq, listPage{List: l, Key: newFormKey()})
	return nil
}

func (s *Server) listRefused(w http.ResponseWriter, r *http.Request, rq *request, refusal error, note string) error {
	fe, ferr := page.AsFormErrorsIn(rq.p, refusal)
	if ferr != nil {
		return ferr
	}
	l, err := s.app.SavedList(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, refusedStatus(refusal), "list", rq, listPage{List: l, Key: newFormKey(), Note: note, Errors: fe})
	return nil
}

// orderList places the list as an order at today's prices.
func (s *Server) orderList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	o, _, err := s.app.OrderSavedList(r.Context(), rq.actor, r.PathValue("id"), page.Field(r, "key"))
	if err != nil {
		return s.listRefused(w, r, rq, err, "")
	}
	http.Redirect(w, r, "/portal/orders/"+o.ID, http.StatusSeeOther)
	return nil
}

// quoteList asks for a quote for the list.
func (s *Server) quoteList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	note := r.PostFormValue("note")
	req, err := s.app.QuoteSavedList(r.Context(), rq.actor, r.PathValue("id"), note)
	if err != nil {
		return s.listRefused(w, r, rq, err, note)
	}
	http.Redirect(w, r, "/portal/quotes?requested="+req.Number, http.StatusSeeOther)
	return nil
}

func (s *Server) deleteList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := s.app.DeleteSavedList(r.Context(), rq.actor, r.PathValue("id")); err != nil {
		return s.listRefused(w, r, rq, err, "")
	}
	http.Redirect(w, r, "/portal/lists", http.StatusSeeOther)
	return nil
}

// addToList adds the catalog row's SKU and quantity to the chosen list.
func (s *Server) addToList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id := page.Field(r, "list")
	q, err := qty.Parse(page.Field(r, "qty"))
	if err != nil {
		err = errs.Field("quantity", "%q is not a number", page.Field(r, "qty"))
	} else {
		_, err = s.app.AddToSavedList(r.Context(), rq.actor, id, page.Field(r, "sku"), q)
	}
	if err != nil {
		if errs.CodeOf(err) == errs.NotFound {
			return err
		}
		r.SetPathValue("id", id)
		return s.listRefused(w, r, rq, err, "")
	}
	http.Redirect(w, r, "/portal/lists/"+id, http.StatusSeeOther)
	return nil
}
