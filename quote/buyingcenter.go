package quote

import (
	"fmt"
	"slices"
	"time"

	"b2x/errs"
	"b2x/money"
	"b2x/party"
)

// Stance is how a participant feels about the deal, as the sales manager reads it.
type Stance string

const (
	Supporter Stance = "supporter"
	Neutral   Stance = "neutral"
	Sceptic   Stance = "sceptic"
)

// Participant is one person of the buyer's buying center for a quote (S6). A
// contact who plays two roles (the owner of a small firm decides and pays) appears
// once per role.
type Participant struct {
	ContactID string
	Name      string
	Role      party.Role
	Influence int // 1 (little) to 5 (decides)
	Sphere    party.Sphere
	Stance    Stance
	Required  bool // the purchase goes ahead only when this role has approved
}

// FromContact makes a participant of a contact as recorded for the organization.
func FromContact(c party.Contact, s Stance) Participant {
	return Participant{
		ContactID: c.ID, Name: c.Name, Role: c.Role, Influence: c.Influence,
		Sphere: c.Sphere, Stance: s, Required: c.RequiredApprover,
	}
}

// ValidateParticipants checks a buying center and reports every problem.
func ValidateParticipants(ps []Participant) error {
	var fs errs.Fields
	type key struct {
		id   string
		role party.Role
	}
	seen := map[key]bool{}
	for i, p := range ps {
		f := fmt.Sprintf("participants[%d]", i)
		if p.ContactID == "" {
			fs.Add(f+".contact_id", "is required")
		}
		if !slices.Contains(party.Roles, p.Role) {
			fs.Add(f+".role", "unknown role %q", p.Role)
		}
		if p.Influence < 1 || p.Influence > 5 {
			fs.Add(f+".influence", "must be between 1 and 5")
		}
		if p.Sphere != "" && !slices.Contains(party.Spheres, p.Sphere) {
			fs.Add(f+".sphere", "unknown sphere %q", p.Sphere)
		}
		switch p.Stance {
		case Supporter, Neutral, Sceptic:
		default:
			fs.Add(f+".stance", "must be one of supporter, neutral, sceptic")
		}
		k := key{p.ContactID, p.Role}
		if seen[k] {
			fs.Add(f+".role", "the contact already has this role")
		}
		seen[k] = true
	}
	return fs.Err()
}

// DoubterInfluence is the influence from which a sceptic puts the deal in question.
const DoubterInfluence = 4

// Doubters returns the sceptics with influence DoubterInfluence or more: "one
// doubter puts it in question" (S6), so each one is a risk to work on before the
// quote is decided.
func Doubters(ps []Participant) []Participant {
	var out []Participant
	for _, p := range ps {
		if p.Stance == Sceptic && p.Influence >= DoubterInfluence {
			out = append(out, p)
		}
	}
	return out
}

// Rule adds a role to those that must approve: always when Above is zero, else
// when the quote's total is strictly more than Above ("the CFO approves above
// 50,000"; at exactly 50,000 the CFO is not asked). Decisions rise with the price
// (S16).
type Rule struct {
	Role  party.Role
	Above money.Amount
}

// applies reports whether the rule asks for its role at this total. A threshold in
// another currency cannot be compared; the rule then applies, because asking one
// person too many is better than letting a purchase through unapproved.
func (r Rule) applies(total money.Amount) bool {
	if r.Above.IsZero() || r.Above.Currency != total.Currency {
		return true
	}
	return total.Minor > r.Above.Minor
}

// ValidateRules checks approval rules against the currency of the quotes they
// govern.
func ValidateRules(rules []Rule, currency string) error {
	var fs errs.Fields
	for i, r := range rules {
		f := fmt.Sprintf("rules[%d]", i)
		if !slices.Contains(party.Roles, r.Role) {
			fs.Add(f+".role", "unknown role %q", r.Role)
		}
		if r.Above.Minor < 0 {
			fs.Add(f+".above", "must not be negative")
		}
		if !r.Above.IsZero() && r.Above.Currency != currency {
			fs.Add(f+".above", "must be in %s", currency)
		}
	}
	return fs.Err()
}

// Decision is what a participant said about a quote.
type Decision string

const (
	Approve Decision = "approve"
	Reject  Decision = "reject"
)

// Approval is one decision by one contact on one revision of a quote.
type Approval struct {
	ContactID string
	Role      party.Role // the role the contact decided in; empty means any role they hold
	Decision  Decision
	Reason    string // required for a rejection: the buyer and the seller must see why
	Revision  int    // the quote revision decided on; see ForRevision
	At        time.Time
}

// Validate checks one decision.
func (a Approval) Validate() error {
	var fs errs.Fields
	if a.ContactID == "" {
		fs.Add("contact_id", "is required")
	}
	if a.Role != "" && !slices.Contains(party.Roles, a.Role) {
		fs.Add("role", "unknown role %q", a.Role)
	}
	switch a.Decision {
	case Approve:
	case Reject:
		if a.Reason == "" {
			fs.Add("reason", "a rejection says why")
		}
	default:
		fs.Add("decision", "must be approve or reject")
	}
	checkText(&fs, "reason", a.Reason, MaxTermsLength)
	if a.At.IsZero() {
		fs.Add("at", "is required")
	}
	return fs.Err()
}
