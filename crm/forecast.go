package crm

import (
	"cmp"
	"slices"
	"time"

	"b2x/errs"
	"b2x/money"
)

// ForecastRow is what one owner expects to close in one month, in one currency.
type ForecastRow struct {
	Month    string       `json:"month"` // YYYY-MM, in UTC
	Owner    string       `json:"owner"`
	Currency string       `json:"currency"`
	Count    int          `json:"count"`
	Amount   money.Amount `json:"amount"`   // the deals' full amounts
	Weighted money.Amount `json:"weighted"` // each amount × its probability / 100
}

// Forecast sums deals by month and owner. Open deals count in their expected-close
// month, weighted by Pipeline.ProbabilityOf; won deals count at 100 % in the month
// they were won (their expected-close month when the history does not say); lost
// deals, and deals in a stage the pipeline does not know, are left out. A deal is
// counted when that instant lies in [from, to); pass the first instants of two
// months to get whole months.
//
// Currencies are never added together: rows are per currency as well, so a company
// quoting in EUR and USD gets one row for each. Converting would need a rate and a
// date, which is a reporting decision, not a pipeline rule. Each deal's weighted
// amount is rounded half away from zero before summing, so a row equals the sum of
// what its deals show. The only error is an overflow of a sum.
func (p Pipeline) Forecast(opps []Opportunity, from, to time.Time) ([]ForecastRow, error) {
	type key struct{ month, owner, currency string }
	rows := map[key]*ForecastRow{}
	for _, o := range opps {
		s, ok := p.Stage(o.Stage)
		if !ok || s.Lost {
			continue
		}
		at := o.ExpectedClose
		if s.Won {
			at = wonAt(o)
		}
		if at.Before(from) || !at.Before(to) {
			continue
		}
		weighted, err := o.Amount.MulRat(int64(p.ProbabilityOf(o)), 100)
		if err != nil {
			return nil, errs.E(errs.Internal, "forecast of %s: %v", o.ID, err)
		}
		k := key{at.UTC().Format("2006-01"), o.Owner, o.Amount.Currency}
		r := rows[k]
		if r == nil {
			r = &ForecastRow{Month: k.month, Owner: k.owner, Currency: k.currency,
				Amount: money.Zero(k.currency), Weighted: money.Zero(k.currency)}
			rows[k] = r
		}
		if r.Amount, err = r.Amount.Add(o.Amount); err == nil {
			r.Weighted, err = r.Weighted.Add(weighted)
		}
		if err != nil {
			return nil, errs.E(errs.Internal, "forecast %s %s: %v", k.month, k.owner, err)
		}
		r.Count++
	}
	out := make([]ForecastRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b ForecastRow) int {
		return cmp.Or(cmp.Compare(a.Month, b.Month), cmp.Compare(a.Owner, b.Owner), cmp.Compare(a.Currency, b.Currency))
	})
	return out, nil
}

// wonAt is when o last moved into the stage it is in, else its expected close.
func wonAt(o Opportunity) time.Time {
	for i := len(o.History) - 1; i >= 0; i-- {
		if o.History[i].To == o.Stage {
			return o.History[i].At
		}
	}
	return o.ExpectedClose
}
