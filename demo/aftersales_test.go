package demo_test

import (
	"testing"

	"b2x/catalog"
	"b2x/order"
	"b2x/review"
)

func TestGenerateReviewsAndNews(t *testing.T) {
	d := full()
	if len(d.Reviews) < 40 {
		t.Fatalf("%d reviews, want at least 40", len(d.Reviews))
	}
	parent := map[string]string{}
	for _, p := range d.Products {
		parent[p.SKU] = p.SKU
		if p.VariantOf != "" {
			parent[p.SKU] = p.VariantOf
		}
	}
	bought := map[[2]string]bool{} // person, product (the parent of a variant)
	for _, o := range d.Orders {
		if o.Channel == catalog.B2C && o.Customer.PersonID != "" && o.Status != order.Cancelled {
			for _, l := range o.Lines {
				bought[[2]string{o.Customer.PersonID, parent[l.SKU]}] = true
			}
		}
	}
	products, authors := map[string]int{}, map[[2]string]bool{}
	stars := 0
	for i, r := range d.Reviews {
		if err := r.Validate(); err != nil {
			t.Errorf("review %d: %v", i, err)
		}
		key := [2]string{r.PersonID, r.SKU}
		if !bought[key] || !r.Verified {
			t.Errorf("review %s of %s by %s, who did not buy it", r.ID, r.SKU, r.PersonID)
		}
		if authors[key] {
			t.Errorf("%s reviewed %s twice", r.PersonID, r.SKU)
		}
		authors[key] = true
		if parent[r.SKU] != r.SKU {
			t.Errorf("review kept on variant %s", r.SKU)
		}
		if r.CreatedAt.After(d.Now) || (r.Status == review.Approved && r.ModeratedAt.After(d.Now)) {
			t.Errorf("review %s from the future: %+v", r.ID, r)
		}
		if i > 0 && r.CreatedAt.Before(d.Reviews[i-1].CreatedAt) {
			t.Errorf("reviews out of time order at %d", i)
		}
		products[r.SKU]++
		stars += r.Rating
	}
	if len(products) < 8 || len(products) > 12 {
		t.Errorf("reviews on %d products, want the 8–12 most bought", len(products))
	}
	if avg := float64(stars) / float64(len(d.Reviews)); avg < 3.3 || avg > 4.6 {
		t.Errorf("average rating %.2f: reviews should be mostly good, not all", avg)
	}

	public, newest := 0, d.Now.AddDate(-1, 0, 0)
	for _, p := range d.News {
		if err := p.Validate(); err != nil {
			t.Errorf("post %s: %v", p.Slug, err)
		}
		if p.Public(d.Now) {
			public++
			if p.PublishedAt.After(newest) {
				newest = p.PublishedAt
			}
		}
	}
	if public < 4 || public == len(d.News) {
		t.Errorf("%d of %d posts public, want most but not all (a draft)", public, len(d.News))
	}
	if d.Now.Sub(newest).Hours() > 72 {
		t.Errorf("newest post %s, want within three days of %s", newest, d.Now)
	}
}
