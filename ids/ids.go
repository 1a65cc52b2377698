// Package ids makes the identifiers b2x shows in URLs: time-ordered UUIDs (version 7),
// never sequential integers, so they sort by creation and reveal no counts.
package ids

import (
	"crypto/rand"
	"encoding/binary"
	"io"
	"time"

	"github.com/google/uuid"
)

// New returns a fresh UUIDv7.
func New() string { return uuid.Must(uuid.NewV7()).String() }

// At returns a UUIDv7 whose time part is t, for records made with a past date
// (imports, demo history) so that they still sort by their own time.
func At(t time.Time) string { return AtFrom(t, rand.Reader) }

// AtFrom is At with the random part read from r, so a seeded generator (the demo
// data) makes the same ids every time.
func AtFrom(t time.Time, r io.Reader) string {
	var u uuid.UUID
	if _, err := io.ReadFull(r, u[6:]); err != nil {
		panic(err)
	}
	var ms [8]byte
	binary.BigEndian.PutUint64(ms[:], uint64(t.UnixMilli()))
	copy(u[:6], ms[2:])
	u[6] = u[6]&0x0f | 0x70 // version 7
	u[8] = u[8]&0x3f | 0x80 // RFC 9562 variant
	return u.String()
}

// Valid reports whether s is a UUID in its canonical text form.
func Valid(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}
