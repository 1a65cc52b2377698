package quote

import "time"

// Revise starts a new revision of a quote that was sent, approved or rejected: it
// goes back to draft with the next revision number. Edits of a draft are not
// revisions: the buyer has not seen it.
//
// A new revision resets the approvals. The buying center approved other numbers:
// the CFO's yes to 48,000 says nothing about 52,000, and a rejection of the old
// price should not block the new one. Decisions carry the revision they were made
// on, and ForRevision keeps only those of the current one.
func Revise(q *Quote, now time.Time) error {
	if err := CheckTransition(q.Status, StatusDraft); err != nil {
		return err
	}
	q.Status = StatusDraft
	q.Revision++
	q.UpdatedAt = now
	return nil
}

// ForRevision returns the decisions made on revision rev, the only ones Evaluate
// should see.
func ForRevision(approvals []Approval, rev int) []Approval {
	var out []Approval
	for _, a := range approvals {
		if a.Revision == rev {
			out = append(out, a)
		}
	}
	return out
}
