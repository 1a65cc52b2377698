package crm

import "time"

// TimeInStages sums how long o spent in each stage: from creation to the first move
// in the stage it started in, between moves in each stage it passed, and from the
// last move to now in the current one (won and lost too, so a report can tell how
// long ago a deal closed). A stage visited twice adds both visits.
func TimeInStages(o Opportunity, now time.Time) map[string]time.Duration {
	out := map[string]time.Duration{}
	stage, since := o.Stage, o.CreatedAt
	if len(o.History) > 0 {
		stage = o.History[0].From
	}
	for _, c := range o.History {
		out[stage] += nonNegative(c.At.Sub(since))
		stage, since = c.To, c.At
	}
	out[stage] += nonNegative(now.Sub(since))
	return out
}

// Stale reports whether an open deal has had nothing happen for at least days days:
// no activity (lastActivity, zero when there was none), no stage move and no
// creation within that time. Won and lost deals are never stale.
func (p Pipeline) Stale(o Opportunity, lastActivity, now time.Time, days int) bool {
	if !p.IsOpen(o) {
		return false
	}
	last := lastChange(o)
	if lastActivity.After(last) {
		last = lastActivity
	}
	return now.Sub(last) >= time.Duration(days)*24*time.Hour
}

func nonNegative(d time.Duration) time.Duration { return max(d, 0) }
