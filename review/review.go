// Package review holds customers' reviews of products (S4: reputation is made of
// other customers' opinions): the rating and text, whether the author bought the
// product here ("verified purchase"), the moderation that decides what the public
// sees, and the summary shown next to a product (count, average, histogram).
//
// Review text is kept as the author wrote it; every surface escapes it when it
// renders (html/template, encoding/json), so nothing here sanitizes it.
package review

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"b2x/errs"
)

// Status is where a review is in moderation. Only approved reviews are public.
type Status string

const (
	Pending  Status = "pending"  // written, waiting for staff
	Approved Status = "approved" // shown to the public
	Rejected Status = "rejected" // not shown; Reason says why
)

// Statuses lists every status.
var Statuses = []Status{Pending, Approved, Rejected}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return slices.Contains(Statuses, s) }

// Bounds of a review's fields, in characters.
const (
	MaxTitle  = 120
	MaxBody   = 5000
	MaxName   = 80
	MaxReason = 500
)

// Review is one customer's review of one product.
type Review struct {
	ID  string
	SKU string // the product reviewed; a variant's review is kept on its parent
	// The author: a signed-in consumer (PersonID) or a guest who proved a purchase
	// with an order (Email and OrderID). One review per author per product.
	PersonID   string
	Email      string // a guest's email, lower-cased
	OrderID    string // the order that proved a guest's purchase
	AuthorName string // the name shown with the review
	Rating     int    // 1 to 5 stars
	Title      string
	Body       string
	Verified   bool // the author has a non-cancelled order containing the product
	Status     Status
	Reason     string // why it was rejected
	CreatedAt  time.Time
	// ModeratedBy and ModeratedAt are set by the last moderation.
	ModeratedBy string
	ModeratedAt time.Time
}

// Author is the key that makes a review unique per product: the person, or the
// guest's email.
func (r *Review) Author() string {
	if r.PersonID != "" {
		return "person:" + r.PersonID
	}
	return "email:" + strings.ToLower(r.Email)
}

// Validate checks what the author wrote and reports every problem at once. Who
// the author is, and whether they may write, is the use case's to decide.
func (r *Review) Validate() error {
	var fs errs.Fields
	if r.Rating < 1 || r.Rating > 5 {
		fs.AddKey("rating", "err.review.rating", "must be a whole number of stars from 1 to 5")
	}
	checkText(&fs, "title", r.Title, true, MaxTitle)
	checkText(&fs, "body", r.Body, true, MaxBody)
	checkText(&fs, "name", r.AuthorName, true, MaxName)
	return fs.Err()
}

// Moderate decides about a review: a pending review is approved or rejected, and
// an approved one may still be taken down (rejected) later. A rejection needs a
// reason, which the author may be shown; a rejected review stays rejected, and its
// author may write a new one (the one-review rule counts only reviews that are not
// rejected).
func Moderate(r *Review, to Status, reason, by string, at time.Time) error {
	if !to.Valid() || to == Pending {
		return errs.Field("decision", "must be approved or rejected")
	}
	reason = strings.TrimSpace(reason)
	var fs errs.Fields
	if to == Rejected {
		checkText(&fs, "reason", reason, true, MaxReason)
	} else if reason != "" {
		fs.Add("reason", "is given only with a rejection")
	}
	if err := fs.Err(); err != nil {
		return err
	}
	if err := CheckTransition(r.Status, to); err != nil {
		return err
	}
	r.Status, r.Reason, r.ModeratedBy, r.ModeratedAt = to, reason, by, at
	return nil
}

// next lists the allowed moderation moves.
var next = map[Status][]Status{
	Pending:  {Approved, Rejected},
	Approved: {Rejected},
}

// CheckTransition says whether a review may move from one status to another.
func CheckTransition(from, to Status) error {
	if !slices.Contains(next[from], to) {
		return &errs.Error{
			Code:    errs.Conflict,
			Message: "a review that is " + string(from) + " cannot become " + string(to),
			Detail:  map[string]any{"status": from, "allowed": next[from]},
		}
	}
	return nil
}

func checkText(fs *errs.Fields, field, s string, required bool, max int) {
	switch {
	case !utf8.ValidString(s) || strings.ContainsRune(s, 0):
		fs.AddKey(field, "err.not_text", "is not valid text")
	case required && strings.TrimSpace(s) == "":
		fs.AddKey(field, "err.required", "is required")
	case utf8.RuneCountInString(s) > max:
		fs.AddKey(field, "err.too_long", "is longer than {max} characters", "max", max)
	}
}
