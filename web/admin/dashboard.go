package admin

import (
	"net/http"
	"slices"
	"time"

	"b2x/app"
	"b2x/catalog"
	"b2x/staff"
)

// NewsStaleDays is how old the latest public news may be before the dashboard
// warns: a shop whose news is months old looks abandoned (S4).
const NewsStaleDays = 30

// dashboardOrders bounds the orders read to count today's: more in one day is a
// good problem the counts then undercount.
const dashboardOrders = app.MaxPageSize

type channelCount struct {
	Channel catalog.Channel
	Count   int
}

type dashboardPage struct {
	Orders     []channelCount
	Overdue    []app.ActivityView
	Stale      []app.OpportunityView
	Pipeline   []app.BoardColumn
	StaleDays  int
	NewsAt     time.Time
	NewsStale  bool
	NewsNever  bool
	NewsDays   int
	ShowOrders bool
	ShowCRM    bool
	// LowStock counts SKU and warehouse pairs below their reorder point.
	LowStock  int
	ShowStock bool
}

// dashboard shows what needs attention today; each part only to a role that may
// read it.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, rq *request) error {
	ctx := r.Context()
	d := dashboardPage{StaleDays: app.StaleDays, NewsDays: NewsStaleDays}
	now := time.Now().UTC()
	if rq.actor.Can(staff.OrdersRead) {
		d.ShowOrders = true
		orders, err := s.app.Orders(ctx, rq.actor, app.OrderQuery{Limit: dashboardOrders})
		if err != nil {
			return err
		}
		today := now.Truncate(24 * time.Hour)
		counts := map[catalog.Channel]int{}
		for _, o := range orders {
			if !o.PlacedAt.Before(today) {
				counts[o.Channel]++
			}
		}
		for c, n := range counts {
			d.Orders = append(d.Orders, channelCount{c, n})
		}
		slices.SortFunc(d.Orders, func(a, b channelCount) int { return b.Count - a.Count })
	}
	if rq.actor.Can(staff.StockRead) {
		d.ShowStock = true
		n, err := s.app.LowStockCount(ctx, rq.actor)
		if err != nil {
			return err
		}
		d.LowStock = n
	}
	if rq.actor.Can(staff.CRMRead) {
		d.ShowCRM = true
		groups, err := s.app.OverdueActivities(ctx, rq.actor, "")
		if err != nil {
			return err
		}
		for _, g := range groups {
			d.Overdue = append(d.Overdue, g.Activities...)
		}
		b, err := s.app.Board(ctx, rq.actor, app.BoardQuery{CardsPerStage: 1})
		if err != nil {
			return err
		}
		d.Pipeline = b.Columns
		p, err := s.app.Pipeline(ctx, rq.actor)
		if err != nil {
			return err
		}
		deals, err := s.app.Opportunities(ctx, rq.actor, app.OpportunityQuery{Limit: 100})
		if err != nil {
			return err
		}
		for _, o := range deals {
			if p.IsOpen(o.Opportunity) && now.Sub(o.UpdatedAt) > app.StaleDays*24*time.Hour {
				d.Stale = append(d.Stale, o)
			}
		}
	}
	at, err := s.app.LatestNewsAt(ctx)
	if err != nil {
		return err
	}
	d.NewsAt, d.NewsNever = at, at.IsZero()
	d.NewsStale = d.NewsNever || now.Sub(at) > NewsStaleDays*24*time.Hour
	s.render(w, r, http.StatusOK, "dashboard", rq, rq.p.T("admin.dashboard"), d)
	return nil
}
