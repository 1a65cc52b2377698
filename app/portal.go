package app

import (
	"context"
	"fmt"
	"time"

	"b2x/errs"
	"b2x/ids"
	"b2x/money"
	"b2x/order"
	"b2x/party"
	"b2x/store"
)

// The buyer portal's use cases (S1, S16, S22, S23): a company buyer, signed in as
// a contact of their organization, sees the organization's prices, orders,
// quotes, contracts and licences and nothing of any other organization's, and
// may do what their contact's permissions allow, within their spending limit.
// Staff may call the read use cases for any organization.

// permissionText says what a permission lets a contact do, for refusals.
var permissionText = map[party.Permission]string{
	party.View:         "see the organization's prices, orders, quotes, contracts and licences",
	party.Order:        "place orders or accept quotes for the organization",
	party.RequestQuote: "request quotes for the organization",
	party.Approve:      "decide on quotes for the organization",
}

// buyerContact loads the signed-in buyer's contact and checks that it may do p.
// It is read in the use case's own transaction, so a permission taken away is
// refused from the next request on.
func buyerContact(ctx context.Context, tx *store.Tx, actor Actor, p party.Permission) (party.Contact, error) {
	c, err := tx.Contact(ctx, actor.ContactID)
	if errs.CodeOf(err) == errs.NotFound || (err == nil && c.OrganizationID != actor.OrganizationID) {
		return c, errs.E(errs.Unauthorized, "your contact no longer exists; sign in again")
	}
	if err != nil {
		return c, err
	}
	if !c.Can(p) {
		return c, &errs.Error{Code: errs.Forbidden, Message: fmt.Sprintf("you may not %s; ask your account manager to add the %q permission to your contact", permissionText[p], p),
			Detail: map[string]any{"permission": p}}
	}
	return c, nil
}

// checkSpendingLimit refuses an order or acceptance whose net total is above the
// contact's spending limit (zero is no limit). Net, like the approval thresholds
// of quotes: B2B budgets are net of recoverable VAT.
func checkSpendingLimit(c party.Contact, net money.Amount) error {
	limit := c.SpendingLimit
	switch {
	case limit.Minor == 0:
		return nil
	case limit.Currency != net.Currency:
		return &errs.Error{Code: errs.Invalid,
			Message: fmt.Sprintf("spending_limit: your spending limit is in %s and the order in %s", limit.Currency, net.Currency),
			Fields: []errs.FieldError{{Field: "spending_limit", Message: fmt.Sprintf("is in %s and the order in %s; ask your account manager",
				limit.Currency, net.Currency)}},
			Detail: map[string]any{"spending_limit": limit, "net": net}}
	case net.Minor > limit.Minor:
		msg := fmt.Sprintf("the order's net total of %s %s is above your spending limit of %s %s per order; ask a colleague who may order more, or your account manager",
			net, net.Currency, limit, limit.Currency)
		return &errs.Error{Code: errs.Invalid, Message: "spending_limit: " + msg,
			Fields: []errs.FieldError{{Field: "spending_limit", Message: msg}},
			Detail: map[string]any{"spending_limit": limit, "net": net}}
	}
	return nil
}

// organizationOf decides whose data a read is about: a buyer always reads their
// own organization's, whatever they ask for (a filter naming another is
// ignored); staff must name a valid organization when required.
func organizationOf(actor Actor, asked string, required bool) (string, error) {
	if err := requireStaffOrBuyer(actor); err != nil {
		return "", err
	}
	if actor.Buyer() {
		return actor.OrganizationID, nil
	}
	switch {
	case asked == "" && required:
		return "", errs.Field("organization_id", "is required")
	case asked != "" && !ids.Valid(asked):
		return "", errs.Field("organization_id", "is not an id")
	}
	return asked, nil
}

// portalRead runs fn on the read pool after checking that the actor is staff or
// a buyer who may view their organization's data.
func (a *App) portalRead(ctx context.Context, actor Actor, fn func(tx *store.Tx) error) error {
	if err := requireStaffOrBuyer(actor); err != nil {
		return err
	}
	return a.read(ctx, func(tx *store.Tx) error {
		if actor.Buyer() {
			if _, err := buyerContact(ctx, tx, actor, party.View); err != nil {
				return err
			}
		}
		return fn(tx)
	})
}

