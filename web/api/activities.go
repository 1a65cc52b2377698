package api

import (
	"encoding/json"
	"net/http"

	"b2x/app"
	"b2x/crm"
	"b2x/errs"
)

type activityJSON struct {
	app.ActivityView
	ContactIDs []string `json:"contact_ids"`
}

func activityOut(v app.ActivityView) activityJSON {
	return activityJSON{ActivityView: v, ContactIDs: nonNil(v.ContactIDs)}
}

type activityResultJSON struct {
	Activity activityJSON  `json:"activity"`
	FollowUp *crm.Activity `json:"proposed_follow_up,omitempty"`
}

func activityResultOut(res app.ActivityResult) activityResultJSON {
	return activityResultJSON{Activity: activityOut(res.Activity), FollowUp: res.FollowUp}
}

func (s *Server) listActivities(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := limitParam(r)
	if err != nil {
		return err
	}
	aq := app.ActivityQuery{Owner: q.Get("owner"), Kind: crm.Kind(q.Get("kind")), OrganizationID: q.Get("organization_id"),
		PersonID: q.Get("person_id"), ContactID: q.Get("contact_id"), OpportunityID: q.Get("opportunity_id"),
		TenderID: q.Get("tender_id"), Before: q.Get("cursor"), Limit: limit + 1}
	var fs errs.Fields
	switch q.Get("done") {
	case "":
	case "true", "false":
		d := q.Get("done") == "true"
		aq.Done = &d
	default:
		fs.Add("done", "must be true or false")
	}
	if aq.DueFrom, err = queryTime(r, "due_from"); err != nil {
		fs.Wrap("", err)
	}
	if aq.DueTo, err = queryTime(r, "due_to"); err != nil {
		fs.Wrap("", err)
	}
	if err := fs.Err(); err != nil {
		return err
	}
	vs, err := s.app.Activities(r.Context(), actorOf(r), aq)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, pageOf(vs, limit, activityOut, func(v app.ActivityView) string { return v.ID }))
}

type activityIn struct {
	Kind           *crm.Kind       `json:"kind"`
	Subject        *string         `json:"subject"`
	Notes          *string         `json:"notes"`
	Due            json.RawMessage `json:"due"` // a time, or null to clear it
	Done           bool            `json:"done"`
	Owner          *string         `json:"owner"`
	OrganizationID *string         `json:"organization_id"`
	PersonID       *string         `json:"person_id"`
	ContactIDs     *[]string       `json:"contact_ids"`
	OpportunityID  *string         `json:"opportunity_id"`
	TenderID       *string         `json:"tender_id"`
	FollowUpOf     string          `json:"follow_up_of"`
}

func (in activityIn) patch() (app.ActivityPatch, error) {
	p := app.ActivityPatch{Kind: in.Kind, Subject: in.Subject, Notes: in.Notes, Owner: in.Owner,
		OrganizationID: in.OrganizationID, PersonID: in.PersonID, ContactIDs: in.ContactIDs,
		OpportunityID: in.OpportunityID, TenderID: in.TenderID}
	if in.Due != nil {
		if string(in.Due) == "null" {
			p.ClearDue = true
		} else {
			t, err := timeField("due", in.Due)
			if err != nil {
				return p, err
			}
			p.Due = &t
		}
	}
	return p, nil
}

func (s *Server) createActivity(w http.ResponseWriter, r *http.Request) error {
	var in activityIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p, err := in.patch()
	if err != nil {
		return err
	}
	n := app.NewActivity{Done: in.Done, FollowUpOf: in.FollowUpOf}
	opt := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	if in.Kind != nil {
		n.Kind = *in.Kind
	}
	opt(&n.Subject, in.Subject)
	opt(&n.Notes, in.Notes)
	opt(&n.Owner, in.Owner)
	opt(&n.OrganizationID, in.OrganizationID)
	opt(&n.PersonID, in.PersonID)
	opt(&n.OpportunityID, in.OpportunityID)
	opt(&n.TenderID, in.TenderID)
	if in.ContactIDs != nil {
		n.ContactIDs = *in.ContactIDs
	}
	if p.Due != nil {
		n.Due = *p.Due
	}
	res, err := s.app.CreateActivity(r.Context(), actorOf(r), n)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/activities/"+res.Activity.ID)
	return writeJSON(w, http.StatusCreated, activityResultOut(res))
}

func (s *Server) updateActivity(w http.ResponseWriter, r *http.Request) error {
	var in activityIn
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if in.Done || in.FollowUpOf != "" {
		return errs.Field("done", "is set with POST /api/v1/activities/{id}/done; follow_up_of only when creating")
	}
	p, err := in.patch()
	if err != nil {
		return err
	}
	v, err := s.app.UpdateActivity(r.Context(), actorOf(r), r.PathValue("id"), p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, activityOut(v))
}

func (s *Server) completeActivity(w http.ResponseWriter, r *http.Request) error {
	var in struct{}
	if r.ContentLength != 0 {
		if err := decode(w, r, &in); err != nil {
			return err
		}
	}
	res, err := s.app.CompleteActivity(r.Context(), actorOf(r), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, activityResultOut(res))
}

func (s *Server) listOverdue(w http.ResponseWriter, r *http.Request) error {
	gs, err := s.app.OverdueActivities(r.Context(), actorOf(r), r.URL.Query().Get("owner"))
	if err != nil {
		return err
	}
	type groupJSON struct {
		Owner      string         `json:"owner"`
		Activities []activityJSON `json:"activities"`
	}
	out := []groupJSON{}
	for _, g := range gs {
		out = append(out, groupJSON{Owner: g.Owner, Activities: views(g.Activities, activityOut)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (s *Server) activitiesCalendar(w http.ResponseWriter, r *http.Request) error {
	ics, err := s.app.ActivitiesCalendar(r.Context(), actorOf(r), r.URL.Query().Get("owner"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="activities.ics"`)
	_, err = w.Write(ics)
	return err
}

func views[R, V any](rs []R, fn func(R) V) []V {
	out := make([]V, len(rs))
	for i, r := range rs {
		out[i] = fn(r)
	}
	return out
}
