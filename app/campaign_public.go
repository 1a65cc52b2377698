package app

import (
	"context"
	"strings"

	"b2x/campaign"
	"b2x/errs"
	"b2x/ids"
	"b2x/staff"
	"b2x/store"
)

// What recipients do with a letter, through its signed links (web/letters):
// unsubscribe (RFC 8058), click, open; and what the mail system reports back:
// bounces and complaints (RecordBounce, fed by the bounce package).

// UnsubscribeView is what the unsubscribe page shows.
type UnsubscribeView struct {
	List         store.MailingList
	Email        string // masked: a***@example.com
	Lang         string
	Unsubscribed bool // the consent to this list is withdrawn
}

// CampaignUnsubscribePage reads what a delivery's unsubscribe link names. It
// changes nothing: mail scanners open links, and only the POST unsubscribes.
func (a *App) CampaignUnsubscribePage(ctx context.Context, token string) (UnsubscribeView, error) {
	id, err := a.tokenID(linkUnsubscribe, token)
	if err != nil {
		return UnsubscribeView{}, err
	}
	var v UnsubscribeView
	err = a.read(ctx, func(tx *store.Tx) error {
		d, c, err := deliveryCampaign(ctx, tx, id)
		if err != nil {
			return err
		}
		v, err = unsubscribeView(ctx, tx, d, c)
		return err
	})
	return v, err
}

// UnsubscribeCampaign withdraws the consent of a delivery's address to the
// campaign's list only — other lists and transactional mail (orders, password
// resets) go on — and records the unsubscribe on the delivery. Doing it twice
// is doing it once.
func (a *App) UnsubscribeCampaign(ctx context.Context, token string) (UnsubscribeView, error) {
	id, err := a.tokenID(linkUnsubscribe, token)
	if err != nil {
		return UnsubscribeView{}, err
	}
	var v UnsubscribeView
	err = a.write(ctx, func(tx *store.Tx) error {
		d, c, err := deliveryCampaign(ctx, tx, id)
		if err != nil {
			return err
		}
		now := a.clock()
		withdrawn, err := tx.WithdrawConsent(ctx, c.ListID, d.Email, now)
		if err != nil {
			return err
		}
		if withdrawn {
			if err := tx.InsertCampaignEvent(ctx, store.CampaignEvent{ID: ids.At(now), CampaignID: c.ID, DeliveryID: d.ID,
				Kind: "unsubscribe", At: now}); err != nil {
				return err
			}
		}
		v, err = unsubscribeView(ctx, tx, d, c)
		return err
	})
	return v, err
}

func deliveryCampaign(ctx context.Context, tx *store.Tx, id string) (store.Delivery, store.Campaign, error) {
	d, err := tx.CampaignDelivery(ctx, id)
	if err != nil {
		return d, store.Campaign{}, errs.E(errs.NotFound, "this link is not valid")
	}
	c, err := tx.Campaign(ctx, d.CampaignID)
	return d, c, err
}

func unsubscribeView(ctx context.Context, tx *store.Tx, d store.Delivery, c store.Campaign) (UnsubscribeView, error) {
	l, err := tx.MailingList(ctx, c.ListID)
	if err != nil {
		return UnsubscribeView{}, err
	}
	ok, err := tx.Consented(ctx, c.ListID, d.Email)
	return UnsubscribeView{List: l, Email: maskEmail(d.Email), Lang: c.Lang, Unsubscribed: !ok}, err
}

// maskEmail shows enough of an address for its owner to know it.
func maskEmail(e string) string {
	at := strings.LastIndexByte(e, '@')
	if at < 1 {
		return "***"
	}
	return e[:1] + "***" + e[at:]
}

// CampaignClick checks a click link and records the click; it returns where
// to redirect, which is only ever the destination the link was signed for.
func (a *App) CampaignClick(ctx context.Context, token, dest string) (string, error) {
	id, err := a.tokenID(linkClick, token, dest)
	if err != nil {
		return "", err
	}
	if l := strings.ToLower(dest); !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "http://") {
		return "", errs.E(errs.NotFound, "this link is not valid")
	}
	return dest, a.recordEvent(ctx, id, "click", dest)
}

// CampaignOpen records that a delivery's open pixel was loaded.
func (a *App) CampaignOpen(ctx context.Context, token string) error {
	id, err := a.tokenID(linkOpen, token)
	if err != nil {
		return err
	}
	return a.recordEvent(ctx, id, "open", "")
}

func (a *App) recordEvent(ctx context.Context, deliveryID, kind, url string) error {
	return a.write(ctx, func(tx *store.Tx) error {
		d, err := tx.CampaignDelivery(ctx, deliveryID)
		if err != nil {
			return errs.E(errs.NotFound, "this link is not valid")
		}
		now := a.clock()
		return tx.InsertCampaignEvent(ctx, store.CampaignEvent{ID: ids.At(now), CampaignID: d.CampaignID, DeliveryID: d.ID,
			Kind: kind, URL: url, At: now})
	})
}

