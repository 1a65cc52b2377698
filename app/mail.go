package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"b2x/errs"
	"b2x/jobs"
	"b2x/locale"
	"b2x/mail"
	"b2x/store"
)

// Work that follows a transaction — letters, alerts — is enqueued as a durable
// job inside the transaction (package jobs), so it happens if and only if the
// transaction commits, and survives a restart; the job then sends through the
// App's mail.Sender or SMSSender.

// notifier is what the App needs for that work.
type notifier struct {
	jobs *jobs.Queue
	mail mail.Sender
	sms  SMSSender
	cfg  MailConfig
}

// MailConfig says who letters come from and where their links point.
type MailConfig struct {
	From mail.Address // default b2x <noreply@localhost>
	// BaseURL is the shop's public address for links in letters (default
	// http://127.0.0.1:8080). Products are BaseURL/LANG/p/SKU (the shop's page),
	// the unsubscribe link BaseURL/LANG/alerts/unsubscribe?token=T.
	BaseURL string
}

// WithJobs makes the App enqueue on q and register its job handlers there.
// Without it the App makes its own queue, which enqueues but works nothing
// until someone starts it (App.Jobs().Start). A queue serves one App.
func WithJobs(q *jobs.Queue) Option { return func(a *App) { a.notify.jobs = q } }

// WithMail makes the App's letters go through s (default: the log).
func WithMail(s mail.Sender, cfg MailConfig) Option {
	return func(a *App) { a.notify.mail, a.notify.cfg = s, cfg }
}

// WithSMS makes the App's text messages go through s (default: the log).
func WithSMS(s SMSSender) Option { return func(a *App) { a.notify.sms = s } }

// setUpNotifier fills in defaults and registers the App's job handlers; New
// calls it after the options.
func (a *App) setUpNotifier() {
	n := a.notify
	if n.jobs == nil {
		n.jobs = jobs.New(a.db, jobs.Config{Logger: a.log})
	}
	if n.mail == nil {
		n.mail = mail.Log{Logger: a.log}
	}
	if n.sms == nil {
		n.sms = LogSMS{Logger: a.log}
	}
	if n.cfg.From.Email == "" {
		n.cfg.From = mail.Address{Name: "b2x", Email: "noreply@localhost"}
	}
	if n.cfg.BaseURL == "" {
		n.cfg.BaseURL = "http://127.0.0.1:8080"
	}
	n.cfg.BaseURL = strings.TrimRight(n.cfg.BaseURL, "/")
	jobs.Handle(n.jobs, a.sendOrderConfirmation)
	jobs.Handle(n.jobs, a.sendCareInstructions)
	jobs.Handle(n.jobs, a.sendPasswordReset)
	jobs.Handle(n.jobs, a.fanOutBackInStock)
	jobs.Handle(n.jobs, a.fanOutNewArrivals)
	jobs.Handle(n.jobs, a.sendAlert)
	// One batch at a time per process: a crash cuts off at most one (campaign_send.go).
	jobs.HandleIn(n.jobs, "campaigns", 1, a.sendCampaignBatch)
	a.registerPortalMail()
	jobs.Handle(n.jobs, a.sendTenderReminder)
}

// Jobs returns the App's job queue, for the server to start and stop, and for
// handlers of work that is not the App's own (the CLI's periodic sweeps).
func (a *App) Jobs() *jobs.Queue { return a.notify.jobs }

// Enqueue adds a job inside a use case's write transaction: the job exists if
// and only if tx commits. The job's kind needs a handler on the App's queue.
func (a *App) Enqueue(ctx context.Context, tx *store.Tx, args jobs.Args, opts *jobs.Opts) error {
	_, err := a.notify.jobs.Enqueue(ctx, tx, args, opts)
	return err
}

type langKey struct{}

// WithLang returns a context that carries the customer's language (en, ru, fa)
// into use cases whose letters are written in it, such as Checkout's order
// confirmation. The web layer sets it from the request's locale.
func WithLang(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, langKey{}, lang)
}

// LangFrom returns the language WithLang put in ctx, or "" (letters are then
// in the default language).
func LangFrom(ctx context.Context) string {
	lang, _ := ctx.Value(langKey{}).(string)
	return lang
}

// langOrDefault keeps a supported language code, or gives the default's.
func langOrDefault(lang string) string {
	if l, ok := locale.Get(lang); ok {
		return l.Code
	}
	return locale.Default().Code
}

// send renders a letter in lang and sends it to one person. A letter the
// server refuses for good, or that cannot be composed (a name with a line break
// in it), is not tried again.
func (a *App) send(ctx context.Context, to mail.Address, lang string, l mail.Letter, headers map[string]string) error {
	m, err := mail.Render(lang, l)
	if err != nil {
		return jobs.Permanent(err)
	}
	m.From, m.To, m.Headers = a.notify.cfg.From, []mail.Address{to}, headers
	err = a.notify.mail.Send(ctx, m)
	if mail.Permanent(err) || errs.CodeOf(err) == errs.Invalid {
		return jobs.Permanent(err)
	}
	return err
}

// oneLine makes a name given by a customer fit a mail header: the mail package
// refuses line breaks, and a name has no business spanning lines.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == '\r' || r == '\n' || r == '\v' || r == '\f' || r == 0 || r == 0x85 || r == 0x2028 || r == 0x2029
	}), " ")
}

// link is an absolute link into the shop.
func (a *App) link(path string, query url.Values) string {
	u := a.notify.cfg.BaseURL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	return u
}

// productLink is the shop's page of a product, in language lang.
func (a *App) productLink(lang, sku string) string {
	return a.link("/"+langOrDefault(lang)+"/p/"+url.PathEscape(sku), nil)
}

// errNoRecipient ends a letter's job without sending: there is no one to send it
// to (an organization's order without a contact, a customer without email).
var errNoRecipient = errors.New("no recipient")

func skipNoRecipient(err error) error {
	if errors.Is(err, errNoRecipient) {
		return nil
	}
	return err
}

func requireID(id, what string) error {
	if id == "" {
		return fmt.Errorf("app: %s id is empty", what)
	}
	return nil
}
