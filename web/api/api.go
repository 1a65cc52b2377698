// Package api is b2x's JSON API under /api/v1. Handlers are thin: they parse and
// check the request, call a use case in package app and write JSON. Every error
// goes through writeError, which maps the errs code to an HTTP status and writes
// an RFC 9457 problem document.
package api

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"b2x/app"
	"b2x/errs"
)

// Server serves the API.
type Server struct {
	app *app.App
	log *slog.Logger
	mux *http.ServeMux
}

// New makes the API handler.
func New(a *app.App, log *slog.Logger) *Server {
	s := &Server{app: a, log: log, mux: http.NewServeMux()}
	for _, rt := range s.routes() {
		s.mux.Handle(rt.Method+" "+rt.Pattern, s.wrap(rt))
	}
	return s
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// handler is an API handler: it writes a response or returns an error for
// writeError.
type handler func(w http.ResponseWriter, r *http.Request) error

type actorKey struct{}

func actorOf(r *http.Request) app.Actor {
	a, _ := r.Context().Value(actorKey{}).(app.Actor)
	return a
}

// wrap authenticates the caller, enforces the route's access and maps errors.
func (s *Server) wrap(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := checkRequestText(r)
		var actor app.Actor
		if err == nil {
			actor, err = s.authenticate(r)
		}
		if err == nil {
			err = allowed(rt.Access, actor)
		}
		if err == nil {
			r = r.WithContext(context.WithValue(r.Context(), actorKey{}, actor))
			err = rt.Handler(w, r)
		}
		if err != nil {
			s.writeError(w, r, err)
		}
	})
}

// allowed enforces a route's access. A buyer token is let through only to the
// routes open to buyers; on a staff route it is forbidden rather than unknown.
func allowed(acc access, actor app.Actor) error {
	switch {
	case acc == public, actor.Staff() && acc != buyerOnly, actor.Buyer() && acc != staffOnly:
		return nil
	case acc == buyerOnly && actor.Staff():
		return errs.E(errs.Forbidden, "only a buyer's own contact token may do this; staff cannot decide on a buyer's behalf")
	case actor.Buyer():
		return errs.E(errs.Forbidden, "a buyer token may only use the routes open to buyers (quotes, contracts, licences, recurring orders, their organization's price lists); this needs a staff token")
	case acc == staffOnly:
		return errs.E(errs.Unauthorized, "this needs a staff token: Authorization: Bearer TOKEN")
	}
	return errs.E(errs.Unauthorized, "this needs a token: Authorization: Bearer TOKEN")
}

func (s *Server) authenticate(r *http.Request) (app.Actor, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return app.Actor{}, nil
	}
	token, ok := strings.CutPrefix(h, "Bearer ")
	if !ok || token == "" {
		return app.Actor{}, errs.E(errs.Unauthorized, "the Authorization header must be: Bearer TOKEN")
	}
	return s.app.Authenticate(r.Context(), token)
}
