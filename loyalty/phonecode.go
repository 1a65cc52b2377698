package loyalty

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/big"
	"time"
)

// A card is identified by its phone number alone, so whoever types a number
// could take its points. Linking a card to an account and spending its points
// without being its signed-in holder first prove the phone: a one-time code
// sent to it by SMS. These are the code's rules; app and store keep them.
const (
	CodeDigits    = 6
	CodeTTL       = 10 * time.Minute // a code proves nothing after this
	MaxCodeTries  = 5                // wrong tries that lock a code; a new one must be sent
	CodeResendGap = time.Minute      // at most one code per phone per minute…
	CodesPerHour  = 5                // …and five per phone per hour
)

// PhoneCode is a code sent to a phone, as stored: only its keyed hash.
type PhoneCode struct {
	ID         string
	Phone      string // E.164
	Hash       string // hex HMAC-SHA-256 of the code, keyed by Salt, over the phone too
	Salt       string // hex, 16 random bytes per code
	Tries      int    // wrong tries so far
	CreatedAt  time.Time
	ExpiresAt  time.Time
	VerifiedAt time.Time // zero until the right code was typed
	UsedAt     time.Time // zero until the proof was spent, or a newer code replaced it
}

// NewPhoneCode makes a random code for phone and its stored form.
func NewPhoneCode(id, phone string, now time.Time) (code string, pc PhoneCode, err error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", pc, err
	}
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", pc, err
	}
	code = fmt.Sprintf("%06d", n.Int64())
	pc = PhoneCode{ID: id, Phone: phone, Salt: hex.EncodeToString(salt), CreatedAt: now, ExpiresAt: now.Add(CodeTTL)}
	pc.Hash = pc.hash(code)
	return code, pc, nil
}

func (pc PhoneCode) hash(code string) string {
	salt, _ := hex.DecodeString(pc.Salt)
	m := hmac.New(sha256.New, salt)
	m.Write([]byte(pc.Phone + "\x00" + code))
	return hex.EncodeToString(m.Sum(nil))
}

// Matches reports whether code is the one sent, in constant time.
func (pc PhoneCode) Matches(code string) bool {
	return ValidCodeSyntax(code) && hmac.Equal([]byte(pc.hash(code)), []byte(pc.Hash))
}

// ValidCodeSyntax reports whether s has the shape of a code: six ASCII digits.
func ValidCodeSyntax(s string) bool {
	if len(s) != CodeDigits {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Locked reports whether the code took too many wrong tries.
func (pc PhoneCode) Locked() bool { return pc.Tries >= MaxCodeTries }

// NextSend is when another code may be sent to a phone that was sent codes at
// sent (oldest first, the last hour's): a minute after the last, and once the
// hour's limit is reached, an hour after the oldest of them. It is now or
// earlier when one may be sent now.
func NextSend(sent []time.Time, now time.Time) time.Time {
	next := now
	if n := len(sent); n > 0 {
		next = later(next, sent[n-1].Add(CodeResendGap))
		if n >= CodesPerHour {
			next = later(next, sent[n-CodesPerHour].Add(time.Hour))
		}
	}
	return next
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
