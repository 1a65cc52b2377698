package app

import (
	"context"
	"strings"

	"b2x/account"
	"b2x/errs"
	"b2x/staff"
	"b2x/store"
)

// ContactSignIn starts a portal session for the contact whose one-time sign-in
// token (a contact token, see CreateContactToken) is given. The token is used
// up in the same transaction that starts the session, so a link forwarded or
// leaked after use opens nothing, and of two concurrent uses one wins. The
// browser's previous session, if any, ends (the session token rotates). Tokens
// are 256 random bits, so a wrong one needs no throttling to stay unguessable.
func (a *App) ContactSignIn(ctx context.Context, token, previousToken string) (SignedIn, error) {
	token = strings.TrimSpace(token)
	if token == "" {
		return SignedIn{}, errs.Field("token", "is required")
	}
	refused := errs.Field("token", "is not a valid sign-in link or was used already; ask your account manager for a new one")
	hash := staff.HashToken(token)
	var out SignedIn
	err := a.write(ctx, func(tx *store.Tx) error {
		actor, err := buyerByToken(ctx, tx, hash)
		if errs.CodeOf(err) == errs.NotFound {
			return refused
		} else if err != nil {
			return err
		}
		if ok, err := tx.DeleteContactToken(ctx, hash); err != nil {
			return err
		} else if !ok {
			return refused
		}
		if account.WellFormed(previousToken) {
			if _, err := tx.DeleteSession(ctx, account.HashToken(previousToken)); err != nil {
				return err
			}
		}
		tok, s, err := account.NewSession(account.Contact, actor.ContactID, a.clock())
		if err != nil {
			return err
		}
		out = SignedIn{Token: tok, Expires: s.End(), Actor: actor}
		if lang := LangFrom(ctx); lang != "" {
			// The portal's language becomes the contact's for letters (WithLang).
			if err := tx.SetContactLanguage(ctx, actor.ContactID, langOrDefault(lang)); err != nil {
				return err
			}
		}
		return tx.InsertSession(ctx, &s)
	})
	if err != nil {
		return SignedIn{}, err
	}
	return out, nil
}
