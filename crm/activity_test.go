package crm

import (
	"strings"
	"testing"
	"time"
)

var zeroTime time.Time

func validActivity(kind Kind) Activity {
	a := Activity{ID: "a1", Kind: kind, Subject: "Demo at the depot", Owner: "anna",
		OrganizationID: "org1", CreatedAt: t0}
	if kind != KindNote && kind != KindEmail {
		a.Due = day(1)
	}
	return a
}

func TestActivityValidate(t *testing.T) {
	tests := []struct {
		name   string
		a      Activity
		edit   func(a *Activity)
		fields []string
	}{
		{"meeting", validActivity(KindMeeting), func(*Activity) {}, nil},
		{"note", validActivity(KindNote), func(*Activity) {}, nil},
		{"email without due", validActivity(KindEmail), func(*Activity) {}, nil},
		{"empty", Activity{}, func(*Activity) {}, []string{"kind", "subject", "owner", "created_at"}},
		{"task without due", validActivity(KindTask), func(a *Activity) { a.Due = zeroTime }, []string{"due"}},
		{"call without due", validActivity(KindCall), func(a *Activity) { a.Due = zeroTime }, []string{"due"}},
		{"note with due", validActivity(KindNote), func(a *Activity) { a.Due = day(1) }, []string{"due"}},
		{"done before created", validActivity(KindCall), func(a *Activity) { a.DoneAt = day(-1) }, []string{"done_at"}},
		{"contacts", validActivity(KindCall), func(a *Activity) { a.ContactIDs = []string{"c1", "", "c1"} },
			[]string{"contact_ids[1]", "contact_ids[2]"}},
		{"long subject", validActivity(KindCall), func(a *Activity) { a.Subject = strings.Repeat("я", 201) }, []string{"subject"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.a
			tt.edit(&a)
			wantFields(t, a.Validate(), tt.fields...)
		})
	}
}
