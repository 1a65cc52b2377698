package app

import (
	"context"
	"fmt"

	"b2x/errs"
	"b2x/ids"
	"b2x/store"
)

// links are the records a deal, activity or tender refers to. checkLinks reports
// every one that does not exist as a field error, so a bad reference is a 422
// naming the field, never a foreign-key failure.
type links struct {
	Owner          string // a staff user id
	OrganizationID string
	PersonID       string
	ContactIDs     []string // contacts of OrganizationID when it is set
	OpportunityID  string
	TenderID       string
	QuoteID        string
}

func checkLinks(ctx context.Context, tx *store.Tx, l links) error {
	var fs errs.Fields
	var failed error
	exists := func(field, id string, load func(string) error) {
		if id == "" {
			return
		}
		if !ids.Valid(id) {
			fs.Add(field, "is not an id")
			return
		}
		if err := load(id); errs.CodeOf(err) == errs.NotFound {
			fs.Add(field, "no such record: %s", id)
		} else if err != nil && failed == nil {
			failed = err
		}
	}
	exists("owner", l.Owner, func(id string) error {
		u, err := tx.User(ctx, id)
		if err == nil && u.Disabled {
			return errs.E(errs.NotFound, "disabled")
		}
		return err
	})
	exists("organization_id", l.OrganizationID, func(id string) error { _, err := tx.Organization(ctx, id); return err })
	exists("person_id", l.PersonID, func(id string) error { _, err := tx.Person(ctx, id); return err })
	exists("opportunity_id", l.OpportunityID, func(id string) error { _, err := tx.Opportunity(ctx, id); return err })
	exists("tender_id", l.TenderID, func(id string) error { _, err := tx.Tender(ctx, id); return err })
	exists("quote_id", l.QuoteID, func(id string) error { _, err := tx.Quote(ctx, id); return err })
	for i, c := range l.ContactIDs {
		exists(fmt.Sprintf("contact_ids[%d]", i), c, func(id string) error {
			ct, err := tx.Contact(ctx, id)
			if err == nil && l.OrganizationID != "" && ct.OrganizationID != l.OrganizationID {
				return errs.E(errs.NotFound, "not a contact of the organization")
			}
			return err
		})
	}
	if failed != nil {
		return failed
	}
	return fs.Err()
}
