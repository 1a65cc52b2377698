package crm

import (
	"reflect"
	"testing"
	"time"

	"b2x/errs"
)

func TestReassign(t *testing.T) {
	start := []Assignment{
		{OrganizationID: "org1", Manager: "anna", From: day(0), By: "boss"},
		{OrganizationID: "org2", Manager: "anna", From: day(0), By: "boss"},
	}
	tests := []struct {
		name     string
		history  []Assignment
		org, mgr string
		at       time.Time
		wantCode errs.Code
		want     []Assignment
	}{
		{"first assignment", nil, "org1", "anna", day(0), "",
			[]Assignment{{OrganizationID: "org1", Manager: "anna", From: day(0), By: "boss"}}},
		{"reassign closes the current one only", start, "org1", "boris", day(10), "", []Assignment{
			{OrganizationID: "org1", Manager: "anna", From: day(0), To: day(10), By: "boss"},
			{OrganizationID: "org2", Manager: "anna", From: day(0), By: "boss"},
			{OrganizationID: "org1", Manager: "boris", From: day(10), By: "boss"},
		}},
		{"same manager", start, "org1", "anna", day(10), errs.Conflict, nil},
		{"not after the current one", start, "org1", "boris", day(0), errs.Conflict, nil},
		{"no manager", start, "org1", "", day(10), errs.Invalid, nil},
		{"no org", start, "", "boris", day(10), errs.Invalid, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := append([]Assignment(nil), tt.history...)
			got, err := Reassign(tt.history, tt.org, tt.mgr, tt.at, "boss")
			if tt.wantCode != "" {
				if errs.CodeOf(err) != tt.wantCode {
					t.Fatalf("err = %v, want %s", err, tt.wantCode)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
			if !reflect.DeepEqual(tt.history, before) {
				t.Error("the input history was modified")
			}
		})
	}
}

func TestManagerAt(t *testing.T) {
	h, err := Reassign(nil, "org1", "anna", day(0), "boss")
	if err == nil {
		h, err = Reassign(h, "org1", "boris", day(10), "boss")
	}
	if err == nil {
		h, err = Reassign(h, "org1", "anna", day(20), "boss")
	}
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		org  string
		at   time.Time
		want string
		ok   bool
	}{
		{"org1", day(-1), "", false},
		{"org1", day(0), "anna", true},
		{"org1", day(10).Add(-time.Second), "anna", true},
		{"org1", day(10), "boris", true},
		{"org1", day(19), "boris", true},
		{"org1", day(400), "anna", true},
		{"org2", day(5), "", false},
	}
	for _, tt := range tests {
		if got, ok := ManagerAt(h, tt.org, tt.at); got != tt.want || ok != tt.ok {
			t.Errorf("%s at %s: %q %v, want %q %v", tt.org, tt.at, got, ok, tt.want, tt.ok)
		}
	}
}
