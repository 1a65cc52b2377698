package admin

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"b2x/app"
	"b2x/campaign"
	"b2x/errs"
	"b2x/store"
	"b2x/web/page"
)

// The segment pages (issue 6): the segments, and a form with every filter of
// campaign.Segment. "Preview" sends the form by GET, so counting an unsaved
// filter's audience writes nothing and needs no second form.

type segmentsPage struct{ Segments []store.Segment }

func (s *Server) segments(w http.ResponseWriter, r *http.Request, rq *request) error {
	ss, err := s.app.Segments(r.Context(), rq.actor)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "segments", rq, rq.p.T("aud.segments"), segmentsPage{Segments: ss})
	return nil
}

// segmentForm is the form as typed: numbers and dates stay text so a refused
// form comes back as sent.
type segmentForm struct {
	Name, Audience                                                              string
	Industries, Roles, AccountManagers, Categories, LoyaltyTiers, Subscriptions []string
	MinEmployees, MaxEmployees, PurchasedAfter, PurchasedBefore                 string
	CardHolders                                                                 bool
}

const dateLayout = "2006-01-02"

func readSegmentForm(v url.Values) segmentForm {
	vals := func(name string) []string {
		var out []string
		for _, x := range v[name] {
			if x = strings.TrimSpace(x); x != "" && !slices.Contains(out, x) {
				out = append(out, x)
			}
		}
		return out
	}
	one := func(name string) string { return strings.TrimSpace(v.Get(name)) }
	return segmentForm{Name: one("name"), Audience: one("audience"), Industries: vals("industries"), Roles: vals("roles"),
		AccountManagers: vals("account_managers"), Categories: vals("bought_categories"), LoyaltyTiers: vals("loyalty_tiers"),
		Subscriptions: vals("subscriptions"), MinEmployees: one("min_employees"), MaxEmployees: one("max_employees"),
		PurchasedAfter: one("purchased_after"), PurchasedBefore: one("purchased_before"), CardHolders: one("card_holders") == "yes"}
}

func formOfSegment(sg store.Segment) segmentForm {
	f := sg.Filter
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	date := func(t *time.Time) string {
		if t == nil {
			return ""
		}
		return t.UTC().Format(dateLayout)
	}
	return segmentForm{Name: sg.Name, Audience: f.Audience, Industries: f.Industries, Roles: f.Roles, AccountManagers: f.AccountManagers,
		Categories: f.BoughtCategories, LoyaltyTiers: f.LoyaltyTiers, Subscriptions: f.Subscriptions, CardHolders: f.CardHolders,
		MinEmployees: num(f.MinEmployees), MaxEmployees: num(f.MaxEmployees), PurchasedAfter: date(f.PurchasedAfter), PurchasedBefore: date(f.PurchasedBefore)}
}

// input turns the form into the use case's input; numbers and dates that do
// not parse are field errors, and the use case is not called.
func (f segmentForm) input() (app.SegmentInput, error) {
	var fs errs.Fields
	num := func(field, v string) int {
		if v == "" {
			return 0
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			fs.AddKey(field, "err.segment.number", "is not a whole number")
		}
		return n
	}
	date := func(field, v string) *time.Time {
		if v == "" {
			return nil
		}
		t, err := time.Parse(dateLayout, v)
		if err != nil {
			fs.AddKey(field, "err.segment.date", "is not a date like 2026-03-31")
			return nil
		}
		return &t
	}
	in := app.SegmentInput{Name: f.Name, Filter: campaign.Segment{Audience: f.Audience, Industries: f.Industries, Roles: f.Roles,
		MinEmployees: num("min_employees", f.MinEmployees), MaxEmployees: num("max_employees", f.MaxEmployees),
		AccountManagers: f.AccountManagers, BoughtCategories: f.Categories, LoyaltyTiers: f.LoyaltyTiers, CardHolders: f.CardHolders,
		Subscriptions: f.Subscriptions, PurchasedAfter: date("purchased_after", f.PurchasedAfter), PurchasedBefore: date("purchased_before", f.PurchasedBefore)}}
	return in, fs.Err()
}

type segmentPage struct {
	New     bool
	Segment store.Segment
	Form    segmentForm
	Choices app.SegmentChoices
	Errors  page.FormErrors
	// List is the list the preview counts; Preview is its audience.
	List    string
	Preview *app.AudiencePreview
	// Unsaved says the preview is of the form as typed, not of the stored segment.
	Unsaved bool
	Done    string
}

// ErrFor is a filter field's error, whether the use case named it alone, under
// the stored filter or under the preview's segment.
func (d segmentPage) ErrFor(field string) string {
	for _, k := range []string{field, "filter." + field, "segment." + field} {
		if m := d.Errors.For(k); m != "" {
			return m
		}
	}
	return ""
}

