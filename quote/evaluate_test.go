package quote

import (
	"slices"
	"strings"
	"testing"
	"time"

	"b2x/money"
	"b2x/party"
)

var center = []Participant{
	{ContactID: "anna", Name: "Anna", Role: party.DecisionMaker, Influence: 5, Sphere: party.Quality, Stance: Supporter, Required: true},
	{ContactID: "boris", Name: "Boris", Role: party.FinancialApprover, Influence: 4, Sphere: party.Budget, Stance: Sceptic},
	{ContactID: "chen", Name: "Chen", Role: party.TechnicalEvaluator, Influence: 3, Sphere: party.Technical, Stance: Neutral, Required: true},
	{ContactID: "dana", Name: "Dana", Role: party.User, Influence: 2, Sphere: party.Technical, Stance: Supporter},
	{ContactID: "emil", Name: "Emil", Role: party.Influencer, Influence: 3, Sphere: party.Marketing, Stance: Neutral, Required: true},
}

func approve(id string, min int) Approval {
	return Approval{ContactID: id, Decision: Approve, At: t0.Add(time.Duration(min) * time.Minute)}
}

func reject(id string, min int, why string) Approval {
	return Approval{ContactID: id, Decision: Reject, Reason: why, At: t0.Add(time.Duration(min) * time.Minute)}
}

var cfoAbove50k = []Rule{{Role: party.FinancialApprover, Above: eur(5_000_000)}}

