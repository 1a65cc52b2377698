package crm

import (
	"slices"
	"time"
	"unicode/utf8"
)

// FollowUpWorkingDays is how long after a talk the thank-you is due: soon enough to
// be remembered, late enough not to press (S11: follow up unobtrusively).
const FollowUpWorkingDays = 2

// ProposeFollowUp suggests the next step after a meeting or call that is done: an
// email task thanking the customer for the talk and asking whether questions remain,
// due FollowUpWorkingDays working days after now (Saturday and Sunday skipped; public
// holidays are not known here), at now's clock time. It is counted from now, when the
// talk is marked done, so one logged late does not start overdue. Notes, emails, tasks
// and talks not yet done get no proposal. The proposal has no id: the caller stores
// it only if the manager accepts.
func ProposeFollowUp(a Activity, now time.Time) (Activity, bool) {
	if (a.Kind != KindMeeting && a.Kind != KindCall) || !a.Done() {
		return Activity{}, false
	}
	word := "meeting"
	if a.Kind == KindCall {
		word = "call"
	}
	return Activity{
		Kind:           KindTask,
		Subject:        "Email: thank them for the " + word + " (" + clip(a.Subject, 80) + "); ask whether questions remain",
		Due:            addWorkingDays(now, FollowUpWorkingDays),
		Owner:          a.Owner,
		OrganizationID: a.OrganizationID,
		PersonID:       a.PersonID,
		ContactIDs:     slices.Clone(a.ContactIDs),
		OpportunityID:  a.OpportunityID,
		CreatedAt:      now,
	}, true
}

// addWorkingDays moves t forward n days, not counting Saturdays and Sundays.
func addWorkingDays(t time.Time, n int) time.Time {
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if wd := t.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return t
}

// clip shortens s to at most n characters, marking a cut with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
