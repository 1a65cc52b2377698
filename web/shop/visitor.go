package shop

import (
	"b2x/web/page"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"time"
)

// visitorCookie holds a random id of the browser, so the conversion funnel counts
// visitors rather than page views. It identifies no one: the funnel stores its
// hash.
const visitorCookie = "b2x_visitor"

// visitor returns the browser's visitor id, giving it one if it has none.
func visitor(w http.ResponseWriter, r *http.Request) string {
	if v := page.CookieValue(r, visitorCookie); len(v) == 32 {
		return v
	}
	b := make([]byte, 16)
	rand.Read(b)
	v := hex.EncodeToString(b)
	page.SetCookie(w, r, visitorCookie, v, time.Now().Add(365*24*time.Hour))
	return v
}
