package admin

import (
	"net/http"
	"time"

	"b2x/app"
	"b2x/crm"
)

// forecastMonths is how far ahead the forecast page looks.
const forecastMonths = 6

type forecastPage struct{ Rows []crm.ForecastRow }

// forecast shows the pipeline weighted by probability per month and owner.
func (s *Server) forecast(w http.ResponseWriter, r *http.Request, rq *request) error {
	now := time.Now().UTC()
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	rows, err := s.app.Forecast(r.Context(), rq.actor, app.ForecastQuery{From: from, To: from.AddDate(0, forecastMonths, 0),
		Owner: r.URL.Query().Get("owner")})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "forecast", rq, rq.p.T("admin.forecast"), forecastPage{Rows: rows})
	return nil
}
