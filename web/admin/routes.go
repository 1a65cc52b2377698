package admin

import (
	"net/http"

	"b2x/staff"
)

// access says who may open a route.
type access int

const (
	public   access = iota // anyone: sign-in and the language switch
	signedIn               // a staff session; Perm narrows it further
)

// anyStaff is the Perm of a page every staff user may open.
const anyStaff staff.Permission = ""

// route is one back-office page or form. The table below is the back office: the
// mux and the generated permission test both read it. A staff route names the
// permission it needs; the wrapper refuses a role without it (403) before the
// handler runs, and the use case checks again.
type route struct {
	Method  string
	Pattern string
	Access  access
	Perm    staff.Permission
	Handler handler
}

// routes is the route table: one line per route, grouped by page.
func (s *Server) routes() []route {
	rs := []route{
		{http.MethodGet, "/admin/sign-in", public, anyStaff, s.signInForm},
		{http.MethodPost, "/admin/sign-in", public, anyStaff, s.signIn},
		{http.MethodPost, "/admin/sign-out", public, anyStaff, s.signOut},
		{http.MethodPost, "/admin/language", public, anyStaff, s.setLanguage},

		{http.MethodGet, "/admin/{$}", signedIn, anyStaff, s.dashboard},
		{http.MethodGet, "/admin/pipeline", signedIn, staff.CRMRead, s.board},
		{http.MethodGet, "/admin/deals", signedIn, staff.CRMRead, s.deals},
		{http.MethodGet, "/admin/deals/{id}", signedIn, staff.CRMRead, s.deal},
		{http.MethodPost, "/admin/deals/{id}/move", signedIn, staff.OpportunitiesEdit, s.moveDeal},
		{http.MethodPost, "/admin/deals/{id}/activities", signedIn, staff.ActivitiesEdit, s.logActivity},
		{http.MethodGet, "/admin/forecast", signedIn, staff.CRMRead, s.forecast},
		{http.MethodGet, "/admin/workload", signedIn, staff.AccountManagerRead, s.workload},
		{http.MethodGet, "/admin/activities.ics", signedIn, staff.CRMRead, s.calendar},
		{http.MethodGet, "/admin/customers/{id}", signedIn, staff.CustomersRead, s.customer},

		{http.MethodGet, "/admin/tenders", signedIn, staff.CRMRead, s.tenders},
		{http.MethodGet, "/admin/tenders/new", signedIn, staff.TendersEdit, s.newTenderForm},
		{http.MethodPost, "/admin/tenders", signedIn, staff.TendersEdit, s.createTender},
		{http.MethodGet, "/admin/tenders/{id}", signedIn, staff.CRMRead, s.tender},
		{http.MethodPost, "/admin/tenders/{id}", signedIn, staff.TendersEdit, s.editTender},
		{http.MethodPost, "/admin/tenders/{id}/decision", signedIn, staff.TendersEdit, s.decideTender},
		{http.MethodPost, "/admin/tenders/{id}/submission", signedIn, staff.TendersEdit, s.submitTender},
		{http.MethodPost, "/admin/tenders/{id}/outcome", signedIn, staff.TendersEdit, s.closeTender},
		{http.MethodPost, "/admin/tenders/{id}/files", signedIn, staff.TendersEdit, s.uploadTenderFile},
		{http.MethodGet, "/admin/tenders/{id}/files/{file}", signedIn, staff.CRMRead, s.tenderFile},
		{http.MethodPost, "/admin/tenders/{id}/deal", signedIn, staff.TendersEdit, s.dealFromTender},

		{http.MethodGet, "/admin/winning-points", signedIn, staff.WinningPointsRead, s.winningPoints},
		{http.MethodPost, "/admin/winning-points", signedIn, staff.WinningPointsEdit, s.createWinningPoint},
		{http.MethodGet, "/admin/winning-points/{id}", signedIn, staff.WinningPointsRead, s.winningPoint},
		{http.MethodPost, "/admin/winning-points/{id}", signedIn, staff.WinningPointsEdit, s.updateWinningPoint},

		{http.MethodGet, "/admin/news", signedIn, staff.NewsEdit, s.newsList},
		{http.MethodPost, "/admin/news", signedIn, staff.NewsEdit, s.createNews},
		{http.MethodGet, "/admin/news/{slug}", signedIn, staff.NewsEdit, s.newsPost},
		{http.MethodPost, "/admin/news/{slug}", signedIn, staff.NewsEdit, s.updateNews},
		{http.MethodGet, "/admin/banners", signedIn, staff.NewsEdit, s.banners},
		{http.MethodPost, "/admin/banners", signedIn, staff.NewsEdit, s.createBanner},
		{http.MethodGet, "/admin/banners/{id}", signedIn, staff.NewsEdit, s.banner},
		{http.MethodPost, "/admin/banners/{id}", signedIn, staff.NewsEdit, s.updateBanner},
		{http.MethodPost, "/admin/banners/{id}/delete", signedIn, staff.NewsEdit, s.deleteBanner},

		{http.MethodGet, "/admin/reviews", signedIn, staff.ReviewsModerate, s.reviews},
		{http.MethodPost, "/admin/reviews/{id}", signedIn, staff.ReviewsModerate, s.moderateReview},
		{http.MethodGet, "/admin/claims", signedIn, staff.WarrantyRead, s.claims},
		{http.MethodGet, "/admin/claims/{id}", signedIn, staff.WarrantyRead, s.claim},
		{http.MethodPost, "/admin/claims/{id}", signedIn, staff.WarrantyEdit, s.moveClaim},

		{http.MethodGet, "/admin/staff", signedIn, staff.StaffManage, s.staffList},
		{http.MethodPost, "/admin/staff", signedIn, staff.StaffManage, s.addStaff},
		{http.MethodPost, "/admin/staff/{id}", signedIn, staff.StaffManage, s.changeStaff},
		{http.MethodPost, "/admin/staff/{id}/password", signedIn, staff.StaffManage, s.resetStaffPassword},
		{http.MethodGet, "/admin/audit", signedIn, staff.AuditRead, s.auditLog},

		{http.MethodPost, "/admin/contacts/{id}/portal-link", signedIn, staff.CustomersEdit, s.sendPortalLink},
		{http.MethodGet, "/admin/quotes/{id}", signedIn, staff.QuotesRead, s.quote},
		{http.MethodPost, "/admin/quotes/{id}/comments", signedIn, staff.QuotesEdit, s.comment},
	}
	// Catalog, stock and orders (routes_ops.go) and email campaigns
	// (routes_campaigns.go), each part with its own generated test.
	for _, o := range append(s.opsRoutes(), s.campaignRoutes()...) {
		rs = append(rs, route{o.Method, o.Pattern, signedIn, o.Perm, o.Handler})
	}
	return rs
}

// mount registers the route table on the mux, each route behind its wrapper.
func (s *Server) mount() {
	for _, rt := range s.routes() {
		h := s.public(rt.Handler)
		if rt.Access == signedIn {
			h = s.staff(rt.Perm, rt.Handler)
		}
		s.mux.HandleFunc(rt.Method+" "+rt.Pattern, h)
	}
	s.mux.HandleFunc("GET /admin", s.bare)
	s.mux.HandleFunc("/admin/", s.staff(anyStaff, notFound))
}
