package api

import (
	"net/http"
	"time"

	"b2x/errs"
	"b2x/funnel"
)

type funnelRowJSON struct {
	Step         funnel.Step `json:"step"`
	Sessions     int         `json:"sessions"`
	Events       int         `json:"events"`
	FromPrevious float64     `json:"from_previous"`
	FromStart    float64     `json:"from_start"`
}

type funnelJSON struct {
	From       time.Time       `json:"from"`
	To         time.Time       `json:"to"`
	Steps      []funnelRowJSON `json:"steps"`
	Conversion float64         `json:"conversion"`
}

// getFunnel reports the B2C funnel over [from, to) for staff; both are required.
func (s *Server) getFunnel(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	var fs errs.Fields
	parse := func(name string) time.Time {
		v := q.Get(name)
		if v == "" {
			fs.Add(name, "is required: an RFC 3339 time, e.g. 2026-01-31T00:00:00Z")
			return time.Time{}
		}
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			fs.Add(name, "must be an RFC 3339 time, e.g. 2026-01-31T00:00:00Z")
		}
		return t
	}
	from, to := parse("from"), parse("to")
	if err := fs.Err(); err != nil {
		return err
	}
	rep, err := s.app.Funnel(r.Context(), actorOf(r), from, to)
	if err != nil {
		return err
	}
	out := funnelJSON{From: rep.From, To: rep.To, Steps: []funnelRowJSON{}, Conversion: rep.Conversion}
	for _, row := range rep.Steps {
		out.Steps = append(out.Steps, funnelRowJSON(row))
	}
	return writeJSON(w, http.StatusOK, out)
}
