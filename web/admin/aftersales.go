package admin

import (
	"net/http"

	"b2x/app"
	"b2x/review"
	"b2x/warranty"
	"b2x/web/page"
)

type reviewsPage struct {
	Reviews  []review.Review
	Status   review.Status
	Statuses []review.Status
	Errors   page.FormErrors
	// ErrorsFor is the review whose moderation failed.
	ErrorsFor string
}

// reviews is the moderation queue: pending reviews first; the filter shows the
// approved or rejected ones.
func (s *Server) reviews(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderReviews(w, r, rq, http.StatusOK, reviewsPage{Status: review.Status(r.URL.Query().Get("status"))})
}

func (s *Server) renderReviews(w http.ResponseWriter, r *http.Request, rq *request, status int, d reviewsPage) error {
	if d.Status == "" {
		d.Status = review.Pending
	}
	rs, err := s.app.Reviews(r.Context(), rq.actor, "", app.ReviewQuery{Status: d.Status, Limit: app.MaxPageSize})
	if err != nil {
		return err
	}
	d.Reviews, d.Statuses = rs, review.Statuses
	s.render(w, r, status, "reviews", rq, rq.p.T("admin.reviews"), d)
	return nil
}

// moderateReview approves or rejects a review (a rejection needs the reason).
func (s *Server) moderateReview(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id := r.PathValue("id")
	_, err := s.app.ModerateReview(r.Context(), rq.actor, id, review.Status(page.Field(r, "decision")), page.Field(r, "reason"))
	if err != nil {
		fe, other := page.AsFormErrorsIn(rq.p, err)
		if other != nil {
			return other
		}
		return s.renderReviews(w, r, rq, page.FormStatus(err), reviewsPage{Errors: fe, ErrorsFor: id})
	}
	http.Redirect(w, r, "/admin/reviews", http.StatusSeeOther)
	return nil
}

type claimsPage struct {
	Claims   []warranty.Claim
	Status   warranty.Status
	Statuses []warranty.Status
}

// claims lists warranty claims (RMA), newest first, by status.
func (s *Server) claims(w http.ResponseWriter, r *http.Request, rq *request) error {
	d := claimsPage{Status: warranty.Status(r.URL.Query().Get("status")), Statuses: warranty.Statuses}
	cs, err := s.app.WarrantyClaims(r.Context(), rq.actor, app.ClaimQuery{Status: d.Status, Limit: app.MaxPageSize})
	if err != nil {
		return err
	}
	d.Claims = cs
	s.render(w, r, http.StatusOK, "claims", rq, rq.p.T("admin.claims"), d)
	return nil
}

type claimPage struct {
	Claim      app.ClaimDetail
	Categories []warranty.Category
	Errors     page.FormErrors
}

// claim shows a claim with its history and defects, and a form to move it on.
func (s *Server) claim(w http.ResponseWriter, r *http.Request, rq *request) error {
	c, err := s.app.WarrantyClaim(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "claim", rq, c.Claim.SKU, claimPage{Claim: c, Categories: warranty.Categories})
	return nil
}

// moveClaim moves a claim to its next status; with the diagnosis a defect may
// be recorded.
func (s *Server) moveClaim(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id := r.PathValue("id")
	m := app.ClaimMove{To: warranty.Status(page.Field(r, "to")), Note: page.Field(r, "note")}
	if code := page.Field(r, "defect_code"); code != "" {
		m.Defect = &app.DefectInput{Code: code, Category: warranty.Category(page.Field(r, "defect_category")),
			Description: page.Field(r, "defect_description")}
	}
	if _, err := s.app.TransitionClaim(r.Context(), rq.actor, id, m); err != nil {
		fe, other := page.AsFormErrorsIn(rq.p, err)
		if other != nil {
			return other
		}
		c, cerr := s.app.WarrantyClaim(r.Context(), rq.actor, id)
		if cerr != nil {
			return cerr
		}
		s.render(w, r, page.FormStatus(err), "claim", rq, c.Claim.SKU, claimPage{Claim: c, Categories: warranty.Categories, Errors: fe})
		return nil
	}
	http.Redirect(w, r, "/admin/claims/"+id, http.StatusSeeOther)
	return nil
}
