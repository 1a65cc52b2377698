package crm

import (
	"cmp"
	"slices"
	"time"
)

// Overdue lists, per owner, the activities that are not done and whose due time has
// passed, earliest first (ties by id, so the list is stable). Notes are never overdue.
func Overdue(activities []Activity, now time.Time) map[string][]Activity {
	out := map[string][]Activity{}
	for _, a := range activities {
		if isOverdue(a, now) {
			out[a.Owner] = append(out[a.Owner], a)
		}
	}
	for _, list := range out {
		slices.SortFunc(list, func(x, y Activity) int {
			return cmp.Or(x.Due.Compare(y.Due), cmp.Compare(x.ID, y.ID))
		})
	}
	return out
}

func isOverdue(a Activity, now time.Time) bool {
	return a.Kind != KindNote && !a.Done() && !a.Due.IsZero() && a.Due.Before(now)
}
