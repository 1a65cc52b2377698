package crm

import (
	"reflect"
	"testing"
	"time"

	"b2x/money"
)

func TestForecast(t *testing.T) {
	p := DefaultPipeline()
	mar := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	apr, may := mar.AddDate(0, 1, 0), mar.AddDate(0, 2, 0)
	opp := func(id, owner, stage string, minor int64, cur string, close time.Time) Opportunity {
		o := validOpp()
		o.ID, o.Owner, o.Stage, o.ExpectedClose = id, owner, stage, close
		o.Amount = money.MustNew(minor, cur)
		return o
	}
	override := opp("ov", "anna", "proposal", 1000, "EUR", apr.Add(time.Hour))
	override.Probability = pct(25)
	wonInMarch := opp("won", "anna", "won", 50000, "EUR", may.Add(time.Hour)) // expected May, won in March
	wonInMarch.History = []StageChange{{"negotiation", "won", mar.AddDate(0, 0, 20), "anna"}}
	wonNoHistory := opp("won2", "boris", "won", 700, "EUR", apr.Add(time.Hour))
	row := func(month, owner, cur string, n int, amount, weighted int64) ForecastRow {
		return ForecastRow{Month: month, Owner: owner, Currency: cur, Count: n,
			Amount: money.MustNew(amount, cur), Weighted: money.MustNew(weighted, cur)}
	}
	tests := []struct {
		name string
		opps []Opportunity
		from time.Time
		to   time.Time
		want []ForecastRow
	}{
		{"empty", nil, mar, may, []ForecastRow{}},
		// 333 × 10 % = 33.3 → 33; 5 × 10 % = 0.5 → 1 (half away from zero); 15 × 10 % = 1.5 → 2.
		{"rounding per deal", []Opportunity{
			opp("a", "anna", "lead", 333, "EUR", mar.Add(time.Hour)),
			opp("b", "anna", "lead", 5, "EUR", mar.Add(2*time.Hour)),
			opp("c", "anna", "lead", 15, "EUR", mar.AddDate(0, 0, 30)),
		}, mar, apr, []ForecastRow{row("2026-03", "anna", "EUR", 3, 353, 36)}},
		{"grouped by month, owner and currency; sorted", []Opportunity{
			opp("a", "boris", "negotiation", 10000, "EUR", apr.Add(time.Hour)), // 80 %
			opp("b", "anna", "meeting", 10000, "EUR", mar.Add(time.Hour)),      // 40 %
			opp("c", "anna", "proposal", 10000, "USD", mar.Add(time.Hour)),     // 60 %
			opp("d", "anna", "qualified", 20000, "EUR", mar.AddDate(0, 0, 5)),  // 20 %
			override,
		}, mar, may, []ForecastRow{
			row("2026-03", "anna", "EUR", 2, 30000, 8000),
			row("2026-03", "anna", "USD", 1, 10000, 6000),
			row("2026-04", "anna", "EUR", 1, 1000, 250),
			row("2026-04", "boris", "EUR", 1, 10000, 8000),
		}},
		{"won at 100 % in the month won; lost excluded", []Opportunity{
			wonInMarch, wonNoHistory,
			func() Opportunity {
				o := opp("l", "anna", "lost", 9999, "EUR", mar.Add(time.Hour))
				o.LostReason = "x"
				return o
			}(),
		}, mar, may, []ForecastRow{
			row("2026-03", "anna", "EUR", 1, 50000, 50000),
			row("2026-04", "boris", "EUR", 1, 700, 700),
		}},
		{"range is half-open", []Opportunity{
			opp("in", "anna", "lead", 100, "EUR", mar),
			opp("out", "anna", "lead", 100, "EUR", apr),
			opp("before", "anna", "lead", 100, "EUR", mar.Add(-time.Second)),
		}, mar, apr, []ForecastRow{row("2026-03", "anna", "EUR", 1, 100, 10)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := p.Forecast(tt.opps, tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestForecastOverflow(t *testing.T) {
	p := DefaultPipeline()
	o := validOpp()
	o.Stage = "won"
	o.ExpectedClose = t0
	o.Amount = eur(1 << 62)
	if _, err := p.Forecast([]Opportunity{o, o}, t0.AddDate(0, -1, 0), t0.AddDate(0, 1, 0)); err == nil {
		t.Error("an overflowing sum was not reported")
	}
}
