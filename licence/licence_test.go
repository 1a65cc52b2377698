package licence

import (
	"testing"
	"time"

	"b2x/errs"
	"b2x/money"
)

func eur(minor int64) money.Amount { return money.MustNew(minor, "EUR") }

func day(y int, m time.Month, d, h int) time.Time { return time.Date(y, m, d, h, 0, 0, 0, time.UTC) }

// TestProRata: the table documents the rounding; the term 2026-01-01 to
// 2027-01-01 has 365 days.
func TestProRata(t *testing.T) {
	start, end := day(2026, 1, 1, 9), day(2027, 1, 1, 9)
	tests := []struct {
		name      string
		seat      money.Amount
		seats     int
		at        time.Time
		amount    string
		remaining int
	}{
		{"before the term: the whole term", eur(365_00), 2, day(2025, 12, 30, 0), "730.00", 365},
		{"on the first day, any hour: the whole term", eur(365_00), 1, day(2026, 1, 1, 23), "365.00", 365},
		{"second day", eur(365_00), 1, day(2026, 1, 2, 0), "364.00", 364},
		{"half-way", eur(365_00), 4, day(2026, 7, 2, 12), "732.00", 183},
		{"last day pays one day", eur(365_00), 1, day(2026, 12, 31, 23), "1.00", 1},
		{"rounds half away from zero once: 100.00 * 1/365 = 0.27397", eur(100_00), 1, day(2026, 12, 31, 0), "0.27", 1},
		{"three seats round once: 3 * 0.27397 = 0.82192", eur(100_00), 3, day(2026, 12, 31, 0), "0.82", 1},
		{"0.73 * 183/365 = 0.366 rounds to 0.37", eur(73), 1, day(2026, 7, 2, 0), "0.37", 183},
		{"free seats stay free", eur(0), 5, day(2026, 3, 1, 0), "0.00", 306},
	}
	for _, tt := range tests {
		p, err := ProRata(tt.seat, tt.seats, start, end, tt.at)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if p.Amount.String() != tt.amount || p.DaysRemaining != tt.remaining || p.TermDays != 365 || p.Seats != tt.seats ||
			p.Amount.Currency != "EUR" {
			t.Errorf("%s: %s for %d of %d days, want %s for %d", tt.name, p.Amount, p.DaysRemaining, p.TermDays, tt.amount, tt.remaining)
		}
	}
	leap, _ := ProRata(eur(366_00), 1, day(2028, 1, 1, 0), day(2029, 1, 1, 0), day(2028, 2, 29, 0))
	if leap.TermDays != 366 || leap.DaysRemaining != 307 || leap.Amount.String() != "307.00" {
		t.Errorf("leap year: %+v", leap)
	}
	// 2028 has 366 days: 0.01 * 183/366 is exactly half a cent, which rounds away
	// from zero.
	half, _ := ProRata(eur(1), 1, day(2028, 1, 1, 0), day(2029, 1, 1, 0), day(2028, 7, 2, 0))
	if half.DaysRemaining != 183 || half.Amount.String() != "0.01" {
		t.Errorf("half a cent: %+v", half)
	}
	for name, c := range map[string]struct {
		seats int
		at    time.Time
		code  errs.Code
	}{
		"no seats":            {0, day(2026, 3, 1, 0), errs.Invalid},
		"too many seats":      {MaxSeats + 1, day(2026, 3, 1, 0), errs.Invalid},
		"on the day it ends":  {1, day(2027, 1, 1, 0), errs.Conflict},
		"after the term ends": {1, day(2027, 6, 1, 0), errs.Conflict},
	} {
		if _, err := ProRata(eur(100), c.seats, start, end, c.at); errs.CodeOf(err) != c.code {
			t.Errorf("%s: %v, want %s", name, err, c.code)
		}
	}
}

func TestNewAndDueForRenewal(t *testing.T) {
	at := day(2026, 3, 15, 10)
	l, err := New(3, eur(1000_00), 24, at)
	if err != nil {
		t.Fatal(err)
	}
	if l.Seats != 3 || l.SeatPrice.String() != "333.33" || !l.EndsAt.Equal(day(2027, 3, 15, 10)) ||
		!l.MaintenanceUntil.Equal(day(2028, 3, 15, 10)) {
		t.Errorf("licence %+v", l)
	}
	if plain, _ := New(1, eur(50_00), 0, at); !plain.MaintenanceUntil.Equal(plain.EndsAt) {
		t.Errorf("a plain order's maintenance %s, want the term's end %s", plain.MaintenanceUntil, plain.EndsAt)
	}
	if _, err := New(0, eur(1), 0, at); errs.CodeOf(err) != errs.Invalid {
		t.Errorf("no seats: %v", err)
	}
	month := 30 * 24 * time.Hour
	tests := []struct {
		now   time.Time
		whats []string
	}{
		{day(2026, 12, 1, 0), nil},
		{day(2027, 2, 20, 0), []string{"term"}},
		{day(2027, 3, 15, 10), []string{"term"}},
		{day(2027, 3, 15, 11), nil},
		{day(2028, 3, 1, 0), []string{"maintenance"}},
	}
	for _, tt := range tests {
		got := DueForRenewal(l, tt.now, month)
		var whats []string
		for _, d := range got {
			whats = append(whats, d.What)
		}
		if len(whats) != len(tt.whats) || (len(whats) > 0 && whats[0] != tt.whats[0]) {
			t.Errorf("%s: %v, want %v", tt.now, whats, tt.whats)
		}
	}
	same, _ := New(1, eur(1), 12, at)
	if got := DueForRenewal(same, day(2027, 3, 1, 0), month); len(got) != 2 || got[0].What != "term" {
		t.Errorf("both due: %+v", got)
	}
}
