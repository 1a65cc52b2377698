package app

import (
	"context"
	"strings"

	"b2x/errs"
	"b2x/ids"
	"b2x/loyalty"
	"b2x/money"
	"b2x/staff"
	"b2x/store"
)

// WithLoyaltyProgram sets the loyalty program's rules; without it the App runs
// loyalty.DefaultProgram (region RU, EUR, 1 point per euro, a point worth 0.01).
// An invalid program is a programming error and panics.
func WithLoyaltyProgram(p loyalty.Program) Option {
	if err := p.Validate(); err != nil {
		panic("app: loyalty program: " + err.Error())
	}
	return func(a *App) { a.loyalty = p }
}

// LoyaltyProgram is the program's rules, for pages that explain them.
func (a *App) LoyaltyProgram() loyalty.Program { return a.loyalty }

// LoyaltyCardView is a card as its holder and staff see it.
type LoyaltyCardView struct {
	Card   loyalty.Card
	Tier   loyalty.Tier
	Next   *loyalty.Tier   // the next tier up; nil at the top
	Worth  money.Amount    // what the balance pays at checkout
	Ledger []loyalty.Entry // oldest first; sums to Card.Points
}

// LoyaltyCard returns the card of a phone number with its tier and ledger. Staff
// with loyalty.read may read any card, a signed-in customer only a card linked to
// them; anyone else is told there is no such card, so a phone number reveals
// nothing.
func (a *App) LoyaltyCard(ctx context.Context, actor Actor, phone string) (LoyaltyCardView, error) {
	switch {
	case actor.Staff():
		if err := require(actor, staff.LoyaltyRead); err != nil {
			return LoyaltyCardView{}, err
		}
	case actor.PersonID == "":
		return LoyaltyCardView{}, errs.E(errs.Unauthorized, "sign in to see a loyalty card")
	}
	e164, err := loyalty.NormalizePhone(phone, a.loyalty.Region)
	if err != nil {
		return LoyaltyCardView{}, err
	}
	var v LoyaltyCardView
	err = a.read(ctx, func(tx *store.Tx) error {
		card, err := tx.LoyaltyCardByPhone(ctx, e164)
		if err != nil {
			return err
		}
		if !actor.Staff() && card.PersonID != actor.PersonID {
			return errs.E(errs.NotFound, "no loyalty card for %s", e164)
		}
		v, err = a.cardView(ctx, tx, card)
		return err
	})
	return v, err
}

func (a *App) cardView(ctx context.Context, tx *store.Tx, card loyalty.Card) (LoyaltyCardView, error) {
	v := LoyaltyCardView{Card: card, Tier: a.loyalty.TierFor(card.LifetimeSpend), Worth: a.loyalty.Value(card.Points)}
	if next, ok := a.loyalty.NextTier(card.LifetimeSpend); ok {
		v.Next = &next
	}
	var err error
	v.Ledger, err = tx.LoyaltyEntries(ctx, card.ID)
	return v, err
}

// IssueLoyaltyCard gives a phone number a card, or returns the card it has, and
// links it to a person (personID may be empty): staff with loyalty.edit only.
// A customer links a card to themselves with LinkLoyaltyCard, which first
// proves the phone: a number alone would let anyone take a stranger's points.
// A card already linked to another person is a conflict. A new card or link is
// in the audit log.
func (a *App) IssueLoyaltyCard(ctx context.Context, actor Actor, phone, personID string) (loyalty.Card, error) {
	switch {
	case actor.Staff():
		if err := require(actor, staff.LoyaltyEdit); err != nil {
			return loyalty.Card{}, err
		}
	case actor.PersonID != "":
		return loyalty.Card{}, errs.EKey(errs.Forbidden, "err.loyalty.prove_phone",
			"prove the phone with the code sent to it to link its card to your account")
	default:
		return loyalty.Card{}, errs.EKey(errs.Unauthorized, "err.sign_in_needed", "sign in to get a loyalty card")
	}
	var fs errs.Fields
	e164, err := loyalty.NormalizePhone(phone, a.loyalty.Region)
	fs.Wrap("", err)
	if personID != "" && !ids.Valid(personID) {
		fs.Add("person_id", "is not an id")
	}
	if err := fs.Err(); err != nil {
		return loyalty.Card{}, err
	}
	return a.issueCard(ctx, actor, e164, personID, "")
}

