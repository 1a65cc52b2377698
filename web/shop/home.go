package shop

import (
	"context"
	"net/http"
	"time"

	"b2x/app"
	"b2x/locale"
	"b2x/news"
	"b2x/promo"
)

type homePage struct {
	// Banners are the ones staff run now in the page's language; without any,
	// the shop's welcome shows.
	Banners []news.Banner
	// News shows that the shop is alive (S4): the latest posts with their dates.
	News []app.NewsView
	// Promotions are the automatic promotions running now.
	Promotions  []promo.Promotion
	NewArrivals []app.BrowseItem
	Bestsellers []app.BrowseItem
}

func (homePage) title(*locale.Printer) string { return "" }

func (s *Server) home(w http.ResponseWriter, r *http.Request, rq *request) error {
	var pg homePage
	var err error
	if pg.News, err = s.latestNews(r.Context(), rq.loc.Code, 3); err != nil {
		return err
	}
	ctx := r.Context()
	if pg.Banners, err = s.app.LiveBanners(ctx, rq.loc.Code); err != nil {
		return err
	}
	if pg.Promotions, err = s.app.LivePromotions(ctx); err != nil {
		return err
	}
	if pg.NewArrivals, err = s.app.NewArrivals(ctx, rq.actor, 8); err != nil {
		return err
	}
	// Bestsellers of the last 90 days: what sells now, not what sold once.
	if pg.Bestsellers, err = s.app.Bestsellers(ctx, rq.actor, time.Now().AddDate(0, 0, -90), 8); err != nil {
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
