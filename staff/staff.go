// Package staff holds the company's own users (owners, managers, warehouse staff),
// their roles, password hashing and API tokens.
package staff

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	"b2x/errs"
)

// Role is what a staff user is trusted with.
type Role string

const (
	Admin          Role = "admin"
	SalesManager   Role = "sales_manager"
	AccountManager Role = "account_manager"
	Warehouse      Role = "warehouse"
	Marketing      Role = "marketing"
	Support        Role = "support"
)

// Roles lists the roles.
var Roles = []Role{Admin, SalesManager, AccountManager, Warehouse, Marketing, Support}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// User is a staff user.
type User struct {
	ID           string
	Email        string
	Name         string
	Role         Role
	PasswordHash string
	CreatedAt    time.Time
	Disabled     bool
}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// argon2id parameters: OWASP's second recommended setting (19 MiB, 2 passes).
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword hashes a password with argon2id into a PHC string.
func HashPassword(password string) (string, error) {
	if len(password) < MinPasswordLength {
		return "", errs.EKey(errs.Invalid, "err.password.min", "a password needs at least {min} characters", "min", MinPasswordLength)
	}
	if len(password) > 1024 {
		return "", errs.EKey(errs.Invalid, "err.password.max", "a password has at most {max} characters", "max", 1024)
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether password matches a hash made by HashPassword.
func CheckPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// tokenPrefix marks b2x tokens so that secret scanners and people recognise them.
const tokenPrefix = "b2x_"

// NewToken makes a random API token and the hash that is stored instead of it.
func NewToken() (token, hash string, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", "", err
	}
	token = tokenPrefix + base64.RawURLEncoding.EncodeToString(b)
	return token, HashToken(token), nil
}

// HashToken is the stored form of a token: tokens are long and random, so a fast
// hash is enough and lets every request look its token up by hash.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
