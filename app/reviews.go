package app

import (
	"context"
	"strings"
	"unicode/utf8"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/review"
	"b2x/staff"
	"b2x/store"
)

// NewReview is a review as its author writes it. A signed-in consumer (the
// actor's PersonID) just writes; a guest proves a purchase with the email and the
// number of an order that contains the product.
type NewReview struct {
	SKU    string
	Rating int
	Title  string
	Body   string
	// Name is shown with the review; empty shows the author's first name and the
	// initial of the last.
	Name        string
	Email       string // a guest's
	OrderNumber string // a guest's
}

// ReviewQuery selects a page of reviews, newest first.
type ReviewQuery struct {
	// Status is for staff (the moderation queue); the public sees approved reviews.
	Status review.Status
	Limit  int
	Before string // the last id of the previous page
}

// SubmitReview stores a review for moderation. A review of a variant is kept on
// its parent product. It is a verified purchase when the author has a
// non-cancelled order containing the product or one of its variants: for a
// consumer, an order of theirs or a guest order with their email; a guest's
// review is always verified, since the order is what lets them write it.
func (a *App) SubmitReview(ctx context.Context, actor Actor, in NewReview) (review.Review, error) {
	guest := actor.PersonID == ""
	if actor.Buyer() {
		return review.Review{}, errs.E(errs.Forbidden, "reviews are written by consumers, not by a company's buyer")
	}
	in.Title, in.Body, in.Name = strings.TrimSpace(in.Title), strings.TrimSpace(in.Body), strings.TrimSpace(in.Name)
	in.Email, in.OrderNumber = strings.TrimSpace(in.Email), strings.TrimSpace(in.OrderNumber)
	var fs errs.Fields
	if !catalog.ValidSKU(in.SKU) {
		fs.AddKey("sku", "err.sku", "is not a valid SKU")
	}
	if guest {
		if !validEmail(in.Email) {
			fs.AddKey("email", "err.review.order_email", "must be the email address the order was placed with")
		}
		if in.OrderNumber == "" || len(in.OrderNumber) > 40 {
			fs.AddKey("order_number", "err.review.order_number", "must be the number of an order that contains the product")
		}
	} else if in.Email != "" || in.OrderNumber != "" {
		fs.AddKey("email", "err.review.guest_only", "is only for guests; a signed-in customer's orders are found by themselves")
	}
	now := a.clock()
	r := review.Review{ID: ids.At(now), PersonID: actor.PersonID, Email: strings.ToLower(in.Email), AuthorName: in.Name,
		Rating: in.Rating, Title: in.Title, Body: in.Body, Status: review.Pending, CreatedAt: now}
	if r.AuthorName == "" {
		r.AuthorName = "-" // filled in below from the person or the order
	}
	fs.Wrap("", r.Validate())
	if err := fs.Err(); err != nil {
		return review.Review{}, err
	}
	err := a.write(ctx, func(tx *store.Tx) error {
		root, family, err := tx.SKUFamily(ctx, in.SKU)
		if errs.CodeOf(err) == errs.NotFound {
			return errs.FieldKey("sku", "err.product.unknown", "no product {sku}", "sku", in.SKU)
		} else if err != nil {
			return err
		}
		if p, err := tx.Product(ctx, root); err != nil {
			return err
		} else if p.Status == catalog.Draft {
			return errs.FieldKey("sku", "err.product.unknown", "no product {sku}", "sku", in.SKU)
		}
		r.SKU = root
		var fullName string
		if guest {
			buy, ok, err := tx.FindPurchase(ctx, store.PurchaseFilter{SKUs: family, Email: in.Email, OrderNumber: in.OrderNumber})
			if err != nil {
				return err
			}
			if !ok {
				// The same answer whether the order is missing, someone else's or without
				// the product: an order number must not reveal anything about the order.
				return errs.FieldKey("order_number", "err.review.no_purchase", "is not an order of this email that contains {sku}", "sku", in.SKU)
			}
			r.OrderID, r.Verified, fullName = buy.OrderID, true, buy.GuestName
		} else {
			person, err := tx.Person(ctx, actor.PersonID)
			if errs.CodeOf(err) == errs.NotFound {
				return errs.EKey(errs.Unauthorized, "err.account.gone", "sign in again: this customer account no longer exists")
			} else if err != nil {
				return err
			}
			_, ok, err := tx.FindPurchase(ctx, store.PurchaseFilter{SKUs: family, PersonID: person.ID, Email: person.Email})
			if err != nil {
				return err
			}
			r.Verified, fullName = ok, person.Name
		}
		if in.Name == "" {
			r.AuthorName = shortName(fullName)
		}
		return tx.InsertReview(ctx, &r)
	})
	return r, err
}

// shortName is the name shown with a review when the author gives none: the
// first name and the initial of the last ("Ann S."), so a full name is not
// published by default.
func shortName(full string) string {
	f := strings.Fields(full)
	switch len(f) {
	case 0:
		return "Customer"
	case 1:
		return f[0]
	}
	last, _ := utf8.DecodeRuneInString(f[len(f)-1])
	return f[0] + " " + string(last) + "."
}

