package main

import (
	"bytes"
	"context"
	"fmt"
	"net/mail"
	"os"
	"strings"

	"b2x/app"
	"b2x/bounce"
	"b2x/errs"
)

const bouncesUsage = "usage: b2x bounces read --maildir DIR [--unsubscribe-maildir DIR]"

// cmdBounces runs "b2x bounces read": it reads the new messages of the Maildir
// the bounce address delivers to (run it from cron or a delivery hook) and
// records each bounce or complaint (app.RecordBounceReport); auto-replies and
// other messages are marked seen and change nothing, and a message that cannot
// be read is flagged for a person. A letter to the List-Unsubscribe mailto:
// address — the messages of --unsubscribe-maildir, or in the bounce Maildir a
// letter to an "unsubscribe@" address — unsubscribes that delivery's list
// only. Campaign settings (B2X_CAMPAIGN_SECRET, which checks the unsubscribe
// token; B2X_CAMPAIGN_SOFT_BOUNCES) come from the environment as for serve.
func cmdBounces(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "read" {
		return fmt.Errorf("%s: %w", bouncesUsage, errUsage)
	}
	fs, dsn := flags("bounces read", e)
	maildir := fs.String("maildir", "", "the Maildir bounces are delivered to")
	unsubDir := fs.String("unsubscribe-maildir", "", "the Maildir of the List-Unsubscribe mailto: address (optional)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *maildir == "" && *unsubDir == "" || fs.NArg() > 0 {
		return fmt.Errorf("%s: %w", bouncesUsage, errUsage)
	}
	cfg, err := campaignSettings(os.Getenv, nil)
	if err != nil {
		return err
	}
	a, closeDB, err := open(ctx, e, *dsn, app.WithCampaigns(cfg))
	if err != nil {
		return err
	}
	defer closeDB()
	var n counts
	if *maildir != "" {
		if err := bounce.WalkMaildir(*maildir, func(name string, raw []byte) (bool, error) {
			return readBounce(ctx, e, a, &n, name, raw)
		}); err != nil {
			return err
		}
	}
	if *unsubDir != "" {
		if err := bounce.WalkMaildir(*unsubDir, func(name string, raw []byte) (bool, error) {
			return readUnsubscribe(ctx, e, a, &n, name, raw)
		}); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "%d messages: %d bounces recorded, %d addresses suppressed, %d unsubscribed, %d ignored, %d flagged\n",
		n.messages, n.recorded, n.suppressed, n.unsubscribed, n.ignored, n.flagged)
	return nil
}

type counts struct{ messages, recorded, suppressed, unsubscribed, ignored, flagged int }

func readBounce(ctx context.Context, e *env, a *app.App, n *counts, name string, raw []byte) (bool, error) {
	n.messages++
	if toUnsubscribe(raw) {
		n.messages--
		return readUnsubscribe(ctx, e, a, n, name, raw)
	}
	rep, err := bounce.Parse(bytes.NewReader(raw))
	if err != nil {
		n.flagged++
		fmt.Fprintf(e.stdout, "%s: flagged: %v\n", name, err)
		return true, nil
	}
	o, err := a.RecordBounceReport(ctx, rep)
	if err != nil {
		return false, err
	}
	if o.Ignored != "" {
		n.ignored++
		fmt.Fprintf(e.stdout, "%s: ignored (%s): %s\n", name, rep.Kind, o.Ignored)
		return false, nil
	}
	n.recorded += o.Recorded
	n.suppressed += o.Suppressed
	fmt.Fprintf(e.stdout, "%s: %s: %d recorded, %d suppressed\n", name, rep.Kind, o.Recorded, o.Suppressed)
	return false, nil
}

// toUnsubscribe tells whether a message was sent to an "unsubscribe@" address
// (the mailto: form of List-Unsubscribe) rather than returned to the sender.
func toUnsubscribe(raw []byte) bool {
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return false
	}
	to, err := m.Header.AddressList("To")
	if err != nil {
		return false
	}
	for _, t := range to {
		if strings.HasPrefix(strings.ToLower(t.Address), "unsubscribe@") {
			return true
		}
	}
	return false
}

func readUnsubscribe(ctx context.Context, e *env, a *app.App, n *counts, name string, raw []byte) (bool, error) {
	n.messages++
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		n.flagged++
		fmt.Fprintf(e.stdout, "%s: flagged: the message cannot be read: %v\n", name, err)
		return true, nil
	}
	v, err := a.UnsubscribeByMail(ctx, m.Header.Get("Subject"))
	if c := errs.CodeOf(err); c == errs.Invalid || c == errs.NotFound {
		// A subject without a valid token is a person's letter: flag it for
		// someone to read rather than stop the run.
		n.flagged++
		fmt.Fprintf(e.stdout, "%s: flagged: %v\n", name, err)
		return true, nil
	} else if err != nil {
		return false, err
	}
	n.unsubscribed++
	fmt.Fprintf(e.stdout, "%s: %s unsubscribed from %s\n", name, v.Email, v.List.Slug)
	return false, nil
}
