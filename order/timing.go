package order

import "time"

// StatusTime is how long an order has been in one status, all visits added up.
type StatusTime struct {
	Status Status
	Time   time.Duration
	// Current marks the status the order is in now; its time runs until now.
	Current bool
}

// Final reports whether an order in s has nowhere left to go but a return, so
// the time it sits there is not fulfilment time (S22.5).
func Final(s Status) bool { return s == Completed || s == Cancelled || s == Returned }

// TimeInStatus adds up, from an order's transitions, the time spent in each
// status it passed through, in the order it first entered them. The status it is
// in now counts until now unless it is final. Clock skew that makes a transition
// earlier than the one before counts as no time, never negative.
func TimeInStatus(ts []Transition, now time.Time) []StatusTime {
	var out []StatusTime
	index := map[Status]int{}
	add := func(s Status, d time.Duration, current bool) {
		i, ok := index[s]
		if !ok {
			i = len(out)
			index[s] = i
			out = append(out, StatusTime{Status: s})
		}
		out[i].Time += max(d, 0)
		out[i].Current = current
	}
	for i, t := range ts {
		if i+1 < len(ts) {
			add(t.To, ts[i+1].At.Sub(t.At), false)
			continue
		}
		if Final(t.To) {
			add(t.To, 0, true)
		} else {
			add(t.To, now.Sub(t.At), true)
		}
	}
	return out
}

// Board lists the statuses the fulfilment board shows as columns: the ones an
// order waits in for someone to move it. Completing, cancelling or returning an
// order takes it off the board (most orders are completed, and a column of them
// would grow for ever).
var Board = []Status{Placed, Confirmed, Shipped, Delivered}
