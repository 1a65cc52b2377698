package page

import (
	"net/http"
	"time"
)

// The cookies of the pages. All are HttpOnly and SameSite=Lax: pages need no
// script to read them, and a cross-site form post does not carry them (the
// cross-origin check refuses it anyway).
const (
	SessionCookie = "b2x_session"
	LangCookie    = "lang"
)

// SetCookie sets an HttpOnly, SameSite=Lax cookie for the whole site.
func SetCookie(w http.ResponseWriter, r *http.Request, name, value string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", Expires: expires, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
}

// ClearCookie deletes a cookie.
func ClearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
}

// CookieValue is a cookie's value, empty when absent.
func CookieValue(r *http.Request, name string) string {
	if c, err := r.Cookie(name); err == nil {
		return c.Value
	}
	return ""
}
