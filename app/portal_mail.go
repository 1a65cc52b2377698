package app

import (
	"context"
	"net/url"
	"slices"
	"time"

	"b2x/errs"
	"b2x/ids"
	"b2x/jobs"
	"b2x/licence"
	"b2x/mail"
	"b2x/party"
	"b2x/staff"
	"b2x/store"
)

// The portal's letters: the sign-in link staff send a contact, the notice
// before a standing order runs, and the reminders before a licence's
// maintenance ends. Each is claimed and enqueued in one transaction, so it goes
// out iff the claim commits, once (a claim row, or the contact token itself),
// in the contact's language (contacts.lang, kept at portal sign-in).

// portalLinkJob sends a contact their one-time portal sign-in link. The link is
// a secret kept in the job's row until River's cleaner deletes completed jobs
// (a day), like a password reset link; it works once.
type portalLinkJob struct {
	To           mail.Address `json:"to"`
	Organization string       `json:"organization"`
	Link         string       `json:"link"`
	Lang         string       `json:"lang"`
}

func (portalLinkJob) Kind() string { return "mail.portal_link" }

// recurringNoticeJob tells the buyer of a standing order about its next run.
type recurringNoticeJob struct {
	ScheduleID string    `json:"schedule_id"`
	RunOn      time.Time `json:"run_on"`
}

func (recurringNoticeJob) Kind() string { return "mail.recurring_notice" }

// licenceReminderJob reminds the buyer who ordered a licence that its
// maintenance ends.
type licenceReminderJob struct {
	LicenceID string    `json:"licence_id"`
	Until     time.Time `json:"until"`
	DaysLeft  int       `json:"days_left"` // whole days from the reminder to the end, rounded up
}

func (licenceReminderJob) Kind() string { return "mail.licence_reminder" }

// LicenceReminderDays are the reminders before a licence's maintenance ends:
// one letter as each of these many days is reached (a licence first seen with
// 20 days left gets the 30-day letter, not the 60-day one as well).
var LicenceReminderDays = []int{60, 30, 7}

func (a *App) registerPortalMail() {
	jobs.Handle(a.notify.jobs, a.sendPortalLink)
	jobs.Handle(a.notify.jobs, a.sendRecurringNotice)
	jobs.Handle(a.notify.jobs, a.sendLicenceReminder)
}

// portalLink is the portal page path with an absolute base.
func (a *App) portalLink(path string, q url.Values) string { return a.link("/portal"+path, q) }

// SendPortalSignInLink makes a one-time sign-in link for a contact (as
// CreateContactToken) and mails it to the contact's address in lang (en, ru,
// fa; kept as the contact's language). Staff need customers.edit; the audit log
// records who sent a link to whom, never the link.
func (a *App) SendPortalSignInLink(ctx context.Context, actor Actor, contactID, lang string) (party.Contact, error) {
	if err := require(actor, staff.CustomersEdit); err != nil {
		return party.Contact{}, err
	}
	if !ids.Valid(contactID) {
		return party.Contact{}, errs.E(errs.NotFound, "no contact %s", contactID)
	}
	token, hash, err := staff.NewToken()
	if err != nil {
		return party.Contact{}, err
	}
	lang = langOrDefault(lang)
	var c party.Contact
	return c, a.write(ctx, func(tx *store.Tx) (err error) {
		c, err = tx.Contact(ctx, contactID)
		if err != nil {
			return err
		}
		if !validEmail(c.Email) {
			return errs.Field("email", "the contact has no email address; add one first")
		}
		org, err := tx.Organization(ctx, c.OrganizationID)
		if err != nil {
			return err
		}
		if err := tx.InsertContactToken(ctx, ids.New(), c.ID, hash, "sign-in link by "+actor.Label(), a.clock()); err != nil {
			return err
		}
		if err := tx.SetContactLanguage(ctx, c.ID, lang); err != nil {
			return err
		}
		job := portalLinkJob{To: mail.Address{Name: oneLine(c.Name), Email: c.Email}, Organization: oneLine(org.LegalName),
			Link: a.portalLink("/sign-in", url.Values{"token": {token}}), Lang: lang}
		if err := a.Enqueue(ctx, tx, job, nil); err != nil {
			return err
		}
		return a.audit(ctx, tx, actor, "contact.portal_link", "contact", c.ID, map[string]any{"email": c.Email, "lang": lang})
	})
}

func (a *App) sendPortalLink(ctx context.Context, j portalLinkJob) error {
	return a.send(ctx, j.To, j.Lang, mail.PortalLink{Recipient: mail.Recipient{Name: j.To.Name},
		Organization: j.Organization, Link: j.Link}, nil)
}

// QueueRecurringNotices claims the notices due at now (see
// DueRecurringNotices) and enqueues their letters in the same transaction, so
// a notice is mailed iff it was claimed, once per run. It returns how many.
func (a *App) QueueRecurringNotices(ctx context.Context, now time.Time) (int, error) {
	n := 0
	err := a.write(ctx, func(tx *store.Tx) error {
		ns, err := a.claimRecurringNotices(ctx, tx, now)
		if err != nil {
			return err
		}
		for _, x := range ns {
			if x.Contact == nil || x.Contact.Email == "" {
				continue // nobody to tell; the claim stays so it is not looked at again
			}
			if err := a.Enqueue(ctx, tx, recurringNoticeJob{ScheduleID: x.Schedule.ID, RunOn: x.RunOn}, &jobs.Opts{Unique: true}); err != nil {
				return err
			}
		}
		n = len(ns)
		return nil
	})
	return n, err
}

