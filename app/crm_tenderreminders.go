package app

import (
	"context"
	"time"

	"b2x/crm"
	"b2x/errs"
	"b2x/jobs"
	"b2x/locale"
	"b2x/mail"
	"b2x/store"
)

// TenderReminderLead is how long before a tender's deadline its owner gets a
// reminder letter, when the bid is not in yet.
const TenderReminderLead = 3 * 24 * time.Hour

// tenderReminderJob is the letter reminding a tender's owner of its deadline.
type tenderReminderJob struct {
	TenderID string    `json:"tender_id"`
	Deadline time.Time `json:"deadline"`
}

func (tenderReminderJob) Kind() string { return "mail.tender_reminder" }

// QueueTenderReminders queues a reminder letter for every tender that is open or
// being bid on, not submitted, and whose deadline is within TenderReminderLead;
// a periodic job runs it. Each tender and deadline is reminded once: the
// tender_reminders row is claimed in the transaction that enqueues the letter,
// so two sweeps at once queue one letter. A moved deadline is reminded again.
func (a *App) QueueTenderReminders(ctx context.Context) (int, error) {
	n := 0
	err := a.write(ctx, func(tx *store.Tx) error {
		n = 0
		now := a.clock()
		rs, err := tx.ListTenders(ctx, store.TenderFilter{Outcome: crm.OutcomePending, DeadlineFrom: now,
			DeadlineTo: now.Add(TenderReminderLead + time.Microsecond), Limit: MaxOverdue})
		if err != nil {
			return err
		}
		for _, r := range rs {
			if s := r.Tender.Status(); s != crm.TenderOpen && s != crm.TenderBidding {
				continue
			}
			claimed, err := tx.ClaimTenderReminder(ctx, r.Tender.ID, r.Tender.Deadline, now)
			if err != nil {
				return err
			}
			if !claimed {
				continue
			}
			if err := a.Enqueue(ctx, tx, tenderReminderJob{TenderID: r.Tender.ID, Deadline: r.Tender.Deadline}, nil); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// sendTenderReminder writes to the tender's owner. The letter is marked sent
// after the mail server took it and the mark is checked first, so a retry does
// not send it twice; a tender submitted, decided against or moved meanwhile
// gets no letter.
func (a *App) sendTenderReminder(ctx context.Context, j tenderReminderJob) error {
	var t store.TenderRecord
	var owner string
	var to mail.Address
	err := a.read(ctx, func(tx *store.Tx) error {
		sent, err := tx.TenderReminderSent(ctx, j.TenderID, j.Deadline)
		if err != nil || sent {
			owner = ""
			return err
		}
		if t, err = tx.Tender(ctx, j.TenderID); err != nil {
			return err
		}
		u, err := tx.User(ctx, t.Owner)
		if errs.CodeOf(err) == errs.NotFound {
			return nil
		} else if err != nil {
			return err
		}
		if !u.Disabled {
			owner, to = u.ID, mail.Address{Name: oneLine(u.Name), Email: u.Email}
		}
		return nil
	})
	if errs.CodeOf(err) == errs.NotFound {
		return nil
	}
	if err != nil || owner == "" {
		return err
	}
	if s := t.Tender.Status(); (s != crm.TenderOpen && s != crm.TenderBidding) || !t.Tender.Deadline.Equal(j.Deadline) {
		return nil
	}
	p := locale.NewPrinter(locale.Default(), nil)
	m := mail.Message{From: a.notify.cfg.From, To: []mail.Address{to},
		Subject: p.T("admin.tender_reminder_subject", "title", oneLine(t.Tender.Title)),
		Text: p.T("admin.tender_reminder_text", "title", t.Tender.Title, "deadline", t.Tender.Deadline.Format(time.RFC1123),
			"link", a.link("/admin/tenders/"+t.Tender.ID, nil))}
	if err := a.notify.mail.Send(ctx, m); err != nil {
		if mail.Permanent(err) || errs.CodeOf(err) == errs.Invalid {
			return jobs.Permanent(err)
		}
		return err
	}
	return a.write(ctx, func(tx *store.Tx) error {
		return tx.MarkTenderReminderSent(ctx, j.TenderID, j.Deadline, a.clock())
	})
}