func TestEvaluate(t *testing.T) {
	dm, fa, te, inf, gk := party.DecisionMaker, party.FinancialApprover, party.TechnicalEvaluator, party.Influencer, party.Gatekeeper
	tests := []struct {
		name         string
		participants []Participant // center when nil
		rules        []Rule
		approvals    []Approval
		total        money.Amount
		required     []party.Role
		approved     []party.Role
		missing      []party.Role
		unheld       []party.Role
		rejectedBy   []string
		ignored      int
		canAccept    bool
		summary      string
	}{
		{
			name: "required flags, nobody has decided", total: eur(100),
			required: []party.Role{dm, te, inf}, missing: []party.Role{dm, te, inf},
			summary: "0 of 3 key people approve; waiting for decision maker, technical evaluator, influencer",
		},
		{
			name: "every required role approves", total: eur(100),
			approvals: []Approval{approve("anna", 1), approve("chen", 2), approve("emil", 3)},
			required:  []party.Role{dm, te, inf}, approved: []party.Role{dm, te, inf},
			canAccept: true, summary: "3 of 3 key people approve",
		},
		{
			name: "CFO rule below the threshold", rules: cfoAbove50k, total: eur(4_999_999),
			approvals: []Approval{approve("anna", 1), approve("chen", 2), approve("emil", 3)},
			required:  []party.Role{dm, te, inf}, approved: []party.Role{dm, te, inf},
			canAccept: true, summary: "3 of 3 key people approve",
		},
		{
			name: "CFO rule at the threshold", rules: cfoAbove50k, total: eur(5_000_000),
			approvals: []Approval{approve("anna", 1), approve("chen", 2), approve("emil", 3)},
			required:  []party.Role{dm, te, inf}, approved: []party.Role{dm, te, inf},
			canAccept: true, summary: "3 of 3 key people approve",
		},
		{
			name: "CFO rule above the threshold: 3 of 4", rules: cfoAbove50k, total: eur(5_000_001),
			approvals: []Approval{approve("anna", 1), approve("chen", 2), approve("emil", 3)},
			required:  []party.Role{dm, fa, te, inf}, approved: []party.Role{dm, te, inf}, missing: []party.Role{fa},
			summary: "3 of 4 key people approve; waiting for financial approver",
		},
		{
			name: "CFO approves above the threshold", rules: cfoAbove50k, total: eur(9_000_000),
			approvals: []Approval{approve("anna", 1), approve("chen", 2), approve("emil", 3), approve("boris", 4)},
			required:  []party.Role{dm, fa, te, inf}, approved: []party.Role{dm, fa, te, inf},
			canAccept: true, summary: "4 of 4 key people approve",
		},
		{
			name: "a rule without threshold always applies", rules: []Rule{{Role: fa}}, total: eur(1),
			approvals: []Approval{approve("anna", 1), approve("chen", 2), approve("emil", 3)},
			required:  []party.Role{dm, fa, te, inf}, approved: []party.Role{dm, te, inf}, missing: []party.Role{fa},
			summary: "3 of 4 key people approve; waiting for financial approver",
		},
		{
			name: "a threshold in another currency applies", rules: []Rule{{Role: fa, Above: money.MustNew(5_000_000, "USD")}}, total: eur(1),
			approvals: []Approval{approve("anna", 1), approve("chen", 2), approve("emil", 3), approve("boris", 4)},
			required:  []party.Role{dm, fa, te, inf}, approved: []party.Role{dm, fa, te, inf},
			canAccept: true, summary: "4 of 4 key people approve",
		},
		{
			name: "a required role nobody holds blocks", rules: []Rule{{Role: gk}}, total: eur(100),
			approvals: []Approval{approve("anna", 1), approve("chen", 2), approve("emil", 3)},
			required:  []party.Role{dm, te, inf, gk}, approved: []party.Role{dm, te, inf},
			missing: []party.Role{gk}, unheld: []party.Role{gk},
			summary: "3 of 4 key people approve; nobody in the buying center is gatekeeper",
		},
		{
			name: "one rejection blocks, even from someone not required", total: eur(100),
			approvals: []Approval{approve("anna", 1), approve("chen", 2), approve("emil", 3), reject("dana", 4, "too hard to use")},
			required:  []party.Role{dm, te, inf}, approved: []party.Role{dm, te, inf}, rejectedBy: []string{"dana"},
			summary: "3 of 3 key people approve; rejected by Dana: too hard to use",
		},
		{
			name: "an approval sent twice counts once", total: eur(100),
			approvals: []Approval{approve("anna", 1), approve("anna", 1), approve("anna", 2)},
			required:  []party.Role{dm, te, inf}, approved: []party.Role{dm}, missing: []party.Role{te, inf},
			summary: "1 of 3 key people approve; waiting for technical evaluator, influencer",
		},
		{
			name: "a later rejection by the same contact takes the approval back", total: eur(100),
			approvals: []Approval{reject("chen", 5, "no API"), approve("anna", 1), approve("chen", 2), approve("emil", 3)},
			required:  []party.Role{dm, te, inf}, approved: []party.Role{dm, inf}, missing: []party.Role{te}, rejectedBy: []string{"chen"},
			summary: "2 of 3 key people approve; waiting for technical evaluator; rejected by Chen: no API",
		},
		{
			name: "a later approval lifts the contact's rejection", total: eur(100),
			approvals: []Approval{approve("chen", 5), approve("anna", 1), reject("chen", 2, "no API"), approve("emil", 3)},
			required:  []party.Role{dm, te, inf}, approved: []party.Role{dm, te, inf},
			canAccept: true, summary: "3 of 3 key people approve",
		},
		{
			name: "at the same instant the later decision in the list wins", total: eur(100),
			approvals: []Approval{approve("anna", 1), approve("chen", 2), approve("emil", 3), reject("emil", 3, "changed mind")},
			required:  []party.Role{dm, te, inf}, approved: []party.Role{dm, te}, missing: []party.Role{inf}, rejectedBy: []string{"emil"},
			summary: "2 of 3 key people approve; waiting for influencer; rejected by Emil: changed mind",
		},
		{
			name: "an approval by a non-member does not count", total: eur(100),
			approvals: []Approval{approve("anna", 1), approve("chen", 2), {ContactID: "zoe", Role: inf, Decision: Approve, At: t0}},
			required:  []party.Role{dm, te, inf}, approved: []party.Role{dm, te}, missing: []party.Role{inf}, ignored: 1,
			summary: "2 of 3 key people approve; waiting for influencer",
		},
		{
			name: "a rejection by a non-member does not block", total: eur(100),
			approvals: []Approval{approve("anna", 1), approve("chen", 2), approve("emil", 3), reject("zoe", 4, "competitor")},
			required:  []party.Role{dm, te, inf}, approved: []party.Role{dm, te, inf}, ignored: 1,
			canAccept: true, summary: "3 of 3 key people approve",
		},
		{
			name: "an approval in a role the contact does not hold does not count", rules: cfoAbove50k, total: eur(6_000_000),
			approvals: []Approval{approve("anna", 1), approve("chen", 2), approve("emil", 3), {ContactID: "dana", Role: fa, Decision: Approve, At: t0}},
			required:  []party.Role{dm, fa, te, inf}, approved: []party.Role{dm, te, inf}, missing: []party.Role{fa}, ignored: 1,
			summary: "3 of 4 key people approve; waiting for financial approver",
		},
		{
			name: "one contact in two roles approves for both",
			participants: []Participant{
				{ContactID: "olga", Name: "Olga", Role: dm, Influence: 5, Stance: Supporter, Required: true},
				{ContactID: "olga", Name: "Olga", Role: fa, Influence: 5, Stance: Supporter, Required: true},
			},
			total: eur(100), approvals: []Approval{{ContactID: "olga", Role: fa, Decision: Approve, At: t0}},
			required: []party.Role{dm, fa}, approved: []party.Role{dm, fa},
			canAccept: true, summary: "2 of 2 key people approve",
		},
		{
			name: "nothing required", participants: []Participant{{ContactID: "dana", Name: "Dana", Role: party.User, Influence: 2, Stance: Neutral}},
			total: eur(100), canAccept: true, summary: "no approvals required",
		},
	}
	for _, tt := range tests {
		ps := tt.participants
		if ps == nil {
			ps = center
		}
		v := Evaluate(ps, tt.rules, tt.approvals, tt.total)
		var required []party.Role
		for _, r := range v.Required {
			required = append(required, r.Role)
		}
		var rejectedBy []string
		for _, r := range v.Rejections {
			rejectedBy = append(rejectedBy, r.ContactID)
		}
		check := func(what string, got, want []party.Role) {
			if !slices.Equal(got, want) {
				t.Errorf("%s: %s %v, want %v", tt.name, what, got, want)
			}
		}
		check("required", required, tt.required)
		check("approved", v.Approved, tt.approved)
		check("missing", v.Missing, tt.missing)
		check("unheld", v.Unheld, tt.unheld)
		if !slices.Equal(rejectedBy, tt.rejectedBy) {
			t.Errorf("%s: rejected by %v, want %v", tt.name, rejectedBy, tt.rejectedBy)
		}
		if len(v.Ignored) != tt.ignored {
			t.Errorf("%s: %d ignored, want %d", tt.name, len(v.Ignored), tt.ignored)
		}
		if v.CanAccept != tt.canAccept {
			t.Errorf("%s: CanAccept = %v", tt.name, v.CanAccept)
		}
		if v.Summary != tt.summary {
			t.Errorf("%s: summary %q, want %q", tt.name, v.Summary, tt.summary)
		}
	}
}

