package admin

import "net/http"

// calendar is the signed-in user's meetings, calls and tasks as an iCalendar
// file, for their calendar program to import.
func (s *Server) calendar(w http.ResponseWriter, r *http.Request, rq *request) error {
	ics, err := s.app.ActivitiesCalendar(r.Context(), rq.actor, "")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="b2x-activities.ics"`)
	w.Write(ics)
	return nil
}
