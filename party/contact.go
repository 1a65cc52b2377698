package party

import (
	"time"
	"unicode/utf8"

	"b2x/errs"
	"b2x/money"
)

// Role is a contact's part in the organization's buying center (S6).
type Role string

const (
	DecisionMaker      Role = "decision_maker"
	FinancialApprover  Role = "financial_approver"
	TechnicalEvaluator Role = "technical_evaluator"
	User               Role = "user"
	Influencer         Role = "influencer"
	Gatekeeper         Role = "gatekeeper"
	Initiator          Role = "initiator"
)

// Roles lists the buying-center roles.
var Roles = []Role{DecisionMaker, FinancialApprover, TechnicalEvaluator, User, Influencer, Gatekeeper, Initiator}

// Sphere is the area a contact's influence covers.
type Sphere string

const (
	Budget     Sphere = "budget"
	Quality    Sphere = "quality"
	Technical  Sphere = "technical"
	Marketing  Sphere = "marketing"
	Operations Sphere = "operations"
)

// Spheres lists the spheres of influence.
var Spheres = []Sphere{Budget, Quality, Technical, Marketing, Operations}

// Contact is a person at an organization.
type Contact struct {
	ID               string
	OrganizationID   string
	Name             string
	Email            string
	Phone            string
	JobTitle         string
	Role             Role   // empty when the contact is not part of the buying center
	Influence        int    // 1 (little) to 5 (decides); 0 when unknown
	Sphere           Sphere // empty when unknown
	RequiredApprover bool   // a purchase goes ahead only with this person's approval (S6)
	// Permissions say what the contact may do in the buyer portal (see Permission).
	Permissions []Permission
	// SpendingLimit caps the net total of one order the contact places or accepts;
	// zero is no limit.
	SpendingLimit money.Amount
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Validate checks the contact's fields.
func (c *Contact) Validate() error {
	var fs errs.Fields
	if c.OrganizationID == "" {
		fs.Add("organization_id", "is required")
	}
	checkName(&fs, "name", c.Name, 200)
	checkEmail(&fs, "email", c.Email, false)
	CheckPhone(&fs, "phone", c.Phone)
	if utf8.RuneCountInString(c.JobTitle) > 200 {
		fs.Add("job_title", "is longer than 200 characters")
	}
	if c.Role != "" && !contains(Roles, c.Role) {
		fs.Add("role", "must be one of decision_maker, financial_approver, technical_evaluator, user, influencer, gatekeeper, initiator")
	}
	if c.Influence < 0 || c.Influence > 5 {
		fs.Add("influence", "must be between 1 and 5 (0 when unknown)")
	}
	if c.Sphere != "" && !contains(Spheres, c.Sphere) {
		fs.Add("sphere", "must be one of budget, quality, technical, marketing, operations")
	}
	if c.RequiredApprover && c.Role == "" {
		fs.Add("required_approver", "a required approver needs a buying-center role")
	}
	checkAccess(&fs, c.Permissions, c.SpendingLimit)
	return fs.Err()
}
