package app

import (
	"context"
	"errors"
	"html"
	"strings"

	"b2x/campaign"
	"b2x/errs"
	"b2x/ids"
	"b2x/locale"
	"b2x/mail"
	"b2x/staff"
	"b2x/store"
)

// Test sends (S13): before the real send a draft goes to colleagues, each of
// whom answers "clear" or "not clear" with a comment through signed links in
// the copy; the answers are kept on the campaign. SendCampaign refuses a
// campaign that had no test send.

// TestSendInput names the colleagues: staff users' addresses or the internal
// addresses of CampaignConfig.Internal.
type TestSendInput struct {
	To []string `json:"to"`
}

// MaxTestRecipients bounds one test send.
const MaxTestRecipients = 20

// TestSendCampaign sends a draft's copy to each colleague and records the
// sends that the server accepted. Links in a test copy are not tracked and
// its unsubscribe link opens the answer page.
func (a *App) TestSendCampaign(ctx context.Context, actor Actor, id string, in TestSendInput) ([]store.TestSend, error) {
	if err := require(actor, staff.CampaignsEdit); err != nil {
		return nil, err
	}
	var fs errs.Fields
	switch {
	case len(in.To) == 0:
		fs.Add("to", "name at least one colleague")
	case len(in.To) > MaxTestRecipients:
		fs.Add("to", "at most %d addresses", MaxTestRecipients)
	}
	for i, e := range in.To {
		if !validEmail(strings.TrimSpace(e)) {
			fs.Add("to["+itoa(i)+"]", "is not an email address")
		}
	}
	if err := fs.Err(); err != nil {
		return nil, err
	}
	var (
		c     store.Campaign
		names = map[string]string{}
	)
	err := a.read(ctx, func(tx *store.Tx) (err error) {
		if c, err = tx.Campaign(ctx, id); err != nil {
			return err
		}
		if c.Status != store.CampaignDraft {
			return errs.E(errs.Conflict, "campaign %s is %s; test sends are for drafts", id, c.Status)
		}
		var fs errs.Fields
		for i, e := range in.To {
			e = strings.TrimSpace(e)
			u, err := tx.UserByEmail(ctx, e)
			switch {
			case err == nil:
				names[e] = u.Name
			case errs.CodeOf(err) != errs.NotFound:
				return err
			case !a.internal(e):
				fs.Add("to["+itoa(i)+"]", "%s is neither a staff user nor an internal address; test sends go to colleagues", e)
			}
		}
		return fs.Err()
	})
	if err != nil {
		return nil, err
	}
	t, err := a.template(c)
	if err != nil {
		return nil, err
	}
	var sent []store.TestSend
	var failed error
	for _, e := range in.To {
		e = strings.TrimSpace(e)
		ts := store.TestSend{ID: ids.New(), CampaignID: id, Email: e, SentBy: actor.Label(), SentAt: a.clock()}
		if err := a.notify.mail.Send(ctx, a.testMessage(c, t, ts, names[e])); err != nil {
			failed = errors.Join(failed, err)
			continue
		}
		sent = append(sent, ts)
	}
	if len(sent) == 0 {
		return nil, failed
	}
	err = a.write(ctx, func(tx *store.Tx) error {
		for _, ts := range sent {
			if err := tx.InsertTestSend(ctx, ts); err != nil {
				return err
			}
		}
		return a.audit(ctx, tx, actor, "campaign.test_send", "campaign", id, in)
	})
	if err == nil && failed != nil {
		a.log.Warn("test send: some copies were not sent", "campaign", id, "err", failed)
	}
	return sent, err
}

// internal reports whether an address is one of the configured internal ones.
func (a *App) internal(email string) bool {
	k := campaign.EmailKey(email)
	for _, in := range a.campaigns.cfg.Internal {
		in = campaign.EmailKey(in)
		if in == k || (strings.HasPrefix(in, "@") && strings.HasSuffix(k, in)) {
			return true
		}
	}
	return false
}

// testMessage is a colleague's copy: the letter with a note on top asking for
// an answer through the two links.
func (a *App) testMessage(c store.Campaign, t *campaign.Template, ts store.TestSend, name string) mail.Message {
	first, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	s := a.Supplier()
	review := a.ReviewURL(ts.ID, "clear")
	filled := t.Fill(campaign.Fill{Fields: map[string]string{"first_name": first, "name": name, "organization": s.Name, "email": ts.Email},
		Unsubscribe: review})
	p := locale.NewPrinter(locale.Match(c.Lang, "", ""), nil)
	clear, notClear := a.ReviewURL(ts.ID, "clear"), a.ReviewURL(ts.ID, "not_clear")
	note := p.T("campaigns.test.note")
	textNote := note + "\n" + p.T("campaigns.test.clear") + ": " + clear + "\n" + p.T("campaigns.test.not_clear") + ": " + notClear + "\n\n----\n\n"
	htmlNote := `<p style="border:1px solid #999;padding:8px">` + html.EscapeString(note) + `<br><a href="` + html.EscapeString(clear) + `">` +
		html.EscapeString(p.T("campaigns.test.clear")) + `</a> · <a href="` + html.EscapeString(notClear) + `">` +
		html.EscapeString(p.T("campaigns.test.not_clear")) + "</a></p>\n"
	body := strings.Replace(filled.HTML, "<body>\n", "<body>\n"+htmlNote, 1)
	return mail.Message{From: a.notify.cfg.From, To: []mail.Address{{Name: name, Email: ts.Email}},
		Subject: p.T("campaigns.test.subject", "subject", filled.Subject), Text: textNote + filled.Text, HTML: body,
		Headers: map[string]string{"X-B2X-Test-Send": ts.ID, "X-B2X-Campaign": c.ID}}
}

// ReviewView is what a colleague's answer page shows.
type ReviewView struct {
	TestSend store.TestSend
	Campaign string // the campaign's name
	Subject  string
	Lang     string
}

// TestSendReview opens a test send's answer page from its signed link. It
// changes nothing (a mail scanner following the link answers nothing).
func (a *App) TestSendReview(ctx context.Context, token string) (ReviewView, error) {
	id, err := a.tokenID(linkReview, token)
	if err != nil {
		return ReviewView{}, err
	}
	var v ReviewView
	err = a.read(ctx, func(tx *store.Tx) error {
		ts, err := tx.TestSend(ctx, id)
		if err != nil {
			return err
		}
		c, err := tx.Campaign(ctx, ts.CampaignID)
		v = ReviewView{TestSend: ts, Campaign: c.Name, Subject: c.Subject, Lang: c.Lang}
		return err
	})
	return v, err
}

// AnswerTestSend records a colleague's answer (clear or not_clear) and comment;
// a later answer replaces it.
func (a *App) AnswerTestSend(ctx context.Context, token, answer, comment string) (ReviewView, error) {
	id, err := a.tokenID(linkReview, token)
	if err != nil {
		return ReviewView{}, err
	}
	var fs errs.Fields
	if answer != "clear" && answer != "not_clear" {
		fs.Add("answer", "must be clear or not_clear")
	}
	comment = strings.TrimSpace(comment)
	if len(comment) > 2000 {
		fs.Add("comment", "is at most 2000 bytes")
	}
	if err := fs.Err(); err != nil {
		return ReviewView{}, err
	}
	if err := a.write(ctx, func(tx *store.Tx) error {
		if _, err := tx.TestSend(ctx, id); err != nil {
			return err
		}
		return tx.AnswerTestSend(ctx, id, answer, comment, a.clock())
	}); err != nil {
		return ReviewView{}, err
	}
	return a.TestSendReview(ctx, token)
}
