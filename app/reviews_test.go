package app_test

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"b2x/app"
	"b2x/errs"
	"b2x/order"
	"b2x/party"
	"b2x/review"
	"b2x/store"
	"b2x/store/storetest"
)

func TestReviewVerifiedModeratedAndSummarized(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAfterSales(t, newFixture(t, db))
		bob, err := f.app.CreatePerson(f.ctx, staffActor, asPerson("Bob", "bob@example.com"))
		f.must(err)
		f.buy(f.ann.ID, "", "DRL-BLUE") // a variant: the review of the parent is verified
		annActor, bobActor := app.Actor{PersonID: f.ann.ID}, app.Actor{PersonID: bob.ID}

		r1, err := f.app.SubmitReview(f.ctx, annActor, app.NewReview{SKU: "DRL", Rating: 5, Title: " Great drill ",
			Body: "<script>alert(1)</script> works"})
		f.must(err)
		if !r1.Verified || r1.Status != review.Pending || r1.SKU != "DRL" || r1.AuthorName != "Ann S." || r1.Title != "Great drill" ||
			r1.Body != "<script>alert(1)</script> works" {
			t.Errorf("ann's review: %+v", r1)
		}
		// Bob never bought one; his review of a variant is kept on the parent, unverified.
		r2, err := f.app.SubmitReview(f.ctx, bobActor, app.NewReview{SKU: "DRL-RED", Rating: 2, Title: "Meh", Body: "Loud.", Name: "Bobby"})
		f.must(err)
		if r2.Verified || r2.SKU != "DRL" || r2.AuthorName != "Bobby" {
			t.Errorf("bob's review: %+v", r2)
		}

		// The customer's page in the back office lists what they wrote, pending or not.
		cv, err := f.app.CustomerView(f.ctx, staffActor, bob.ID)
		f.must(err)
		if len(cv.Reviews) != 1 || cv.Reviews[0].ID != r2.ID {
			t.Errorf("bob's page lists reviews %+v", cv.Reviews)
		}

		// Nothing is public before moderation.
		pub, err := f.app.Reviews(f.ctx, app.Actor{}, "DRL", app.ReviewQuery{Limit: 10})
		f.must(err)
		if len(pub) != 0 {
			t.Errorf("public sees %d pending reviews", len(pub))
		}
		if _, err := f.app.Reviews(f.ctx, app.Actor{}, "DRL", app.ReviewQuery{Status: review.Pending, Limit: 10}); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("public asks for pending: %v", err)
		}
		queue, err := f.app.Reviews(f.ctx, staffActor, "", app.ReviewQuery{Status: review.Pending, Limit: 10})
		f.must(err)
		if len(queue) != 2 || queue[0].ID != r2.ID {
			t.Errorf("moderation queue: %+v", queue)
		}

		if _, err := f.app.ModerateReview(f.ctx, annActor, r1.ID, review.Approved, ""); errs.CodeOf(err) != errs.Unauthorized {
			t.Errorf("a consumer moderates: %v", err)
		}
		if _, err := f.app.ModerateReview(f.ctx, staffActor, r2.ID, review.Rejected, ""); !slices.Equal(fieldsOf(err), []string{"reason"}) {
			t.Errorf("rejection without reason: %v", err)
		}
		m, err := f.app.ModerateReview(f.ctx, staffActor, r1.ID, review.Approved, "")
		f.must(err)
		if m.Status != review.Approved || m.ModeratedBy != staffActor.UserID || m.ModeratedAt.IsZero() {
			t.Errorf("approved: %+v", m)
		}
		_, err = f.app.ModerateReview(f.ctx, staffActor, r2.ID, review.Rejected, "Off topic")
		f.must(err)
		if _, err := f.app.ModerateReview(f.ctx, staffActor, r2.ID, review.Approved, ""); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("approve a rejected review: %v", err)
		}

		pub, err = f.app.Reviews(f.ctx, app.Actor{}, "DRL-BLUE", app.ReviewQuery{Limit: 10})
		f.must(err)
		if len(pub) != 1 || pub[0].ID != r1.ID || pub[0].Email != "" || pub[0].PersonID != "" || pub[0].Body != r1.Body {
			t.Errorf("public reviews of a variant: %+v", pub)
		}
		if _, err := f.app.Review(f.ctx, app.Actor{}, r2.ID); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("public reads a rejected review: %v", err)
		}

		s, err := f.app.ReviewSummary(f.ctx, "DRL-RED")
		f.must(err)
		if s.SKU != "DRL-RED" || s.Count != 1 || s.Average != 5 || s.Histogram != [5]int{0, 0, 0, 0, 1} {
			t.Errorf("summary: %+v", s)
		}
		if _, err := f.app.ReviewSummary(f.ctx, "NOPE"); errs.CodeOf(err) != errs.NotFound {
			t.Errorf("summary of an unknown SKU: %v", err)
		}
	})
}

