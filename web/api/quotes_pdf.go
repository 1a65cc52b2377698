package api

import (
	"bytes"
	"net/http"
	"strconv"
)

// quotePDF serves a quote as a PDF to staff and to its organization's buyers.
// It is rendered into memory first, so an error is still a problem document.
func (s *Server) quotePDF(w http.ResponseWriter, r *http.Request) error {
	var b bytes.Buffer
	id := r.PathValue("id")
	if err := s.app.QuotePDF(r.Context(), actorOf(r), id, &b); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `inline; filename="quote-`+id+`.pdf"`)
	w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
	_, err := w.Write(b.Bytes())
	return err
}
