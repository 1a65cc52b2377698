package funnel

import (
	"testing"
	"time"
)

func TestBuild(t *testing.T) {
	from, to := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		counts []StepCount
		want   []Row
		conv   float64
	}{
		{"nothing", nil, []Row{{Step: ProductView}, {Step: AddToCart}, {Step: CheckoutStarted}, {Step: OrderPlaced}}, 0},
		{"a funnel", []StepCount{
			{OrderPlaced, 10, 11}, {ProductView, 400, 1500}, {AddToCart, 60, 90}, {CheckoutStarted, 30, 31},
		}, []Row{
			{ProductView, 400, 1500, 1, 1},
			{AddToCart, 60, 90, 0.15, 0.15},
			{CheckoutStarted, 30, 31, 0.5, 0.075},
			{OrderPlaced, 10, 11, 0.3333, 0.025},
		}, 0.025},
		{"a gap", []StepCount{{ProductView, 3, 3}, {OrderPlaced, 1, 1}}, []Row{
			{ProductView, 3, 3, 1, 1}, {AddToCart, 0, 0, 0, 0}, {CheckoutStarted, 0, 0, 0, 0}, {OrderPlaced, 1, 1, 0, 0.3333},
		}, 0.3333},
		{"orders without views", []StepCount{{ProductView, 2, 2}, {AddToCart, 3, 3}}, []Row{
			{ProductView, 2, 2, 1, 1}, {AddToCart, 3, 3, 1.5, 1.5}, {Step: CheckoutStarted}, {Step: OrderPlaced},
		}, 0},
		{"rounding half up", []StepCount{{ProductView, 3, 3}, {AddToCart, 2, 2}}, []Row{
			{ProductView, 3, 3, 1, 1}, {AddToCart, 2, 2, 0.6667, 0.6667}, {Step: CheckoutStarted}, {Step: OrderPlaced},
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Build(from, to, tt.counts)
			if !r.From.Equal(from) || !r.To.Equal(to) || r.Conversion != tt.conv {
				t.Errorf("report %v–%v conversion %v, want %v", r.From, r.To, r.Conversion, tt.conv)
			}
			if len(r.Steps) != len(tt.want) {
				t.Fatalf("steps = %+v", r.Steps)
			}
			for i := range tt.want {
				if r.Steps[i] != tt.want[i] {
					t.Errorf("step %d = %+v, want %+v", i, r.Steps[i], tt.want[i])
				}
			}
		})
	}
}

func TestHashSession(t *testing.T) {
	a, b := HashSession("session-a"), HashSession("session-b")
	if len(a) != 32 || a == b || a != HashSession("session-a") || a == "session-a" {
		t.Errorf("hashes %q %q", a, b)
	}
}

func TestStepValid(t *testing.T) {
	for _, s := range Steps {
		if !s.Valid() {
			t.Errorf("%s is not valid", s)
		}
	}
	if Step("page_view").Valid() || Step("").Valid() {
		t.Error("an unknown step is valid")
	}
}
