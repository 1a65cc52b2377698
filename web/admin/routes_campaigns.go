package admin

import "b2x/staff"

// campaignRoutes is the table of the email-campaign pages (issue 6, S13) and
// their audiences, each with the permission it needs; the route refuses a role
// without it before the handler runs and the use case checks again. There is
// no read-only campaign permission: whoever sees an audience may change it.
// routes() adds it to the route table; the permission test (campaigns_test.go)
// walks this part of it.
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

		{"GET", "/admin/mailing-lists", staff.CampaignsEdit, s.mailingLists},
		{"POST", "/admin/mailing-lists", staff.CampaignsEdit, s.createMailingList},
		{"GET", "/admin/mailing-lists/{id}", staff.CampaignsEdit, s.mailingList},
		{"POST", "/admin/mailing-lists/{id}/consents", staff.CampaignsEdit, s.addConsent},
		{"POST", "/admin/mailing-lists/{id}/import", staff.CampaignsEdit, s.importConsents},
		{"POST", "/admin/mailing-lists/{id}/withdraw", staff.CampaignsEdit, s.withdrawConsent},

		{"GET", "/admin/segments", staff.CampaignsEdit, s.segments},
		{"GET", "/admin/new-segment", staff.CampaignsEdit, s.newSegment},
		{"POST", "/admin/segments", staff.CampaignsEdit, s.createSegment},
		{"GET", "/admin/segments/{id}", staff.CampaignsEdit, s.segment},
		{"POST", "/admin/segments/{id}", staff.CampaignsEdit, s.updateSegment},

		{"GET", "/admin/suppressions", staff.CampaignsEdit, s.suppressions},
		{"POST", "/admin/suppressions", staff.CampaignsEdit, s.suppress},
		{"GET", "/admin/suppressions/remove", staff.CampaignsEdit, s.unsuppressForm},
		{"POST", "/admin/suppressions/remove", staff.CampaignsEdit, s.unsuppress},
		{"GET", "/admin/address", staff.CampaignsEdit, s.lookUpAddress},
	}
}
