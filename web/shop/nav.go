package shop

import (
	"context"
	"sync"
	"time"

	"b2x/catalog"
)

// navTTL bounds how stale the category bar may be: categories change a few
// times a year, pages are served thousands of times a minute.
const navTTL = 10 * time.Second

// navCache keeps the top-level categories for the bar on every page.
type navCache struct {
	mu      sync.Mutex
	top     []catalog.Category
	all     []catalog.Category
	fetched time.Time
}

func (s *Server) categories(ctx context.Context) (top, all []catalog.Category) {
	c := &s.nav
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.fetched) < navTTL {
		return c.top, c.all
	}
	cats, err := s.app.Categories(ctx)
	if err != nil {
		s.log.Warn("categories for the navigation bar", "err", err)
		return c.top, c.all // a stale bar beats a failed page
	}
	c.all, c.top, c.fetched = cats, nil, time.Now()
	for _, cat := range cats {
		if cat.Parent == "" {
			c.top = append(c.top, cat)
		}
	}
	return c.top, c.all
}
