package admin

import "b2x/staff"

// campaignRoutes is the table of the email-campaign pages (issue 6, S13), each
// with the permission it needs; the route refuses a role without it before the
// handler runs and the use case checks again. routes() adds it to the route
// table; the permission test (campaigns_test.go) walks this part of it.
func (s *Server) campaignRoutes() []opsRoute {
	return []opsRoute{
		{"GET", "/admin/campaigns", staff.CampaignsEdit, s.campaigns},
		{"GET", "/admin/new-campaign", staff.CampaignsEdit, s.newCampaign},
		{"POST", "/admin/campaigns", staff.CampaignsEdit, s.createCampaign},
		{"GET", "/admin/campaigns/{id}", staff.CampaignsEdit, s.campaign},
		{"POST", "/admin/campaigns/{id}", staff.CampaignsEdit, s.updateCampaign},
		{"POST", "/admin/campaigns/{id}/test-sends", staff.CampaignsEdit, s.testSendCampaign},
		{"POST", "/admin/campaigns/{id}/send", staff.CampaignsEdit, s.sendCampaign},
		{"POST", "/admin/campaigns/{id}/pause", staff.CampaignsEdit, s.pauseCampaign},
		{"POST", "/admin/campaigns/{id}/resume", staff.CampaignsEdit, s.resumeCampaign},
		{"GET", "/admin/campaigns/{id}/report", staff.CampaignsEdit, s.campaignReport},
		{"GET", "/admin/suppressions", staff.CampaignsEdit, s.suppressions},
	}
}
