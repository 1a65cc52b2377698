package app_test

import (
	"context"
	"testing"
	"time"

	"b2x/app"
	"b2x/demo"
	"b2x/store"
	"b2x/store/storetest"
)

// TestSeedDemoReviewsAndNews seeds a small demo data set and reads its reviews
// and news back through the use cases.
func TestSeedDemoReviewsAndNews(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 6, 15, 12, 0, 0, 0, time.UTC)
		d := demo.GenerateSized(3, now, demo.Size{Persons: 150, Organizations: 5, Orders: 800, Months: 6})
		a := app.New(db, app.WithClock(func() time.Time { return now }))
		if err := a.SeedDemo(ctx, d); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.CountRows(ctx, "reviews"); n != len(d.Reviews) || n == 0 {
			t.Errorf("%d reviews stored, %d generated", n, len(d.Reviews))
		}
		approved := map[string]int{}
		for _, r := range d.Reviews {
			if r.Status == "approved" {
				approved[r.SKU]++
			}
		}
		var skus []string
		for sku := range approved {
			skus = append(skus, sku)
		}
		sums, err := a.ReviewSummaries(ctx, skus)
		if err != nil {
			t.Fatal(err)
		}
		for sku, n := range approved {
			if sums[sku].Count != n || sums[sku].Average < 1 {
				t.Errorf("%s: summary %+v, want %d approved", sku, sums[sku], n)
			}
		}
		at, err := a.LatestNewsAt(ctx)
		if err != nil || now.Sub(at) > 72*time.Hour {
			t.Errorf("latest news at %s (%v)", at, err)
		}
		posts, err := a.LatestNews(ctx, "", 20)
		if err != nil || len(posts) == 0 || len(posts) == len(d.News) {
			t.Errorf("%d public posts of %d (%v)", len(posts), len(d.News), err)
		}
	})
}
