package app

import (
	"context"

	"b2x/crm"
	"b2x/errs"
	"b2x/staff"
	"b2x/store"
)

// An account manager works their own accounts (S14): they see and change only
// the organizations assigned to them now — the customer page, deals,
// activities and quotes. Everyone else's look like they do not exist, as a
// buyer's view of another organization does. The check is in the use cases,
// so every surface gets it.

// managerOf is the account manager an actor's reads are narrowed to, or "" when
// the role sees every account.
func managerOf(actor Actor) string {
	if actor.Staff() && staff.Role(actor.Role) == staff.AccountManager {
		return actor.UserID
	}
	return ""
}

// checkManaged refuses, as not found, a record (what, id) of an organization an
// account manager does not have now; a record of no organization (a
// consumer's) is not theirs either.
func checkManaged(ctx context.Context, tx *store.Tx, actor Actor, organizationID, what, id string) error {
	m := managerOf(actor)
	if m == "" {
		return nil
	}
	if organizationID != "" {
		ok, err := tx.ManagedBy(ctx, organizationID, m)
		if err != nil || ok {
			return err
		}
	}
	return errs.E(errs.NotFound, "no %s %s", what, id)
}

// checkActivityManaged refuses an account manager's activity that is not about
// one of their accounts: its organization, or its deal's when it names none.
// Their own tasks about no organization and no customer are theirs. With field
// empty the refusal is not found (a stored activity), else a field error (a new
// one).
func checkActivityManaged(ctx context.Context, tx *store.Tx, actor Actor, act crm.Activity, field string) error {
	m := managerOf(actor)
	if m == "" {
		return nil
	}
	if act.OrganizationID == "" && act.OpportunityID == "" && act.PersonID == "" && act.Owner == m {
		return nil
	}
	org := act.OrganizationID
	if org == "" && act.OpportunityID != "" {
		r, err := tx.Opportunity(ctx, act.OpportunityID)
		if err != nil {
			return err
		}
		org = r.Opportunity.OrganizationID
	}
	err := checkManaged(ctx, tx, actor, org, "activity", act.ID)
	if err != nil && field != "" && errs.CodeOf(err) == errs.NotFound {
		return errs.Field(field, "is not one of your accounts")
	}
	return err
}
