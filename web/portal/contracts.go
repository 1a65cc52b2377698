package portal

import (
	"net/http"

	"b2x/app"
	"b2x/locale"
)

// The organization's contracts (S7, S22.8): agreed prices, the committed
// volume, the term, and how much of the commitment is bought.

type contractsPage struct{ Contracts []app.ContractView }

func (contractsPage) title(p *locale.Printer) string { return p.T("portal.contracts") }

type contractPage struct{ app.ContractView }

func (c contractPage) title(p *locale.Printer) string { return c.Contract.Name }

// Percent is basis points as a whole percent, rounded down, for "used/committed".
func (view) Percent(bp int64) int { return int(bp / 100) }

func (s *Server) contracts(w http.ResponseWriter, r *http.Request, rq *request) error {
	cs, err := s.app.Contracts(r.Context(), rq.actor, "")
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "contracts", rq, contractsPage{Contracts: cs})
	return nil
}

// contract shows one contract; another organization's is not found.
func (s *Server) contract(w http.ResponseWriter, r *http.Request, rq *request) error {
	c, err := s.app.Contract(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "contract", rq, contractPage{c})
	return nil
}
