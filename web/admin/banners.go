package admin

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/news"
	"b2x/web/page"
)

// bannerForm is a banner as the form shows it; times are datetime-local
// values in UTC, Ends empty for a banner that runs until taken down.
type bannerForm struct{ Lang, Title, Text, Link, Starts, Ends, Position string }

type bannersPage struct {
	Banners []news.Banner
	// Positions are the banners' positions by id, for the printer's digits.
	Positions map[string]int64
	Langs     []string
	Now       time.Time
	Form      bannerForm
	Errors    page.FormErrors
	Banner    *news.Banner // the banner being edited
}

func bannerFormOf(r *http.Request) bannerForm {
	return bannerForm{Lang: page.Field(r, "lang"), Title: page.Field(r, "title"), Text: page.Field(r, "text"),
		Link: page.Field(r, "link"), Starts: page.Field(r, "starts_at"), Ends: page.Field(r, "ends_at"),
		Position: page.Field(r, "position")}
}

func bannerFormFrom(b news.Banner) bannerForm {
	f := bannerForm{Lang: b.Lang, Title: b.Title, Text: b.Text, Link: b.Link,
		Starts: b.StartsAt.UTC().Format(newsTimeLayout), Position: strconv.Itoa(b.Position)}
	if !b.EndsAt.IsZero() {
		f.Ends = b.EndsAt.UTC().Format(newsTimeLayout)
	}
	return f
}

// input reads the form; times and a position that cannot be read are field
// errors, reported with every other problem of the banner.
func (f bannerForm) input(rq *request) (app.BannerInput, error) {
	in := app.BannerInput{Lang: f.Lang, Title: f.Title, Text: f.Text, Link: f.Link}
	var fs errs.Fields
	var err error
	if f.Starts != "" {
		if in.StartsAt, err = time.Parse(newsTimeLayout, f.Starts); err != nil {
			fs.Add("starts_at", "%s", rq.p.T("admin.bad_date"))
		}
	}
	if f.Ends != "" {
		if in.EndsAt, err = time.Parse(newsTimeLayout, f.Ends); err != nil {
			fs.Add("ends_at", "%s", rq.p.T("admin.bad_date"))
		}
	}
	if f.Position != "" {
		if in.Position, err = strconv.Atoi(f.Position); err != nil {
			fs.AddKey("position", "err.whole_number", "must be a whole number")
		}
	}
	if len(fs) > 0 {
		// The banner's own check, for the fields the form could read.
		var more errs.Fields
		more.Wrap("", app.CheckBanner(in))
		for _, m := range more {
			if !slices.ContainsFunc(fs, func(f errs.FieldError) bool { return f.Field == m.Field }) {
				fs = append(fs, m)
			}
		}
	}
	return in, fs.Err()
}

// banners lists every banner with a form to write one.
func (s *Server) banners(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderBanners(w, r, rq, http.StatusOK, bannersPage{Form: bannerForm{Lang: rq.loc.Code,
		Starts: time.Now().UTC().Format(newsTimeLayout), Position: "0"}})
}

func (s *Server) renderBanners(w http.ResponseWriter, r *http.Request, rq *request, status int, d bannersPage) error {
	bs, err := s.app.Banners(r.Context(), rq.actor)
	if err != nil {
		return err
	}
	d.Banners, d.Langs, d.Now, d.Positions = bs, news.Langs, time.Now(), map[string]int64{}
	for _, b := range bs {
		d.Positions[b.ID] = int64(b.Position)
	}
	title := rq.p.T("admin.banners")
	if d.Banner != nil {
		title = d.Banner.Title
	}
	s.render(w, r, status, "banners", rq, title, d)
	return nil
}

// refusedBanner shows the form again with the refusal beside its fields.
func (s *Server) refusedBanner(w http.ResponseWriter, r *http.Request, rq *request, d bannersPage, err error) error {
	fe, other := page.AsFormErrorsIn(rq.p, err)
	if other != nil {
		return other
	}
	d.Errors = fe
	return s.renderBanners(w, r, rq, page.FormStatus(err), d)
}

func (s *Server) createBanner(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	f := bannerFormOf(r)
	in, err := f.input(rq)
	var b news.Banner
	if err == nil {
		b, err = s.app.CreateBanner(r.Context(), rq.actor, in)
	}
	if err != nil {
		return s.refusedBanner(w, r, rq, bannersPage{Form: f}, err)
	}
	http.Redirect(w, r, "/admin/banners/"+b.ID, http.StatusSeeOther)
	return nil
}

// banner shows a banner's edit form.
func (s *Server) banner(w http.ResponseWriter, r *http.Request, rq *request) error {
	b, err := s.app.Banner(r.Context(), rq.actor, r.PathValue("id"))
	if err != nil {
		return err
	}
	return s.renderBanners(w, r, rq, http.StatusOK, bannersPage{Banner: &b, Form: bannerFormFrom(b)})
}

func (s *Server) updateBanner(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	id := r.PathValue("id")
	f := bannerFormOf(r)
	in, err := f.input(rq)
	if err == nil {
		_, err = s.app.UpdateBanner(r.Context(), rq.actor, id, in)
	}
	if err != nil {
		// The page shows the banner as stored beside the refused form.
		old, berr := s.app.Banner(r.Context(), rq.actor, id)
		if berr != nil {
			return berr
		}
		return s.refusedBanner(w, r, rq, bannersPage{Banner: &old, Form: f}, err)
	}
	http.Redirect(w, r, "/admin/banners/"+id, http.StatusSeeOther)
	return nil
}

func (s *Server) deleteBanner(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := s.app.DeleteBanner(r.Context(), rq.actor, r.PathValue("id")); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/banners", http.StatusSeeOther)
	return nil
}
