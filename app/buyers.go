package app

import (
	"context"

	"b2x/errs"
	"b2x/ids"
	"b2x/quote"
	"b2x/staff"
	"b2x/store"
)

// A buyer is a contact of an organization signed in with a contact token. A buyer
// reads, decides on and accepts the quotes of their own organization and nothing
// else: every use case that takes a buyer filters by the buyer's organization, and
// another organization's quote is not found rather than forbidden, so a buyer
// cannot learn that it exists.

// Buyer reports whether the actor is a signed-in buyer (a contact).
func (a Actor) Buyer() bool { return a.UserID == "" && a.ContactID != "" }

// CreateContactToken makes an API token for a contact, with which the contact signs
// in as a buyer, and returns it; only its hash is stored, so it is shown once. It is
// an operator's command (the CLI), so it takes no actor.
func (a *App) CreateContactToken(ctx context.Context, contactID, name string) (string, error) {
	if !ids.Valid(contactID) {
		return "", errs.Field("contact", "is not an id")
	}
	token, hash, err := staff.NewToken()
	if err != nil {
		return "", err
	}
	err = a.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Contact(ctx, contactID); errs.CodeOf(err) == errs.NotFound {
			return errs.Field("contact", "no contact %s", contactID)
		} else if err != nil {
			return err
		}
		return tx.InsertContactToken(ctx, ids.New(), contactID, hash, name, a.clock())
	})
	return token, err
}

// DecideQuote records the signed-in buyer's own decision on a quote of their
// organization (see Approve). requestKey, when given, makes a retry count once.
func (a *App) DecideQuote(ctx context.Context, actor Actor, quoteID string, decision quote.Decision, reason, requestKey string) (QuoteDetail, error) {
	if !actor.Buyer() {
		return QuoteDetail{}, errs.E(errs.Forbidden, "only a buyer's own contact token can approve or reject a quote")
	}
	return a.Approve(ctx, actor, quoteID, actor.ContactID, decision, reason, requestKey)
}

// buyerByToken is the buyer actor of a contact token.
func buyerByToken(ctx context.Context, tx *store.Tx, hash string) (Actor, error) {
	contactID, orgID, err := tx.ContactByTokenHash(ctx, hash)
	if err != nil {
		return Actor{}, err
	}
	return Actor{ContactID: contactID, OrganizationID: orgID}, nil
}

// requireStaffOrBuyer lets staff and buyers through; the use case then narrows a
// buyer to their organization with buyerSees.
// requireBuyerOr lets a buyer through (the use case narrows them to their
// organization) and a staff user whose role grants p.
func requireBuyerOr(actor Actor, p staff.Permission) error {
	if actor.Staff() {
		return require(actor, p)
	}
	return requireStaffOrBuyer(actor)
}

func requireStaffOrBuyer(actor Actor) error {
	if actor.Staff() || actor.Buyer() {
		return nil
	}
	return errs.E(errs.Unauthorized, "sign in to do this")
}

// buyerSees refuses a buyer a quote of another organization as not found; staff
// see every quote.
func buyerSees(actor Actor, q quote.Quote) error {
	// A draft is still the seller's work: the buyer sees it once it is sent.
	if actor.Buyer() && (q.OrganizationID != actor.OrganizationID || q.Status == quote.StatusDraft) {
		return errs.E(errs.NotFound, "no quote %s", q.ID)
	}
	return nil
}
