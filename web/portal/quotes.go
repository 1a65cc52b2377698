package portal

import (
	"net/http"

	"b2x/app"
	"b2x/locale"
	"b2x/quote"
)

type quotesPage struct {
	Requested string // the number of a request just made, to confirm it
	Requests  []app.QuoteRequest
	Quotes    []quote.Quote
}

func (quotesPage) title(p *locale.Printer) string { return p.T("portal.quotes") }

// quotes lists the organization's requests the seller is still preparing and
// its sent quotes with their status.
func (s *Server) quotes(w http.ResponseWriter, r *http.Request, rq *request) error {
	reqs, err := s.app.QuoteRequests(r.Context(), rq.actor, app.QuoteRequestQuery{Limit: 100})
	if err != nil {
		return err
	}
	qs, err := s.app.Quotes(r.Context(), rq.actor, app.QuoteQuery{Limit: 100})
	if err != nil {
		return err
	}
	pg := quotesPage{Requested: r.URL.Query().Get("requested"), Quotes: qs}
	for _, x := range reqs {
		if x.Status == app.StatusRequested {
			pg.Requests = append(pg.Requests, x)
		}
	}
	s.render(w, http.StatusOK, "quotes", rq, pg)
	return nil
}