// Has reports whether a list field of the form holds v, for checked boxes.
func (d segmentPage) Has(vs []string, v string) bool { return slices.Contains(vs, v) }

// Extra is the values of vs the choices do not offer (an industry no
// organization has any more, a user no longer a manager), so editing a
// segment keeps them.
func (d segmentPage) Extra(vs []string, offered []string) []string {
	var out []string
	for _, v := range vs {
		if !slices.Contains(offered, v) {
			out = append(out, v)
		}
	}
	return out
}

// ManagerIDs and CategorySlugs are the offered values, for Extra.
func (d segmentPage) ManagerIDs() []string {
	var out []string
	for _, m := range d.Choices.AccountManagers {
		out = append(out, m.ID)
	}
	return out
}

func (d segmentPage) CategorySlugs() []string {
	var out []string
	for _, c := range d.Choices.Categories {
		out = append(out, c.Slug)
	}
	return out
}

func (d segmentPage) ListSlugs() []string {
	var out []string
	for _, l := range d.Choices.Lists {
		out = append(out, l.Slug)
	}
	return out
}

func (d segmentPage) RoleNames() []string {
	var out []string
	for _, r := range d.Choices.Roles {
		out = append(out, string(r))
	}
	return out
}

// newSegment shows an empty form, or the preview of the form as typed.
func (s *Server) newSegment(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.showSegment(w, r, rq, segmentPage{New: true})
}

// segment shows a stored segment with its audience, or the preview of the
// form as typed.
func (s *Server) segment(w http.ResponseWriter, r *http.Request, rq *request) error {
	sg, err := s.app.Segment(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.showSegment(w, r, rq, segmentPage{Segment: sg, Form: formOfSegment(sg), Done: doneOf(r, "saved")})
}

// showSegment renders the form with a preview: of the query's form when the
// preview button sent it, else of what is stored.
func (s *Server) showSegment(w http.ResponseWriter, r *http.Request, rq *request, d segmentPage) error {
	q := r.URL.Query()
	status := http.StatusOK
	if q.Get("preview") != "" {
		d.Form, d.Unsaved = readSegmentForm(q), true
	}
	if err := s.segmentChoices(r, rq, &d); err != nil {
		return err
	}
	d.List = q.Get("list")
	if d.List == "" && len(d.Choices.Lists) > 0 {
		d.List = d.Choices.Lists[0].ID
	}
	if d.List != "" && (d.Unsaved || !d.New) {
		in, err := d.Form.input()
		if err == nil {
			var p app.AudiencePreview
			if p, err = s.app.PreviewAudience(r.Context(), rq.actor, d.List, in.Filter); err == nil {
				d.Preview = &p
			}
		}
		if err != nil {
			if d.Errors, err = page.AsFormErrorsIn(rq.p, err); err != nil {
				return err
			}
			status = http.StatusUnprocessableEntity
		}
	}
	s.renderSegment(w, r, rq, status, d)
	return nil
}

func (s *Server) segmentChoices(r *http.Request, rq *request, d *segmentPage) error {
	var err error
	d.Choices, err = s.app.SegmentChoicesFor(r.Context(), rq.actor)
	return err
}

func (s *Server) renderSegment(w http.ResponseWriter, r *http.Request, rq *request, status int, d segmentPage) {
	title := d.Segment.Name
	if d.New {
		title = rq.p.T("aud.new_segment")
	}
	s.render(w, r, status, "segment", rq, title, d)
}

// createSegment stores a new segment and opens it.
func (s *Server) createSegment(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.saveSegment(w, r, rq, segmentPage{New: true})
}

// updateSegment replaces a segment's name and filter.
func (s *Server) updateSegment(w http.ResponseWriter, r *http.Request, rq *request) error {
	sg, err := s.app.Segment(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.saveSegment(w, r, rq, segmentPage{Segment: sg})
}

// saveSegment creates or updates from the posted form; a refused form comes
// back as typed with each error beside its field, and nothing is written.
func (s *Server) saveSegment(w http.ResponseWriter, r *http.Request, rq *request, d segmentPage) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	d.Form = readSegmentForm(r.PostForm)
	in, err := d.Form.input()
	if err == nil {
		var sg store.Segment
		if d.New {
			sg, err = s.app.CreateSegment(r.Context(), rq.actor, in)
		} else {
			sg, err = s.app.UpdateSegment(r.Context(), rq.actor, d.Segment.ID, in)
		}
		if err == nil {
			http.Redirect(w, r, "/admin/segments/"+url.PathEscape(sg.ID)+"?done=saved", http.StatusSeeOther)
			return nil
		}
	}
	if d.Errors, err = page.AsFormErrorsIn(rq.p, err); err != nil {
		return err
	}
	if err := s.segmentChoices(r, rq, &d); err != nil {
		return err
	}
	s.renderSegment(w, r, rq, http.StatusUnprocessableEntity, d)
	return nil
}
