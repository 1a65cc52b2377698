package party

import (
	"slices"
	"strings"

	"b2x/errs"
	"b2x/money"
)

// Permission is what a contact may do for their organization in the buyer portal.
// Decisions rise with the price (S16): a contact may be allowed to order but only
// up to a spending limit, and approving a quote is a permission of its own.
type Permission string

const (
	View         Permission = "view"          // read the organization's prices, orders, quotes, contracts and licences
	Order        Permission = "order"         // place orders, accept quotes and change recurring orders, within the spending limit
	RequestQuote Permission = "request_quote" // ask the seller for a quote (an RFQ)
	Approve      Permission = "approve"       // decide on quotes as a member of the buying center
)

// Permissions lists every permission; it is also what a new contact gets when
// none are given, which is what contacts could do before permissions existed.
var Permissions = []Permission{View, Order, RequestQuote, Approve}

// Can reports whether the contact has permission p.
func (c *Contact) Can(p Permission) bool { return slices.Contains(c.Permissions, p) }

// FormatPermissions is the stored form: the permissions in Permissions order,
// separated by commas.
func FormatPermissions(ps []Permission) string {
	var out []string
	for _, p := range Permissions {
		if slices.Contains(ps, p) {
			out = append(out, string(p))
		}
	}
	return strings.Join(out, ",")
}

// ParsePermissions reads the stored form; unknown names are dropped, so a
// permission removed from the code grants nothing.
func ParsePermissions(s string) []Permission {
	var out []Permission
	for _, name := range strings.Split(s, ",") {
		if p := Permission(strings.TrimSpace(name)); slices.Contains(Permissions, p) && !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// checkAccess validates a contact's permissions and spending limit.
func checkAccess(fs *errs.Fields, ps []Permission, limit money.Amount) {
	for i, p := range ps {
		switch {
		case !slices.Contains(Permissions, p):
			fs.Add("permissions", "unknown permission %q; use view, order, request_quote, approve", p)
		case slices.Index(ps, p) < i:
			fs.Add("permissions", "%s appears twice", p)
		}
	}
	switch {
	case limit.Minor < 0:
		fs.Add("spending_limit", "must not be negative (zero is no limit)")
	case limit.Minor > 0:
		if _, ok := money.Digits(limit.Currency); !ok {
			fs.Add("spending_limit", "unknown currency %q", limit.Currency)
		}
	}
}
