package crm

import (
	"reflect"
	"testing"
	"time"
)

func TestOverdue(t *testing.T) {
	now := day(5)
	act := func(id string, kind Kind, owner string, due time.Time, done bool) Activity {
		a := Activity{ID: id, Kind: kind, Subject: id, Owner: owner, Due: due, CreatedAt: t0}
		if done {
			a.DoneAt = day(1)
		}
		return a
	}
	all := []Activity{
		act("late-task", KindTask, "anna", day(3), false),
		act("later-call", KindCall, "anna", day(4), false),
		act("earliest", KindMeeting, "anna", day(1), false),
		act("done", KindTask, "anna", day(1), true),
		act("future", KindTask, "anna", day(6), false),
		act("exactly-now", KindTask, "anna", now, false),
		act("note", KindNote, "anna", day(1), false),
		act("no-due", KindEmail, "boris", time.Time{}, false),
		act("b-email", KindEmail, "boris", day(2), false),
		act("b-tie-2", KindTask, "boris", day(2), false),
	}
	ids := func(m map[string][]Activity) map[string][]string {
		out := map[string][]string{}
		for k, list := range m {
			for _, a := range list {
				out[k] = append(out[k], a.ID)
			}
		}
		return out
	}
	tests := []struct {
		name string
		in   []Activity
		want map[string][]string
	}{
		{"none", nil, map[string][]string{}},
		{"per owner, by due then id", all, map[string][]string{
			"anna":  {"earliest", "late-task", "later-call"},
			"boris": {"b-email", "b-tie-2"},
		}},
	}
	for _, tt := range tests {
		if got := ids(Overdue(tt.in, now)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
