package portal

import (
	"net/http"
	"strings"

	"b2x/app"
	"b2x/locale"
	"b2x/store"
)

type catalogPage struct {
	Query    string
	Account  app.BuyerAccount
	Products []app.PortalProduct
	Next     string
	// Lists are the saved lists a row can be added to.
	Lists []store.SavedList
}

func (catalogPage) title(p *locale.Printer) string { return p.T("portal.catalog") }

// catalogPageSize is how many products a catalog page lists.
const catalogPageSize = 50

// catalog is the portal's home: the organization's catalog with its own prices.
func (s *Server) catalog(w http.ResponseWriter, r *http.Request, rq *request) error {
	acc, err := s.app.PortalAccount(r.Context(), rq.actor)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	ps, err := s.app.PortalCatalog(r.Context(), rq.actor, app.PortalCatalogQuery{Q: q, After: r.URL.Query().Get("after"),
		Limit: catalogPageSize})
	if err != nil {
		return err
	}
	lists, err := s.app.SavedLists(r.Context(), rq.actor, "")
	if err != nil {
		return err
	}
	pg := catalogPage{Query: q, Account: acc, Products: ps, Lists: lists}
	if len(ps) == catalogPageSize {
		pg.Next = ps[len(ps)-1].Product.SKU
	}
	s.render(w, http.StatusOK, "catalog", rq, pg)
	return nil
}
