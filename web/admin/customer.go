package admin

import (
	"net/http"
	"slices"

	"b2x/app"
	"b2x/party"
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
	pg := customerPage{CustomerOverview: c}
	if bc := c.BuyingCenter; bc != nil {
		for _, m := range append(slices.Clone(bc.Members), bc.Others...) {
			pg.Contacts = append(pg.Contacts, m.Contact)
			if m.ID == r.URL.Query().Get("link_sent") {
				pg.LinkSent = &m.Contact
			}
		}
	}
	s.render(w, r, http.StatusOK, "customer", rq, title, pg)
	return nil
}

type customerPage struct {
	app.CustomerOverview
	// Contacts are the organization's contacts, for sending portal sign-in links.
	Contacts []party.Contact
	// LinkSent is the contact a link was just sent to.
	LinkSent *party.Contact
}
