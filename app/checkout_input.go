package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"b2x/catalog"
	"b2x/errs"
	"b2x/ids"
	"b2x/loyalty"
	"b2x/order"
	"b2x/payment"
	"b2x/promo"
	"b2x/qty"
)

// CheckoutLine is one line the customer asks for.
type CheckoutLine struct {
	SKU      string       `json:"sku"`
	Quantity qty.Quantity `json:"quantity"`
}

// CheckoutInput is an order as the customer places it. Prices are never taken from
// the customer: Checkout resolves them, and the discounts and fees too.
type CheckoutInput struct {
	Channel         catalog.Channel      `json:"channel"`
	Guest           *order.Guest         `json:"guest,omitempty"`
	PersonID        string               `json:"person_id,omitempty"`
	OrganizationID  string               `json:"organization_id,omitempty"`
	ContactID       string               `json:"contact_id,omitempty"`
	Lines           []CheckoutLine       `json:"lines"`
	DeliveryMethod  order.DeliveryMethod `json:"delivery_method,omitempty"` // default pickup
	DeliveryAddress string               `json:"delivery_address,omitempty"`
	Note            string               `json:"note,omitempty"`
	// Coupon is a coupon code, in any case.
	Coupon string `json:"coupon,omitempty"`
	// LoyaltyPhone is the phone of the customer's loyalty card (b2c only), as
	// typed: numbers without a country code are read in the program's region. The
	// card gives its tier discount and earns points when the order is delivered;
	// a phone without a card gets one with the order.
	LoyaltyPhone string `json:"loyalty_phone,omitempty"`
	// Points is how many of the card's points to spend on the order: by staff, by
	// the card's holder signed in with the account the card is linked to, or by
	// anyone who proves the phone with LoyaltyCode.
	Points int64 `json:"points,omitempty"`
	// LoyaltyCode is the one-time code SendPhoneCode sent to LoyaltyPhone; with
	// it anyone spends the card's points. It is a secret: it is not part of the
	// request's fingerprint for the idempotency key.
	LoyaltyCode string `json:"loyalty_code,omitempty"`
	// Payment is how the order is paid; nil is cash on delivery in b2c and the
	// organization's terms (no payment record) in b2b.
	Payment *PaymentInput `json:"payment,omitempty"`
}

// PaymentInput is how the customer pays. A card is given by number (passed to the
// provider and forgotten: b2x keeps the last four digits) or by a provider token.
type PaymentInput struct {
	Method     payment.Method `json:"method"`
	CardNumber string         `json:"card_number,omitempty"`
	CardToken  string         `json:"card_token,omitempty"`
}

// MaxIdempotencyKey bounds the Idempotency-Key a client may send.
const MaxIdempotencyKey = 200

// CheckIdempotencyKey validates a client's Idempotency-Key.
func CheckIdempotencyKey(key string) error {
	if key == "" {
		return errs.Field("Idempotency-Key", "is required so that a retried order is never placed twice")
	}
	if len(key) > MaxIdempotencyKey {
		return errs.Field("Idempotency-Key", "is longer than %d characters", MaxIdempotencyKey)
	}
	for _, r := range key {
		if r < 0x21 || r > 0x7e {
			return errs.Field("Idempotency-Key", "may hold only visible ASCII characters")
		}
	}
	return nil
}

