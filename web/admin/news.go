package admin

import (
	"net/http"
	"time"

	"b2x/app"
	"b2x/errs"
	"b2x/news"
	"b2x/web/page"
)

// newsForm is a post as the form shows it; Published is a datetime-local value
// in UTC, empty for a draft.
type newsForm struct{ Slug, Lang, Title, Body, Published string }

type newsPage struct {
	Posts  []app.NewsView
	Langs  []string
	Form   newsForm
	Errors page.FormErrors
	Post   *app.NewsView // the post being edited
}

const newsTimeLayout = "2006-01-02T15:04"

func newsFormOf(r *http.Request) newsForm {
	return newsForm{Slug: page.Field(r, "slug"), Lang: page.Field(r, "lang"), Title: page.Field(r, "title"),
		Body: r.PostFormValue("body"), Published: page.Field(r, "published_at")}
}

// publishedAt reads the form's publish time: empty keeps a draft.
func (f newsForm) publishedAt(rq *request) (time.Time, error) {
	if f.Published == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(newsTimeLayout, f.Published)
	if err != nil {
		return time.Time{}, errs.Field("published_at", "%s", rq.p.T("admin.bad_date"))
	}
	return t, nil
}

// newsList lists every post, drafts and scheduled ones included, with a form
// to write one.
func (s *Server) newsList(w http.ResponseWriter, r *http.Request, rq *request) error {
	return s.renderNews(w, r, rq, http.StatusOK, newsPage{Form: newsForm{Lang: rq.loc.Code}})
}

func (s *Server) renderNews(w http.ResponseWriter, r *http.Request, rq *request, status int, d newsPage) error {
	ps, err := s.app.NewsPosts(r.Context(), rq.actor, app.NewsQuery{Drafts: true, Limit: app.MaxPageSize})
	if err != nil {
		return err
	}
	d.Posts, d.Langs = ps, news.Langs
	s.render(w, r, status, "news", rq, rq.p.T("admin.news"), d)
	return nil
}

func (s *Server) createNews(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	f := newsFormOf(r)
	at, err := f.publishedAt(rq)
	if err == nil {
		_, err = s.app.CreateNewsPost(r.Context(), rq.actor, app.NewsInput{Slug: f.Slug, Lang: f.Lang, Title: f.Title,
			Body: f.Body, PublishedAt: at})
	}
	if err != nil {
		fe, other := page.AsFormErrorsIn(rq.p, err)
		if other != nil {
			return other
		}
		return s.renderNews(w, r, rq, page.FormStatus(err), newsPage{Form: f, Errors: fe})
	}
	http.Redirect(w, r, "/admin/news/"+f.Slug, http.StatusSeeOther)
	return nil
}

// newsPost shows a post's edit form.
func (s *Server) newsPost(w http.ResponseWriter, r *http.Request, rq *request) error {
	p, err := s.app.NewsPost(r.Context(), rq.actor, r.PathValue("slug"))
	if err != nil {
		return err
	}
	f := newsForm{Slug: p.Post.Slug, Lang: p.Post.Lang, Title: p.Post.Title, Body: p.Post.Body}
	if !p.Post.PublishedAt.IsZero() {
		f.Published = p.Post.PublishedAt.UTC().Format(newsTimeLayout)
	}
	s.render(w, r, http.StatusOK, "news", rq, p.Post.Title, newsPage{Post: &p, Form: f, Langs: news.Langs})
	return nil
}

func (s *Server) updateNews(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	slug := r.PathValue("slug")
	f := newsFormOf(r)
	f.Slug = slug
	at, err := f.publishedAt(rq)
	if err == nil {
		_, err = s.app.UpdateNewsPost(r.Context(), rq.actor, slug, app.NewsChanges{Lang: &f.Lang, Title: &f.Title,
			Body: &f.Body, PublishedAt: &at})
	}
	if err != nil {
		fe, other := page.AsFormErrorsIn(rq.p, err)
		if other != nil {
			return other
		}
		p, perr := s.app.NewsPost(r.Context(), rq.actor, slug)
		if perr != nil {
			return perr
		}
		s.render(w, r, page.FormStatus(err), "news", rq, p.Post.Title, newsPage{Post: &p, Form: f, Langs: news.Langs, Errors: fe})
		return nil
	}
	http.Redirect(w, r, "/admin/news/"+slug, http.StatusSeeOther)
	return nil
}
