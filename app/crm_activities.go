package app

import (
	"context"
	"maps"
	"slices"
	"strings"
	"time"

	"b2x/crm"
	"b2x/errs"
	"b2x/ids"
	"b2x/staff"
	"b2x/store"
)

// ActivityView is an activity as the back office shows it.
type ActivityView struct {
	crm.Activity
	TenderID   string    `json:"tender_id,omitempty"`
	FollowUpOf string    `json:"follow_up_of,omitempty"` // the meeting or call this follows up
	UpdatedAt  time.Time `json:"updated_at"`
}

func activityView(r store.ActivityRecord) ActivityView {
	return ActivityView{Activity: r.Activity, TenderID: r.TenderID, FollowUpOf: r.FollowUpOf, UpdatedAt: r.UpdatedAt}
}

// ActivityResult is a logged or completed activity and, after a meeting or call
// that is done, the follow-up crm proposes (S11). The proposal is not stored: the
// manager confirms it by creating it (CreateActivity with FollowUpOf set), edits it
// first, or lets it go.
type ActivityResult struct {
	Activity ActivityView  `json:"activity"`
	FollowUp *crm.Activity `json:"proposed_follow_up,omitempty"`
}

// NewActivity is an activity as a manager logs or plans it.
type NewActivity struct {
	Kind           crm.Kind
	Subject        string
	Notes          string
	Due            time.Time
	Done           bool   // logged as already done (a meeting that took place), done now
	Owner          string // a staff user id; empty: the actor
	OrganizationID string
	PersonID       string
	ContactIDs     []string
	OpportunityID  string
	TenderID       string
	FollowUpOf     string // the activity this follows up, when confirming a proposal
}

// CreateActivity logs or plans an activity. A meeting or call logged as done comes
// back with the proposed follow-up.
func (a *App) CreateActivity(ctx context.Context, actor Actor, in NewActivity) (ActivityResult, error) {
	if err := require(actor, staff.ActivitiesEdit); err != nil {
		return ActivityResult{}, err
	}
	now := a.clock()
	if in.Owner == "" {
		in.Owner = actor.UserID
	}
	act := crm.Activity{ID: ids.At(now), Kind: in.Kind, Subject: strings.TrimSpace(in.Subject), Notes: in.Notes,
		Due: utcMicro(in.Due), Owner: in.Owner, OrganizationID: in.OrganizationID, PersonID: in.PersonID,
		ContactIDs: in.ContactIDs, OpportunityID: in.OpportunityID, CreatedAt: now}
	if in.Done {
		act.DoneAt = now
	}
	if err := act.Validate(); err != nil {
		return ActivityResult{}, err
	}
	var res ActivityResult
	err := a.write(ctx, func(tx *store.Tx) error {
		if err := checkLinks(ctx, tx, links{Owner: act.Owner, OrganizationID: act.OrganizationID, PersonID: act.PersonID,
			ContactIDs: act.ContactIDs, OpportunityID: act.OpportunityID, TenderID: in.TenderID}); err != nil {
			return err
		}
		if err := checkActivityManaged(ctx, tx, actor, act, "organization_id"); err != nil {
			return err
		}
		if in.FollowUpOf != "" {
			if _, err := tx.Activity(ctx, in.FollowUpOf); !ids.Valid(in.FollowUpOf) || errs.CodeOf(err) == errs.NotFound {
				return errs.Field("follow_up_of", "no activity %s", in.FollowUpOf)
			} else if err != nil {
				return err
			}
		}
		r := store.ActivityRecord{Activity: act, TenderID: in.TenderID, FollowUpOf: in.FollowUpOf, UpdatedAt: now}
		if err := tx.InsertActivity(ctx, &r); err != nil {
			return err
		}
		res = activityResult(r, now)
		return a.audit(ctx, tx, actor, "activity.create", "activity", act.ID, res.Activity)
	})
	return res, err
}

func activityResult(r store.ActivityRecord, now time.Time) ActivityResult {
	res := ActivityResult{Activity: activityView(r)}
	if f, ok := crm.ProposeFollowUp(r.Activity, now); ok {
		res.FollowUp = &f
	}
	return res
}

