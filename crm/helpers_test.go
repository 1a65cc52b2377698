package crm

import (
	"slices"
	"strings"
	"testing"
	"time"

	"b2x/errs"
	"b2x/money"
)

// t0 is a Monday.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func eur(minor int64) money.Amount { return money.MustNew(minor, "EUR") }

func day(n int) time.Time { return t0.AddDate(0, 0, n) }

func pct(n int) *int { return &n }

func validOpp() Opportunity {
	return Opportunity{
		ID: "o1", OrganizationID: "org1", Title: "Bricks for the depot", Amount: eur(1_000_00),
		Stage: "lead", ExpectedClose: day(60), Owner: "anna", Source: SourceReferral, CreatedAt: t0,
	}
}

// wantFields fails unless err is invalid and names exactly the fields want (in any
// order); want empty means err must be nil.
func wantFields(t *testing.T, err error, want ...string) {
	t.Helper()
	if len(want) == 0 {
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return
	}
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Invalid {
		t.Fatalf("err = %v, want invalid with fields %v", err, want)
	}
	var got []string
	for _, f := range e.Fields {
		if !slices.Contains(got, f.Field) {
			got = append(got, f.Field)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("fields = %s, want %s (%v)", strings.Join(got, ","), strings.Join(want, ","), err)
	}
}
