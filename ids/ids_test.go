package ids

import (
	"bytes"
	"testing"
	"time"

	"github.com/google/uuid"
)

func TestAt(t *testing.T) {
	when := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	id := At(when)
	u, err := uuid.Parse(id)
	if err != nil || u.Version() != 7 || !Valid(id) {
		t.Fatalf("%s: %v version %d", id, err, u.Version())
	}
	sec, nsec := u.Time().UnixTime()
	if got := time.Unix(sec, nsec).UTC(); !got.Equal(when) {
		t.Errorf("time part %s, want %s", got, when)
	}
	if At(when.Add(time.Millisecond)) <= id {
		t.Error("a later id does not sort after an earlier one")
	}
	seed := bytes.Repeat([]byte{7}, 20)
	first, second := AtFrom(when, bytes.NewReader(seed)), AtFrom(when, bytes.NewReader(seed))
	if first != second {
		t.Error("the same random stream made two ids")
	}
	if Valid("not-an-id") || Valid("") {
		t.Error("garbage is valid")
	}
}
