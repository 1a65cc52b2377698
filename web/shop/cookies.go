package shop

import (
	"net/http"
	"time"
)

// The shop's cookies. All are HttpOnly and SameSite=Lax: pages need no script to
// read them, and a cross-site form post does not carry them (the cross-origin
// check refuses it anyway).
const (
	sessionCookie = "b2x_session"
	cartCookie    = "b2x_cart"
	langCookieKey = "lang"
)

// cartCookieLife is how long a guest cart is kept across visits; app.ExpireCarts
// deletes carts idle for longer.
const cartCookieLife = 60 * 24 * time.Hour

func setCookie(w http.ResponseWriter, r *http.Request, name, value string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", Expires: expires, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
}

func clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
}

func cookieValue(r *http.Request, name string) string {
	if c, err := r.Cookie(name); err == nil {
		return c.Value
	}
	return ""
}
