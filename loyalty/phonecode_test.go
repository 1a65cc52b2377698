package loyalty

import (
	"testing"
	"time"
)

func TestPhoneCode(t *testing.T) {
	now := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	code, pc, err := NewPhoneCode("c1", "+79161234567", now)
	if err != nil || !ValidCodeSyntax(code) {
		t.Fatalf("code %q: %v", code, err)
	}
	if pc.Hash == "" || pc.Hash == code || len(pc.Salt) != 32 || !pc.ExpiresAt.Equal(now.Add(10*time.Minute)) {
		t.Errorf("stored form: %+v", pc)
	}
	if !pc.Matches(code) {
		t.Error("the code sent does not match")
	}
	wrong := []byte(code)
	wrong[0] = '0' + (wrong[0]-'0'+1)%10
	for _, c := range []string{string(wrong), "", code + "0", " " + code[1:], "12345a"} {
		if pc.Matches(c) {
			t.Errorf("%q matches", c)
		}
	}
	other := pc
	other.Phone = "+79031234567"
	if other.Matches(code) {
		t.Error("the code proves another phone")
	}
	_, pc2, _ := NewPhoneCode("c2", pc.Phone, now)
	if pc2.Salt == pc.Salt || pc2.Hash == pc.Hash && pc2.Salt == pc.Salt {
		t.Error("two codes share a salt")
	}
	if (PhoneCode{Tries: 4}).Locked() || !(PhoneCode{Tries: 5}).Locked() {
		t.Error("Locked")
	}
}

func TestNextSend(t *testing.T) {
	now := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	ago := func(m int) time.Time { return now.Add(-time.Duration(m) * time.Minute) }
	for _, c := range []struct {
		name string
		sent []time.Time
		want time.Time
	}{
		{"none", nil, now},
		{"one 2 min ago", []time.Time{ago(2)}, now},
		{"one 30 s ago", []time.Time{now.Add(-30 * time.Second)}, now.Add(30 * time.Second)},
		{"four this hour", []time.Time{ago(50), ago(40), ago(30), ago(20)}, now},
		{"five this hour", []time.Time{ago(50), ago(40), ago(30), ago(20), ago(10)}, ago(50).Add(time.Hour)},
	} {
		if got := NextSend(c.sent, now); !got.Equal(c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