func (a *App) sendRecurringNotice(ctx context.Context, j recurringNoticeJob) error {
	var (
		to   mail.Address
		lang string
		l    mail.RecurringNotice
		skip bool
	)
	err := a.read(ctx, func(tx *store.Tx) error {
		s, err := tx.Schedule(ctx, j.ScheduleID)
		if err != nil {
			return err
		}
		// Paused, or moved since the notice was claimed: that run will not be made.
		if skip = !s.Active || !s.NextRun.Equal(j.RunOn) || s.ContactID == ""; skip {
			return nil
		}
		c, err := tx.Contact(ctx, s.ContactID)
		if err != nil {
			return err
		}
		to = mail.Address{Name: oneLine(c.Name), Email: c.Email}
		if lang, err = tx.ContactLanguage(ctx, c.ID); err != nil {
			return err
		}
		skus := make([]string, len(s.Lines))
		for i, x := range s.Lines {
			skus[i] = x.SKU
		}
		products, err := tx.ProductsBySKU(ctx, skus)
		if err != nil {
			return err
		}
		l = mail.RecurringNotice{Recipient: mail.Recipient{Name: to.Name}, Schedule: oneLine(s.Name), RunOn: j.RunOn,
			Link: a.portalLink("/recurring/"+s.ID, nil)}
		for _, x := range s.Lines {
			p := products[x.SKU]
			l.Lines = append(l.Lines, mail.NoticeLine{SKU: x.SKU, Name: oneLine(p.Name), Quantity: x.Quantity.String(), Unit: p.Unit})
		}
		return nil
	})
	if err != nil || skip || to.Email == "" {
		return err
	}
	return a.send(ctx, to, langOrDefault(lang), l, nil)
}

// QueueLicenceReminders claims and enqueues, in one transaction, the reminders
// due at now before licences' maintenance ends (LicenceReminderDays): each
// licence, end date and threshold once, whoever calls it and however often. A
// licence whose order names no contact with an email gets none. It returns how
// many were queued.
func (a *App) QueueLicenceReminders(ctx context.Context, now time.Time) (int, error) {
	window := time.Duration(slices.Max(LicenceReminderDays)) * 24 * time.Hour
	n := 0
	err := a.write(ctx, func(tx *store.Tx) error {
		n = 0
		ls, err := tx.LicencesEnding(ctx, now, now.Add(window))
		if err != nil {
			return err
		}
		for _, l := range ls {
			days, ok := reminderDays(l, now)
			if !ok {
				continue
			}
			claimed, err := tx.ClaimLicenceReminder(ctx, l.ID, "maintenance", l.MaintenanceUntil, days, a.clock())
			if err != nil {
				return err
			}
			if !claimed {
				continue
			}
			left := int((l.MaintenanceUntil.Sub(now) + 24*time.Hour - 1) / (24 * time.Hour))
			job := licenceReminderJob{LicenceID: l.ID, Until: l.MaintenanceUntil, DaysLeft: left}
			if err := a.Enqueue(ctx, tx, job, &jobs.Opts{Unique: true}); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// reminderDays is the smallest reminder threshold a licence's maintenance end
// is within at now; false when it is further than the largest or already over.
func reminderDays(l licence.Licence, now time.Time) (int, bool) {
	left := l.MaintenanceUntil.Sub(now)
	if left < 0 {
		return 0, false
	}
	best, ok := 0, false
	for _, d := range LicenceReminderDays {
		if left <= time.Duration(d)*24*time.Hour && (!ok || d < best) {
			best, ok = d, true
		}
	}
	return best, ok
}

func (a *App) sendLicenceReminder(ctx context.Context, j licenceReminderJob) error {
	var (
		to   mail.Address
		lang string
		l    mail.LicenceRenewal
	)
	err := a.read(ctx, func(tx *store.Tx) error {
		lic, err := tx.Licence(ctx, j.LicenceID)
		if err != nil {
			return err
		}
		if !lic.MaintenanceUntil.Equal(j.Until) {
			return errNoRecipient // renewed since: the reminder is moot
		}
		o, err := tx.Order(ctx, lic.OrderID)
		if err != nil {
			return err
		}
		if o.Customer.ContactID == "" {
			return errNoRecipient
		}
		if to, err = recipient(ctx, tx, o); err != nil {
			return err
		}
		if lang, err = tx.ContactLanguage(ctx, o.Customer.ContactID); err != nil {
			return err
		}
		l = mail.LicenceRenewal{Recipient: mail.Recipient{Name: to.Name}, Product: oneLine(lic.Name), Seats: int64(lic.Seats),
			Until: lic.MaintenanceUntil, Days: j.DaysLeft, Link: a.portalLink("/licences/"+lic.ID, nil)}
		return nil
	})
	if err != nil {
		return skipNoRecipient(err)
	}
	return a.send(ctx, to, langOrDefault(lang), l, nil)
}
