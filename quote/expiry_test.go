package quote

import (
	"testing"
	"time"
)

func TestExpired(t *testing.T) {
	canExpire := map[Status]bool{StatusSent: true, StatusApproved: true, StatusAccepted: true, StatusRejected: true}
	until := t0.AddDate(0, 0, 30)
	for _, s := range Statuses {
		if CanExpire(s) != canExpire[s] {
			t.Errorf("%s: CanExpire = %v", s, CanExpire(s))
		}
		for _, tt := range []struct {
			name string
			now  time.Time
			past bool
		}{
			{"before", until.Add(-time.Second), false},
			{"at the instant", until, false},
			{"after", until.Add(time.Second), true},
		} {
			q := validQuote()
			q.Status, q.ValidUntil = s, until
			if got, want := Expired(q, tt.now), canExpire[s] && tt.past; got != want {
				t.Errorf("%s %s: Expired = %v, want %v", s, tt.name, got, want)
			}
		}
	}
}
