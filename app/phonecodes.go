package app

import (
	"context"
	"errors"
	"time"

	"b2x/errs"
	"b2x/ids"
	"b2x/locale"
	"b2x/loyalty"
	"b2x/store"
)

// A loyalty card is found by its phone number, which anyone can type. Before a
// card is linked to an account (LinkLoyaltyCard) or its points are spent by
// someone who is not its signed-in holder (Checkout with LoyaltyCode), the phone
// is proved with a one-time code sent to it by SMS (loyalty/phonecode.go has the
// rules). Earning points to a typed phone needs no proof: it gives nothing away.
//
// Proving and spending are two steps: provePhone checks the code in its own
// transaction, so a wrong try counts even when what it was for fails; the use
// case then spends the proof in its own transaction (a guarded update), so two
// uses of one code give one success, and a use that fails for another reason
// (stock gone) leaves the proof for the retry while the code lives.

// PhoneCodeSent says where a code went and what follows.
type PhoneCodeSent struct {
	Phone     string    // E.164
	ExpiresAt time.Time // the code proves nothing after this
	NextAt    time.Time // the earliest time another code may be sent
}

// SendPhoneCode sends a new one-time code to phone by SMS, in the request's
// language, and ends the phone's earlier codes. Anyone may ask (a guest at
// checkout proves their phone with it); a phone gets at most one code a minute
// and five an hour, else too_many_requests says when to ask again.
func (a *App) SendPhoneCode(ctx context.Context, phone string) (PhoneCodeSent, error) {
	e164, err := loyalty.NormalizePhone(phone, a.loyalty.Region)
	if err != nil {
		return PhoneCodeSent{}, err
	}
	now := a.clock()
	var code string
	sent := PhoneCodeSent{Phone: e164}
	err = a.write(ctx, func(tx *store.Tx) error {
		if err := tx.LockPhoneCodes(ctx, e164, now); err != nil {
			return err
		}
		times, err := tx.PhoneCodesSentSince(ctx, e164, now.Add(-time.Hour))
		if err != nil {
			return err
		}
		if next := loyalty.NextSend(times, now); next.After(now) {
			wait := int(next.Sub(now).Seconds() + 0.999)
			e := errs.EKey(errs.TooManyRequests, "err.phone_code.wait",
				"a code was sent to this phone a short while ago; ask for another in {seconds} s", "seconds", wait)
			e.Detail = map[string]any{"retry_after_seconds": wait}
			return e
		}
		var pc loyalty.PhoneCode
		if code, pc, err = loyalty.NewPhoneCode(ids.At(now), e164, now); err != nil {
			return err
		}
		sent.ExpiresAt = pc.ExpiresAt
		sent.NextAt = loyalty.NextSend(append(times, now), now)
		return tx.InsertPhoneCode(ctx, pc)
	})
	if err != nil {
		return PhoneCodeSent{}, err
	}
	// Sent after the commit: the code is never kept in the clear, not even in a
	// job's arguments, so it cannot wait in the queue. A failed send is reported;
	// the visitor asks again after a minute.
	p := locale.NewPrinter(locale.Match(LangFrom(ctx), "", ""), nil)
	if err := a.notify.sms.SendSMS(ctx, e164, p.T("phonecode.sms", "code", code)); err != nil {
		return PhoneCodeSent{}, errs.E(errs.Internal, "sending the code failed: %v", err)
	}
	return sent, nil
}

// provePhone checks code against the phone's live code in its own transaction
// and returns the code's id, a proof the caller spends with
// tx.SpendPhoneProof. Every try is counted before the comparison, and a right
// one is given back, so at most loyalty.MaxCodeTries wrong tries are ever
// compared, however many arrive at once. field names the form's code field.
func (a *App) provePhone(ctx context.Context, phone, code, field string) (string, error) {
	if !loyalty.ValidCodeSyntax(code) {
		return "", errs.FieldKey(field, "err.phone_code.syntax", "is the 6-digit code sent to your phone")
	}
	now := a.clock()
	var id string
	wrong := false
	err := a.write(ctx, func(tx *store.Tx) error {
		pc, ok, err := tx.ClaimPhoneCodeTry(ctx, phone, now)
		if err != nil {
			return err
		}
		if !ok {
			live, err := tx.LivePhoneCode(ctx, phone)
			switch {
			case err == nil && live.Locked() && live.ExpiresAt.After(now):
				return errs.FieldKey(field, "err.phone_code.locked", "was typed wrong too many times; ask for a new code")
			case err == nil || errs.CodeOf(err) == errs.NotFound:
				return errs.FieldKey(field, "err.phone_code.none", "has expired or was not sent; ask for a new code")
			}
			return err
		}
		if !pc.Matches(code) {
			wrong = true // committed: the try counts
			return nil
		}
		id = pc.ID
		return tx.VerifyPhoneCode(ctx, pc.ID, now)
	})
	if err != nil {
		return "", err
	}
	if wrong {
		return "", errs.FieldKey(field, "err.phone_code.wrong", "is not the code sent to your phone")
	}
	return id, nil
}

// spendProof spends a proof in the use case's transaction.
func spendProof(ctx context.Context, tx *store.Tx, id, field string, now time.Time) error {
	err := tx.SpendPhoneProof(ctx, id, now)
	if errors.Is(err, store.ErrProofSpent) {
		return errs.FieldKey(field, "err.phone_code.used", "was used already; ask for a new code")
	}
	return err
}

// LinkLoyaltyCard links the card of phone to the signed-in customer, after
// proving the phone with the code sent to it (SendPhoneCode); a phone without
// a card gets one. A card linked to another account is a conflict. The link is
// in the audit log. Staff link cards with IssueLoyaltyCard.
func (a *App) LinkLoyaltyCard(ctx context.Context, actor Actor, phone, code string) (loyalty.Card, error) {
	if actor.PersonID == "" {
		return loyalty.Card{}, errs.EKey(errs.Unauthorized, "err.sign_in_needed", "sign in to get a loyalty card")
	}
	e164, err := loyalty.NormalizePhone(phone, a.loyalty.Region)
	if err != nil {
		return loyalty.Card{}, err
	}
	proof, err := a.provePhone(ctx, e164, code, "code")
	if err != nil {
		return loyalty.Card{}, err
	}
	return a.issueCard(ctx, actor, e164, actor.PersonID, proof)
}
