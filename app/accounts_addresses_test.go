package app_test

import (
	"sync"
	"testing"

	"b2x/account"
	"b2x/app"
	"b2x/errs"
	"b2x/ids"
	"b2x/store"
	"b2x/store/storetest"
)

var home = account.Address{Label: "Home", Name: "Ann Example", Line1: "Herrengasse 1", City: "Graz", Postcode: "8010", Country: "at",
	Phone: "+43 316 123456"}

func TestAddressBook(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		ann := f.signUp("Ann", "ann@example.com").Actor
		bob := f.signUp("Bob", "bob@example.com").Actor

		a, err := f.app.AddAddress(f.ctx, ann, home)
		f.must(err)
		if a.Country != "AT" || a.PersonID != ann.PersonID || !ids.Valid(a.ID) || !a.CreatedAt.Equal(accountStart) {
			t.Fatalf("added %+v", a)
		}
		site := home
		site.Label, site.Line1, site.Line2, site.City, site.Postcode, site.Country = "Site", "Baustelle 3", "Tor 2", "Wien", "1010", "AT"
		b, err := f.app.AddAddress(f.ctx, ann, site)
		f.must(err)
		list, err := f.app.Addresses(f.ctx, ann)
		f.must(err)
		if len(list) != 2 || list[0] != a || list[1] != b {
			t.Fatalf("list %+v", list)
		}
		edit := a
		edit.Line2 = "Stiege 2"
		got, err := f.app.UpdateAddress(f.ctx, ann, a.ID, edit)
		f.must(err)
		if read, _ := f.app.Address(f.ctx, ann, a.ID); read != got || read.Line2 != "Stiege 2" || !read.CreatedAt.Equal(a.CreatedAt) {
			t.Errorf("updated %+v, read %+v", got, read)
		}

		// Another person's address does not exist for Bob, whatever he tries.
		wantCode(t, errOf(f.app.Address(f.ctx, bob, a.ID)), errs.NotFound)
		wantCode(t, errOf(f.app.UpdateAddress(f.ctx, bob, a.ID, home)), errs.NotFound)
		wantCode(t, f.app.DeleteAddress(f.ctx, bob, a.ID), errs.NotFound)
		if list, _ := f.app.Addresses(f.ctx, bob); len(list) != 0 {
			t.Errorf("bob sees %+v", list)
		}
		wantCode(t, errOf(f.app.Addresses(f.ctx, app.Actor{})), errs.Unauthorized)
		wantCode(t, errOf(f.app.AddAddress(f.ctx, staffActor, home)), errs.Unauthorized)

		before := f.accountCounts()
		bad := account.Address{Name: " ", Line1: "", City: "Graz", Postcode: "80$10", Country: "Austria", Phone: "ring twice"}
		wantFields(t, errOf(f.app.AddAddress(f.ctx, ann, bad)), "name", "line1", "postcode", "country", "phone")
		wantFields(t, errOf(f.app.UpdateAddress(f.ctx, ann, b.ID, bad)), "name", "line1", "postcode", "country", "phone")
		if after := f.accountCounts(); !mapsEqual(before, after) {
			t.Errorf("refused input wrote %v → %v", before, after)
		}
		if read, _ := f.app.Address(f.ctx, ann, b.ID); read != b {
			t.Errorf("a refused update changed %+v", read)
		}

		f.must(f.app.DeleteAddress(f.ctx, ann, b.ID))
		if list, _ := f.app.Addresses(f.ctx, ann); len(list) != 1 {
			t.Errorf("after delete %d addresses", len(list))
		}
	})
}

// Concurrent adds never pass the bound of the address book.
func TestAddressBookBound(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAccountFixture(t, db)
		ann := f.signUp("Ann", "ann@example.com").Actor
		const tries = account.MaxAddresses + 6
		results := make([]error, tries)
		var wg sync.WaitGroup
		for i := range tries {
			wg.Go(func() { _, results[i] = f.app.AddAddress(f.ctx, ann, home) })
		}
		wg.Wait()
		count := map[errs.Code]int{}
		for _, err := range results {
			if err != nil {
				count[errs.CodeOf(err)]++
			}
		}
		list, err := f.app.Addresses(f.ctx, ann)
		f.must(err)
		if len(list) != account.MaxAddresses || count[errs.Conflict] != tries-account.MaxAddresses {
			t.Errorf("%d addresses, refusals %v", len(list), count)
		}
	})
}