func asPerson(name, email string) party.Person { return party.Person{Name: name, Email: email} }

func TestReviewOnePerAuthor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAfterSales(t, newFixture(t, db))
		ann := app.Actor{PersonID: f.ann.ID}
		in := app.NewReview{SKU: "DRL", Rating: 4, Title: "Good", Body: "Good."}
		first, err := f.app.SubmitReview(f.ctx, ann, in)
		f.must(err)
		in.SKU = "DRL-BLUE" // a variant is the same product
		if _, err := f.app.SubmitReview(f.ctx, ann, in); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("second review of the product: %v", err)
		}
		in.SKU = "BRK" // another product is fine
		_, err = f.app.SubmitReview(f.ctx, ann, in)
		f.must(err)

		// A rejected review makes room for a new one.
		_, err = f.app.ModerateReview(f.ctx, staffActor, first.ID, review.Rejected, "Contains a phone number")
		f.must(err)
		in.SKU = "DRL"
		_, err = f.app.SubmitReview(f.ctx, ann, in)
		f.must(err)

		// Guests are one per email, whatever its case.
		o := f.buy("", "gus@example.com", "DRL")
		g := app.NewReview{SKU: "DRL", Rating: 3, Title: "OK", Body: "OK.", Email: "gus@example.com", OrderNumber: o.Number}
		_, err = f.app.SubmitReview(f.ctx, app.Actor{}, g)
		f.must(err)
		g.Email = "GUS@example.com"
		if _, err := f.app.SubmitReview(f.ctx, app.Actor{}, g); errs.CodeOf(err) != errs.Conflict {
			t.Errorf("second guest review: %v", err)
		}
	})
}

func TestReviewConcurrentSubmitsMakeOne(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAfterSales(t, newFixture(t, db))
		var wg sync.WaitGroup
		results := make([]error, 8)
		for i := range results {
			wg.Go(func() {
				_, results[i] = f.app.SubmitReview(f.ctx, app.Actor{PersonID: f.ann.ID},
					app.NewReview{SKU: "DRL", Rating: 4, Title: "Good", Body: "Good."})
			})
		}
		wg.Wait()
		ok := 0
		for _, err := range results {
			switch errs.CodeOf(err) {
			case errs.Conflict:
			default:
				if err != nil {
					t.Errorf("unexpected: %v", err)
				}
				ok++
			}
		}
		n, err := f.db.CountRows(f.ctx, "reviews")
		f.must(err)
		if ok != 1 || n != 1 {
			t.Errorf("%d succeeded, %d stored; want 1 and 1", ok, n)
		}
	})
}

func TestGuestReviewNeedsItsOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAfterSales(t, newFixture(t, db))
		o := f.buy("", "Gus@Example.com", "DRL-RED")
		brick := f.buy("", "gus@example.com", "BRK")
		cancelled := f.buy("", "gus@example.com", "DRL")
		_, err := f.app.TransitionOrder(f.ctx, staffActor, cancelled.ID, order.Cancelled, "changed mind")
		f.must(err)
		personal := f.buy(f.ann.ID, "", "DRL")

		base := app.NewReview{SKU: "DRL", Rating: 5, Title: "Fine", Body: "Fine.", Email: "gus@example.com", OrderNumber: o.Number}
		tests := []struct {
			name   string
			change func(*app.NewReview)
			fields []string
		}{
			{"another email", func(r *app.NewReview) { r.Email = "eve@example.com" }, []string{"order_number"}},
			{"no such order", func(r *app.NewReview) { r.OrderNumber = "B2X-999999" }, []string{"order_number"}},
			{"order without the product", func(r *app.NewReview) { r.OrderNumber = brick.Number }, []string{"order_number"}},
			{"cancelled order", func(r *app.NewReview) { r.OrderNumber = cancelled.Number }, []string{"order_number"}},
			{"a person's order", func(r *app.NewReview) { r.OrderNumber = personal.Number }, []string{"order_number"}},
			{"no email", func(r *app.NewReview) { r.Email = "" }, []string{"email"}},
			{"no order number", func(r *app.NewReview) { r.OrderNumber = "" }, []string{"order_number"}},
			{"unknown product", func(r *app.NewReview) { r.SKU = "NOPE" }, []string{"sku"}},
			{"bad input", func(r *app.NewReview) { r.Rating, r.Title, r.Body = 0, "", strings.Repeat("x", review.MaxBody+1) },
				[]string{"rating", "title", "body"}},
		}
		for _, tt := range tests {
			in := base
			tt.change(&in)
			_, err := f.app.SubmitReview(f.ctx, app.Actor{}, in)
			if !slices.Equal(fieldsOf(err), tt.fields) {
				t.Errorf("%s: %v, want fields %v", tt.name, err, tt.fields)
			}
		}
		if n, _ := f.db.CountRows(f.ctx, "reviews"); n != 0 {
			t.Fatalf("refused reviews wrote %d rows", n)
		}
		r, err := f.app.SubmitReview(f.ctx, app.Actor{}, base)
		f.must(err)
		if !r.Verified || r.OrderID != o.ID || r.Email != "gus@example.com" || r.AuthorName != "Gus G." || r.PersonID != "" {
			t.Errorf("guest review: %+v", r)
		}
		// A consumer is verified by a guest order placed with their email too.
		eve, err := f.app.CreatePerson(f.ctx, staffActor, asPerson("Eve", "GUS@example.com"))
		f.must(err)
		r, err = f.app.SubmitReview(f.ctx, app.Actor{PersonID: eve.ID}, app.NewReview{SKU: "DRL", Rating: 1, Title: "x", Body: "y"})
		f.must(err)
		if !r.Verified || r.AuthorName != "Eve" {
			t.Errorf("consumer with a guest order: %+v", r)
		}
		if _, err := f.app.SubmitReview(f.ctx, app.Actor{PersonID: eve.ID}, app.NewReview{SKU: "BRK", Rating: 1, Title: "x",
			Body: "y", Email: "x@example.com"}); !slices.Equal(fieldsOf(err), []string{"email"}) {
			t.Errorf("consumer with guest proof: %v", err)
		}
		if _, err := f.app.SubmitReview(f.ctx, app.Actor{ContactID: "c", OrganizationID: "o"}, base); errs.CodeOf(err) != errs.Forbidden {
			t.Errorf("a buyer reviews: %v", err)
		}
	})
}

