package campaign

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strings"
)

// Links in campaign letters (unsubscribe, click redirects, the open pixel, the
// answers to a test send) carry an HMAC-SHA256 of what they name under the
// server's secret, so nobody can make a link that unsubscribes someone else or
// redirects to a host the letter did not link to.

// Sign returns the signature of parts: 128 bits, URL-safe.
func Sign(secret []byte, parts ...string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(strings.Join(parts, "\x00")))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:16])
}

// Verify reports whether sig signs parts, in constant time.
func Verify(secret []byte, sig string, parts ...string) bool {
	return hmac.Equal([]byte(sig), []byte(Sign(secret, parts...)))
}