// Bounce kinds RecordBounce takes.
const (
	BounceHard      = "hard"
	BounceSoft      = "soft"
	BounceComplaint = "complaint"
)

// RecordBounce records a bounce or complaint reported for a delivery (ref: its
// id, as the X-B2X-Delivery header carries it) or, when the report names no
// delivery, for an address (ref: the address; the last delivery sent to it
// gets the bounce). A hard bounce or a complaint suppresses the address at
// once; soft bounces suppress it at the SoftBounces-th. It reports whether the
// address is suppressed now. Auto-replies are not bounces: the caller (package
// bounce) does not report them.
func (a *App) RecordBounce(ctx context.Context, ref, kind, detail string) (bool, error) {
	return a.recordBounce(ctx, nil, ref, kind, detail)
}

func (a *App) recordBounce(ctx context.Context, actor *Actor, ref, kind, detail string) (bool, error) {
	var fs errs.Fields
	if kind != BounceHard && kind != BounceSoft && kind != BounceComplaint {
		fs.Add("kind", "must be hard, soft or complaint")
	}
	if strings.TrimSpace(ref) == "" || len(ref) > 254 {
		fs.Add("ref", "give a delivery id or an email address")
	}
	if err := fs.Err(); err != nil {
		return false, err
	}
	detail = trimDetail(detail)
	var suppressed bool
	err := a.write(ctx, func(tx *store.Tx) error {
		if actor != nil {
			if err := a.audit(ctx, tx, *actor, "bounce.record", "bounce", campaign.EmailKey(ref),
				map[string]string{"kind": kind, "detail": detail}); err != nil {
				return err
			}
		}
		now := a.clock()
		var d store.Delivery
		var err error
		email := ""
		if strings.Contains(ref, "@") {
			email = strings.TrimSpace(ref)
			d, err = tx.LatestDeliveryTo(ctx, campaign.EmailKey(email))
		} else {
			d, err = tx.CampaignDelivery(ctx, ref)
			email = d.Email
		}
		switch {
		case err == nil:
			if err := tx.BounceDelivery(ctx, d.ID, kind, now); err != nil {
				return err
			}
			if err := tx.InsertCampaignEvent(ctx, store.CampaignEvent{ID: ids.At(now), CampaignID: d.CampaignID, DeliveryID: d.ID,
				Kind: "bounce", URL: kind, At: now}); err != nil {
				return err
			}
		case errs.CodeOf(err) != errs.NotFound || email == "":
			return err
		}
		reason := map[string]string{BounceHard: "hard_bounce", BounceComplaint: "complaint"}[kind]
		if kind == BounceSoft {
			n, err := tx.CountSoftBounce(ctx, email, now)
			if err != nil || n < a.campaigns.cfg.SoftBounces {
				return err
			}
			reason = "soft_bounces"
		}
		if _, err := tx.Suppress(ctx, store.Suppression{Email: email, Reason: reason, Detail: detail, At: now}); err != nil {
			return err
		}
		suppressed = true
		return nil
	})
	return suppressed, err
}

// CampaignReport is a campaign's figures.
type CampaignReport struct {
	Campaign store.Campaign       `json:"campaign"`
	Counts   store.CampaignCounts `json:"counts"`
	// Done is true when no delivery is queued or sending.
	Done bool `json:"done"`
}

// CampaignReport counts a campaign's recipients, sent, failed, skipped,
// bounced, unsubscribed, opened and clicked (recipients and in all).
func (a *App) CampaignReport(ctx context.Context, actor Actor, id string) (CampaignReport, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return CampaignReport{}, err
	}
	var r CampaignReport
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		if r.Campaign, err = tx.Campaign(ctx, id); err != nil {
			return err
		}
		r.Counts, err = tx.CampaignCounts(ctx, id)
		r.Done = r.Counts.Queued+r.Counts.Sending == 0
		return err
	})
	return r, err
}

// CampaignDeliveries lists a campaign's deliveries (state "" for all), a page
// after the id after.
func (a *App) CampaignDeliveries(ctx context.Context, actor Actor, id, state, after string, limit int) ([]store.Delivery, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return nil, err
	}
	var fs errs.Fields
	limit = or(limit, 50)
	checkLimit(&fs, limit)
	switch state {
	case "", store.DeliveryQueued, store.DeliverySending, store.DeliverySent, store.DeliveryFailed, store.DeliverySkipped:
	default:
		fs.Add("state", "must be queued, sending, sent, failed or skipped")
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var out []store.Delivery
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		if _, err = tx.Campaign(ctx, id); err != nil {
			return err
		}
		out, err = tx.CampaignDeliveries(ctx, id, state, after, limit)
		return err
	})
	if out == nil {
		out = []store.Delivery{}
	}
	return out, err
}

// RecordBounceAs is RecordBounce called by staff or a webhook's token: it
// needs campaigns.edit, and the audit entry is written with the bounce.
func (a *App) RecordBounceAs(ctx context.Context, actor Actor, ref, kind, detail string) (bool, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return false, err
	}
	return a.recordBounce(ctx, &actor, ref, kind, detail)
}