// issueCard makes or finds the card of e164 and links it to personID, spending
// the phone's proof (from provePhone) in the same transaction when there is one.
func (a *App) issueCard(ctx context.Context, actor Actor, e164, personID, proof string) (loyalty.Card, error) {
	var card loyalty.Card
	now := a.clock()
	err := a.write(ctx, func(tx *store.Tx) error {
		if proof != "" {
			if err := spendProof(ctx, tx, proof, "code", now); err != nil {
				return err
			}
		}
		if personID != "" {
			if _, err := tx.Person(ctx, personID); errs.CodeOf(err) == errs.NotFound {
				return errs.Field("person_id", "no person %s", personID)
			} else if err != nil {
				return err
			}
		}
		var err error
		var created bool
		card, created, err = tx.EnsureLoyaltyCard(ctx, loyalty.Card{ID: ids.New(), Phone: e164, PersonID: personID, CreatedAt: now})
		if err != nil {
			return err
		}
		linked := personID != "" && card.PersonID != personID
		if linked {
			if card.PersonID != "" {
				return errs.EKey(errs.Conflict, "err.loyalty.linked_elsewhere", "the card of {phone} is linked to another customer", "phone", e164)
			}
			if err := tx.LinkLoyaltyCard(ctx, card.ID, personID, now); err != nil {
				return err
			}
			card.PersonID, card.UpdatedAt = personID, now
		}
		if !created && !linked {
			return nil // the card was already there as asked: nothing changed
		}
		change := map[string]any{"phone": card.Phone, "person_id": card.PersonID, "created": created}
		if proof != "" {
			change["phone_proved"] = true
		}
		return a.audit(ctx, tx, actor, "loyalty_card.issue", "loyalty_card", card.ID, change)
	})
	return card, err
}

// AdjustLoyaltyPoints corrects a card's balance by points (positive or negative)
// with a note saying why (loyalty.edit). A correction never takes a card below
// zero.
func (a *App) AdjustLoyaltyPoints(ctx context.Context, actor Actor, phone string, points int64, note string) (LoyaltyCardView, error) {
	if err := require(actor, staff.LoyaltyEdit); err != nil {
		return LoyaltyCardView{}, err
	}
	var fs errs.Fields
	e164, err := loyalty.NormalizePhone(phone, a.loyalty.Region)
	fs.Wrap("", err)
	if points == 0 || points > loyalty.MaxPointsPerOrder || points < -loyalty.MaxPointsPerOrder {
		fs.Add("points", "must be non-zero and at most %d either way", loyalty.MaxPointsPerOrder)
	}
	if note = strings.TrimSpace(note); note == "" || len(note) > 500 {
		fs.Add("note", "say why, in at most 500 characters")
	}
	if err := fs.Err(); err != nil {
		return LoyaltyCardView{}, err
	}
	var v LoyaltyCardView
	now := a.clock()
	err = a.write(ctx, func(tx *store.Tx) error {
		card, err := tx.LoyaltyCardByPhone(ctx, e164)
		if err != nil {
			return err
		}
		err = tx.MovePoints(ctx, loyalty.Entry{ID: ids.New(), CardID: card.ID, Kind: loyalty.Adjust, Points: points, Note: note,
			By: actor.Label(), At: now})
		if err == store.ErrNotEnoughPoints {
			return errs.Field("points", "the card has fewer than %d points", -points)
		}
		if err != nil {
			return err
		}
		if card, err = tx.LoyaltyCard(ctx, card.ID); err != nil {
			return err
		}
		if v, err = a.cardView(ctx, tx, card); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "loyalty_card.adjust", "loyalty_card", card.ID,
			map[string]any{"points": points, "note": note, "balance": card.Points})
	})
	return v, err
}