func TestEvaluateDetails(t *testing.T) {
	approvals := []Approval{approve("anna", 1), approve("anna", 2), reject("boris", 3, "over budget")}
	v := Evaluate(center, cfoAbove50k, approvals, eur(6_000_000))
	if len(v.Required) != 4 {
		t.Fatalf("required %+v", v.Required)
	}
	dm := v.Required[0]
	if len(dm.ApprovedBy) != 1 || dm.ApprovedBy[0].ContactID != "anna" || !dm.Approved() || !dm.Held() {
		t.Errorf("decision maker %+v", dm)
	}
	if !slices.Equal(dm.Because, []string{"Anna is a required approver"}) {
		t.Errorf("because %q", dm.Because)
	}
	fa := v.Required[1]
	if !slices.Equal(fa.Because, []string{"required above 50000.00 EUR"}) || fa.Approved() {
		t.Errorf("financial approver %+v", fa)
	}
	if len(v.Rejections) != 1 {
		t.Fatalf("rejections %+v", v.Rejections)
	}
	r := v.Rejections[0]
	if r.Name != "Boris" || r.Reason != "over budget" || !slices.Equal(r.Roles, []party.Role{party.FinancialApprover}) || !r.At.Equal(t0.Add(3*time.Minute)) {
		t.Errorf("rejection %+v", r)
	}
	if !strings.HasSuffix(v.Summary, "rejected by Boris: over budget") {
		t.Errorf("summary %q", v.Summary)
	}
}