func TestReviewSummaries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAfterSales(t, newFixture(t, db))
		ratings := map[string][]int{"DRL": {5, 4, 4, 2}, "BRK": {3}}
		for sku, rs := range ratings {
			for i, rating := range rs {
				p, err := f.app.CreatePerson(f.ctx, staffActor, asPerson("P"+strconv.Itoa(i), ""))
				f.must(err)
				r, err := f.app.SubmitReview(f.ctx, app.Actor{PersonID: p.ID}, app.NewReview{SKU: sku, Rating: rating, Title: "t", Body: "b"})
				f.must(err)
				if i < len(rs)-1 || sku == "BRK" { // the last drill review stays pending
					_, err = f.app.ModerateReview(f.ctx, staffActor, r.ID, review.Approved, "")
					f.must(err)
				}
			}
		}
		got, err := f.app.ReviewSummaries(f.ctx, []string{"DRL", "DRL-RED", "BRK", "NOPE"})
		f.must(err)
		want := map[string]review.Summary{
			"DRL":     {SKU: "DRL", Count: 3, Average: 4.3, Histogram: [5]int{0, 0, 0, 2, 1}},
			"DRL-RED": {SKU: "DRL-RED", Count: 3, Average: 4.3, Histogram: [5]int{0, 0, 0, 2, 1}},
			"BRK":     {SKU: "BRK", Count: 1, Average: 3, Histogram: [5]int{0, 0, 1, 0, 0}},
		}
		if len(got) != len(want) {
			t.Errorf("summaries: %+v", got)
		}
		for sku, w := range want {
			if got[sku] != w {
				t.Errorf("%s: %+v, want %+v", sku, got[sku], w)
			}
		}
		many := make([]string, app.MaxPageSize+2)
		if _, err := f.app.ReviewSummaries(f.ctx, many); errs.CodeOf(err) != errs.Invalid {
			t.Errorf("too many SKUs: %v", err)
		}
	})
}

func TestModerateReviewOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newAfterSales(t, newFixture(t, db))
		r, err := f.app.SubmitReview(f.ctx, app.Actor{PersonID: f.ann.ID}, app.NewReview{SKU: "DRL", Rating: 4, Title: "t", Body: "b"})
		f.must(err)
		var wg sync.WaitGroup
		results := make([]error, 6)
		for i := range results {
			wg.Go(func() {
				decision, reason := review.Approved, ""
				if i%2 == 1 {
					decision, reason = review.Rejected, "no"
				}
				_, results[i] = f.app.ModerateReview(f.ctx, staffActor, r.ID, decision, reason)
			})
		}
		wg.Wait()
		// Approved → rejected is allowed, so up to two may win, never two approvals.
		approvals := 0
		for i, err := range results {
			if err == nil && i%2 == 0 {
				approvals++
			} else if err != nil && errs.CodeOf(err) != errs.Conflict {
				t.Errorf("unexpected: %v", err)
			}
		}
		if approvals > 1 {
			t.Errorf("%d approvals of one review", approvals)
		}
	})
}
