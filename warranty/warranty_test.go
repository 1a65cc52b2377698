package warranty

import (
	"strings"
	"testing"
	"time"

	"b2x/errs"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 15, 30, 0, 0, time.UTC) }

func TestUntil(t *testing.T) {
	tests := []struct {
		bought time.Time
		months int
		want   time.Time
	}{
		{day(2026, 3, 10), 24, day(2028, 3, 10)},
		{day(2026, 1, 31), 1, day(2026, 2, 28)},
		{day(2027, 12, 31), 2, day(2028, 2, 29)}, // leap year
		{day(2026, 8, 31), 1, day(2026, 9, 30)},
		{day(2026, 11, 15), 3, day(2027, 2, 15)},
		{day(2026, 5, 20), 0, day(2026, 5, 20)},
		{day(2026, 2, 28), 12, day(2027, 2, 28)},
	}
	for _, tt := range tests {
		if got := Until(tt.bought, tt.months); !got.Equal(tt.want) {
			t.Errorf("Until(%s, %d) = %s, want %s", tt.bought.Format(time.DateOnly), tt.months, got, tt.want)
		}
	}
}

func TestRegistrationValidate(t *testing.T) {
	now := day(2026, 6, 1)
	tests := []struct {
		name   string
		change func(*Registration)
		fields []string
	}{
		{"valid", func(*Registration) {}, nil},
		{"serial is trimmed", func(r *Registration) { r.SerialNumber = "  SN-1  " }, nil},
		{"no serial", func(r *Registration) { r.SerialNumber = " " }, []string{"serial_number"}},
		{"long serial", func(r *Registration) { r.SerialNumber = strings.Repeat("9", MaxSerial+1) }, []string{"serial_number"}},
		{"control character", func(r *Registration) { r.SerialNumber = "SN\t1" }, []string{"serial_number"}},
		{"bad UTF-8", func(r *Registration) { r.SerialNumber = "SN\xff" }, []string{"serial_number"}},
		{"no date", func(r *Registration) { r.PurchasedAt = time.Time{} }, []string{"purchased_at"}},
		{"bought tomorrow", func(r *Registration) { r.PurchasedAt = now.AddDate(0, 0, 1) }, []string{"purchased_at"}},
		{"bought long ago", func(r *Registration) { r.PurchasedAt = day(1980, 1, 1) }, []string{"purchased_at"}},
		{"nobody", func(r *Registration) { r.PersonID, r.SKU = "", "" }, []string{"person_id", "sku"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Registration{PersonID: "p", SKU: "DRL-18V", SerialNumber: "SN-1", PurchasedAt: day(2026, 1, 5)}
			tt.change(&r)
			assertFields(t, r.Validate(now), tt.fields)
			if tt.fields == nil && r.SerialNumber != "SN-1" {
				t.Errorf("serial = %q", r.SerialNumber)
			}
		})
	}
}

func assertFields(t *testing.T, err error, want []string) {
	t.Helper()
	var got []string
	if e, ok := errs.As(err); ok {
		for _, f := range e.Fields {
			got = append(got, f.Field)
		}
	} else if err != nil {
		t.Fatalf("not an errs error: %v", err)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("fields = %v, want %v (%v)", got, want, err)
	}
}

func TestNewClaim(t *testing.T) {
	r := Registration{ID: "r1", PersonID: "p1", SKU: "DRL-18V", SerialNumber: "SN-1", PurchasedAt: day(2025, 1, 10),
		Until: Until(day(2025, 1, 10), 12)}
	c, tr, err := NewClaim("c1", &r, "  Battery does not charge ", "person:p1", r.Until)
	if err != nil {
		t.Fatalf("a claim on the last moment of the warranty: %v", err)
	}
	if c.Status != Submitted || c.Problem != "Battery does not charge" || c.SKU != "DRL-18V" || c.PersonID != "p1" ||
		c.RegistrationID != "r1" || tr.To != Submitted || tr.From != "" || tr.By != "person:p1" {
		t.Errorf("claim %+v, transition %+v", c, tr)
	}
	_, _, err = NewClaim("c2", &r, "Broken", "person:p1", r.Until.Add(time.Microsecond))
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Conflict || !strings.Contains(e.Message, "ended on 10 January 2026") || e.Detail["warranty_until"] != r.Until {
		t.Errorf("claim after the end: %v", err)
	}
	for _, problem := range []string{"", "   ", strings.Repeat("x", MaxProblem+1)} {
		if _, _, err := NewClaim("c3", &r, problem, "x", day(2025, 6, 1)); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("problem %.10q: %v", problem, err)
		}
	}
}

