package app

import (
	"context"
	"errors"
	"log/slog"
	"net/url"

	"b2x/catalog"
	"b2x/locale"
	"b2x/mail"
	"b2x/store"
)

// alertJob sends one subscription its alert for one event.
type alertJob struct {
	Subscription string   `json:"subscription"`
	Event        string   `json:"event"`
	SKUs         []string `json:"skus"`
}

func (alertJob) Kind() string { return "alerts.send" }

// SMSSender delivers text messages (back-in-stock alerts by phone).
type SMSSender interface {
	SendSMS(ctx context.Context, to, text string) error
}

// LogSMS is the SMSSender used when no SMS gateway is configured: it writes
// each message to the log.
type LogSMS struct{ Logger *slog.Logger }

// SendSMS logs the message.
func (l LogSMS) SendSMS(ctx context.Context, to, text string) error {
	lg := l.Logger
	if lg == nil {
		lg = slog.Default()
	}
	lg.InfoContext(ctx, "sms (no gateway configured: logged, not sent)", "to", to, "text", text)
	return nil
}

// sendAlert sends an alert unless it went out already or the subscription
// ended, and records it as sent; a back-in-stock subscription is then closed.
// A back-in-stock alert whose SKU is sold out again by the time it runs is not
// sent, and its subscription waits for the next restock. Two restocks close
// together can queue two alerts for one subscription that run at once: the one
// that claims the subscription sends; the other finds it claimed, or closed,
// and sends nothing. A claim whose send failed is released for the retry.
func (a *App) sendAlert(ctx context.Context, j alertJob) error {
	var (
		s        store.AlertSubscription
		products []catalog.Product
		topic    string
	)
	skip := false
	err := a.read(ctx, func(tx *store.Tx) error {
		sent, err := tx.AlertDeliverySent(ctx, j.Subscription, j.Event)
		if err != nil {
			return err
		}
		if s, err = tx.AlertSubscription(ctx, j.Subscription); err != nil {
			return err
		}
		if sent || s.Status != store.AlertActive {
			skip = true
			return nil
		}
		bySKU, err := tx.ProductsBySKU(ctx, j.SKUs)
		if err != nil {
			return err
		}
		for _, sku := range j.SKUs {
			if p, ok := bySKU[sku]; ok && p.Sellable(catalog.B2C) {
				products = append(products, p)
			}
		}
		switch {
		case len(products) == 0:
			skip = true
		case s.Kind == store.AlertBackInStock:
			avail, err := tx.Available(ctx, j.SKUs)
			if err != nil {
				return err
			}
			skip = avail[s.SKU] <= 0
		case s.Category != "":
			topic = s.Category
			cats, err := tx.Categories(ctx)
			if err != nil {
				return err
			}
			for _, c := range cats {
				if c.Slug == s.Category {
					topic = c.Name
				}
			}
		default:
			topic = products[0].Brand // the brand as the catalog spells it
		}
		return nil
	})
	if err != nil || skip {
		return err
	}
	if s.Kind == store.AlertBackInStock {
		var claimed bool
		err := a.write(ctx, func(tx *store.Tx) (err error) {
			claimed, err = tx.ClaimAlertSubscription(ctx, s.ID, j.Event)
			return err
		})
		if err != nil || !claimed {
			return err
		}
	}
	unsubscribe := a.link("/"+langOrDefault(s.Lang)+"/alerts/unsubscribe", url.Values{"token": {s.Token}})
	switch {
	case s.Phone != "":
		p := locale.NewPrinter(locale.Match(s.Lang, "", ""), nil)
		err = a.notify.sms.SendSMS(ctx, s.Phone, p.T("mail.stock.sms", "product", products[0].Name, "link", a.productLink(s.Lang, s.SKU)))
	case s.Kind == store.AlertBackInStock:
		err = a.send(ctx, mail.Address{Email: s.Email}, s.Lang, mail.BackInStock{Recipient: mail.Recipient{Unsubscribe: unsubscribe},
			SKU: s.SKU, Product: products[0].Name, Link: a.productLink(s.Lang, s.SKU)}, listUnsubscribe(unsubscribe))
	default:
		l := mail.NewArrivals{Recipient: mail.Recipient{Unsubscribe: unsubscribe}, Topic: topic}
		for _, p := range products {
			l.Products = append(l.Products, mail.Arrival{SKU: p.SKU, Name: p.Name, Link: a.productLink(s.Lang, p.SKU)})
		}
		err = a.send(ctx, mail.Address{Email: s.Email}, s.Lang, l, listUnsubscribe(unsubscribe))
	}
	if err != nil {
		if s.Kind == store.AlertBackInStock {
			err = errors.Join(err, a.write(ctx, func(tx *store.Tx) error { return tx.ReleaseAlertSubscription(ctx, s.ID, j.Event) }))
		}
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		now := a.clock()
		if err := tx.MarkAlertDeliverySent(ctx, s.ID, j.Event, now); err != nil {
			return err
		}
		if s.Kind == store.AlertBackInStock {
			_, err := tx.CloseAlertSubscription(ctx, s.ID, store.AlertSent, now)
			return err
		}
		return nil
	})
}

// listUnsubscribe is the header mail programs show as an unsubscribe button.
func listUnsubscribe(link string) map[string]string {
	return map[string]string{"List-Unsubscribe": "<" + link + ">"}
}
