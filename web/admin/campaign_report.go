package admin

import (
	"net/http"

	"b2x/app"
	"b2x/store"
)

// campaignPageSize is the rows of one page of a campaign's deliveries.
const campaignPageSize = 50

type campaignReportPage struct {
	Report     app.CampaignReport
	Deliveries []store.Delivery
	State      string
	States     []string
	// Next is the cursor of the next page, empty on the last.
	Next string
}

var deliveryStates = []string{store.DeliveryQueued, store.DeliverySending, store.DeliverySent, store.DeliveryFailed, store.DeliverySkipped}

// campaignReport shows a campaign's figures and its deliveries, filtered by
// state, a page at a time.
func (s *Server) campaignReport(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, q := r.PathValue("id"), r.URL.Query()
	d := campaignReportPage{State: q.Get("state"), States: deliveryStates}
	var err error
	if d.Report, err = s.app.CampaignReport(r.Context(), rq.actor, id); err != nil {
		return err
	}
	if d.Deliveries, err = s.app.CampaignDeliveries(r.Context(), rq.actor, id, d.State, q.Get("after"), campaignPageSize+1); err != nil {
		return err
	}
	if len(d.Deliveries) > campaignPageSize {
		d.Deliveries = d.Deliveries[:campaignPageSize]
		d.Next = d.Deliveries[campaignPageSize-1].ID
	}
	s.render(w, r, http.StatusOK, "campaignreport", rq, d.Report.Campaign.Name, d)
	return nil
}
