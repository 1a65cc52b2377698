package api

import "net/http"

// access says who may call a route.
type access int

const (
	public       access = iota // anyone; handlers narrow what the public sees
	staffOnly                  // a staff token is required
	buyerOrStaff               // a staff token or a buyer's contact token; app narrows a buyer to their organization
	buyerOnly                  // a buyer's contact token: the signed-in contact acts for themselves
)

// route is one API endpoint. The table below is the API: the mux, the OpenAPI test
// and the access tests all read it.
type route struct {
	Method  string
	Pattern string
	Access  access
	Handler handler
}

func (s *Server) routes() []route {
	return []route{
		{http.MethodGet, "/healthz", public, s.health},
		{http.MethodGet, "/api/openapi.json", public, s.openAPI},

		{http.MethodGet, "/api/v1/products", public, s.listProducts},
		{http.MethodPost, "/api/v1/products", staffOnly, s.createProduct},
		{http.MethodGet, "/api/v1/products/{sku}", public, s.getProduct},
		{http.MethodPatch, "/api/v1/products/{sku}", staffOnly, s.updateProduct},
		{http.MethodGet, "/api/v1/categories", public, s.listCategories},
		{http.MethodPut, "/api/v1/categories/{slug}", staffOnly, s.putCategory},

		{http.MethodGet, "/api/v1/stock/{sku}", public, s.getStock},
		{http.MethodPost, "/api/v1/stock/movements", staffOnly, s.createMovement},
		{http.MethodGet, "/api/v1/stock/{sku}/movements", staffOnly, s.listMovements},
		{http.MethodGet, "/api/v1/warehouses", staffOnly, s.listWarehouses},
		{http.MethodPut, "/api/v1/warehouses/{code}", staffOnly, s.putWarehouse},
		{http.MethodGet, "/api/v1/stock/{sku}/reorder-points", staffOnly, s.listReorderPoints},
		{http.MethodPut, "/api/v1/stock/{sku}/reorder-points/{code}", staffOnly, s.putReorderPoint},
		{http.MethodDelete, "/api/v1/stock/{sku}/reorder-points/{code}", staffOnly, s.deleteReorderPoint},
		{http.MethodGet, "/api/v1/low-stock", staffOnly, s.listLowStock},

		{http.MethodPost, "/api/v1/orders", public, s.createOrder},
		{http.MethodGet, "/api/v1/orders", staffOnly, s.listOrders},
		{http.MethodGet, "/api/v1/orders/{id}", staffOnly, s.getOrder},
		{http.MethodPost, "/api/v1/orders/{id}/transitions", staffOnly, s.transitionOrder},
		{http.MethodGet, "/api/v1/orders/{id}/transitions", staffOnly, s.listOrderTransitions},
		{http.MethodPut, "/api/v1/orders/{id}/delivery", staffOnly, s.putOrderDelivery},
		{http.MethodGet, "/api/v1/order-status-times", staffOnly, s.getStatusTimes},
		{http.MethodGet, "/api/v1/deliveries", staffOnly, s.listDeliveries},
		{http.MethodPost, "/api/v1/cart/quote", public, s.quoteCart},
		{http.MethodGet, "/api/v1/delivery-methods", public, s.listDeliveryMethods},
		{http.MethodPut, "/api/v1/delivery-methods/{method}", staffOnly, s.putDeliveryMethod},

		{http.MethodPost, "/api/v1/coupons", staffOnly, s.createCoupon},
		{http.MethodGet, "/api/v1/coupons", staffOnly, s.listCoupons},
		{http.MethodPost, "/api/v1/promotions", staffOnly, s.createPromotion},
		{http.MethodGet, "/api/v1/promotions", staffOnly, s.listPromotions},
		{http.MethodPost, "/api/v1/loyalty-cards", staffOnly, s.issueLoyaltyCard},
		{http.MethodGet, "/api/v1/loyalty-cards/{phone}", staffOnly, s.getLoyaltyCard},
		{http.MethodPost, "/api/v1/loyalty-cards/{phone}/adjustments", staffOnly, s.adjustLoyaltyPoints},
		{http.MethodPost, "/api/v1/phone-codes", public, s.sendPhoneCode},

		{http.MethodGet, "/api/v1/prices/resolve", public, s.resolvePrice},
		{http.MethodPost, "/api/v1/price-lists", staffOnly, s.createPriceList},
		{http.MethodGet, "/api/v1/organizations/{id}/price-lists", buyerOrStaff, s.listPriceLists},

		{http.MethodGet, "/api/v1/persons", staffOnly, s.listPersons},
		{http.MethodPost, "/api/v1/persons", staffOnly, s.createPerson},
		{http.MethodGet, "/api/v1/persons/{id}", staffOnly, s.getPerson},
		{http.MethodPatch, "/api/v1/persons/{id}", staffOnly, s.updatePerson},
		{http.MethodGet, "/api/v1/organizations", staffOnly, s.listOrganizations},
		{http.MethodPost, "/api/v1/organizations", staffOnly, s.createOrganization},
		{http.MethodGet, "/api/v1/organizations/{id}", staffOnly, s.getOrganization},
		{http.MethodPatch, "/api/v1/organizations/{id}", staffOnly, s.updateOrganization},
		{http.MethodGet, "/api/v1/organizations/{id}/contacts", staffOnly, s.listContacts},
		{http.MethodPost, "/api/v1/organizations/{id}/contacts", staffOnly, s.createContact},
		{http.MethodGet, "/api/v1/contacts/{id}", staffOnly, s.getContact},
		{http.MethodPatch, "/api/v1/contacts/{id}", staffOnly, s.updateContact},

		{http.MethodPost, "/api/v1/quotes", staffOnly, s.createQuote},
		{http.MethodGet, "/api/v1/quotes", buyerOrStaff, s.listQuotes},
		{http.MethodGet, "/api/v1/quotes/{id}", buyerOrStaff, s.getQuote},
		{http.MethodPatch, "/api/v1/quotes/{id}", staffOnly, s.reviseQuote},
		{http.MethodPost, "/api/v1/quotes/{id}/send", staffOnly, s.sendQuote},
		{http.MethodPost, "/api/v1/quotes/{id}/withdraw", staffOnly, s.withdrawQuote},
		{http.MethodPost, "/api/v1/quotes/{id}/approvals", buyerOnly, s.decideQuote},
		{http.MethodPost, "/api/v1/quotes/{id}/accept", buyerOrStaff, s.acceptQuote},
		{http.MethodGet, "/api/v1/quotes/{id}/revisions", buyerOrStaff, s.listQuoteRevisions},
		{http.MethodGet, "/api/v1/quotes/{id}/pdf", buyerOrStaff, s.quotePDF},
		{http.MethodGet, "/api/v1/quotes/{id}/comments", buyerOrStaff, s.listQuoteComments},
		{http.MethodPost, "/api/v1/quotes/{id}/comments", buyerOrStaff, s.addQuoteComment},

		{http.MethodGet, "/api/v1/products/{sku}/reviews", public, s.listProductReviews},
		{http.MethodPost, "/api/v1/products/{sku}/reviews", public, s.createReview},
		{http.MethodGet, "/api/v1/review-summaries", public, s.reviewSummaries},
		{http.MethodGet, "/api/v1/reviews", staffOnly, s.listReviews},
		{http.MethodPost, "/api/v1/reviews/{id}/moderation", staffOnly, s.moderateReview},

		{http.MethodGet, "/api/v1/warranty/registrations", staffOnly, s.listRegistrations},
		{http.MethodPost, "/api/v1/warranty/registrations", staffOnly, s.createRegistration},
		{http.MethodGet, "/api/v1/warranty/registrations/{id}", staffOnly, s.getRegistration},
		{http.MethodGet, "/api/v1/warranty/claims", staffOnly, s.listClaims},
		{http.MethodPost, "/api/v1/warranty/claims", staffOnly, s.createClaim},
		{http.MethodGet, "/api/v1/warranty/claims/{id}", staffOnly, s.getClaim},
		{http.MethodPost, "/api/v1/warranty/claims/{id}/transitions", staffOnly, s.transitionClaim},
		{http.MethodGet, "/api/v1/warranty/defects", staffOnly, s.listDefects},
		{http.MethodPost, "/api/v1/warranty/defects", staffOnly, s.createDefect},

		{http.MethodGet, "/api/v1/funnel", staffOnly, s.getFunnel},

		{http.MethodGet, "/api/v1/news", public, s.listNews},
		{http.MethodPost, "/api/v1/news", staffOnly, s.createNews},
		{http.MethodGet, "/api/v1/news/{slug}", public, s.getNews},
		{http.MethodPatch, "/api/v1/news/{slug}", staffOnly, s.updateNews},

		{http.MethodGet, "/api/v1/campaigns", staffOnly, s.listCampaigns},
		{http.MethodPost, "/api/v1/campaigns", staffOnly, s.createCampaign},
		{http.MethodGet, "/api/v1/campaigns/{id}", staffOnly, s.getCampaign},
		{http.MethodPut, "/api/v1/campaigns/{id}", staffOnly, s.updateCampaign},
		{http.MethodGet, "/api/v1/campaigns/{id}/findings", staffOnly, s.campaignFindings},
		{http.MethodPost, "/api/v1/campaigns/{id}/test-sends", staffOnly, s.testSendCampaign},
		{http.MethodPost, "/api/v1/campaigns/{id}/send", staffOnly, s.sendCampaign},
		{http.MethodPost, "/api/v1/campaigns/{id}/pause", staffOnly, s.pauseCampaign},
		{http.MethodPost, "/api/v1/campaigns/{id}/resume", staffOnly, s.resumeCampaign},
		{http.MethodGet, "/api/v1/campaigns/{id}/report", staffOnly, s.campaignReport},
		{http.MethodGet, "/api/v1/campaigns/{id}/deliveries", staffOnly, s.campaignDeliveries},
		{http.MethodGet, "/api/v1/mailing-lists", staffOnly, s.listMailingLists},
		{http.MethodPost, "/api/v1/mailing-lists", staffOnly, s.createMailingList},
		{http.MethodPost, "/api/v1/mailing-lists/{list}/consents", staffOnly, s.giveConsent},
		{http.MethodPost, "/api/v1/mailing-lists/{list}/withdrawals", staffOnly, s.withdrawConsent},
		{http.MethodGet, "/api/v1/consents", staffOnly, s.listConsents},
		{http.MethodGet, "/api/v1/segments", staffOnly, s.listSegments},
		{http.MethodPost, "/api/v1/segments", staffOnly, s.createSegment},
		{http.MethodPut, "/api/v1/segments/{id}", staffOnly, s.updateSegment},
		{http.MethodPost, "/api/v1/audience-preview", staffOnly, s.previewAudience},
		{http.MethodGet, "/api/v1/suppressions", staffOnly, s.listSuppressions},
		{http.MethodPost, "/api/v1/suppressions", staffOnly, s.createSuppression},
		{http.MethodPost, "/api/v1/bounces", staffOnly, s.recordBounce},

		{http.MethodGet, "/api/v1/contracts", buyerOrStaff, s.listContracts},
		{http.MethodPost, "/api/v1/contracts", staffOnly, s.createContract},
		{http.MethodGet, "/api/v1/contracts/{id}", buyerOrStaff, s.getContract},
		{http.MethodPatch, "/api/v1/contracts/{id}", staffOnly, s.updateContract},

		{http.MethodGet, "/api/v1/licences", buyerOrStaff, s.listLicences},
		{http.MethodGet, "/api/v1/licences/renewals", staffOnly, s.listRenewals},
		{http.MethodGet, "/api/v1/licences/{id}", buyerOrStaff, s.getLicence},
		{http.MethodGet, "/api/v1/licences/{id}/seat-price", buyerOrStaff, s.licenceSeatPrice},
		{http.MethodPost, "/api/v1/licences/{id}/seats", buyerOrStaff, s.addLicenceSeats},

		{http.MethodGet, "/api/v1/saved-lists", buyerOrStaff, s.listSavedLists},
		{http.MethodPost, "/api/v1/saved-lists", buyerOrStaff, s.createSavedList},
		{http.MethodGet, "/api/v1/saved-lists/{id}", buyerOrStaff, s.getSavedList},
		{http.MethodPut, "/api/v1/saved-lists/{id}", buyerOrStaff, s.putSavedList},
		{http.MethodDelete, "/api/v1/saved-lists/{id}", buyerOrStaff, s.deleteSavedList},
		{http.MethodPost, "/api/v1/saved-lists/{id}/lines", buyerOrStaff, s.addSavedListLine},
		{http.MethodPost, "/api/v1/saved-lists/{id}/orders", buyerOnly, s.orderSavedList},
		{http.MethodGet, "/api/v1/orders/{id}/reorder-draft", buyerOnly, s.reorderDraft},
		{http.MethodPost, "/api/v1/orders/{id}/reorder", buyerOnly, s.reorder},
		{http.MethodGet, "/api/v1/recurring-orders", buyerOrStaff, s.listRecurring},
		{http.MethodPost, "/api/v1/recurring-orders", buyerOrStaff, s.createRecurring},
		{http.MethodGet, "/api/v1/recurring-orders/{id}", buyerOrStaff, s.getRecurring},
		{http.MethodPatch, "/api/v1/recurring-orders/{id}", buyerOrStaff, s.updateRecurring},
		{http.MethodGet, "/api/v1/pipeline", staffOnly, s.getPipeline},
		{http.MethodPut, "/api/v1/pipeline", staffOnly, s.putPipeline},
		{http.MethodGet, "/api/v1/pipeline/board", staffOnly, s.getBoard},
		{http.MethodGet, "/api/v1/pipeline/forecast", staffOnly, s.getForecast},
		{http.MethodGet, "/api/v1/opportunities", staffOnly, s.listOpportunities},
		{http.MethodPost, "/api/v1/opportunities", staffOnly, s.createOpportunity},
		{http.MethodGet, "/api/v1/opportunities/{id}", staffOnly, s.getOpportunity},
		{http.MethodPatch, "/api/v1/opportunities/{id}", staffOnly, s.updateOpportunity},
		{http.MethodPost, "/api/v1/opportunities/{id}/moves", staffOnly, s.moveOpportunity},

		{http.MethodGet, "/api/v1/activities", staffOnly, s.listActivities},
		{http.MethodPost, "/api/v1/activities", staffOnly, s.createActivity},
		{http.MethodPatch, "/api/v1/activities/{id}", staffOnly, s.updateActivity},
		{http.MethodPost, "/api/v1/activities/{id}/done", staffOnly, s.completeActivity},
		{http.MethodGet, "/api/v1/activities/overdue", staffOnly, s.listOverdue},
		{http.MethodGet, "/api/v1/activities.ics", staffOnly, s.activitiesCalendar},

		{http.MethodGet, "/api/v1/tenders", staffOnly, s.listTenders},
		{http.MethodPost, "/api/v1/tenders", staffOnly, s.createTender},
		{http.MethodGet, "/api/v1/tenders/reminders", staffOnly, s.listTenderReminders},
		{http.MethodGet, "/api/v1/tenders/{id}", staffOnly, s.getTender},
		{http.MethodPatch, "/api/v1/tenders/{id}", staffOnly, s.updateTender},
		{http.MethodPost, "/api/v1/tenders/{id}/deal", staffOnly, s.createTenderDeal},

		{http.MethodGet, "/api/v1/winning-points", staffOnly, s.listWinningPoints},
		{http.MethodPost, "/api/v1/winning-points", staffOnly, s.createWinningPoint},
		{http.MethodGet, "/api/v1/winning-points/{id}", staffOnly, s.getWinningPoint},
		{http.MethodPut, "/api/v1/winning-points/{id}", staffOnly, s.putWinningPoint},
		{http.MethodPost, "/api/v1/winning-points/{id}/uses", staffOnly, s.useWinningPoint},

		{http.MethodGet, "/api/v1/customers/{id}", staffOnly, s.getCustomer},
		{http.MethodPut, "/api/v1/customers/{id}/referred-by", staffOnly, s.putReferredBy},
		{http.MethodGet, "/api/v1/organizations/{id}/buying-center", staffOnly, s.getBuyingCenter},
		{http.MethodPut, "/api/v1/contacts/{id}/stance", staffOnly, s.putContactStance},
		{http.MethodGet, "/api/v1/organizations/{id}/account-manager", staffOnly, s.getAccountManager},
		{http.MethodPut, "/api/v1/organizations/{id}/account-manager", staffOnly, s.putAccountManager},
		{http.MethodGet, "/api/v1/account-managers/workload", staffOnly, s.getWorkload},

		{http.MethodGet, "/api/v1/staff", staffOnly, s.listStaffUsers},
		{http.MethodPost, "/api/v1/staff", staffOnly, s.createStaffUser},
		{http.MethodPatch, "/api/v1/staff/{id}", staffOnly, s.updateStaffUser},
		{http.MethodPost, "/api/v1/staff/{id}/password", staffOnly, s.resetStaffPassword},
		{http.MethodGet, "/api/v1/audit", staffOnly, s.listAudit},
	}
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) error {
	return writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