func TestMove(t *testing.T) {
	allowed := map[[2]Status]bool{
		{Submitted, Received}: true, {Submitted, Rejected}: true,
		{Received, Diagnosed}: true, {Received, Rejected}: true,
		{Diagnosed, Repaired}: true, {Diagnosed, Replaced}: true, {Diagnosed, Refunded}: true, {Diagnosed, Rejected}: true,
		{Repaired, Closed}: true, {Replaced, Closed}: true, {Refunded, Closed}: true, {Rejected, Closed}: true,
	}
	at := day(2026, 2, 2)
	for _, from := range Statuses {
		for _, to := range Statuses {
			c := Claim{ID: "c", Status: from}
			tr, err := Move(&c, to, "a reason", "u1", at)
			if allowed[[2]Status{from, to}] != (err == nil) {
				t.Errorf("%s → %s: err = %v", from, to, err)
				continue
			}
			if err != nil {
				if errs.CodeOf(err) != errs.Conflict || c.Status != from {
					t.Errorf("%s → %s: code %s, status now %s", from, to, errs.CodeOf(err), c.Status)
				}
				continue
			}
			if c.Status != to || !c.UpdatedAt.Equal(at) || tr != (Transition{From: from, To: to, At: at, By: "u1", Note: "a reason"}) {
				t.Errorf("%s → %s: claim %+v transition %+v", from, to, c, tr)
			}
			if (to == Rejected) != (c.Reason == "a reason") {
				t.Errorf("%s → %s: reason %q", from, to, c.Reason)
			}
		}
	}
}

func TestMoveInput(t *testing.T) {
	tests := []struct {
		name   string
		to     Status
		note   string
		fields []string
	}{
		{"reject without reason", Rejected, "  ", []string{"note"}},
		{"unknown status", "lost", "", []string{"to"}},
		{"long note", Received, strings.Repeat("n", MaxNote+1), []string{"note"}},
		{"note is optional otherwise", Received, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Claim{Status: Submitted}
			_, err := Move(&c, tt.to, tt.note, "u", day(2026, 1, 1))
			assertFields(t, err, tt.fields)
			if tt.fields != nil && c.Status != Submitted {
				t.Error("a refused move changed the claim")
			}
		})
	}
}

func TestOpen(t *testing.T) {
	for _, s := range Statuses {
		if s.Open() == (s == Closed) {
			t.Errorf("%s: Open() = %v", s, s.Open())
		}
		if (len(s.Next()) == 0) != (s == Closed) {
			t.Errorf("%s: Next() = %v", s, s.Next())
		}
	}
	if Status("lost").Open() {
		t.Error("an unknown status is open")
	}
}

func TestDefectValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Defect)
		fields []string
	}{
		{"valid", func(*Defect) {}, nil},
		{"code upper-cased", func(d *Defect) { d.Code = " hinge-01 " }, nil},
		{"bad code", func(d *Defect) { d.Code = "-x" }, []string{"code"}},
		{"long code", func(d *Defect) { d.Code = strings.Repeat("A", 33) }, []string{"code"}},
		{"unknown category", func(d *Defect) { d.Category = "rust" }, []string{"category"}},
		{"no description", func(d *Defect) { d.Description = " " }, []string{"description"}},
		{"no sku", func(d *Defect) { d.SKU = "" }, []string{"sku"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Defect{SKU: "DRL-18V", Code: "HINGE-01", Category: Mechanical, Description: "Hinge cracked"}
			tt.change(&d)
			assertFields(t, d.Validate(), tt.fields)
			if tt.fields == nil && d.Code != "HINGE-01" {
				t.Errorf("code = %q", d.Code)
			}
		})
	}
}

func TestTally(t *testing.T) {
	got := Tally([]Count{
		{"A", Mechanical, "M1", 2}, {"B", Electrical, "E1", 3}, {"A", Cosmetic, "C1", 1}, {"C", Other, "O", 3},
		{"B", Electrical, "E2", 1},
	})
	if len(got) != 3 {
		t.Fatalf("got %+v", got)
	}
	if got[0].SKU != "B" || got[0].Total != 4 || got[0].ByCategory[Electrical] != 4 || got[0].ByCode["E2"] != 1 {
		t.Errorf("first: %+v", got[0])
	}
	if got[1].SKU != "A" || got[1].Total != 3 || got[1].ByCategory[Mechanical] != 2 || got[1].ByCategory[Cosmetic] != 1 {
		t.Errorf("second: %+v", got[1])
	}
	if got[2].SKU != "C" || got[2].Total != 3 {
		t.Errorf("third (ties by SKU): %+v", got[2])
	}
	if len(Tally(nil)) != 0 {
		t.Error("Tally(nil) is not empty")
	}
}
