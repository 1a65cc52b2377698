package quote

import (
	"testing"

	"b2x/errs"
)

func TestCheckTransition(t *testing.T) {
	allowed := map[[2]Status]bool{
		{StatusDraft, StatusSent}: true, {StatusDraft, StatusWithdrawn}: true,
		{StatusSent, StatusApproved}: true, {StatusSent, StatusRejected}: true, {StatusSent, StatusExpired}: true,
		{StatusSent, StatusWithdrawn}: true, {StatusSent, StatusDraft}: true,
		{StatusApproved, StatusAccepted}: true, {StatusApproved, StatusRejected}: true, {StatusApproved, StatusExpired}: true,
		{StatusApproved, StatusWithdrawn}: true, {StatusApproved, StatusDraft}: true,
		{StatusAccepted, StatusOrdered}: true, {StatusAccepted, StatusExpired}: true, {StatusAccepted, StatusWithdrawn}: true,
		{StatusRejected, StatusDraft}: true, {StatusRejected, StatusExpired}: true, {StatusRejected, StatusWithdrawn}: true,
	}
	for _, from := range Statuses {
		for _, to := range Statuses {
			err := CheckTransition(from, to)
			if allowed[[2]Status{from, to}] != (err == nil) {
				t.Errorf("%s → %s: err = %v", from, to, err)
			}
			if err != nil && errs.CodeOf(err) != errs.Conflict {
				t.Errorf("%s → %s: code %s, want conflict", from, to, errs.CodeOf(err))
			}
		}
	}
	if errs.CodeOf(CheckTransition(StatusDraft, "lost")) != errs.Invalid {
		t.Error("an unknown status is not invalid input")
	}
	e, _ := errs.As(CheckTransition(StatusOrdered, StatusDraft))
	if e == nil || e.Detail["status"] != StatusOrdered {
		t.Errorf("conflict detail: %+v", e)
	}
}

func TestFinal(t *testing.T) {
	final := map[Status]bool{StatusOrdered: true, StatusExpired: true, StatusWithdrawn: true}
	for _, s := range Statuses {
		if s.Final() != final[s] {
			t.Errorf("%s: Final() = %v", s, s.Final())
		}
	}
	if Status("lost").Final() {
		t.Error("an unknown status is final")
	}
}
