package crm

import (
	"strings"
	"testing"
	"time"
)

func TestProposeFollowUp(t *testing.T) {
	at := func(wd time.Weekday) time.Time { return t0.AddDate(0, 0, int(wd-time.Monday+7)%7).Add(5 * time.Hour) }
	done := func(kind Kind) Activity {
		a := validActivity(kind)
		a.PersonID, a.ContactIDs, a.OpportunityID = "p1", []string{"c1", "c2"}, "o1"
		a.DoneAt = t0.Add(time.Hour)
		return a
	}
	notDone := validActivity(KindMeeting)
	tests := []struct {
		name    string
		a       Activity
		now     time.Time
		want    bool
		wantDue time.Time
		word    string
	}{
		{"meeting on Monday → Wednesday", done(KindMeeting), at(time.Monday), true, at(time.Wednesday), "meeting"},
		{"call on Wednesday → Friday", done(KindCall), at(time.Wednesday), true, at(time.Friday), "call"},
		{"Thursday → Monday", done(KindMeeting), at(time.Thursday), true, at(time.Monday).AddDate(0, 0, 7), "meeting"},
		{"Friday → Tuesday", done(KindMeeting), at(time.Friday), true, at(time.Tuesday).AddDate(0, 0, 7), "meeting"},
		{"Saturday → Tuesday", done(KindMeeting), at(time.Saturday), true, at(time.Tuesday).AddDate(0, 0, 7), "meeting"},
		{"Sunday → Tuesday", done(KindMeeting), at(time.Sunday), true, at(time.Tuesday).AddDate(0, 0, 7), "meeting"},
		{"meeting not done", notDone, at(time.Monday), false, time.Time{}, ""},
		{"note", done(KindNote), at(time.Monday), false, time.Time{}, ""},
		{"email", done(KindEmail), at(time.Monday), false, time.Time{}, ""},
		{"task", done(KindTask), at(time.Monday), false, time.Time{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ProposeFollowUp(tt.a, tt.now)
			if ok != tt.want {
				t.Fatalf("ok = %v", ok)
			}
			if !ok {
				return
			}
			if !got.Due.Equal(tt.wantDue) {
				t.Errorf("due %s (%s), want %s", got.Due, got.Due.Weekday(), tt.wantDue)
			}
			if got.Kind != KindTask || got.Owner != "anna" || got.PersonID != "p1" || got.OpportunityID != "o1" ||
				len(got.ContactIDs) != 2 || got.Done() || !got.CreatedAt.Equal(tt.now) || got.ID != "" {
				t.Errorf("proposal %+v", got)
			}
			if !strings.Contains(got.Subject, "thank them for the "+tt.word) ||
				!strings.Contains(got.Subject, "ask whether questions remain") {
				t.Errorf("subject %q", got.Subject)
			}
			if err := got.Validate(); err != nil {
				t.Errorf("the proposal is not valid: %v", err)
			}
			got.ContactIDs[0] = "changed"
			if tt.a.ContactIDs[0] != "c1" {
				t.Error("the proposal shares the contact list")
			}
		})
	}
	long := done(KindMeeting)
	long.Subject = strings.Repeat("ж", MaxTitle)
	if got, _ := ProposeFollowUp(long, t0); got.Validate() != nil {
		t.Errorf("a long subject makes an invalid proposal: %v", got.Validate())
	}
}
