package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
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

// A bounded relevance search lists the best matches the channel shows, though
// the best-ranked matches of all are not shown there (PostgreSQL reads the
// best by rank first and must then read again).
func TestListingRowsRelevanceSkipsHidden(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		// P-k says "hammer" k+1 times: the higher k, the better its rank.
		// P-6 is b2b only and P-5 a draft, so a b2c search starts at P-4.
		err := db.Write(ctx, func(tx *store.Tx) error {
			for k := range 7 {
				p := catalog.Product{ID: ids.New(), SKU: fmt.Sprintf("P-%d", k), Name: strings.Repeat("hammer ", k+1),
					Kind: catalog.Goods, Unit: "pcs", Channels: catalog.Channels{catalog.B2C}, Status: catalog.Active,
					CreatedAt: now, UpdatedAt: now}
				switch k {
				case 6:
					p.Channels = catalog.Channels{catalog.B2B}
				case 5:
					p.Status = catalog.Draft
				}
				if err := tx.InsertProduct(ctx, &p); err != nil {
					return err
				}
				for _, ch := range []catalog.Channel{catalog.B2C, catalog.B2B} {
					if err := tx.SetBasePrice(ctx, pricing.BasePrice{SKU: p.SKU, Channel: ch, Price: money.MustNew(100, "EUR")}); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		match := search.ParseQuery("hammer").Match()
		cases := []struct {
			ch    catalog.Channel
			limit int
			want  []string
			more  bool
		}{
			{catalog.B2C, 2, []string{"P-4", "P-3"}, true},
			{catalog.B2C, 4, []string{"P-4", "P-3", "P-2", "P-1"}, true},
			{catalog.B2C, 5, []string{"P-4", "P-3", "P-2", "P-1", "P-0"}, false},
			// The best 7 or 11 are all 7 matches: what is shown of them is all.
			{catalog.B2C, 6, []string{"P-4", "P-3", "P-2", "P-1", "P-0"}, false},
			{catalog.B2C, 10, []string{"P-4", "P-3", "P-2", "P-1", "P-0"}, false},
			{catalog.B2B, 2, []string{"P-6"}, false}, // the others are b2c only
		}
		for _, c := range cases {
			var rows []search.Row
			var more bool
			err := db.Read(ctx, func(tx *store.Tx) (err error) {
				rows, more, err = tx.ListingRows(ctx, store.Listing{Channel: c.ch, Match: match, Limit: c.limit, Order: search.Relevance})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			slices.SortStableFunc(rows, func(a, b search.Row) int {
				if a.Rank < b.Rank {
					return -1
				}
				if a.Rank > b.Rank {
					return 1
				}
				return 0
			})
			var got []string
			for _, r := range rows {
				got = append(got, r.SKU)
			}
			if !slices.Equal(got, c.want) || more != c.more {
				t.Errorf("%s, limit %d: got %v more %t, want %v more %t", c.ch, c.limit, got, more, c.want, c.more)
			}
		}
	})
}
