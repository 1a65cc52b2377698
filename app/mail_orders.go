package app

import (
	"context"
	"strings"

	"b2x/errs"
	"b2x/jobs"
	"b2x/mail"
	"b2x/order"
	"b2x/store"
)

// orderConfirmationJob sends the confirmation of a placed order.
type orderConfirmationJob struct {
	OrderID string `json:"order_id"`
	Lang    string `json:"lang"`
}

func (orderConfirmationJob) Kind() string { return "mail.order_confirmation" }

// careInstructionsJob sends the care instructions of a delivered order's
// products.
type careInstructionsJob struct {
	OrderID string `json:"order_id"`
}

func (careInstructionsJob) Kind() string { return "mail.care_instructions" }

// passwordResetJob sends a password reset link. The link is a secret: it stays
// in the job's row until River's cleaner deletes completed jobs (a day), so a
// reset token must expire sooner and work once.
type passwordResetJob struct {
	To   mail.Address `json:"to"`
	Link string       `json:"link"`
	Lang string       `json:"lang"`
}

func (passwordResetJob) Kind() string { return "mail.password_reset" }

// MailOrderConfirmation enqueues the confirmation of order orderID in tx, the
// transaction that places the order, in language lang (en, ru or fa; anything
// else is en). The language is kept with the order for the letters that follow
// it.
func (a *App) MailOrderConfirmation(ctx context.Context, tx *store.Tx, orderID, lang string) error {
	if err := requireID(orderID, "order"); err != nil {
		return err
	}
	lang = langOrDefault(lang)
	if err := tx.SetOrderLanguage(ctx, orderID, lang); err != nil {
		return err
	}
	return a.Enqueue(ctx, tx, orderConfirmationJob{OrderID: orderID, Lang: lang}, &jobs.Opts{Unique: true})
}

// MailCareInstructions enqueues, in tx, the letter with the care instructions
// of the products of a delivered order (S18), in the language the order was
// placed in. Orders without such products get no letter.
func (a *App) MailCareInstructions(ctx context.Context, tx *store.Tx, orderID string) error {
	if err := requireID(orderID, "order"); err != nil {
		return err
	}
	return a.Enqueue(ctx, tx, careInstructionsJob{OrderID: orderID}, &jobs.Opts{Unique: true})
}

// MailPasswordReset enqueues, in tx (the one that stores the reset token), a
// letter to `to` with the link that sets a new password, in language lang.
func (a *App) MailPasswordReset(ctx context.Context, tx *store.Tx, to mail.Address, link, lang string) error {
	var fs errs.Fields
	if !validEmail(to.Email) {
		fs.Add("email", "is not an email address")
	}
	if len(link) > 2000 || (!strings.HasPrefix(link, "https://") && !strings.HasPrefix(link, "http://")) {
		fs.Add("link", "must be an http(s) link of at most 2000 characters")
	}
	if err := fs.Err(); err != nil {
		return err
	}
	to.Name = oneLine(to.Name)
	return a.Enqueue(ctx, tx, passwordResetJob{To: to, Link: link, Lang: langOrDefault(lang)}, nil)
}

// recipient is who gets the letters of an order: the guest, the person, or the
// contact who ordered for an organization.
func recipient(ctx context.Context, tx *store.Tx, o order.Order) (mail.Address, error) {
	var to mail.Address
	switch c := o.Customer; {
	case c.Guest != nil:
		to = mail.Address{Name: c.Guest.Name, Email: c.Guest.Email}
	case c.PersonID != "":
		p, err := tx.Person(ctx, c.PersonID)
		if err != nil {
			return to, err
		}
		to = mail.Address{Name: p.Name, Email: p.Email}
	case c.ContactID != "":
		ct, err := tx.Contact(ctx, c.ContactID)
		if err != nil {
			return to, err
		}
		to = mail.Address{Name: ct.Name, Email: ct.Email}
	}
	if to.Email == "" {
		return to, errNoRecipient
	}
	to.Name = oneLine(to.Name)
	return to, nil
}

func (a *App) sendOrderConfirmation(ctx context.Context, j orderConfirmationJob) error {
	var (
		o  order.Order
		to mail.Address
	)
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		if o, err = tx.Order(ctx, j.OrderID); err != nil {
			return err
		}
		to, err = recipient(ctx, tx, o)
		return err
	})
	if err != nil {
		return skipNoRecipient(err)
	}
	l := mail.OrderConfirmation{Recipient: mail.Recipient{Name: to.Name}, Number: o.Number, PlacedAt: o.PlacedAt,
		Net: o.Net, Tax: o.Tax, Total: o.Total, PricesIncludeTax: o.PricesIncludeTax,
		Delivery: string(o.DeliveryMethod), Address: o.DeliveryAddress}
	for _, ln := range o.Lines {
		total := ln.Gross
		if !o.PricesIncludeTax {
			total = ln.Net
		}
		l.Lines = append(l.Lines, mail.OrderLine{SKU: ln.SKU, Name: ln.Name, Quantity: ln.Quantity.String(), Unit: ln.Unit, Total: total})
	}
	for _, adj := range o.Adjustments {
		amount := adj.Gross
		if !o.PricesIncludeTax {
			amount = adj.Net
		}
		l.Adjustments = append(l.Adjustments, mail.OrderAdjustment{Label: adj.Label, Amount: amount})
	}
	return a.send(ctx, to, j.Lang, l, nil)
}

func (a *App) sendCareInstructions(ctx context.Context, j careInstructionsJob) error {
	var (
		to   mail.Address
		lang string
		l    mail.CareInstructions
	)
	err := a.read(ctx, func(tx *store.Tx) error {
		o, err := tx.Order(ctx, j.OrderID)
		if err != nil {
			return err
		}
		skus := make([]string, len(o.Lines))
		for i, ln := range o.Lines {
			skus[i] = ln.SKU
		}
		products, err := tx.ProductsBySKU(ctx, skus)
		if err != nil {
			return err
		}
		l.Number = o.Number
		for _, ln := range o.Lines {
			if p, ok := products[ln.SKU]; ok && p.CareInstructions != "" {
				l.Products = append(l.Products, mail.CareProduct{SKU: p.SKU, Name: p.Name, Care: p.CareInstructions})
			}
		}
		if len(l.Products) == 0 {
			return errNoRecipient // nothing to tell
		}
		if to, err = recipient(ctx, tx, o); err != nil {
			return err
		}
		lang, err = tx.OrderLanguage(ctx, o.ID)
		return err
	})
	if err != nil {
		return skipNoRecipient(err)
	}
	l.Name = to.Name
	return a.send(ctx, to, langOrDefault(lang), l, nil)
}

// QueuePasswordResetMail enqueues the letter for a reset RequestPasswordReset
// made (nothing for its zero value: the address has no account), with link, the
// page that takes req.Token back.
func (a *App) QueuePasswordResetMail(ctx context.Context, req ResetRequest, link, lang string) error {
	if req.Token == "" {
		return nil
	}
	return a.write(ctx, func(tx *store.Tx) error {
		return a.MailPasswordReset(ctx, tx, mail.Address{Name: req.Name, Email: req.Email}, link, lang)
	})
}

func (a *App) sendPasswordReset(ctx context.Context, j passwordResetJob) error {
	return a.send(ctx, j.To, j.Lang, mail.PasswordReset{Recipient: mail.Recipient{Name: j.To.Name}, Link: j.Link}, nil)
}
