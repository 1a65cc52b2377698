package recurring

import (
	"slices"
	"testing"
	"time"

	"b2x/errs"
	"b2x/qty"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestRunDate(t *testing.T) {
	tests := []struct {
		start time.Time
		every int
		unit  Unit
		want  []time.Time
	}{
		{date(2026, 1, 30), 2, Day, []time.Time{date(2026, 1, 30), date(2026, 2, 1), date(2026, 2, 3)}},
		{date(2026, 3, 2), 1, Week, []time.Time{date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)}},
		{date(2026, 1, 31), 1, Month, []time.Time{date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)}},
		{date(2027, 11, 30), 3, Month, []time.Time{date(2027, 11, 30), date(2028, 2, 29), date(2028, 5, 30)}},
	}
	for _, tt := range tests {
		var got []time.Time
		for n := range tt.want {
			got = append(got, RunDate(tt.start, tt.every, tt.unit, n))
		}
		if !slices.EqualFunc(got, tt.want, time.Time.Equal) {
			t.Errorf("every %d %s from %s: %v, want %v", tt.every, tt.unit, tt.start, got, tt.want)
		}
	}
}

func TestAfter(t *testing.T) {
	s := Schedule{Every: 1, Unit: Month, StartsOn: date(2026, 1, 31)}
	tests := []struct{ t, want time.Time }{
		{date(2025, 6, 1), date(2026, 1, 31)},
		{date(2026, 1, 31), date(2026, 2, 28)},
		{date(2026, 1, 31).Add(23 * time.Hour), date(2026, 2, 28)},
		{date(2026, 2, 27), date(2026, 2, 28)},
		{date(2026, 2, 28), date(2026, 3, 31)},
		{date(2029, 7, 15), date(2029, 7, 31)},
	}
	for _, tt := range tests {
		if got := s.After(tt.t); !got.Equal(tt.want) {
			t.Errorf("after %s: %s, want %s", tt.t, got, tt.want)
		}
	}
	w := Schedule{Every: 2, Unit: Week, StartsOn: date(2026, 1, 5)}
	if got := w.After(date(2026, 3, 2)); !got.Equal(date(2026, 3, 16)) {
		t.Errorf("fortnightly: %s", got)
	}
}

func TestValidateAndNotices(t *testing.T) {
	good := Schedule{OrganizationID: "o", Name: "Consumables", Every: 1, Unit: Month, StartsOn: date(2026, 2, 1),
		Lines: []Line{{"BRK", qty.Units(100)}, {"CEM", qty.Units(5)}}, NoticeDays: 3}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := map[string]struct {
		change func(s *Schedule)
		field  string
	}{
		"no lines":       {func(s *Schedule) { s.Lines = nil }, "lines"},
		"sku twice":      {func(s *Schedule) { s.Lines[1].SKU = "BRK" }, "lines[1].sku"},
		"zero quantity":  {func(s *Schedule) { s.Lines[0].Quantity = 0 }, "lines[0].quantity"},
		"every zero":     {func(s *Schedule) { s.Every = 0 }, "every"},
		"fortnight unit": {func(s *Schedule) { s.Unit = "fortnight" }, "unit"},
		"start at noon":  {func(s *Schedule) { s.StartsOn = s.StartsOn.Add(12 * time.Hour) }, "starts_on"},
		"long notice":    {func(s *Schedule) { s.NoticeDays = 61 }, "notice_days"},
		"delivery":       {func(s *Schedule) { s.DeliveryMethod = "drone" }, "delivery_method"},
		"no name":        {func(s *Schedule) { s.Name = "" }, "name"},
	}
	for name, tt := range tests {
		s := good
		s.Lines = slices.Clone(good.Lines)
		tt.change(&s)
		e, ok := errs.As(s.Validate())
		if !ok || len(e.Fields) != 1 || e.Fields[0].Field != tt.field {
			t.Errorf("%s: %v, want %s", name, e, tt.field)
		}
	}
	good.NextRun, good.Active = date(2026, 3, 1), true
	if !good.NoticeFrom().Equal(date(2026, 2, 26)) || good.Due(date(2026, 2, 28)) || !good.Due(date(2026, 3, 1)) {
		t.Errorf("notice %s", good.NoticeFrom())
	}
	good.Active = false
	if good.Due(date(2026, 3, 2)) {
		t.Error("a paused schedule is due")
	}
	if k := IdempotencyKey("abc", date(2026, 3, 1).Add(5*time.Hour)); k != "recurring:abc:2026-03-01" {
		t.Errorf("key %s", k)
	}
}
