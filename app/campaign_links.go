package app

import (
	"net/url"
	"strings"

	"b2x/campaign"
	"b2x/errs"
)

// The links a campaign letter carries are signed with the campaign secret
// (campaign.Sign): the token of a link is "ID.SIGNATURE", where the signature
// covers the link's kind, the id (a delivery or a test send) and, for a click,
// the destination. So a link cannot be made for another recipient, and the
// click redirect goes only where the letter pointed (no open redirect).
// web/letters serves them under /letters/.

const (
	linkUnsubscribe = "u"
	linkClick       = "c"
	linkOpen        = "o"
	linkReview      = "r"
)

func (a *App) linkToken(kind, id string, extra ...string) string {
	return id + "." + campaign.Sign(a.campaigns.cfg.Secret, append([]string{kind, id}, extra...)...)
}

// tokenID checks a link's token and returns the id it names. A bad token is
// not found, whatever is wrong with it.
func (a *App) tokenID(kind, token string, extra ...string) (string, error) {
	id, sig, ok := strings.Cut(token, ".")
	if !ok || id == "" || len(token) > 200 || !campaign.Verify(a.campaigns.cfg.Secret, sig, append([]string{kind, id}, extra...)...) {
		return "", errs.E(errs.NotFound, "this link is not valid")
	}
	return id, nil
}

// UnsubscribeURL is a delivery's unsubscribe page (GET shows it, POST
// unsubscribes: RFC 8058).
func (a *App) UnsubscribeURL(deliveryID string) string {
	return a.link("/letters/u/"+a.linkToken(linkUnsubscribe, deliveryID), nil)
}

// ClickURL is the signed redirect through which a delivery's link to dest goes.
func (a *App) ClickURL(deliveryID, dest string) string {
	return a.link("/letters/c/"+a.linkToken(linkClick, deliveryID, dest), url.Values{"u": {dest}})
}

// OpenURL is a delivery's open pixel.
func (a *App) OpenURL(deliveryID string) string {
	return a.link("/letters/o/"+a.linkToken(linkOpen, deliveryID), nil)
}

// ReviewURL is a test send's answer page; answer is clear or not_clear.
func (a *App) ReviewURL(testSendID, answer string) string {
	return a.link("/letters/r/"+a.linkToken(linkReview, testSendID), url.Values{"answer": {answer}})
}

// unsubscribeMailto is the mailto: form of List-Unsubscribe: a letter to the
// sender's domain whose subject carries the token (read by the mailbox
// processing that handles bounces).
func (a *App) unsubscribeMailto(deliveryID string) string {
	from := a.notify.cfg.From.Email
	domain := from[strings.LastIndexByte(from, '@')+1:]
	return "mailto:unsubscribe@" + domain + "?subject=" + url.PathEscape("unsubscribe "+a.linkToken(linkUnsubscribe, deliveryID))
}