// BuyerAccount is what the portal shows about the signed-in buyer: who they are,
// their organization's terms and how much of its credit is used.
type BuyerAccount struct {
	Contact      party.Contact
	Organization party.Organization
	CreditUsed   money.Amount // open b2b orders in the credit limit's currency
	// CreditAvailable is the limit less what is used; zero without credit.
	CreditAvailable money.Amount
}

// PortalAccount returns the signed-in buyer's contact, organization and credit. Only a
// buyer has one.
func (a *App) PortalAccount(ctx context.Context, actor Actor) (BuyerAccount, error) {
	if !actor.Buyer() {
		return BuyerAccount{}, errs.E(errs.Forbidden, "only a buyer signed in with a contact token has a portal account")
	}
	var out BuyerAccount
	err := a.read(ctx, func(tx *store.Tx) error {
		c, err := tx.Contact(ctx, actor.ContactID)
		if err != nil || c.OrganizationID != actor.OrganizationID {
			return errs.E(errs.Unauthorized, "your contact no longer exists; sign in again")
		}
		org, err := tx.Organization(ctx, c.OrganizationID)
		if err != nil {
			return err
		}
		out = BuyerAccount{Contact: c, Organization: org}
		if limit := org.CreditLimit; limit.Minor > 0 {
			used, _, err := tx.OpenCredit(ctx, org.ID, limit.Currency)
			if err != nil {
				return err
			}
			out.CreditUsed = used
			out.CreditAvailable, _ = limit.Sub(used)
			if out.CreditAvailable.Minor < 0 {
				out.CreditAvailable.Minor = 0
			}
		}
		return nil
	})
	return out, err
}

// PortalOrderQuery selects a page of the buyer's organization's orders, newest
// first.
type PortalOrderQuery struct {
	Status   order.Status
	BeforeAt time.Time // cursor: the placed time and id of the last order of the previous page
	BeforeID string
	Limit    int
}

// PortalOrders lists the signed-in buyer's organization's orders with their
// status, without lines.
func (a *App) PortalOrders(ctx context.Context, actor Actor, q PortalOrderQuery) ([]order.Order, error) {
	if !actor.Buyer() {
		return nil, errs.E(errs.Forbidden, "the portal's order list is a buyer's; staff use Orders")
	}
	var fs errs.Fields
	if q.Status != "" && !q.Status.Valid() {
		fs.Add("status", "unknown status %q", q.Status)
	}
	if q.BeforeID != "" && !ids.Valid(q.BeforeID) {
		fs.Add("cursor", "is not a cursor this API gave out")
	}
	checkLimit(&fs, q.Limit)
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []order.Order
	err := a.portalRead(ctx, actor, func(tx *store.Tx) (err error) {
		out, err = tx.ListOrders(ctx, store.OrderFilter{Status: q.Status, OrganizationID: actor.OrganizationID,
			BeforeAt: q.BeforeAt, BeforeID: q.BeforeID, Limit: q.Limit})
		return err
	})
	return out, err
}

// PortalOrder returns one of the signed-in buyer's organization's orders with its
// lines and status history; any other order is not found.
func (a *App) PortalOrder(ctx context.Context, actor Actor, id string) (order.Order, error) {
	if !actor.Buyer() {
		return order.Order{}, errs.E(errs.Forbidden, "the portal's order page is a buyer's; staff use Order")
	}
	var o order.Order
	err := a.portalRead(ctx, actor, func(tx *store.Tx) (err error) {
		o, err = visibleOrder(ctx, tx, actor, id)
		return err
	})
	return o, err
}

// visibleOrder loads an order the actor may see: staff any, a buyer their
// organization's.
func visibleOrder(ctx context.Context, tx *store.Tx, actor Actor, id string) (order.Order, error) {
	if !ids.Valid(id) {
		return order.Order{}, errs.E(errs.NotFound, "no order %s", id)
	}
	o, err := tx.Order(ctx, id)
	if err == nil && actor.Buyer() && o.Customer.OrganizationID != actor.OrganizationID {
		return order.Order{}, errs.E(errs.NotFound, "no order %s", id)
	}
	return o, err
}