// ActivityPatch changes some fields of an activity; nil fields stay as they are.
type ActivityPatch struct {
	Kind           *crm.Kind
	Subject        *string
	Notes          *string
	Due            *time.Time
	ClearDue       bool // e.g. when it becomes a note
	Owner          *string
	OrganizationID *string
	PersonID       *string
	ContactIDs     *[]string
	OpportunityID  *string
	TenderID       *string
}

// UpdateActivity applies a patch to an activity.
func (a *App) UpdateActivity(ctx context.Context, actor Actor, id string, patch ActivityPatch) (ActivityView, error) {
	if err := require(actor, staff.ActivitiesEdit); err != nil {
		return ActivityView{}, err
	}
	if !ids.Valid(id) {
		return ActivityView{}, errs.E(errs.NotFound, "no activity %s", id)
	}
	var v ActivityView
	err := a.write(ctx, func(tx *store.Tx) error {
		r, err := tx.Activity(ctx, id)
		if err != nil {
			return err
		}
		if err := checkActivityManaged(ctx, tx, actor, r.Activity, ""); err != nil {
			return err
		}
		before := activityView(r)
		act := &r.Activity
		set(&act.Kind, patch.Kind)
		set(&act.Subject, patch.Subject)
		set(&act.Notes, patch.Notes)
		if patch.Due != nil {
			act.Due = utcMicro(*patch.Due)
		}
		if patch.ClearDue {
			act.Due = time.Time{}
		}
		set(&act.Owner, patch.Owner)
		set(&act.OrganizationID, patch.OrganizationID)
		set(&act.PersonID, patch.PersonID)
		set(&act.ContactIDs, patch.ContactIDs)
		set(&act.OpportunityID, patch.OpportunityID)
		set(&r.TenderID, patch.TenderID)
		act.Subject = strings.TrimSpace(act.Subject)
		if err := act.Validate(); err != nil {
			return err
		}
		if err := checkLinks(ctx, tx, links{Owner: act.Owner, OrganizationID: act.OrganizationID, PersonID: act.PersonID,
			ContactIDs: act.ContactIDs, OpportunityID: act.OpportunityID, TenderID: r.TenderID}); err != nil {
			return err
		}
		r.UpdatedAt = a.clock()
		if err := tx.UpdateActivity(ctx, &r); err != nil {
			return err
		}
		v = activityView(r)
		b, af := before, v
		b.UpdatedAt, af.UpdatedAt = time.Time{}, time.Time{}
		if err := checkActivityManaged(ctx, tx, actor, r.Activity, "organization_id"); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "activity.update", "activity", id, diff(b, af))
	})
	return v, err
}

// CompleteActivity marks an activity done now. A meeting or call comes back with
// the follow-up crm proposes. Marking a done activity again is a conflict.
func (a *App) CompleteActivity(ctx context.Context, actor Actor, id string) (ActivityResult, error) {
	if err := require(actor, staff.ActivitiesEdit); err != nil {
		return ActivityResult{}, err
	}
	if !ids.Valid(id) {
		return ActivityResult{}, errs.E(errs.NotFound, "no activity %s", id)
	}
	var res ActivityResult
	err := a.write(ctx, func(tx *store.Tx) error {
		now := a.clock()
		r, err := tx.Activity(ctx, id)
		if err != nil {
			return err
		}
		if err := checkActivityManaged(ctx, tx, actor, r.Activity, ""); err != nil {
			return err
		}
		if r.Activity.Kind == crm.KindNote {
			return errs.E(errs.Conflict, "a note is a record, not something to do")
		}
		ok, err := tx.MarkActivityDone(ctx, id, now)
		if err != nil {
			return err
		}
		if !ok {
			return errs.E(errs.Conflict, "the activity is already done")
		}
		r.Activity.DoneAt, r.UpdatedAt = now, now
		res = activityResult(r, now)
		return a.audit(ctx, tx, actor, "activity.done", "activity", id, map[string]any{"done_at": now})
	})
	return res, err
}

// ActivityQuery selects a page of activities, newest first.
type ActivityQuery struct {
	Owner          string
	Kind           crm.Kind
	OrganizationID string
	PersonID       string
	ContactID      string
	OpportunityID  string
	TenderID       string
	Done           *bool
	DueFrom        time.Time
	DueTo          time.Time
	Before         string // cursor: the last id of the previous page
	Limit          int
}

