package store_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"b2x/catalog"
	"b2x/ids"
	"b2x/money"
	"b2x/pricing"
	"b2x/store"
	"b2x/store/storetest"
)

// A typed word is a prefix of any length on both engines: PostgreSQL looks a
// prefix of 2 to 6 characters up as one key and a longer one as a prefix of
// words (migration 0027), SQLite's FTS5 through its prefix indexes (0025). The
// boundaries (1, 2, 6 and 7 characters), words in the body, Cyrillic, digits
// and a one-letter word matched whole must find the same products.
func TestSearchPrefixLengths(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		products := []struct{ sku, name, description string }{
			{"P-1", "Benchmark 789", "Heavy"},
			{"P-2", "Bench 78", "For a garden"},
			{"P-3", "Кирпичный завод", "Облицовочный x"},
			{"P-4", "Hammers", "Steel benchmarks"},
			{"P-5", "Ab 7", ""},
			// A word longer than PostgreSQL's lexemes (2,047 bytes) is left
			// out of its index, not a reason to refuse the product.
			{"P-6", "Crowbar", strings.Repeat("q", 3000)},
		}
		err := db.Write(ctx, func(tx *store.Tx) error {
			for _, it := range products {
				p := catalog.Product{ID: ids.New(), SKU: it.sku, Name: it.name, Description: it.description, Kind: catalog.Goods,
					Unit: "pcs", Channels: catalog.Channels{catalog.B2C}, Status: catalog.Active, CreatedAt: now, UpdatedAt: now}
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
		tests := []struct {
			text string
			want []string
		}{
			{"b", []string{}},                        // one letter: a whole word, and there is none
			{"x", []string{"P-3"}},                   // one letter that is a word
			{"7", []string{"P-5"}},                   // a whole number, not 78 or 789
			{"78", []string{"P-1", "P-2"}},           // 2 characters: 78 and 789
			{"be", []string{"P-1", "P-2", "P-4"}},    // in the body too
			{"bench", []string{"P-1", "P-2", "P-4"}}, // the word itself and longer ones
			{"benchm", []string{"P-1", "P-4"}},       // 6 characters
			{"benchma", []string{"P-1", "P-4"}},      // 7: a prefix of whole words
			{"benchmarks", []string{"P-1", "P-4"}},   // stemmed: benchmark
			{"benchmarkz", []string{}},               // longer than any word
			{"hammer", []string{"P-4"}},              // 6 characters, a word of 7
			{"ab", []string{"P-5"}},                  // a 2-letter word typed whole
			{"кирпи", []string{"P-3"}},               // Cyrillic, counted in characters
			{"кирпичн", []string{"P-3"}},             // 7 Cyrillic characters
			{"облицовочные заводы", []string{"P-3"}}, // Russian stems, every word
			{"bench garden", []string{"P-2"}},        // every term must match
			{"be 789", []string{"P-1"}},              // a short prefix and a number
			{"benchmark heavy steel", []string{}},    // no product has all three
		}
		for _, tt := range tests {
			if got := searchSKUs(t, db, tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("search %q found %q, want %q", tt.text, got, tt.want)
			}
		}
	})
}
