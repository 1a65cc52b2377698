package order

import (
	"testing"
	"time"

	"b2x/errs"
)

func TestTimeInStatus(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)
	at := func(h float64) time.Time { return t0.Add(time.Duration(h * float64(time.Hour))) }
	cases := []struct {
		name string
		ts   []Transition
		now  time.Time
		want []StatusTime
	}{
		{"placed only, running", []Transition{{To: Placed, At: at(0)}}, at(3),
			[]StatusTime{{Placed, 3 * time.Hour, true}}},
		{"through to completed, which does not run", []Transition{{To: Placed, At: at(0)}, {Placed, Confirmed, at(1), "", ""},
			{Confirmed, Shipped, at(5), "", ""}, {Shipped, Delivered, at(29), "", ""}, {Delivered, Completed, at(30), "", ""}}, at(100),
			[]StatusTime{{Placed, time.Hour, false}, {Confirmed, 4 * time.Hour, false}, {Shipped, 24 * time.Hour, false},
				{Delivered, time.Hour, false}, {Completed, 0, true}}},
		{"a completed order returned counts completed once", []Transition{{To: Placed, At: at(0)}, {Placed, Confirmed, at(1), "", ""},
			{Confirmed, Delivered, at(2), "", ""}, {Delivered, Completed, at(3), "", ""}, {Completed, Returned, at(10), "", ""}}, at(20),
			[]StatusTime{{Placed, time.Hour, false}, {Confirmed, time.Hour, false}, {Delivered, time.Hour, false},
				{Completed, 7 * time.Hour, false}, {Returned, 0, true}}},
		{"clock skew counts as nothing", []Transition{{To: Placed, At: at(2)}, {Placed, Confirmed, at(1), "", ""}}, at(3),
			[]StatusTime{{Placed, 0, false}, {Confirmed, 2 * time.Hour, true}}},
		{"no transitions", nil, at(1), nil},
	}
	for _, c := range cases {
		got := TimeInStatus(c.ts, c.now)
		if len(got) != len(c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: [%d] = %+v, want %+v", c.name, i, got[i], c.want[i])
			}
		}
	}
}

func TestCheckSchedule(t *testing.T) {
	own := Order{DeliveryMethod: OwnDelivery, Status: Confirmed}
	ok := Delivery{Day: "2026-03-04", Slot: "08-12", Driver: "Jan"}
	if err := CheckSchedule(own, ok); err != nil {
		t.Fatalf("a good schedule: %v", err)
	}
	cases := []struct {
		name   string
		o      Order
		d      Delivery
		fields []string
	}{
		{"carrier", Order{DeliveryMethod: Carrier, Status: Placed}, ok, []string{"delivery_method"}},
		{"delivered", Order{DeliveryMethod: OwnDelivery, Status: Delivered}, ok, []string{"status"}},
		{"no such day", own, Delivery{Day: "2026-02-30", Slot: "08-12"}, []string{"day"}},
		{"not a date", own, Delivery{Day: "4.3.2026", Slot: "08-12"}, []string{"day"}},
		{"no such slot", own, Delivery{Day: "2026-03-04", Slot: "06-08"}, []string{"slot"}},
		{"long driver", own, Delivery{Day: "2026-03-04", Slot: "08-12", Driver: string(make([]byte, 101))}, []string{"driver"}},
	}
	for _, c := range cases {
		e, isErr := errs.As(CheckSchedule(c.o, c.d))
		if !isErr || e.Code != errs.Invalid || len(e.Fields) != len(c.fields) || e.Fields[0].Field != c.fields[0] {
			t.Errorf("%s: %v, want a field error on %v", c.name, e, c.fields)
		}
	}
}
