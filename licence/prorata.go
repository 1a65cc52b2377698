package licence

import (
	"time"

	"b2x/errs"
	"b2x/money"
)

// ProRataPrice is what seats added mid-term cost.
type ProRataPrice struct {
	Amount        money.Amount // net, for all the seats added
	Seats         int
	DaysRemaining int // whole days from the day of the change to the end of the term
	TermDays      int // whole days of the term
}

// ProRata prices seats added to a licence at an instant within its term: the
// seat price times the seats times the days remaining over the days of the term.
//
// Days are whole UTC calendar days. The term covers the days from the day of
// start up to, not including, the day of its end; the day of the change counts
// as remaining (seats added any time on a day are paid for that day). A change
// before the term starts pays the whole term. The amount is rounded once, at the
// end, to the nearest minor unit with halves away from zero (money.MulRat), so
// adding 3 seats at once can differ by a cent from adding 1 seat three times.
// A change on or after the day the term ends is refused: renew the licence.
func ProRata(seatPrice money.Amount, seats int, start, end, at time.Time) (ProRataPrice, error) {
	if seats < 1 || seats > MaxSeats {
		return ProRataPrice{}, errs.Field("seats", "must be between 1 and %d", MaxSeats)
	}
	if seatPrice.Minor < 0 {
		return ProRataPrice{}, errs.Field("seat_price", "must not be negative")
	}
	startDay, endDay, day := dayOf(start), dayOf(end), dayOf(at)
	term := days(startDay, endDay)
	if term <= 0 {
		return ProRataPrice{}, errs.Field("ends_at", "the term must last at least one day")
	}
	if !day.Before(endDay) {
		return ProRataPrice{}, &errs.Error{Code: errs.Conflict, Message: "the licence term ended on " +
			endDay.Format(time.DateOnly) + "; renew it instead of adding seats",
			Detail: map[string]any{"ends_at": end}}
	}
	remaining := term
	if day.After(startDay) {
		remaining = days(day, endDay)
	}
	amount, err := seatPrice.MulRat(int64(seats)*int64(remaining), int64(term))
	if err != nil {
		return ProRataPrice{}, errs.Field("seats", "the price is too large")
	}
	return ProRataPrice{Amount: amount, Seats: seats, DaysRemaining: remaining, TermDays: term}, nil
}

func dayOf(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// days counts the calendar days from a up to b, both midnights UTC.
func days(a, b time.Time) int { return int(b.Sub(a) / (24 * time.Hour)) }
