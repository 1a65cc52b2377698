package shop

import (
	"net/http"

	"b2x/locale"
)

type homePage struct{}

func (homePage) title(p *locale.Printer) string { return "" }

func (s *Server) home(w http.ResponseWriter, r *http.Request, rq *request) error {
	s.render(w, http.StatusOK, "home", rq, homePage{})
	return nil
}
