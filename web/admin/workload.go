package admin

import (
	"net/http"

	"b2x/crm"
)

type workloadPage struct{ Rows []crm.WorkloadRow }

// workload shows what each account manager carries, to see who can take on a
// growing client (S14).
func (s *Server) workload(w http.ResponseWriter, r *http.Request, rq *request) error {
	rows, err := s.app.Workload(r.Context(), rq.actor)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "workload", rq, rq.p.T("admin.workload"), workloadPage{Rows: rows})
	return nil
}
