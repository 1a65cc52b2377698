package app

import (
	"context"
	"fmt"

	"b2x/crm"
	"b2x/demo"
	"b2x/errs"
	"b2x/store"
)

// SeedCRM writes back-office data (demo.GenerateCRM) into a database that has no
// deals yet, in one transaction: staff users, account-manager history, deals with
// their stage history, activities, tenders and winning points. Every record is
// checked by the same domain rules the use cases apply first. It is an operator's
// command (b2x demo, b2x bench crm), so it takes no actor and writes no audit
// entries.
func (a *App) SeedCRM(ctx context.Context, d *demo.CRMData) error {
	if d == nil {
		return errs.E(errs.Invalid, "no CRM data set")
	}
	if err := checkCRMData(d); err != nil {
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error { return seedCRM(ctx, tx, d) })
}

func checkCRMData(d *demo.CRMData) error {
	p := crm.DefaultPipeline()
	var fs errs.Fields
	for i := range d.Organizations {
		fs.Wrap("organization "+d.Organizations[i].ID, d.Organizations[i].Validate())
	}
	for i := range d.Contacts {
		fs.Wrap("contact "+d.Contacts[i].ID, d.Contacts[i].Validate())
	}
	for i := range d.Opportunities {
		fs.Wrap("opportunity "+d.Opportunities[i].ID, p.Check(&d.Opportunities[i]))
	}
	for i := range d.Activities {
		fs.Wrap("activity "+d.Activities[i].ID, d.Activities[i].Validate())
	}
	for i := range d.Tenders {
		fs.Wrap("tender "+d.Tenders[i].ID, d.Tenders[i].Validate())
	}
	return fs.Err()
}

func seedCRM(ctx context.Context, tx *store.Tx, d *demo.CRMData) error {
	if some, err := tx.ListOpportunities(ctx, store.OpportunityFilter{Limit: 1}); err != nil {
		return err
	} else if len(some) > 0 {
		return errs.E(errs.Conflict, "the database already has deals; CRM data is seeded only once")
	}
	for i := range d.Organizations {
		if err := tx.InsertOrganization(ctx, &d.Organizations[i]); err != nil {
			return fmt.Errorf("seed organization: %w", err)
		}
	}
	for i := range d.Contacts {
		if err := tx.InsertContact(ctx, &d.Contacts[i]); err != nil {
			return fmt.Errorf("seed contact: %w", err)
		}
	}
	if err := tx.InsertUsers(ctx, d.Users); err != nil {
		return fmt.Errorf("seed users: %w", err)
	}
	if err := tx.InsertAssignments(ctx, d.Assignments); err != nil {
		return fmt.Errorf("seed account managers: %w", err)
	}
	if err := tx.InsertOpportunities(ctx, d.Opportunities); err != nil {
		return fmt.Errorf("seed deals: %w", err)
	}
	if err := tx.InsertActivities(ctx, d.Activities); err != nil {
		return fmt.Errorf("seed activities: %w", err)
	}
	for _, t := range d.Tenders {
		owner := d.Users[1].ID
		r := store.TenderRecord{Tender: t, Owner: owner, CreatedAt: t.PublishedAt, UpdatedAt: t.PublishedAt}
		if err := tx.InsertTender(ctx, &r); err != nil {
			return fmt.Errorf("seed tender %s: %w", t.ID, err)
		}
	}
	for _, w := range d.WinningPoints {
		at := d.Users[0].CreatedAt
		if err := tx.InsertWinningPoint(ctx, &store.WinningPoint{ID: w.ID, Title: w.Title, Text: w.Text,
			Tags: w.Tags, CreatedAt: at, UpdatedAt: at}); err != nil {
			return fmt.Errorf("seed winning point: %w", err)
		}
	}
	return nil
}
