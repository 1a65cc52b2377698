package quote

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"b2x/money"
	"b2x/party"
)

// RoleVerdict is where one required role stands.
type RoleVerdict struct {
	Role       party.Role
	Because    []string      // why the role must approve, for people to read
	Holders    []Participant // who in the buying center has the role
	ApprovedBy []Participant // holders whose latest decision is to approve
}

// Approved reports whether someone with the role has approved.
func (r RoleVerdict) Approved() bool { return len(r.ApprovedBy) > 0 }

// Held reports whether anyone in the buying center has the role. A required role
// nobody holds can never approve: the seller has to find that person first.
func (r RoleVerdict) Held() bool { return len(r.Holders) > 0 }

// Rejection is a participant's standing "no".
type Rejection struct {
	ContactID string
	Name      string
	Roles     []party.Role // the contact's roles in the buying center
	Reason    string
	At        time.Time
}

// Verdict is what the buyer and the seller both see: who has approved, who is
// still missing, and what blocks the quote.
type Verdict struct {
	Required   []RoleVerdict // every role that must approve at this total, in party.Roles order
	Approved   []party.Role  // required roles someone has approved for
	Missing    []party.Role  // required roles still without an approval
	Unheld     []party.Role  // the missing roles nobody in the buying center holds
	Rejections []Rejection   // each blocks the quote on its own, oldest first
	Ignored    []Approval    // decisions by contacts outside the buying center, or in a role they do not hold
	CanAccept  bool          // every required role approved and nobody rejects
	Summary    string        // "3 of 4 key people approve; waiting for financial approver"
}

// Evaluate decides whether a quote with this total may be accepted (S6, S16).
//
// The roles that must approve are those of participants marked Required plus those
// of rules that apply at the total (see Rule). A role has approved when someone
// holding it in the buying center has approved; any rejection by a member blocks
// the quote until that person changes their mind or a revision answers it.
//
// A person decides about the quote, not about one of their roles: only a
// contact's latest decision counts (by At; of two at the same instant, the later in
// the slice), and it counts for every role the contact holds. So an approval sent
// twice counts once, and a rejection after an approval takes the approval back.
// Decisions by contacts who are not participants, or made in a role the contact
// does not hold, count for nothing and are listed in Ignored.
//
// total is the amount the rules' thresholds are compared with; pass the quote's
// net total (B2B budgets are net of recoverable VAT). Pass only the decisions on
// the current revision (ForRevision).
func Evaluate(participants []Participant, rules []Rule, approvals []Approval, total money.Amount) Verdict {
	var v Verdict
	latest, ignored := latestDecisions(participants, approvals)
	v.Ignored = ignored

	because := map[party.Role][]string{}
	for _, p := range participants {
		if p.Required {
			because[p.Role] = append(because[p.Role], name(p)+" is a required approver")
		}
	}
	for _, r := range rules {
		if !r.applies(total) {
			continue
		}
		why := "always required"
		switch {
		case r.Above.IsZero():
		case r.Above.Currency != total.Currency:
			why = fmt.Sprintf("required above %s %s (a threshold in another currency always applies)", r.Above, r.Above.Currency)
		default:
			why = fmt.Sprintf("required above %s %s", r.Above, r.Above.Currency)
		}
		because[r.Role] = append(because[r.Role], why)
	}

	for _, role := range sortedRoles(because) {
		rv := RoleVerdict{Role: role, Because: slices.Compact(because[role])}
		for _, p := range participants {
			if p.Role != role {
				continue
			}
			rv.Holders = append(rv.Holders, p)
			if a, ok := latest[p.ContactID]; ok && a.Decision == Approve {
				rv.ApprovedBy = append(rv.ApprovedBy, p)
			}
		}
		v.Required = append(v.Required, rv)
		switch {
		case rv.Approved():
			v.Approved = append(v.Approved, role)
		case rv.Held():
			v.Missing = append(v.Missing, role)
		default:
			v.Missing = append(v.Missing, role)
			v.Unheld = append(v.Unheld, role)
		}
	}

	for id, a := range latest {
		if a.Decision != Reject {
			continue
		}
		rej := Rejection{ContactID: id, Reason: a.Reason, At: a.At}
		for _, p := range participants {
			if p.ContactID == id {
				rej.Name = name(p)
				rej.Roles = append(rej.Roles, p.Role)
			}
		}
		v.Rejections = append(v.Rejections, rej)
	}
	slices.SortFunc(v.Rejections, func(a, b Rejection) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ContactID, b.ContactID))
	})

	v.CanAccept = len(v.Missing) == 0 && len(v.Rejections) == 0
	v.Summary = summary(v)
	return v
}

// latestDecisions keeps each member's latest decision and returns the decisions
// that do not count.
func latestDecisions(ps []Participant, approvals []Approval) (map[string]Approval, []Approval) {
	holds := map[string][]party.Role{}
	for _, p := range ps {
		holds[p.ContactID] = append(holds[p.ContactID], p.Role)
	}
	var counted, ignored []Approval
	for _, a := range approvals {
		roles, member := holds[a.ContactID]
		if !member || (a.Role != "" && !slices.Contains(roles, a.Role)) {
			ignored = append(ignored, a)
			continue
		}
		counted = append(counted, a)
	}
	slices.SortStableFunc(counted, func(a, b Approval) int { return a.At.Compare(b.At) })
	latest := map[string]Approval{}
	for _, a := range counted {
		latest[a.ContactID] = a
	}
	return latest, ignored
}

// sortedRoles returns the keys in party.Roles order; unknown roles go last.
func sortedRoles(m map[party.Role][]string) []party.Role {
	rank := func(r party.Role) int {
		if i := slices.Index(party.Roles, r); i >= 0 {
			return i
		}
		return len(party.Roles)
	}
	roles := make([]party.Role, 0, len(m))
	for r := range m {
		roles = append(roles, r)
	}
	slices.SortFunc(roles, func(a, b party.Role) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(a, b))
	})
	return roles
}

func summary(v Verdict) string {
	var parts []string
	if len(v.Required) == 0 {
		parts = append(parts, "no approvals required")
	} else {
		parts = append(parts, fmt.Sprintf("%d of %d key people approve", len(v.Approved), len(v.Required)))
	}
	var waiting []string
	for _, r := range v.Missing {
		if !slices.Contains(v.Unheld, r) {
			waiting = append(waiting, roleText(r))
		}
	}
	if len(waiting) > 0 {
		parts = append(parts, "waiting for "+strings.Join(waiting, ", "))
	}
	for _, r := range v.Unheld {
		parts = append(parts, "nobody in the buying center is "+roleText(r))
	}
	for _, r := range v.Rejections {
		parts = append(parts, fmt.Sprintf("rejected by %s: %s", r.Name, r.Reason))
	}
	return strings.Join(parts, "; ")
}

func roleText(r party.Role) string { return strings.ReplaceAll(string(r), "_", " ") }

func name(p Participant) string {
	if p.Name != "" {
		return p.Name
	}
	return p.ContactID
}
