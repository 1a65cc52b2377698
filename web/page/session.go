package page

import (
	"log/slog"
	"net/http"

	"b2x/app"
	"b2x/errs"
)

// Identify returns who is behind the session cookie, or the zero Actor when
// nobody is. A session that has ended loses its cookie; a failed lookup is
// logged and the visitor treated as signed out, so a page still renders.
func Identify(w http.ResponseWriter, r *http.Request, a *app.App, log *slog.Logger) app.Actor {
	tok := CookieValue(r, SessionCookie)
	if tok == "" {
		return app.Actor{}
	}
	actor, err := a.SessionActor(r.Context(), tok)
	switch {
	case errs.CodeOf(err) == errs.Unauthorized:
		ClearCookie(w, r, SessionCookie)
	case err != nil:
		log.Warn("session lookup", "err", err)
	}
	return actor
}