// ModerateReview approves or rejects a review (staff). See review.Moderate.
func (a *App) ModerateReview(ctx context.Context, actor Actor, id string, decision review.Status, reason string) (review.Review, error) {
	if err := require(actor, staff.ReviewsModerate); err != nil {
		return review.Review{}, err
	}
	if !ids.Valid(id) {
		return review.Review{}, errs.E(errs.NotFound, "no review %s", id)
	}
	var r review.Review
	err := a.write(ctx, func(tx *store.Tx) (err error) {
		if r, err = tx.Review(ctx, id); err != nil {
			return err
		}
		from := r.Status
		if err := review.Moderate(&r, decision, reason, actor.Label(), a.clock()); err != nil {
			return err
		}
		if err := tx.ModerateReview(ctx, &r, from); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "review.moderate", "review", id,
			map[string]any{"status": FieldChange{From: from, To: r.Status}, "reason": reason})
	})
	if err == nil {
		// Product pages kept rendered show the rating and the newest reviews:
		// the moderator sees the decision on the shop at once.
		a.shop.changed()
	}
	return r, err
}

// Review returns one review: staff see any, the public only approved ones and
// without the author's email, person and order.
func (a *App) Review(ctx context.Context, actor Actor, id string) (review.Review, error) {
	if !ids.Valid(id) {
		return review.Review{}, errs.E(errs.NotFound, "no review %s", id)
	}
	var r review.Review
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		r, err = tx.Review(ctx, id)
		return err
	})
	if err != nil {
		return r, err
	}
	if !actor.Can(staff.ReviewsModerate) {
		if r.Status != review.Approved {
			return review.Review{}, errs.E(errs.NotFound, "no review %s", id)
		}
		r = publicReview(r)
	}
	return r, nil
}

// publicReview keeps what anyone may see of a review.
func publicReview(r review.Review) review.Review {
	r.PersonID, r.Email, r.OrderID, r.ModeratedBy = "", "", "", ""
	return r
}

// Reviews lists a product's reviews, newest first. The public sees approved
// reviews without the authors' emails; staff may list by status, and with an
// empty sku across all products (the moderation queue).
func (a *App) Reviews(ctx context.Context, actor Actor, sku string, q ReviewQuery) ([]review.Review, error) {
	var fs errs.Fields
	checkLimit(&fs, q.Limit)
	if q.Status != "" && !q.Status.Valid() {
		fs.Add("status", "must be pending, approved or rejected")
	}
	// Staff without reviews.moderate see what the public sees.
	moderator := actor.Can(staff.ReviewsModerate)
	if sku == "" && !moderator {
		if actor.Staff() {
			return nil, require(actor, staff.ReviewsModerate)
		}
		fs.Add("sku", "is required")
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	if !moderator {
		if q.Status != "" && q.Status != review.Approved {
			if actor.Staff() {
				return nil, require(actor, staff.ReviewsModerate)
			}
			return nil, errs.E(errs.Unauthorized, "only staff see reviews that are not approved")
		}
		q.Status = review.Approved
	}
	var out []review.Review
	err := a.read(ctx, func(tx *store.Tx) error {
		f := store.ReviewFilter{Status: q.Status, Before: q.Before, Limit: q.Limit}
		if sku != "" {
			root, _, err := tx.SKUFamily(ctx, sku)
			if err != nil {
				return err
			}
			f.SKU = root
		}
		rs, err := tx.ListReviews(ctx, f)
		out = rs
		return err
	})
	if err != nil {
		return nil, err
	}
	if !moderator {
		for i := range out {
			out[i] = publicReview(out[i])
		}
	}
	return out, nil
}

// ReviewSummary is the count, average and histogram of a product's approved
// reviews (a variant shows its parent's).
func (a *App) ReviewSummary(ctx context.Context, sku string) (review.Summary, error) {
	var s review.Summary
	err := a.read(ctx, func(tx *store.Tx) error {
		root, _, err := tx.SKUFamily(ctx, sku)
		if err != nil {
			return err
		}
		h, err := tx.ReviewHistograms(ctx, []string{root})
		s = review.Summarize(sku, h[root])
		return err
	})
	return s, err
}

// ReviewSummaries is ReviewSummary for many SKUs at once, for list pages: two
// queries whatever the number of SKUs. Unknown SKUs are left out.
func (a *App) ReviewSummaries(ctx context.Context, skus []string) (map[string]review.Summary, error) {
	if len(skus) > MaxPageSize+1 {
		return nil, errs.Field("sku", "at most %d SKUs at once", MaxPageSize)
	}
	out := make(map[string]review.Summary, len(skus))
	err := a.read(ctx, func(tx *store.Tx) error {
		ps, err := tx.ProductsBySKU(ctx, skus)
		if err != nil {
			return err
		}
		roots := make([]string, 0, len(ps))
		for _, p := range ps {
			roots = append(roots, reviewRoot(p))
		}
		h, err := tx.ReviewHistograms(ctx, roots)
		if err != nil {
			return err
		}
		for sku, p := range ps {
			out[sku] = review.Summarize(sku, h[reviewRoot(p)])
		}
		return nil
	})
	return out, err
}

// reviewRoot is the product a variant's reviews are kept on.
func reviewRoot(p catalog.Product) string {
	if p.VariantOf != "" {
		return p.VariantOf
	}
	return p.SKU
}
