package admin

import (
	"html/template"
	"net/http"
	"net/url"
	"time"

	"b2x/app"
	"b2x/errs"
)

// auditPageSize is how many entries one page of the audit log shows.
const auditPageSize = 50

type auditPage struct {
	Entries []app.AuditEntry
	Query   struct{ Actor, Entity, ID, From, To string }
	// Next is the link to the next (older) page; empty on the last. It is built
	// from url.Values, so the template may take it as a URL as it is.
	Next template.URL
}

// auditLog shows the audit log newest first, filtered by actor, entity (and
// its id) and a date range, a page at a time.
func (s *Server) auditLog(w http.ResponseWriter, r *http.Request, rq *request) error {
	q := r.URL.Query()
	var d auditPage
	d.Query.Actor, d.Query.Entity, d.Query.ID, d.Query.From, d.Query.To = q.Get("actor"), q.Get("entity"), q.Get("entity_id"), q.Get("from"), q.Get("to")
	aq := app.AuditQuery{Actor: d.Query.Actor, Entity: d.Query.Entity, ID: d.Query.ID, Before: q.Get("cursor"), Limit: auditPageSize + 1}
	var fs errs.Fields
	day := func(field, v string) time.Time {
		if v == "" {
			return time.Time{}
		}
		t, err := time.Parse("2006-01-02", v)
		if err != nil {
			fs.Add(field, "%s", rq.p.T("admin.bad_date"))
		}
		return t
	}
	aq.From = day("from", d.Query.From)
	if aq.To = day("to", d.Query.To); !aq.To.IsZero() {
		aq.To = aq.To.AddDate(0, 0, 1) // the whole last day
	}
	if err := fs.Err(); err != nil {
		return err
	}
	es, err := s.app.AuditLog(r.Context(), rq.actor, aq)
	if err != nil {
		return err
	}
	if len(es) > auditPageSize {
		es = es[:auditPageSize]
		next := url.Values{}
		for k, v := range map[string]string{"actor": d.Query.Actor, "entity": d.Query.Entity, "entity_id": d.Query.ID,
			"from": d.Query.From, "to": d.Query.To} {
			if v != "" {
				next.Set(k, v)
			}
		}
		next.Set("cursor", es[len(es)-1].ID)
		d.Next = template.URL("/admin/audit?" + next.Encode())
	}
	d.Entries = es
	s.render(w, r, http.StatusOK, "audit", rq, rq.p.T("admin.audit"), d)
	return nil
}
