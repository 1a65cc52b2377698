package crm

import (
	"slices"

	"b2x/party"
)

// KeyRoles are the buying-center roles every B2B purchase needs (S6): the one who
// decides (the CEO decides on quality) and the one who holds the budget ("if the CFO
// says it is over budget, the deal does not happen"). A map without them shows the
// seller whom to find next.
var KeyRoles = []party.Role{party.DecisionMaker, party.FinancialApprover}

// MissingRoles lists the roles that must be in an organization's buying center and
// that none of its contacts holds: the key roles, and the roles of any approval the
// company always asks for (extra), in party.Roles order.
func MissingRoles(contacts []party.Contact, extra ...party.Role) []party.Role {
	held := map[party.Role]bool{}
	for _, c := range contacts {
		if c.Role != "" {
			held[c.Role] = true
		}
	}
	var out []party.Role
	for _, r := range party.Roles {
		if (slices.Contains(KeyRoles, r) || slices.Contains(extra, r)) && !held[r] {
			out = append(out, r)
		}
	}
	return out
}
