package crm

import (
	"cmp"
	"slices"
	"time"

	"b2x/errs"
	"b2x/money"
)

// WorkloadRow is how much one manager carries, to see who can take on a growing
// client (S14).
type WorkloadRow struct {
	Manager   string `json:"manager"`
	Accounts  int    `json:"accounts"`
	OpenDeals int    `json:"open_deals"`
	// OpenAmount is one sum per currency, sorted by currency code: amounts in
	// different currencies are never added together.
	OpenAmount   []money.Amount `json:"open_amount"`
	OverdueTasks int            `json:"overdue_tasks"` // overdue activities of any kind (see Overdue)
}

// Workload returns one row per manager, sorted by name: everyone who has accounts
// (orgsByManager, e.g. the current assignments), owns an open deal or has an overdue
// activity. The only error is an overflow of a sum.
func (p Pipeline) Workload(orgsByManager map[string][]string, opps []Opportunity, activities []Activity, now time.Time) ([]WorkloadRow, error) {
	rows := map[string]*WorkloadRow{}
	row := func(m string) *WorkloadRow {
		if rows[m] == nil {
			rows[m] = &WorkloadRow{Manager: m, OpenAmount: []money.Amount{}}
		}
		return rows[m]
	}
	for m, orgs := range orgsByManager {
		row(m).Accounts = len(orgs)
	}
	for _, o := range opps {
		if !p.IsOpen(o) {
			continue
		}
		r := row(o.Owner)
		r.OpenDeals++
		sum, err := addPerCurrency(r.OpenAmount, o.Amount)
		if err != nil {
			return nil, errs.E(errs.Internal, "workload of %s: %v", o.Owner, err)
		}
		r.OpenAmount = sum
	}
	for m, list := range Overdue(activities, now) {
		row(m).OverdueTasks = len(list)
	}
	out := make([]WorkloadRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b WorkloadRow) int { return cmp.Compare(a.Manager, b.Manager) })
	return out, nil
}

// addPerCurrency adds a to the sum of its currency in sums, keeping sums sorted.
func addPerCurrency(sums []money.Amount, a money.Amount) ([]money.Amount, error) {
	i, found := slices.BinarySearchFunc(sums, a.Currency, func(s money.Amount, c string) int {
		return cmp.Compare(s.Currency, c)
	})
	if !found {
		return slices.Insert(sums, i, a), nil
	}
	s, err := sums[i].Add(a)
	sums[i] = s
	return sums, err
}