// Activities lists activities with their contacts.
func (a *App) Activities(ctx context.Context, actor Actor, q ActivityQuery) ([]ActivityView, error) {
	if err := require(actor, staff.CRMRead); err != nil {
		return nil, err
	}
	var fs errs.Fields
	if q.Kind != "" && !q.Kind.Valid() {
		fs.Add("kind", "must be one of meeting, call, email, note, task")
	}
	if q.Before != "" && !ids.Valid(q.Before) {
		fs.Add("cursor", "is not a cursor this API gave out")
	}
	checkLimit(&fs, q.Limit)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []ActivityView
	err := a.read(ctx, func(tx *store.Tx) error {
		rs, err := tx.ListActivities(ctx, store.ActivityFilter{Owner: q.Owner, Kind: q.Kind, OrganizationID: q.OrganizationID,
			PersonID: q.PersonID, ContactID: q.ContactID, OpportunityID: q.OpportunityID, TenderID: q.TenderID, Done: q.Done,
			DueFrom: q.DueFrom, DueTo: q.DueTo, Before: q.Before, Limit: q.Limit, ManagedBy: managerOf(actor)})
		out = views(rs, activityView)
		return err
	})
	return out, err
}

// OverdueGroup is one person's overdue activities, earliest first.
type OverdueGroup struct {
	Owner      string         `json:"owner"`
	Activities []ActivityView `json:"activities"`
}

// MaxOverdue bounds the overdue list; a team with more has a bigger problem than
// a list can show.
const MaxOverdue = 1000

// OverdueActivities lists the open activities past their due time, grouped per
// owner (crm's Overdue); owner narrows to one person.
func (a *App) OverdueActivities(ctx context.Context, actor Actor, owner string) ([]OverdueGroup, error) {
	if err := require(actor, staff.CRMRead); err != nil {
		return nil, err
	}
	if m := managerOf(actor); m != "" {
		owner = m // an account manager's overdue list is their own
	}
	var out []OverdueGroup
	err := a.read(ctx, func(tx *store.Tx) error {
		now := a.clock()
		rs, err := tx.OverdueActivities(ctx, owner, now, MaxOverdue)
		if err != nil {
			return err
		}
		byID := map[string]store.ActivityRecord{}
		acts := make([]crm.Activity, len(rs))
		for i, r := range rs {
			acts[i], byID[r.Activity.ID] = r.Activity, r
		}
		groups := crm.Overdue(acts, now)
		for _, o := range slices.Sorted(maps.Keys(groups)) {
			g := OverdueGroup{Owner: o}
			for _, act := range groups[o] {
				g.Activities = append(g.Activities, activityView(byID[act.ID]))
			}
			out = append(out, g)
		}
		return nil
	})
	return out, err
}

// CalendarWindow is what the iCalendar feed covers: the last 90 days (so a
// subscribed calendar keeps recent history) and the next year.
const (
	calendarPast   = 90 * 24 * time.Hour
	calendarFuture = 366 * 24 * time.Hour
	calendarMax    = 5000
)

// ActivitiesCalendar renders a staff user's meetings, calls and tasks as an
// iCalendar feed (crm's ICalendar); owner empty means the actor.
func (a *App) ActivitiesCalendar(ctx context.Context, actor Actor, owner string) ([]byte, error) {
	if err := require(actor, staff.CRMRead); err != nil {
		return nil, err
	}
	if owner == "" {
		owner = actor.UserID
	}
	var out []byte
	err := a.read(ctx, func(tx *store.Tx) error {
		u, err := tx.User(ctx, owner)
		if errs.CodeOf(err) == errs.NotFound {
			return errs.Field("owner", "no staff user %s", owner)
		} else if err != nil {
			return err
		}
		now := a.clock()
		rs, err := tx.CalendarActivities(ctx, owner, now.Add(-calendarPast), now.Add(calendarFuture), calendarMax)
		if err != nil {
			return err
		}
		acts := make([]crm.Activity, len(rs))
		for i, r := range rs {
			acts[i] = r.Activity
		}
		name := u.Name
		if name == "" {
			name = u.Email
		}
		out = crm.ICalendar(acts, "b2x: "+name, now)
		return nil
	})
	return out, err
}

func views[R, V any](rs []R, fn func(R) V) []V {
	out := make([]V, len(rs))
	for i, r := range rs {
		out[i] = fn(r)
	}
	return out
}

func sortedMapKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