// hash fingerprints the input so a retry with the same key can be told apart from
// a different request that reuses it. A card number enters it only as its last
// four digits: the stored fingerprint must not be a hash of the number.
func (in *CheckoutInput) hash() string {
	c := *in
	c.LoyaltyCode = ""
	if in.Payment != nil && in.Payment.CardNumber != "" {
		p := *in.Payment
		d, _ := payment.CardDigits(p.CardNumber)
		p.CardNumber = "…" + payment.Last4(d)
		c.Payment = &p
	}
	b, _ := json.Marshal(&c)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// validate checks an order to be placed: the cart and who is buying.
func (in *CheckoutInput) validate(region string) error {
	var fs errs.Fields
	in.validateCart(&fs, region)
	who := 0
	for _, set := range []bool{in.Guest != nil, in.PersonID != "", in.OrganizationID != ""} {
		if set {
			who++
		}
	}
	if who != 1 {
		fs.Add("guest", "give exactly one of guest, person_id, organization_id")
	}
	return fs.Err()
}

// validateCart checks what pricing a cart needs; the customer may be unknown yet,
// but what is given must be right. It normalizes the coupon code and the phone.
func (in *CheckoutInput) validateCart(fs *errs.Fields, region string) {
	if !in.Channel.Valid() {
		fs.Add("channel", "must be b2c or b2b")
	}
	if in.Guest != nil {
		g := in.Guest
		if strings.TrimSpace(g.Name) == "" || len(g.Name) > 200 {
			fs.AddKey("guest.name", "err.name.required", "is required and at most 200 characters")
		}
		if !validEmail(g.Email) {
			fs.AddKey("guest.email", "err.email", "is not an email address")
		}
		if len(g.Phone) > 40 {
			fs.AddKey("guest.phone", "err.too_long", "is longer than {max} characters", "max", 40)
		}
		if in.Channel == catalog.B2B {
			fs.Add("channel", "guests order in the b2c channel; b2b orders need an organization")
		}
	}
	for f, id := range map[string]string{"person_id": in.PersonID, "organization_id": in.OrganizationID, "contact_id": in.ContactID} {
		if id != "" && !ids.Valid(id) {
			fs.Add(f, "is not an id")
		}
	}
	if in.ContactID != "" && in.OrganizationID == "" {
		fs.Add("contact_id", "a contact orders for an organization")
	}
	switch {
	case len(in.Lines) == 0:
		fs.Add("lines", "an order needs at least one line")
	case len(in.Lines) > order.MaxLines:
		fs.Add("lines", "an order has at most %d lines", order.MaxLines)
	}
	seen := map[string]bool{}
	for i, l := range in.Lines {
		f := fmt.Sprintf("lines[%d]", i)
		if !catalog.ValidSKU(l.SKU) {
			fs.Add(f+".sku", "is not a valid SKU")
		} else if seen[l.SKU] {
			fs.Add(f+".sku", "%s appears on two lines; put the quantity on one", l.SKU)
		}
		seen[l.SKU] = true
		switch {
		case l.Quantity <= 0:
			fs.Add(f+".quantity", "must be positive")
		case l.Quantity > order.MaxLineQuantity:
			fs.Add(f+".quantity", "must be at most %s", order.MaxLineQuantity)
		}
	}
	if in.DeliveryMethod != "" && !in.DeliveryMethod.Valid() {
		fs.AddKey("delivery_method", "err.delivery.method", "must be one of pickup, own_delivery, carrier")
	}
	if len(in.DeliveryAddress) > 1000 {
		fs.AddKey("delivery_address", "err.too_long", "is longer than {max} characters", "max", 1000)
	}
	if len(in.Note) > 2000 {
		fs.AddKey("note", "err.too_long", "is longer than {max} characters", "max", 2000)
	}
	if in.Coupon != "" {
		if in.Coupon = promo.NormalizeCode(in.Coupon); !promo.ValidCode(in.Coupon) {
			fs.AddKey("coupon", "err.coupon.syntax", "is not a coupon code")
		}
	}
	if in.LoyaltyPhone != "" {
		phone, err := loyalty.NormalizePhone(in.LoyaltyPhone, region)
		fs.Wrap("", err)
		if err == nil {
			in.LoyaltyPhone = phone
		}
		if in.Channel == catalog.B2B {
			fs.Add("loyalty_phone", "loyalty cards are for shop (b2c) orders")
		}
	}
	switch {
	case in.Points < 0:
		fs.AddKey("points", "err.points.negative", "must not be negative")
	case in.Points > loyalty.MaxPointsPerOrder:
		fs.AddKey("points", "err.points.max", "must be at most {max}", "max", loyalty.MaxPointsPerOrder)
	case in.Points > 0 && in.LoyaltyPhone == "":
		fs.AddKey("points", "err.points.no_phone", "spending points needs the phone of the card")
	}
	if in.LoyaltyCode != "" && in.LoyaltyPhone == "" {
		fs.AddKey("loyalty_code", "err.phone_code.no_phone", "goes with the phone of the card")
	}
	if p := in.Payment; p != nil {
		switch p.Method {
		case payment.Card:
			switch {
			case p.CardNumber == "" && p.CardToken == "":
				fs.AddKey("payment.card_number", "err.card.missing", "a card payment needs the card number or a card_token")
			case p.CardNumber != "" && p.CardToken != "":
				fs.Add("payment.card_token", "give the card number or a token, not both")
			case p.CardNumber != "":
				if _, ok := payment.CardDigits(p.CardNumber); !ok {
					fs.AddKey("payment.card_number", "err.card.invalid", "is not a valid card number")
				}
			case len(p.CardToken) > 200:
				fs.Add("payment.card_token", "is longer than 200 characters")
			}
		case payment.CashOnDelivery:
			if p.CardNumber != "" || p.CardToken != "" {
				fs.AddKey("payment.card_number", "err.card.cash", "cash on delivery takes no card")
			}
		default:
			fs.AddKey("payment.method", "err.payment.method", "must be cash_on_delivery or card")
		}
	}
}
