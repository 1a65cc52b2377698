package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"b2x/errs"
	"b2x/review"
)

// InsertReview writes a new review. A second review by the same author of the same
// product (while the first is not rejected) is a conflict.
func (tx *Tx) InsertReview(ctx context.Context, r *review.Review) error {
	_, err := tx.q.ExecContext(ctx, `INSERT INTO reviews (id, sku, author, person_id, email, order_id, author_name,
		rating, title, body, verified, status, reason, moderated_by, moderated_at, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
		r.ID, r.SKU, r.Author(), null(r.PersonID), strings.ToLower(r.Email), null(r.OrderID), r.AuthorName, r.Rating,
		r.Title, r.Body, r.Verified, string(r.Status), r.Reason, r.ModeratedBy, nullTime(r.ModeratedAt), utc(r.CreatedAt))
	if uniqueViolation(err) {
		return errs.EKey(errs.Conflict, "err.review.twice", "this customer has already reviewed {sku}; one review per product", "sku", r.SKU)
	}
	return err
}

// ModerateReview stores a moderation decision only if the review is still in
// from, so two moderators deciding at once cannot both win.
func (tx *Tx) ModerateReview(ctx context.Context, r *review.Review, from review.Status) error {
	res, err := tx.q.ExecContext(ctx, `UPDATE reviews SET status = $3, reason = $4, moderated_by = $5, moderated_at = $6
		WHERE id = $1 AND status = $2`, r.ID, string(from), string(r.Status), r.Reason, r.ModeratedBy, utc(r.ModeratedAt))
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errs.E(errs.Conflict, "the review was moderated meanwhile; reload it and try again")
	}
	return nil
}

const reviewColumns = `id, sku, COALESCE(person_id, ''), email, COALESCE(order_id, ''), author_name, rating, title, body,
	verified, status, reason, moderated_by, moderated_at, created_at`

func scanReview(row scanner) (review.Review, error) {
	var r review.Review
	var moderated sql.NullTime
	err := row.Scan(&r.ID, &r.SKU, &r.PersonID, &r.Email, &r.OrderID, &r.AuthorName, &r.Rating, &r.Title, &r.Body,
		&r.Verified, &r.Status, &r.Reason, &r.ModeratedBy, &moderated, &r.CreatedAt)
	if moderated.Valid {
		r.ModeratedAt = moderated.Time.UTC()
	}
	r.CreatedAt = r.CreatedAt.UTC()
	return r, err
}

// Review loads a review.
func (tx *Tx) Review(ctx context.Context, id string) (review.Review, error) {
	r, err := scanReview(tx.q.QueryRowContext(ctx, `SELECT `+reviewColumns+` FROM reviews WHERE id = $1`, id))
	return r, notFound(err, "no review %s", id)
}

// ReviewFilter selects reviews, newest first.
type ReviewFilter struct {
	SKU      string
	PersonID string // reviews a signed-in customer wrote
	Status   review.Status
	Before   string // cursor: the last id of the previous page
	Limit    int
}

// ListReviews returns one page of reviews.
func (tx *Tx) ListReviews(ctx context.Context, f ReviewFilter) ([]review.Review, error) {
	var c conditions
	if f.SKU != "" {
		c.add("sku = " + c.arg(f.SKU))
	}
	if f.PersonID != "" {
		c.add("person_id = " + c.arg(f.PersonID))
	}
	if f.Status != "" {
		c.add("status = " + c.arg(string(f.Status)))
	}
	if f.Before != "" {
		c.add("id < " + c.arg(f.Before))
	}
	q := `SELECT ` + reviewColumns + ` FROM reviews` + c.where() + ` ORDER BY id DESC LIMIT ` + c.arg(f.Limit)
	return queryAll(ctx, tx.q, scanReview, q, c.args...)
}

// ReviewHistograms counts the approved reviews of each SKU per rating; SKUs
// without approved reviews are absent.
func (tx *Tx) ReviewHistograms(ctx context.Context, skus []string) (map[string][5]int, error) {
	out := make(map[string][5]int, len(skus))
	if len(skus) == 0 {
		return out, nil
	}
	args := make([]any, len(skus))
	for i, s := range skus {
		args[i] = s
	}
	rows, err := tx.q.QueryContext(ctx, `SELECT sku, rating, count(*) FROM reviews
		WHERE status = 'approved' AND sku IN (`+placeholders(1, len(skus))+`) GROUP BY sku, rating`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var sku string
		var rating, n int
		if err := rows.Scan(&sku, &rating, &n); err != nil {
			return nil, err
		}
		h := out[sku]
		h[rating-1] = n
		out[sku] = h
	}
	return out, rows.Err()
}

// SKUFamily returns the product a review of sku belongs to (its parent when sku
// is a variant, else sku itself) and every SKU of that family: the parent and all
// its variants.
func (tx *Tx) SKUFamily(ctx context.Context, sku string) (root string, members []string, err error) {
	err = tx.q.QueryRowContext(ctx, `SELECT CASE WHEN variant_of = '' THEN sku ELSE variant_of END FROM products
		WHERE sku = $1`, sku).Scan(&root)
	if err != nil {
		return "", nil, notFound(err, "no product %s", sku)
	}
	members, err = queryAll(ctx, tx.q, scanString, `SELECT sku FROM products WHERE sku = $1 OR (variant_of = $1 AND variant_of <> '') ORDER BY sku`, root)
	return root, members, err
}

// Purchase is what an order proves about a purchase.
type Purchase struct {
	OrderID   string
	PersonID  string
	Email     string // the guest's email on the order
	GuestName string
	PlacedAt  time.Time
}

// PurchaseFilter says whose purchase of which SKUs to look for.
type PurchaseFilter struct {
	SKUs        []string
	PersonID    string // orders placed by this person …
	Email       string // … or as a guest with this email (compared case-insensitively)
	OrderNumber string // only this order
}

// FindPurchase returns the latest non-cancelled order that matches the filter and
// contains one of its SKUs, and false when there is none.
func (tx *Tx) FindPurchase(ctx context.Context, f PurchaseFilter) (Purchase, bool, error) {
	if len(f.SKUs) == 0 || (f.PersonID == "" && f.Email == "") {
		return Purchase{}, false, nil
	}
	var c conditions
	skus := make([]string, len(f.SKUs))
	for i, s := range f.SKUs {
		skus[i] = c.arg(s)
	}
	c.add("l.sku IN (" + strings.Join(skus, ", ") + ")")
	c.add("o.status <> 'cancelled'")
	var who []string
	if f.PersonID != "" {
		who = append(who, "o.person_id = "+c.arg(f.PersonID))
	}
	if f.Email != "" {
		who = append(who, "lower(o.guest_email) = "+c.arg(strings.ToLower(f.Email)))
	}
	c.add("(" + strings.Join(who, " OR ") + ")")
	if f.OrderNumber != "" {
		c.add("o.number = " + c.arg(f.OrderNumber))
	}
	var p Purchase
	err := tx.q.QueryRowContext(ctx, `SELECT o.id, COALESCE(o.person_id, ''), o.guest_email, o.guest_name, o.placed_at
		FROM orders o JOIN order_lines l ON l.order_id = o.id`+c.where()+` ORDER BY o.placed_at DESC, o.id DESC LIMIT 1`,
		c.args...).Scan(&p.OrderID, &p.PersonID, &p.Email, &p.GuestName, &p.PlacedAt)
	if err == sql.ErrNoRows {
		return p, false, nil
	}
	p.PlacedAt = p.PlacedAt.UTC()
	return p, err == nil, err
}
