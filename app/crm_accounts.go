package app

import (
	"context"

	"b2x/crm"
	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/staff"
	"b2x/store"
)

// ReassignAccount gives an organization to an account manager (S14) from now on.
// The previous assignment ends rather than being overwritten, so the history tells
// who managed the account when. It returns the organization's history.
func (a *App) ReassignAccount(ctx context.Context, actor Actor, organizationID, manager string) ([]crm.Assignment, error) {
	if err := require(actor, staff.AccountsAssign); err != nil {
		return nil, err
	}
	if !ids.Valid(organizationID) {
		return nil, errs.E(errs.NotFound, "no organization %s", organizationID)
	}
	var out []crm.Assignment
	err := a.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Organization(ctx, organizationID); err != nil {
			return err
		}
		if manager == "" {
			return errs.Field("manager", "is required")
		}
		if err := checkLinks(ctx, tx, links{Owner: manager}); errs.CodeOf(err) == errs.Invalid {
			return errs.Field("manager", "no enabled staff user %s", manager)
		} else if err != nil {
			return err
		}
		history, err := tx.LockAssignments(ctx, organizationID)
		if err != nil {
			return err
		}
		now := a.clock()
		out, err = crm.Reassign(history, organizationID, manager, now, actor.Label())
		if err != nil {
			return err
		}
		if err := tx.Reassign(ctx, out[len(out)-1]); err != nil {
			return err
		}
		from, _ := crm.ManagerAt(history, organizationID, now)
		return a.audit(ctx, tx, actor, "account.reassign", "organization", organizationID,
			map[string]FieldChange{"manager": {From: from, To: manager}})
	})
	return out, err
}

// AccountHistory returns an organization's account managers, oldest first.
func (a *App) AccountHistory(ctx context.Context, actor Actor, organizationID string) ([]crm.Assignment, error) {
	if err := require(actor, staff.AccountManagerRead); err != nil {
		return nil, err
	}
	if !ids.Valid(organizationID) {
		return nil, errs.E(errs.NotFound, "no organization %s", organizationID)
	}
	var out []crm.Assignment
	err := a.read(ctx, func(tx *store.Tx) error {
		if _, err := tx.Organization(ctx, organizationID); err != nil {
			return err
		}
		var err error
		out, err = tx.Assignments(ctx, organizationID)
		return err
	})
	return out, err
}

// Workload returns what each account manager carries: accounts, open deals with
// their sums per currency, and overdue activities — crm's WorkloadRow, computed
// with three aggregates instead of loading every deal and activity (the store
// tests check the two agree).
func (a *App) Workload(ctx context.Context, actor Actor) ([]crm.WorkloadRow, error) {
	if err := require(actor, staff.AccountManagerRead); err != nil {
		return nil, err
	}
	var out []crm.WorkloadRow
	err := a.read(ctx, func(tx *store.Tx) error {
		p, err := tx.Pipeline(ctx)
		if err != nil {
			return err
		}
		var open []string
		for _, s := range p.Stages {
			if !s.Closed() {
				open = append(open, s.Key)
			}
		}
		assigned, err := tx.CurrentAssignments(ctx)
		if err != nil {
			return err
		}
		deals, err := tx.OpenDealsByOwner(ctx, open)
		if err != nil {
			return err
		}
		overdue, err := tx.OverdueCounts(ctx, a.clock())
		if err != nil {
			return err
		}
		rows := map[string]*crm.WorkloadRow{}
		row := func(m string) *crm.WorkloadRow {
			if rows[m] == nil {
				rows[m] = &crm.WorkloadRow{Manager: m, OpenAmount: []money.Amount{}}
			}
			return rows[m]
		}
		for _, as := range assigned {
			row(as.Manager).Accounts++
		}
		for m, ts := range deals {
			r := row(m)
			for _, t := range ts {
				r.OpenDeals += t.Count
				r.OpenAmount = append(r.OpenAmount, t.Amount) // one per currency, sorted by the query
			}
		}
		for m, n := range overdue {
			row(m).OverdueTasks = n
		}
		out = make([]crm.WorkloadRow, 0, len(rows))
		for _, m := range sortedMapKeys(rows) {
			// An account manager sees what they carry, not their colleagues'.
			if mine := managerOf(actor); mine == "" || m == mine {
				out = append(out, *rows[m])
			}
		}
		return nil
	})
	return out, err
}
