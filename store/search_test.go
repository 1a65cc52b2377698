package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"b2x/catalog"
	"b2x/ids"
	"b2x/money"
	"b2x/pricing"
	"b2x/search"
	"b2x/store"
	"b2x/store/storetest"
)

// searchSKUs lists the b2c SKUs a text finds, in SKU order.
func searchSKUs(t *testing.T, db *store.DB, text string) []string {
	t.Helper()
	ctx := context.Background()
	var rows []search.Row
	err := db.Read(ctx, func(tx *store.Tx) (err error) {
		rows, _, err = tx.ListingRows(ctx, store.Listing{Channel: catalog.B2C, Match: search.ParseQuery(text).Match()})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, r := range rows {
		out = append(out, r.SKU)
	}
	slices.Sort(out)
	return out
}

// Products written before migration 0004, or by a binary without it, have no
// search rows; Migrate indexes them.
func TestSearchIndexFillsMissingRows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		err := db.Write(ctx, func(tx *store.Tx) error {
			for i := range 1200 { // more than one batch
				p := catalog.Product{ID: ids.New(), SKU: fmt.Sprintf("P-%04d", i), Name: fmt.Sprintf("Кирпич номер %d", i),
					Kind: catalog.Goods, Unit: "pcs", Channels: catalog.Channels{catalog.B2C}, Status: catalog.Active,
					TaxRateBP: 2000, Specs: []catalog.Spec{{Key: "Colour", Value: "red"}}, CreatedAt: now, UpdatedAt: now}
				if err := tx.InsertProduct(ctx, &p); err != nil {
					return err
				}
				if err := tx.SetBasePrice(ctx, pricing.BasePrice{SKU: p.SKU, Channel: catalog.B2C, Price: money.MustNew(100, "EUR")}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := searchSKUs(t, db, "кирпичи 1199"); !slices.Equal(got, []string{"P-1199"}) {
			t.Fatalf("indexed on insert: %q", got)
		}
		for _, q := range []string{`DELETE FROM product_text`, `DELETE FROM product_search`} {
			if err := db.ExecRaw(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if got := searchSKUs(t, db, "кирпичи 1199"); len(got) != 0 {
			t.Fatalf("the emptied index still finds %q", got)
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		for _, table := range []string{"product_search", "product_text"} {
			if n, err := db.CountRows(ctx, table); err != nil || n != 1200 {
				t.Errorf("%s has %d rows after Migrate (%v), want 1200", table, n, err)
			}
		}
		if got := searchSKUs(t, db, "кирпичи 1199"); !slices.Equal(got, []string{"P-1199"}) {
			t.Errorf("after Migrate: %q", got)
		}
		if got := searchSKUs(t, db, "номер"); len(got) != 1200 {
			t.Errorf("a common word finds %d, want all 1200", len(got))
		}
	})
}

// A bounded read ranks and cuts in the database: the first Limit rows in the
// order asked for, whether more match, and an exact SKU wherever it stands.
func TestListingRowsBounded(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		err := db.Write(ctx, func(tx *store.Tx) error {
			for i := range 10 {
				// Price falls as i grows; the newest is i = 9. P-00 to P-04 say
				// "hammer" in the name (title), the others in the description.
				p := catalog.Product{ID: ids.New(), SKU: fmt.Sprintf("P-%02d", i), Name: fmt.Sprintf("Tool %d", i),
					Description: "A hammer for work.", Kind: catalog.Goods, Unit: "pcs", Channels: catalog.Channels{catalog.B2C},
					Status: catalog.Active, TaxRateBP: 0, CreatedAt: now.Add(time.Duration(i) * time.Second)}
				if i < 5 {
					p.Name = fmt.Sprintf("Hammer %d", i)
				}
				p.UpdatedAt = p.CreatedAt
				if err := tx.InsertProduct(ctx, &p); err != nil {
					return err
				}
				if err := tx.SetBasePrice(ctx, pricing.BasePrice{SKU: p.SKU, Channel: catalog.B2C, Price: money.MustNew(int64(1000-10*i), "EUR")}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		read := func(l store.Listing) ([]string, bool) {
			t.Helper()
			l.Channel = catalog.B2C
			if l.Match == "" {
				l.Match = search.ParseQuery("hammer").Match()
			}
			var rows []search.Row
			var more bool
			err := db.Read(ctx, func(tx *store.Tx) (err error) {
				rows, more, err = tx.ListingRows(ctx, l)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			var skus []string
			for _, r := range rows {
				skus = append(skus, r.SKU)
			}
			return skus, more
		}
		cases := []struct {
			l    store.Listing
			want []string
			more bool
		}{
			{store.Listing{Limit: 3, Order: search.PriceAsc}, []string{"P-09", "P-08", "P-07"}, true},
			{store.Listing{Limit: 3, Order: search.PriceDesc}, []string{"P-00", "P-01", "P-02"}, true},
			{store.Listing{Limit: 2, Order: search.Newest}, []string{"P-09", "P-08"}, true},
			{store.Listing{Limit: 2, Order: search.Name}, []string{"P-00", "P-01"}, true},
			// The exact SKU comes after the cut, in any case typed.
			{store.Listing{Limit: 2, Order: search.PriceAsc, Exact: "p-00"}, []string{"P-09", "P-08", "P-00"}, true},
			// One match by relevance: read without a rank.
			{store.Listing{Limit: 5, Order: search.Relevance, Match: search.ParseQuery("hammer 3").Match()}, []string{"P-03"}, false},
			{store.Listing{Limit: 10, Order: search.PriceAsc}, []string{"P-09", "P-08", "P-07", "P-06", "P-05", "P-04", "P-03", "P-02", "P-01", "P-00"}, false},
		}
		for _, c := range cases {
			got, more := read(c.l)
			if !slices.Equal(got, c.want) || more != c.more {
				t.Errorf("%+v: got %v more %t, want %v more %t", c.l, got, more, c.want, c.more)
			}
		}
		// By relevance the five with the word in their title come first.
		got, more := read(store.Listing{Limit: 5, Order: search.Relevance})
		slices.Sort(got)
		if want := []string{"P-00", "P-01", "P-02", "P-03", "P-04"}; !slices.Equal(got, want) || !more {
			t.Errorf("relevance: got %v more %t, want %v more true", got, more, want)
		}
	})
}
