package store_test

import (
	"context"
	"testing"
	"time"

	"b2x/ids"
	"b2x/party"
	"b2x/qty"
	"b2x/store"
	"b2x/store/storetest"
)

// A contact sees the shared lists and their own, never a colleague's own or
// another organization's; a contact's language round-trips.
func TestSavedListOwnersAndContactLanguage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		org, other := partyOrg(t, db, "Acme", "", ""), partyOrg(t, db, "Other", "", "")
		at := partyTime.UTC().Truncate(time.Microsecond)
		contact := func(orgID, name string) party.Contact {
			c := party.Contact{ID: ids.New(), OrganizationID: orgID, Name: name, CreatedAt: at, UpdatedAt: at}
			partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertContact(ctx, &c) })
			return c
		}
		vera, ivan, olga := contact(org.ID, "Vera"), contact(org.ID, "Ivan"), contact(other.ID, "Olga")
		list := func(orgID, contactID, name string) store.SavedList {
			l := store.SavedList{ID: ids.New(), OrganizationID: orgID, ContactID: contactID, Name: name, CreatedAt: at, UpdatedAt: at,
				Lines: []store.SavedListLine{{SKU: "BRK", Quantity: qty.Units(1)}}}
			partyWrite(t, db, func(tx *store.Tx) error { return tx.InsertSavedList(ctx, &l) })
			return l
		}
		shared, own := list(org.ID, "", "Shared"), list(org.ID, vera.ID, "Vera's")
		list(other.ID, olga.ID, "Olga's")
		names := func(orgID, contactID string) (out []string) {
			for _, l := range b2bRead(t, db, func(tx *store.Tx) ([]store.SavedList, error) { return tx.SavedListsFor(ctx, orgID, contactID) }) {
				out = append(out, l.Name+"/"+l.ContactID)
			}
			return out
		}
		if got := names(org.ID, vera.ID); len(got) != 2 || got[0] != "Shared/" || got[1] != "Vera's/"+vera.ID {
			t.Errorf("Vera sees %v", got)
		}
		if got := names(org.ID, ivan.ID); len(got) != 1 || got[0] != "Shared/" {
			t.Errorf("Ivan sees %v", got)
		}
		if got := names(other.ID, olga.ID); len(got) != 1 {
			t.Errorf("Olga sees %v", got)
		}
		err := db.Read(ctx, func(tx *store.Tx) error { _, err := tx.SavedListFor(ctx, org.ID, ivan.ID, own.ID); return err })
		if err == nil {
			t.Error("Ivan reads Vera's own list")
		}
		if got := b2bRead(t, db, func(tx *store.Tx) (store.SavedList, error) { return tx.SavedListFor(ctx, org.ID, ivan.ID, shared.ID) }); got.ID != shared.ID {
			t.Errorf("Ivan reads the shared list: %+v", got)
		}
		// Making Vera's list shared is an update of its owner.
		own.ContactID = ""
		partyWrite(t, db, func(tx *store.Tx) error { return tx.UpdateSavedList(ctx, &own) })
		if got := names(org.ID, ivan.ID); len(got) != 2 {
			t.Errorf("after sharing Ivan sees %v", got)
		}

		if got := b2bRead(t, db, func(tx *store.Tx) (string, error) { return tx.ContactLanguage(ctx, vera.ID) }); got != "" {
			t.Errorf("a new contact's language %q", got)
		}
		partyWrite(t, db, func(tx *store.Tx) error { return tx.SetContactLanguage(ctx, vera.ID, "fa") })
		if got := b2bRead(t, db, func(tx *store.Tx) (string, error) { return tx.ContactLanguage(ctx, vera.ID) }); got != "fa" {
			t.Errorf("language %q, want fa", got)
		}
	})
}
