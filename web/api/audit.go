package api

import (
	"net/http"

	"b2x/app"
	"b2x/errs"
)

func (s *Server) listAudit(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	aq := app.AuditQuery{Entity: q.Get("entity"), ID: q.Get("entity_id"), Actor: q.Get("actor"), Before: q.Get("cursor"),
		Limit: limit + 1}
	var fs errs.Fields
	if aq.From, err = queryTime(r, "from"); err != nil {
		fs.Wrap("", err)
	}
	if aq.To, err = queryTime(r, "to"); err != nil {
		fs.Wrap("", err)
	}
	if err := fs.Err(); err != nil {
		return err
	}
	es, err := s.app.AuditLog(r.Context(), actorOf(r), aq)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, pageOf(es, limit, func(e app.AuditEntry) app.AuditEntry { return e },
		func(e app.AuditEntry) string { return e.ID }))
}
