package api

import (
	"net/http"
	"time"

	"b2x/app"
	"b2x/review"
)

// Reviews. The public reads a product's approved reviews and their summary. The
// JSON API has no consumer sign-in yet, so a review is posted here by a guest who
// proves the purchase with the email and number of an order containing the
// product (such a review is always a verified purchase); signed-in consumers
// will write theirs through the shop. Staff moderate. Review text is returned as
// it was written, as JSON string data: encoding/json escapes <, > and & and the
// response is application/json with nosniff, so it is never markup here, and
// every HTML surface must escape it too.

type reviewJSON struct {
	ID         string        `json:"id"`
	SKU        string        `json:"sku"`
	Rating     int           `json:"rating"`
	Title      string        `json:"title"`
	Body       string        `json:"body"`
	AuthorName string        `json:"author_name"`
	Verified   bool          `json:"verified_purchase"`
	Status     review.Status `json:"status"`
	Reason     string        `json:"reason,omitempty"`
	CreatedAt  time.Time     `json:"created_at"`
	// Staff only (app leaves them empty for everyone else):
	PersonID    string     `json:"person_id,omitempty"`
	Email       string     `json:"email,omitempty"`
	OrderID     string     `json:"order_id,omitempty"`
	ModeratedBy string     `json:"moderated_by,omitempty"`
	ModeratedAt *time.Time `json:"moderated_at,omitempty"`
}

func reviewOut(r review.Review) reviewJSON {
	out := reviewJSON{ID: r.ID, SKU: r.SKU, Rating: r.Rating, Title: r.Title, Body: r.Body, AuthorName: r.AuthorName,
		Verified: r.Verified, Status: r.Status, Reason: r.Reason, CreatedAt: r.CreatedAt, PersonID: r.PersonID,
		Email: r.Email, OrderID: r.OrderID, ModeratedBy: r.ModeratedBy}
	if !r.ModeratedAt.IsZero() && r.ModeratedBy != "" {
		at := r.ModeratedAt
		out.ModeratedAt = &at
	}
	return out
}

type summaryJSON struct {
	SKU       string  `json:"sku"`
	Count     int     `json:"count"`
	Average   float64 `json:"average"`
	Histogram [5]int  `json:"histogram"` // reviews with 1, 2, 3, 4 and 5 stars
}

func summaryOut(s review.Summary) summaryJSON { return summaryJSON(s) }

// reviewsPage is a page of reviews with the product's summary.
type reviewsPage struct {
	Summary    summaryJSON  `json:"summary"`
	Items      []reviewJSON `json:"items"`
	NextCursor string       `json:"next_cursor,omitempty"`
}

// reviewPage lists reviews, asking app for one more than the page to learn
// whether another page follows.
func (s *Server) reviewPage(r *http.Request, sku string) ([]reviewJSON, string, error) {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		return nil, "", err
	}
	before, err := decodeCursor(q.Get("cursor"))
	if err != nil {
		return nil, "", err
	}
	rs, err := s.app.Reviews(r.Context(), actorOf(r), sku, app.ReviewQuery{Status: review.Status(q.Get("status")),
		Limit: limit + 1, Before: before})
	if err != nil {
		return nil, "", err
	}
	items, next := []reviewJSON{}, ""
	for i, x := range rs {
		if i == limit {
			next = encodeCursor(rs[i-1].ID)
			break
		}
		items = append(items, reviewOut(x))
	}
	return items, next, nil
}

func (s *Server) listProductReviews(w http.ResponseWriter, r *http.Request) error {
	sku := r.PathValue("sku")
	sum, err := s.app.ReviewSummary(r.Context(), sku)
	if err != nil {
		return err
	}
	items, next, err := s.reviewPage(r, sku)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, reviewsPage{Summary: summaryOut(sum), Items: items, NextCursor: next})
}

func (s *Server) listReviews(w http.ResponseWriter, r *http.Request) error {
	items, next, err := s.reviewPage(r, r.URL.Query().Get("sku"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, page[reviewJSON]{Items: items, NextCursor: next})
}

func (s *Server) createReview(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Rating      int    `json:"rating"`
		Title       string `json:"title"`
		Body        string `json:"body"`
		Name        string `json:"name"`
		Email       string `json:"email"`
		OrderNumber string `json:"order_number"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	rv, err := s.app.SubmitReview(r.Context(), app.Actor{}, app.NewReview{SKU: r.PathValue("sku"), Rating: in.Rating,
		Title: in.Title, Body: in.Body, Name: in.Name, Email: in.Email, OrderNumber: in.OrderNumber})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, reviewOut(rv))
}

func (s *Server) moderateReview(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Decision review.Status `json:"decision"`
		Reason   string        `json:"reason"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	rv, err := s.app.ModerateReview(r.Context(), actorOf(r), r.PathValue("id"), in.Decision, in.Reason)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, reviewOut(rv))
}

func (s *Server) reviewSummaries(w http.ResponseWriter, r *http.Request) error {
	skus := r.URL.Query()["sku"]
	sums, err := s.app.ReviewSummaries(r.Context(), skus)
	if err != nil {
		return err
	}
	out := struct {
		Items []summaryJSON `json:"items"`
	}{Items: []summaryJSON{}}
	for _, sku := range skus {
		if sum, ok := sums[sku]; ok {
			out.Items = append(out.Items, summaryOut(sum))
			delete(sums, sku) // a SKU asked for twice is listed once
		}
	}
	return writeJSON(w, http.StatusOK, out)
}
