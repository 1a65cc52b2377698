package api

import (
	"net/http"
	"time"

	"b2x/errs"
	"b2x/store"
)

// A quote's comment thread between the company's buyers and the seller's staff:
// a buyer reads and writes on their own organization's quotes only (another's
// is 404), staff with quotes.read / quotes.edit.

type commentJSON struct {
	ID         string    `json:"id"`
	AuthorKind string    `json:"author_kind"` // buyer or staff
	AuthorName string    `json:"author_name"`
	Body       string    `json:"body"`
	At         time.Time `json:"at"`
}

func commentOut(c store.QuoteComment) commentJSON {
	return commentJSON{ID: c.ID, AuthorKind: c.AuthorKind, AuthorName: c.AuthorName, Body: c.Body, At: c.At}
}

func (s *Server) listQuoteComments(w http.ResponseWriter, r *http.Request) error {
	cs, err := s.app.QuoteComments(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := page[commentJSON]{Items: []commentJSON{}}
	for _, c := range cs {
		out.Items = append(out.Items, commentOut(c))
	}
	return writeJSON(w, http.StatusOK, out)
}

// addQuoteComment posts a comment; an Idempotency-Key makes a retry one comment.
func (s *Server) addQuoteComment(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Body string `json:"body"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	c, err := s.app.AddQuoteComment(r.Context(), actorOf(r), r.PathValue("id"), in.Body, r.Header.Get("Idempotency-Key"))
	if e, ok := errs.As(err); ok {
		for i := range e.Fields {
			if e.Fields[i].Field == "request_key" {
				e.Fields[i].Field = "Idempotency-Key"
			}
		}
	}
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, commentOut(c))
}
