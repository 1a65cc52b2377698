package api

import (
	"net/http"

	"b2x/app"
	"b2x/crm"
	"b2x/party"
	"b2x/quote"
)

type buyingCenterMemberJSON struct {
	contactJSON
	Stance  quote.Stance `json:"stance"`
	Doubter bool         `json:"doubter"`
}

type buyingCenterJSON struct {
	OrganizationID string                   `json:"organization_id"`
	Members        []buyingCenterMemberJSON `json:"members"`
	Others         []buyingCenterMemberJSON `json:"others"`
	MissingRoles   []party.Role             `json:"missing_roles"`
}

func buyingCenterOut(bc app.BuyingCenter) buyingCenterJSON {
	member := func(m app.BuyingCenterMember) buyingCenterMemberJSON {
		return buyingCenterMemberJSON{contactJSON: contactOut(m.Contact), Stance: m.Stance, Doubter: m.Doubter}
	}
	return buyingCenterJSON{OrganizationID: bc.OrganizationID, Members: views(bc.Members, member),
		Others: views(bc.Others, member), MissingRoles: nonNil(bc.MissingRoles)}
}

type customerJSON struct {
	Kind           string            `json:"kind"`
	Organization   *organizationJSON `json:"organization,omitempty"`
	Person         *personJSON       `json:"person,omitempty"`
	ReferredBy     string            `json:"referred_by,omitempty"`
	Referrals      []string          `json:"referrals"`
	AccountManager string            `json:"account_manager,omitempty"`
	AccountHistory []crm.Assignment  `json:"account_history"`
	Orders         []orderJSON       `json:"orders"`
	OrderCount     int               `json:"order_count"`
	Quotes         []quoteJSON       `json:"quotes"`
	QuoteCount     int               `json:"quote_count"`
	Deals          []opportunityJSON `json:"deals"`
	DealCount      int               `json:"deal_count"`
	Activities     []activityJSON    `json:"activities"`
	ActivityCount  int               `json:"activity_count"`
	Overdue        []activityJSON    `json:"overdue"`
	Tenders        []tenderJSON      `json:"tenders"`
	BuyingCenter   *buyingCenterJSON `json:"buying_center,omitempty"`
}

func (s *Server) getCustomer(w http.ResponseWriter, r *http.Request) error {
	v, err := s.app.CustomerView(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	out := customerJSON{Kind: v.Kind, ReferredBy: v.ReferredBy, Referrals: v.Referrals, AccountManager: v.AccountManager,
		AccountHistory: v.AccountHistory, Orders: views(v.Orders, orderOut), OrderCount: v.OrderCount,
		Quotes: views(v.Quotes, quoteOut), QuoteCount: v.QuoteCount, Deals: views(v.Deals, opportunityOut),
		DealCount: v.DealCount, Activities: views(v.Activities, activityOut), ActivityCount: v.ActivityCount,
		Overdue: views(v.Overdue, activityOut), Tenders: views(v.Tenders, tenderOut)}
	if v.Organization != nil {
		o := organizationOut(*v.Organization)
		out.Organization = &o
	}
	if v.Person != nil {
		p := personOut(*v.Person)
		out.Person = &p
	}
	if v.BuyingCenter != nil {
		bc := buyingCenterOut(*v.BuyingCenter)
		out.BuyingCenter = &bc
	}
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) getBuyingCenter(w http.ResponseWriter, r *http.Request) error {
	bc, err := s.app.BuyingCenterMap(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, buyingCenterOut(bc))
}

func (s *Server) putContactStance(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Stance quote.Stance `json:"stance"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := s.app.SetContactStance(r.Context(), actorOf(r), r.PathValue("id"), in.Stance); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, in)
}

func (s *Server) putReferredBy(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		ReferredBy string `json:"referred_by"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if err := s.app.SetReferredBy(r.Context(), actorOf(r), r.PathValue("id"), in.ReferredBy); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, in)
}

func (s *Server) getAccountManager(w http.ResponseWriter, r *http.Request) error {
	h, err := s.app.AccountHistory(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, accountOut(h))
}

func accountOut(h []crm.Assignment) map[string]any {
	current := ""
	for _, a := range h {
		if a.Current() {
			current = a.Manager
		}
	}
	return map[string]any{"manager": current, "history": nonNil(h)}
}

func (s *Server) putAccountManager(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Manager string `json:"manager"`
	}
	if err := decode(w, r, &in); err != nil {
		return err
	}
	h, err := s.app.ReassignAccount(r.Context(), actorOf(r), r.PathValue("id"), in.Manager)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, accountOut(h))
}

func (s *Server) getWorkload(w http.ResponseWriter, r *http.Request) error {
	rows, err := s.app.Workload(r.Context(), actorOf(r))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": nonNil(rows)})
}
