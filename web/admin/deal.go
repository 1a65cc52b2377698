package admin

import (
	"net/http"
	"slices"
	"time"

	"b2x/app"
	"b2x/crm"
	"b2x/errs"
	"b2x/web/page"
)

// stageTime is one row of a deal's time in each stage.
type stageTime struct {
	Stage crm.Stage
	Days  int
	Hours int
}

type dealPage struct {
	Deal       app.OpportunityView
	Stages     []crm.Stage
	Times      []stageTime
	Activities []app.ActivityView
	Kinds      []crm.Kind
	// FollowUp is the next step crm proposes after a meeting or call just logged,
	// with the activity it follows up; the manager confirms it with one click.
	FollowUp   *crm.Activity
	FollowUpOf string
	Errors     page.FormErrors
	Form       activityForm
}

// StageName names the deal's stage as the pipeline calls it.
func (d dealPage) StageName() string {
	for _, st := range d.Stages {
		if st.Key == d.Deal.Stage {
			return st.Name
		}
	}
	return d.Deal.Stage
}

type activityForm struct {
	Kind, Subject, Notes, Due string
	Done                      bool
}

// deal shows one deal: stage history with time in each stage, a move form and
// the activities with a form to log one.
func (s *Server) deal(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := s.dealPage(r, rq)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "deal", rq, d.Deal.Title, d)
	return nil
}

func (s *Server) dealPage(r *http.Request, rq *request) (dealPage, error) {
	ctx := r.Context()
	deal, err := s.app.Opportunity(ctx, rq.actor, r.PathValue("id"))
	if err != nil {
		return dealPage{}, err
	}
	p, err := s.app.Pipeline(ctx, rq.actor)
	if err != nil {
		return dealPage{}, err
	}
	acts, err := s.app.Activities(ctx, rq.actor, app.ActivityQuery{OpportunityID: deal.ID, Limit: app.MaxPageSize})
	if err != nil {
		return dealPage{}, err
	}
	d := dealPage{Deal: deal, Stages: p.Stages, Activities: acts,
		Kinds: []crm.Kind{crm.KindMeeting, crm.KindCall, crm.KindEmail, crm.KindNote, crm.KindTask}}
	for _, st := range p.Stages {
		if t, ok := deal.TimeInStages[st.Key]; ok {
			d.Times = append(d.Times, stageTime{Stage: st, Days: int(t / (24 * time.Hour)), Hours: int(t%(24*time.Hour)) / int(time.Hour)})
		}
	}
	slices.Reverse(d.Deal.History)
	return d, nil
}

// logActivity logs an activity on the deal. After a meeting or call logged as
// done the page comes back with crm's proposed follow-up to confirm; the
// confirmation posts here again with follow_up_of set.
func (s *Server) logActivity(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := page.ParseForm(w, r); err != nil {
		return err
	}
	f := activityForm{Kind: page.Field(r, "kind"), Subject: page.Field(r, "subject"), Notes: page.Field(r, "notes"),
		Due: page.Field(r, "due"), Done: page.Field(r, "done") != ""}
	in := app.NewActivity{Kind: crm.Kind(f.Kind), Subject: f.Subject, Notes: f.Notes, Done: f.Done,
		OpportunityID: r.PathValue("id"), FollowUpOf: page.Field(r, "follow_up_of")}
	var bad error
	if f.Due != "" {
		// The date field gives a day, a day's work starts in the morning; a
		// confirmed proposal carries its exact time.
		if due, err := time.Parse("2006-01-02", f.Due); err == nil {
			in.Due = due.Add(9 * time.Hour)
		} else if due, err := time.Parse(time.RFC3339, f.Due); err == nil {
			in.Due = due
		} else {
			bad = errs.Field("due", "%s", rq.p.T("admin.bad_date"))
		}
	} else if f.Done {
		in.Due = time.Now() // a meeting logged as done without a date took place now
	}
	deal, err := s.app.Opportunity(r.Context(), rq.actor, in.OpportunityID)
	if err != nil {
		return err
	}
	in.OrganizationID, in.PersonID = deal.OrganizationID, deal.PersonID
	var res app.ActivityResult
	if bad == nil {
		res, bad = s.app.CreateActivity(r.Context(), rq.actor, in)
	}
	if bad != nil {
		fe, other := page.AsFormErrorsIn(rq.p, bad)
		if other != nil {
			return other
		}
		d, err := s.dealPage(r, rq)
		if err != nil {
			return err
		}
		d.Errors, d.Form = fe, f
		s.render(w, r, page.FormStatus(bad), "deal", rq, d.Deal.Title, d)
		return nil
	}
	if res.FollowUp == nil {
		http.Redirect(w, r, "/admin/deals/"+deal.ID, http.StatusSeeOther)
		return nil
	}
	d, err := s.dealPage(r, rq)
	if err != nil {
		return err
	}
	d.FollowUp, d.FollowUpOf = res.FollowUp, res.Activity.ID
	s.render(w, r, http.StatusOK, "deal", rq, d.Deal.Title, d)
	return nil
}
