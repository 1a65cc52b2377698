package admin

import (
	"net/http"

	"b2x/app"
)

// customer shows one organization or person: orders, quotes, deals,
// activities, tenders and, for an organization, the buying-center map with the
// key roles nobody holds yet.
func (s *Server) customer(w http.ResponseWriter, r *http.Request, rq *request) error {
	c, err := s.app.CustomerView(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	title := ""
	switch {
	case c.Organization != nil:
		title = c.Organization.LegalName
	case c.Person != nil:
		title = c.Person.Name
	}
	s.render(w, r, http.StatusOK, "customer", rq, title, customerPage{CustomerOverview: c})
	return nil
}

type customerPage struct{ app.CustomerOverview }
