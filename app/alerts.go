package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/locale"
	"b2x/store"
)

// Alerts (S18, S22.4): a customer asks to hear when a SKU is back in stock (by
// email or SMS), or about new products in a category or of a brand (by email).
// Stock movements and new products enqueue an event job in their own
// transaction (alerts_events.go); the event's job enqueues one alert per
// subscription (alerts_send.go).

// BackInStockInput asks for one alert when a SKU can be bought again.
type BackInStockInput struct {
	SKU   string `json:"sku"`
	Email string `json:"email,omitempty"` // one of email and phone
	Phone string `json:"phone,omitempty"` // international format, e.g. +7 912 345-67-89
	Lang  string `json:"lang,omitempty"`  // en, ru or fa; default en
}

// NewArrivalsInput asks for alerts about new products in a category (and its
// subcategories) or of a brand, until unsubscribed.
type NewArrivalsInput struct {
	Category string `json:"category,omitempty"` // a category slug, or
	Brand    string `json:"brand,omitempty"`    // a brand
	Email    string `json:"email"`
	Lang     string `json:"lang,omitempty"`
}

// SubscribeBackInStock subscribes an email address or a phone number to the
// next restock of a SKU that is out of stock now. Anyone may subscribe; a
// signed-in customer's subscription is linked to them. Subscribing again with
// the same address returns the first subscription.
func (a *App) SubscribeBackInStock(ctx context.Context, actor Actor, in BackInStockInput) (store.AlertSubscription, error) {
	var fs errs.Fields
	if !catalog.ValidSKU(in.SKU) {
		fs.AddKey("sku", "err.sku", "is not a valid SKU")
	}
	email, phone := strings.TrimSpace(in.Email), strings.TrimSpace(in.Phone)
	switch {
	case email == "" && phone == "":
		fs.AddKey("email", "err.alert.contact", "give an email address or a phone number")
	case email != "" && phone != "":
		fs.AddKey("phone", "err.alert.contact_one", "give an email address or a phone number, not both")
	case email != "":
		checkAlertEmail(&fs, email)
	default:
		var ok bool
		if phone, ok = normalPhone(phone); !ok {
			fs.AddKey("phone", "err.alert.phone", "is not a phone number in international format, e.g. +7 912 345-67-89")
		}
	}
	lang := checkLang(&fs, in.Lang)
	if err := fs.Err(); err != nil {
		return store.AlertSubscription{}, err
	}
	s := store.AlertSubscription{ID: ids.New(), Kind: store.AlertBackInStock, SKU: in.SKU, Email: email, Phone: phone,
		Lang: lang, PersonID: actor.PersonID, CreatedAt: a.clock()}
	err := a.write(ctx, func(tx *store.Tx) error {
		p, err := tx.Product(ctx, in.SKU)
		if errs.CodeOf(err) == errs.NotFound || (err == nil && !p.Sellable(catalog.B2C) && !actor.Staff()) {
			return errs.FieldKey("sku", "err.product.unknown", "no product {sku}", "sku", in.SKU)
		}
		if err != nil {
			return err
		}
		if !p.Kind.Stocked() {
			return errs.FieldKey("sku", "err.alert.not_stocked", "{sku} is never out of stock", "sku", in.SKU)
		}
		avail, err := tx.Available(ctx, []string{in.SKU})
		if err != nil {
			return err
		}
		if avail[in.SKU] > 0 {
			return errs.FieldKey("sku", "err.alert.in_stock", "{sku} is in stock now; it can be ordered", "sku", in.SKU)
		}
		if s.Token, err = unsubscribeToken(); err != nil {
			return err
		}
		s, err = tx.SubscribeAlert(ctx, s)
		return err
	})
	return s, err
}

// SubscribeNewArrivals subscribes an email address to new products of a
// category (its subcategories included) or of a brand.
func (a *App) SubscribeNewArrivals(ctx context.Context, actor Actor, in NewArrivalsInput) (store.AlertSubscription, error) {
	var fs errs.Fields
	brand := strings.TrimSpace(in.Brand)
	switch {
	case in.Category == "" && brand == "":
		fs.AddKey("category", "err.alert.topic", "give a category or a brand")
	case in.Category != "" && brand != "":
		fs.AddKey("brand", "err.alert.topic_one", "give a category or a brand, not both")
	case brand != "" && (len(brand) > 200 || strings.IndexFunc(brand, unicode.IsControl) >= 0):
		fs.AddKey("brand", "err.alert.brand", "is at most 200 characters on one line")
	}
	email := strings.TrimSpace(in.Email)
	checkAlertEmail(&fs, email)
	lang := checkLang(&fs, in.Lang)
	if err := fs.Err(); err != nil {
		return store.AlertSubscription{}, err
	}
	// Brands are matched without case; the stored form is folded, so that "Acme"
	// and "ACME" are one subscription.
	s := store.AlertSubscription{ID: ids.New(), Kind: store.AlertNewArrivals, Category: in.Category,
		Brand: strings.ToLower(brand), Email: email, Lang: lang, PersonID: actor.PersonID, CreatedAt: a.clock()}
	err := a.write(ctx, func(tx *store.Tx) error {
		if in.Category != "" {
			cats, err := tx.Categories(ctx)
			if err != nil {
				return err
			}
			if !hasCategory(cats, in.Category) {
				return errs.FieldKey("category", "err.alert.no_category", "no category \"{category}\"", "category", in.Category)
			}
		}
		var err error
		if s.Token, err = unsubscribeToken(); err != nil {
			return err
		}
		s, err = tx.SubscribeAlert(ctx, s)
		return err
	})
	return s, err
}

// Unsubscribe ends the subscription an unsubscribe link's token names. Opening
// the link twice is fine; an unknown token is not found.
func (a *App) Unsubscribe(ctx context.Context, token string) error {
	if token == "" || len(token) > 100 {
		return errs.E(errs.NotFound, "unknown unsubscribe link")
	}
	return a.write(ctx, func(tx *store.Tx) error {
		s, err := tx.AlertSubscriptionByToken(ctx, token)
		if err != nil {
			return err
		}
		_, err = tx.CloseAlertSubscription(ctx, s.ID, store.AlertUnsubscribed, a.clock())
		return err
	})
}

func checkAlertEmail(fs *errs.Fields, email string) {
	if !validEmail(email) {
		fs.AddKey("email", "err.email", "is not an email address")
	}
}

func checkLang(fs *errs.Fields, lang string) string {
	if lang == "" {
		return locale.Default().Code
	}
	if _, ok := locale.Get(lang); !ok {
		fs.Add("lang", "must be one of en, ru, fa")
	}
	return lang
}

// normalPhone parses a number in international format and returns it as
// E.164 (+79123456789).
func normalPhone(s string) (string, bool) {
	if !strings.HasPrefix(s, "+") || len(s) > 40 {
		return "", false
	}
	n, err := phonenumbers.Parse(s, "")
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return "", false
	}
	return phonenumbers.Format(n, phonenumbers.E164), true
}

func hasCategory(cats []catalog.Category, slug string) bool {
	for _, c := range cats {
		if c.Slug == slug {
			return true
		}
	}
	return false
}

// unsubscribeToken is 128 random bits, URL-safe.
func unsubscribeToken() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}
