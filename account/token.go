package account

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
)

// tokenBytes is the randomness of session, reset and cart tokens.
const tokenBytes = 32

// TokenLength is the length of a token's text: 32 bytes in unpadded base64url.
var TokenLength = base64.RawURLEncoding.EncodedLen(tokenBytes)

// NewToken makes a random token (a cookie value or a link's secret) and the
// hash that is stored instead of it, so a copy of the database opens no session.
func NewToken() (token, hash string, err error) {
	b := make([]byte, tokenBytes)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token), nil
}

// HashToken is the stored form of a token. Tokens are long and random, so a fast
// hash is enough and every request can look its token up by hash.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// WellFormed reports whether s could be a token made by NewToken; anything else is
// refused without a database lookup.
func WellFormed(s string) bool {
	if len(s) != TokenLength {
		return false
	}
	_, err := base64.RawURLEncoding.DecodeString(s)
	return err == nil
}
