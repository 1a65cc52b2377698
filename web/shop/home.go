package shop

import (
	"context"
	"net/http"

	"b2x/app"
	"b2x/locale"
	"b2x/promo"
)

type homePage struct {
	// News shows that the shop is alive (S4): the latest posts with their dates.
	News []app.NewsView
	// Promotions are the automatic promotions running now.
	Promotions []promo.Promotion
}

func (homePage) title(*locale.Printer) string { return "" }

func (s *Server) home(w http.ResponseWriter, r *http.Request, rq *request) error {
	var pg homePage
	var err error
	if pg.News, err = s.latestNews(r.Context(), rq.loc.Code, 3); err != nil {
		return err
	}
	if pg.Promotions, err = s.app.LivePromotions(r.Context()); err != nil {
		return err
	}
	s.render(w, http.StatusOK, "home", rq, pg)
	return nil
}

// latestNews prefers posts in the visitor's language and falls back to any.
func (s *Server) latestNews(ctx context.Context, lang string, n int) ([]app.NewsView, error) {
	posts, err := s.app.LatestNews(ctx, lang, n)
	if err != nil || len(posts) > 0 {
		return posts, err
	}
	return s.app.LatestNews(ctx, "", n)
}

type newsPage struct{ app.NewsView }

func (p newsPage) title(*locale.Printer) string { return p.Post.Title }

func (s *Server) newsPost(w http.ResponseWriter, r *http.Request, rq *request) error {
	v, err := s.app.NewsPost(r.Context(), app.Actor{}, r.PathValue("slug"))
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "news", rq, newsPage{v})
	return nil
}
